import Foundation
import Testing

@testable import TestReports

@Suite("Line reader")
struct LineReaderTests {
    func lines(of data: Data, maxLineLength: Int = LineReader.defaultMaxLineLength) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-lines-\(UUID())")
        FileManager.default.createFile(atPath: url.path, contents: data)
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = LineReader(try ReportSource(path: url.path), maxLineLength: maxLineLength)
        var lines: [String] = []
        while let line = try reader.next() { lines.append(line) }
        #expect(reader.lineNumber == lines.count)
        return lines
    }

    @Test(
        "splits at LF, CRLF and lone CR, with or without a final terminator",
        arguments: [
            ("a\nb\n", ["a", "b"]), ("a\r\nb\r\n", ["a", "b"]), ("a\rb", ["a", "b"]),
            ("a\n\nb", ["a", "", "b"]), ("", []), ("\n", [""]), ("a\r\n\r\nb", ["a", "", "b"]),
        ])
    func terminators(text: String, expected: [String]) throws {
        #expect(try lines(of: Data(text.utf8)) == expected)
    }

    @Test("joins lines and CRLF pairs that straddle a chunk boundary")
    func chunkBoundaries() throws {
        let first = String(repeating: "x", count: ReportSource.chunkSize - 1)
        let second = String(repeating: "y", count: ReportSource.chunkSize + 10)
        let lines = try lines(of: Data((first + "\r\n" + second + "\nend").utf8))
        #expect(lines == [first, second, "end"])
    }

    @Test("cuts an overlong line and goes on with the next")
    func overlongLine() throws {
        let lines = try lines(of: Data((String(repeating: "z", count: 100) + "\nnext").utf8), maxLineLength: 10)
        #expect(lines == [String(repeating: "z", count: 10), "next"])
    }

    @Test("replaces invalid UTF-8 instead of failing")
    func invalidUTF8() throws {
        let lines = try lines(of: Data([0x61, 0xFF, 0x62, 0x0A]))
        #expect(lines == ["a\u{FFFD}b"])
    }
}
