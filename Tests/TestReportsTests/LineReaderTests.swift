import Foundation
import Testing

@testable import TestReports

@Suite("Line reader")
struct LineReaderTests {
    /// The lines of `data` with whether each was cut, checking that numbers count up from 1.
    func lines(of data: Data, maxLineLength: Int = LineReader.defaultMaxLineLength) throws -> [(String, Bool)] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-lines-\(UUID())")
        _ = FileManager.default.createFile(atPath: url.path, contents: data)
        defer { try? FileManager.default.removeItem(at: url) }
        var lines: [(String, Bool)] = []
        try LineReader.forEachLine(in: try ReportSource(path: url.path), maxLineLength: maxLineLength) {
            bytes, number, cut in
            lines.append((String(decoding: bytes, as: UTF8.self), cut))
            #expect(number == lines.count)
        }
        return lines
    }

    @Test(
        "splits at LF, CRLF and lone CR, with or without a final terminator",
        arguments: [
            ("a\nb\n", ["a", "b"]), ("a\r\nb\r\n", ["a", "b"]), ("a\rb", ["a", "b"]),
            ("a\n\nb", ["a", "", "b"]), ("", []), ("\n", [""]), ("a\r\n\r\nb", ["a", "", "b"]),
            ("a\r\rb\n", ["a", "", "b"]),
        ])
    func terminators(text: String, expected: [String]) throws {
        #expect(try lines(of: Data(text.utf8)).map(\.0) == expected)
    }

    @Test("joins lines and CRLF pairs that straddle a chunk boundary")
    func chunkBoundaries() throws {
        let first = String(repeating: "x", count: ReportSource.chunkSize - 1)
        let second = String(repeating: "y", count: ReportSource.chunkSize + 10)
        let lines = try lines(of: Data((first + "\r\n" + second + "\nend").utf8))
        #expect(lines.map(\.0) == [first, second, "end"])
        #expect(lines.allSatisfy { !$0.1 })
    }

    @Test("cuts an overlong line, says so, and goes on with the next", arguments: [10, ReportSource.chunkSize + 5])
    func overlongLine(limit: Int) throws {
        let long = String(repeating: "z", count: 3 * ReportSource.chunkSize)
        let lines = try lines(of: Data((long + "\nnext\n" + long).utf8), maxLineLength: limit)
        #expect(lines.map(\.0) == [String(long.prefix(limit)), "next", String(long.prefix(limit))])
        #expect(lines.map(\.1) == [true, false, true])
    }

    @Test("passes invalid UTF-8 through for the parser to repair")
    func invalidUTF8() throws {
        #expect(try lines(of: Data([0x61, 0xFF, 0x62, 0x0A])).map(\.0) == ["a\u{FFFD}b"])
    }
}
