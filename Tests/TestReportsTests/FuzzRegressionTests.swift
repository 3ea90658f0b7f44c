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
}
