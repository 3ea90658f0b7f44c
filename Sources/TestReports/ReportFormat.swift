/// The report formats ptupload reads.
public enum ReportFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    case junit
    case tap
    case swiftTest = "swift-test"

    public var description: String { rawValue }

    /// The parser for the format.
    public var parser: any ReportParser {
        switch self {
        case .junit: JUnitXMLParser()
        case .tap: TAPParser()
        case .swiftTest: SwiftTestOutputParser()
        }
    }

    /// Tells the format from the first bytes of a report (not from its name), or says what they
    /// look like: XML is JUnit (the parser refuses other XML by its root), a `TAP version`, plan,
    /// test point or bail-out line among the first lines is TAP, and XCTest, Swift Testing or
    /// SwiftPM build lines are `swift test` output (a failed build too, so that it is reported as
    /// such).
    public static func detect(_ head: [UInt8], file: String) throws(ReportError) -> ReportFormat {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // UTF-16 with a byte order mark, or an XML declaration written in UTF-16.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .junit }
        let text = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if text.isEmpty { throw .empty(file: file) }
        if text.first == UInt8(ascii: "<") { return .junit }
        let lines = String(decoding: text, as: UTF8.self).split(whereSeparator: \.isNewline).prefix(50)
        if lines.contains(where: isTAPLine) { return .tap }
        if lines.contains(where: isSwiftTestLine) { return .swiftTest }
        throw .unsupported(file: file, looksLike: "it begins \(quotedFirstLine(of: text))")
    }

    /// A line only TAP writes: `TAP version N`, a plan `1..N`, a test point, `Bail out!`.
    private static func isTAPLine(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("TAP version ") || trimmed.hasPrefix("Bail out!") { return true }
        if trimmed.hasPrefix("1..") { return trimmed.dropFirst(3).first?.isNumber == true }
        for word in ["ok", "not ok"] where trimmed.hasPrefix(word) {
            let next = trimmed.dropFirst(word.count).first
            return next == nil || next == " " || next == "\t"
        }
        return false
    }

    /// A line of `swift test`'s console: XCTest, Swift Testing (`Test run started`), `--parallel`
    /// progress, or SwiftPM building.
    private static func isSwiftTestLine(_ line: Substring) -> Bool {
        let markers = [
            "Test Suite '", "Test Case '", "Test run started", "] Testing ", "Building for ", "Build complete!",
        ]
        return markers.contains { line.contains($0) } || (line.hasPrefix("[") && line.contains("] Compiling "))
    }

    /// The first line of `bytes`, quoted and cut short, for messages.
    static func quotedFirstLine(of bytes: ArraySlice<UInt8>) -> String {
        let line = String(decoding: bytes.prefix { $0 != 0x0A && $0 != 0x0D }.prefix(60), as: UTF8.self)
        let printable = line.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }
        return "\"\(printable.joined())\""
    }
}
