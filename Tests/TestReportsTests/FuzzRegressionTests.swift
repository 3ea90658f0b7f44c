import Foundation
import Testing

@testable import TestReports

/// Inputs that crashed a parser under the fuzzer (Fuzz/run.sh), cut down to what mattered.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    @Test("a time with more digits than an integer holds is read, not a trap")
    func longTime() {
        let text = "966666666666666666666666666666666666666666699638317"
        #expect(JUnitXMLParser.seconds(from: text) == Double(text))
        let outcome = parse(
            text: "<testsuite name=\"S\"><testcase name=\"t\" time=\"\(text)\"/></testsuite>", with: JUnitXMLParser())
        #expect(outcome.results.count == 1)
    }

    @Test("a parallel crash line whose quotes overlap names no test, and does not trap")
    func overlappingCrashQuotes() {
        let outcome = parse(
            text: """
                Test Suite 'All tests' started at 2025-02-17 12:38:15.972.
                error: Process ' exited with unexpected signal_64 SampleXCTests.ArithmeticTests/testCrash' exited with unexpected signal code 4
                Test Suite 'All tests' passed at 2025-02-17 12:38:15.974.
                """, with: SwiftTestOutputParser())
        #expect(outcome.error == nil)
        #expect(outcome.results.isEmpty)
    }

    @Test("a CDATA section libxml2 will not pass on ends in an error, not an endless loop", .timeLimit(.minutes(1)))
    func stalledCDATA() {
        let outcome = parse(fixturePath("fuzz/junit-cdata-stall.xml"), with: JUnitXMLParser())
        #expect(outcome.error != nil)
    }

    @Test("a single 20 MB line is cut, and the lines after it still read", arguments: ["tap", "swift-test"])
    func hugeLine(format: String) throws {
        // Built here rather than passed as arguments: the test log would print them, and lines
        // that look like swift test's own summary do not belong in it.
        let glyph = "\u{25C7}"
        let (before, after) =
            format == "tap"
            ? ("ok 1 - before\n", "\nok 2 - after\n1..2\n")
            : (
                "\(glyph) Test before() started.\n\(glyph) Test before() passed after 0.001 seconds.\n",
                "\n\(glyph) Test after() started.\n\(glyph) Test after() passed after 0.001 seconds.\n"
            )
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-line-\(UUID())")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(before.utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<20 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data(after.utf8))
        try handle.close()
        let parser = try #require(ReportFormat(rawValue: format)).parser
        let outcome = parse(url.path, with: parser)
        #expect(outcome.error == nil)
        #expect(outcome.results.map(\.status) == [.passed, .passed])
        #expect(outcome.results.allSatisfy { ($0.stdout?.utf8.count ?? 0) < 2 << 20 })
    }
}
