import CLibXML2
import Foundation

/// Reads JUnit/xUnit XML in every common flavor (pytest, Surefire with reruns, jest-junit, mocha,
/// vitest, go-junit-report, ctest, Catch2, PHPUnit, bazel, cargo-nextest, `swift test
/// --xunit-output`, nested suites) in flat memory.
///
/// It drives libxml2's SAX2 push parser, the engine under `xmlTextReader`, directly: the reader
/// builds every text node whole and, without `XML_PARSE_HUGE`, stops at 10 MB, while the push parser
/// hands text on in pieces, so a 200 MB `<system-out>` keeps only a bounded head and tail.
/// Entities declared in a DTD are never expanded and nothing is loaded from outside the file.
public struct JUnitXMLParser: ReportParser {
    public init() {}

    public func parse(_ source: ReportSource, emit: @escaping (ParseEvent) -> Void) throws(ReportError) {
        let skipped = try Self.skipLeadingWhitespace(in: source)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ReportSource.chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        var count = try source.read(into: buffer)
        guard count > 0 else { throw .empty(file: source.name) }

        let reader = JUnitSAXReader(file: source.name, lineOffset: skipped, emit: emit)
        var handler = JUnitSAXReader.handler()
        let firstBytes = Int32(min(count, 4))
        guard
            let context = xmlCreatePushParserCtxt(
                &handler, Unmanaged.passUnretained(reader).toOpaque(),
                buffer.baseAddress?.assumingMemoryBound(to: CChar.self), firstBytes, source.name)
        else { throw .unreadable(file: source.name, reason: "libxml2 could not start a parser") }
        defer { xmlFreeParserCtxt(context) }
        reader.context = context
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))

        var offset = Int(firstBytes)
        while reader.failure == nil {
            if count == 0 {
                xmlParseChunk(context, nil, 0, 1)
                break
            }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[offset..<count])
            if Self.feed(chunk, to: context) != 0 { break }
            offset = 0
            count = try source.read(into: buffer)
        }
        if let failure = reader.failure { throw failure }
        if context.pointee.wellFormed == 0 {
            throw JUnitSAXReader.reportError(xmlCtxtGetLastError(context), file: source.name, lineOffset: skipped)
        }
        if !reader.sawRoot { throw .empty(file: source.name) }
    }

    /// `123` or `0.123`, the way nearly every tool writes times, read without `strtod`: digits
    /// below 2^53 divided by an exact power of ten round correctly, as `Double(_:)` would.
    private static func plainDecimal(_ text: String) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits: Int?
        for byte in text.utf8 {
            if byte == UInt8(ascii: "."), fractionDigits == nil {
                fractionDigits = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 15 else { return nil }  // Double(_:) reads the longer ones
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                fractionDigits? += 1
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        return Double(mantissa) / powersOfTen[fractionDigits ?? 0]
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ]

    /// Hands bytes to libxml2. Inside a CDATA section its push parser passes on only 300 bytes a
    /// call and fails once 10 MB wait unread, so there the bytes go in small pieces, each drained.
    private static func feed(_ bytes: UnsafeRawBufferPointer, to context: xmlParserCtxtPtr) -> Int32 {
        let piece = 1024
        var offset = 0
        while offset < bytes.count {
            let inCDATA = context.pointee.instate == XML_PARSER_CDATA_SECTION
            let size = inCDATA ? min(piece, bytes.count - offset) : bytes.count - offset
            let start = bytes.baseAddress?.advanced(by: offset).assumingMemoryBound(to: CChar.self)
            var status = xmlParseChunk(context, start, Int32(size), 0)
            offset += size
            // Drain while each call consumes something: a CDATA section libxml2 will not pass on
            // (bad characters in it) must not spin here.
            var waiting = Int.max
            while status == 0, context.pointee.instate == XML_PARSER_CDATA_SECTION,
                let input = context.pointee.input, input.pointee.end - input.pointee.cur > piece,
                input.pointee.end - input.pointee.cur < waiting
            {
                waiting = input.pointee.end - input.pointee.cur
                status = xmlParseChunk(context, nil, 0, 0)
            }
            if status != 0 { return status }
        }
        return 0
    }

    /// Drops blank lines before `<?xml` (a strict parser refuses them; several tools write them)
    /// and returns how many lines were dropped, to keep reported line numbers right.
    private static func skipLeadingWhitespace(in source: ReportSource) throws(ReportError) -> Int {
        let head = try source.peek(4096)
        let blanks = head.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if blanks.count == head.count, head.count < 4096 { throw .empty(file: source.name) }
        guard !blanks.isEmpty, blanks.count < head.count else { return 0 }
        let discard = UnsafeMutableRawBufferPointer.allocate(byteCount: blanks.count, alignment: 1)
        defer { discard.deallocate() }
        _ = try source.read(into: discard)
        return blanks.count { $0 == 0x0A }
    }

    /// Seconds from a JUnit `time` attribute: `1.5`, `1,234.5`, `1e-3`; `nil` for missing, empty,
    /// negative or unreadable values.
    static func seconds(from text: String?) -> Double? {
        guard let text else { return nil }
        if let value = plainDecimal(text) { return value }
        if let value = Double(text) { return value.isFinite && value >= 0 ? value : nil }
        var cleaned = text.trimmingWhitespace()
        if cleaned.utf8.contains(UInt8(ascii: ",")) { cleaned.removeAll { $0 == "," } }
        guard let value = Double(cleaned), value.isFinite, value >= 0 else { return nil }
        return value
    }
}

/// Receives libxml2's SAX2 callbacks and forwards them to a `JUnitReportBuilder`.
private final class JUnitSAXReader {
    let file: String
    let lineOffset: Int
    /// Held through a pointer: the callbacks reach it a dozen times per test case, and a stored
    /// property of a class would pay a dynamic exclusivity check on every one.
    private let builder: UnsafeMutablePointer<JUnitReportBuilder>
    var context: xmlParserCtxtPtr?
    /// The first error; parsing stops at it.
    var failure: ReportError?
    var sawRoot = false
    /// The elements open now, outermost first.
    private var openElements: [JUnitElement] = []
    private var elements: [(name: UnsafePointer<xmlChar>, element: JUnitElement)] = []
    private var attributeNames: [(name: UnsafePointer<xmlChar>, attribute: JUnitAttributes.Name?)] = []

    init(file: String, lineOffset: Int, emit: @escaping (ParseEvent) -> Void) {
        self.file = file
        self.lineOffset = lineOffset
        builder = .allocate(capacity: 1)
        builder.initialize(to: JUnitReportBuilder(emit: emit))
    }

    deinit {
        builder.deinitialize(count: 1)
        builder.deallocate()
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> JUnitSAXReader {
        Unmanaged<JUnitSAXReader>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// A SAX2 handler with only what JUnit needs: no entity declarations are recorded, so no
    /// entity but the five predefined ones and character references is ever expanded.
    static func handler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { pointer, localName, _, _, _, _, attributeCount, _, attributes in
            JUnitSAXReader.from(pointer).startElement(localName, attributeCount, attributes)
        }
        handler.endElementNs = { pointer, localName, _, _ in
            JUnitSAXReader.from(pointer).endElement(localName!)
        }
        handler.characters = { pointer, bytes, length in
            JUnitSAXReader.from(pointer).builder.pointee.text(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        handler.cdataBlock = handler.characters
        handler.serror = { pointer, error in
            JUnitSAXReader.from(pointer).record(error)
        }
        return handler
    }

    private func startElement(
        _ localName: UnsafePointer<xmlChar>?, _ attributeCount: Int32,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        if !sawRoot {
            sawRoot = true
            if let looksLike = JUnitReportBuilder.unsupportedRoot(String(cString: localName!)) {
                failure = .unsupported(file: file, looksLike: looksLike)
                xmlStopParser(context)
                return
            }
        }
        let element = self.element(localName!)
        var values = JUnitAttributes()
        if let attributes, element != .other {
            // Five pointers per attribute: local name, prefix, URI, value start, value end.
            for index in 0..<Int(attributeCount) {
                let base = attributes + index * 5
                guard let name = base[0], let attribute = attributeName(name), let start = base[3], let end = base[4]
                else { continue }
                values.set(
                    attribute,
                    to: String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self))
            }
        }
        openElements.append(element)
        builder.pointee.start(element: element, attributes: values)
    }

    private func endElement(_ localName: UnsafePointer<xmlChar>) {
        openElements.removeLast()
        builder.pointee.end(element: element(localName))
    }

    /// libxml2 interns names, so each distinct name is turned into an enum once and found again by
    /// its address; a report uses a dozen names, so a list beats a hash table.
    private func element(_ name: UnsafePointer<xmlChar>) -> JUnitElement {
        if let known = elements.first(where: { $0.name == name }) { return known.element }
        let element = JUnitElement(rawValue: String(cString: name)) ?? .other
        elements.append((name, element))
        return element
    }

    private func attributeName(_ name: UnsafePointer<xmlChar>) -> JUnitAttributes.Name? {
        if let known = attributeNames.first(where: { $0.name == name }) { return known.attribute }
        let attribute = JUnitAttributes.Name(rawValue: String(cString: name))
        attributeNames.append((name, attribute))
        return attribute
    }

    private func record(_ error: xmlErrorPtr?) {
        guard failure == nil, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        failure = Self.reportError(error, file: file, lineOffset: lineOffset)
        // libxml2 calls a file that stops inside an element "extra content at the end".
        if error.pointee.code == XML_ERR_DOCUMENT_END.rawValue, let open = openElements.last,
            case .malformed(let location, _) = failure
        {
            let name = open == .other ? "an element" : "<\(open.rawValue)>"
            failure = .malformed(location, reason: "unexpected end of file inside \(name): the report is cut short")
        }
    }

    static func reportError(_ error: xmlErrorPtr?, file: String, lineOffset: Int) -> ReportError {
        guard let error else {
            return .malformed(SourceLocation(file: file), reason: "the XML is not well-formed")
        }
        let line = error.pointee.line > 0 ? Int(error.pointee.line) + lineOffset : nil
        let column = error.pointee.int2 > 0 ? Int(error.pointee.int2) : nil
        var message = error.pointee.message.map { String(cString: $0) } ?? "the XML is not well-formed"
        message = message.trimmingWhitespace()
        if error.pointee.code == XML_ERR_UNDECLARED_ENTITY.rawValue {
            message += " (ptupload never expands entities declared in a DTD)"
        } else if message.contains("Huge input lookup") || message.contains("AttValue length too long") {
            message = "a tag or an attribute is longer than 10 MB, libxml2's limit without XML_PARSE_HUGE"
        }
        message = message.prefix(1).lowercased() + message.dropFirst()
        return .malformed(SourceLocation(file: file, line: line, column: column), reason: message)
    }
}
