import Foundation
import Testing

@testable import TestReports

/// Parses `text` as `swift test` output.
private func parseOutput(_ text: String) -> ParseOutcome {
    parse(text: text, with: SwiftTestOutputParser(), fileName: "swift-test.txt")
}

/// The result named `name` (the first, if several).
private func result(_ name: String, in outcome: ParseOutcome) throws -> TestResult {
    try #require(outcome.results.first { $0.name == name }, "no result named \(name)")
}

/// The tests of `SwiftTestOutputParser`, by what they read.
@Suite("swift test output parser")
enum SwiftTestOutputParserTests {}

extension SwiftTestOutputParserTests {
    @Suite("XCTest")
    struct XCTestLines {
        static let linux = """
            Test Suite 'All tests' started at 2026-12-03 15:50:28.543
            Test Suite 'debug.xctest' started at 2026-12-03 15:50:28.596
            Test Suite 'MathTests' started at 2026-12-03 15:50:28.596
            Test Case 'MathTests.testAdds' started at 2026-12-03 15:50:28.596
            Test Case 'MathTests.testAdds' passed (0.25 seconds)
            Test Case 'MathTests.testThreeAssertions' started at 2026-12-03 15:50:28.597
            /src/Tests/MathTests.swift:12: error: MathTests.testThreeAssertions : XCTAssertEqual failed: ("2") is not equal to ("3") - one plus one
            /src/Tests/MathTests.swift:13: error: MathTests.testThreeAssertions : XCTAssertTrue failed - three is odd
            /src/Tests/MathTests.swift:14: error: MathTests.testThreeAssertions : XCTAssertNil failed: "1" - not nil
            Test Case 'MathTests.testThreeAssertions' failed (0.5 seconds)
            Test Case 'MathTests.testSkips' started at 2026-12-03 15:50:28.598
            /src/Tests/MathTests.swift:18: MathTests.testSkips : Test skipped - needs a network connection
            Test Case 'MathTests.testSkips' skipped (0.0 seconds)
            Test Case 'MathTests.testThrows' started at 2026-12-03 15:50:28.598
            <EXPR>:0: error: MathTests.testThrows : threw error "SampleError()"
            Test Case 'MathTests.testThrows' failed (0.001 seconds)
            Test Suite 'MathTests' failed at 2026-12-03 15:50:28.599
            \t Executed 4 tests, with 1 test skipped and 4 failures (1 unexpected) in 0.751 (0.751) seconds
            Test Suite 'debug.xctest' failed at 2026-12-03 15:50:28.599
            \t Executed 4 tests, with 1 test skipped and 4 failures (1 unexpected) in 0.751 (0.751) seconds
            Test Suite 'All tests' failed at 2026-12-03 15:50:28.599
            \t Executed 4 tests, with 1 test skipped and 4 failures (1 unexpected) in 0.751 (0.751) seconds

            """

        static let darwin = """
            Test Suite 'All tests' started at 2025-08-10 01:38:41.772.
            Test Suite 'MyPackageTests.xctest' started at 2025-08-10 01:38:41.773.
            Test Suite 'MathTests' started at 2025-08-10 01:38:41.773.
            Test Case '-[MyTests.MathTests testAdds]' started.
            Test Case '-[MyTests.MathTests testAdds]' passed (0.250 seconds).
            Test Case '-[MyTests.MathTests testThreeAssertions]' started.
            /src/Tests/MathTests.swift:12: error: -[MyTests.MathTests testThreeAssertions] : XCTAssertEqual failed: ("2") is not equal to ("3") - one plus one
            /src/Tests/MathTests.swift:13: error: -[MyTests.MathTests testThreeAssertions] : XCTAssertTrue failed - three is odd
            /src/Tests/MathTests.swift:14: error: -[MyTests.MathTests testThreeAssertions] : XCTAssertNil failed: "1" - not nil
            Test Case '-[MyTests.MathTests testThreeAssertions]' failed (0.500 seconds).
            Test Case '-[MyTests.MathTests testSkips]' started.
            /src/Tests/MathTests.swift:18: -[MyTests.MathTests testSkips] : Test skipped - needs a network connection
            Test Case '-[MyTests.MathTests testSkips]' skipped (0.000 seconds).
            Test Suite 'MathTests' failed at 2025-08-10 01:38:41.939.
                 Executed 3 tests, with 1 test skipped and 3 failures (0 unexpected) in 0.750 (0.750) seconds
            Test Suite 'MyPackageTests.xctest' failed at 2025-08-10 01:38:41.939.
                 Executed 3 tests, with 1 test skipped and 3 failures (0 unexpected) in 0.750 (0.750) seconds
            Test Suite 'All tests' failed at 2025-08-10 01:38:41.939.
                 Executed 3 tests, with 1 test skipped and 3 failures (0 unexpected) in 0.750 (0.751) seconds

            """

        @Test("reads Linux `Suite.test` lines: classname as printed, name, suite path, duration")
        func linuxForm() throws {
            let outcome = parseOutput(Self.linux)
            #expect(outcome.error == nil)
            #expect(outcome.warnings.isEmpty)
            #expect(outcome.counts == ResultCounts(passed: 1, failed: 2, errored: 0, skipped: 1))
            let adds = try result("testAdds", in: outcome)
            #expect(adds.classname == "MathTests")
            #expect(adds.suitePath == ["MathTests"])
            #expect(adds.status == .passed)
            #expect(adds.duration == 0.25)
            #expect(adds.identity.description == "MathTests.testAdds")
        }

        @Test("reads Darwin `-[Module.Suite test]` lines: the module stays in the classname")
        func darwinForm() throws {
            let outcome = parseOutput(Self.darwin)
            #expect(outcome.error == nil)
            #expect(outcome.warnings.isEmpty)
            #expect(outcome.results.map(\.name) == ["testAdds", "testThreeAssertions", "testSkips"])
            #expect(outcome.results.allSatisfy { $0.classname == "MyTests.MathTests" && $0.suitePath == ["MathTests"] })
            #expect(try result("testThreeAssertions", in: outcome).duration == 0.5)
        }

        @Test("a test with three failed assertions has three sub-results", arguments: [linux, darwin])
        func threeAssertions(log: String) throws {
            let test = try result("testThreeAssertions", in: parseOutput(log))
            #expect(test.status == .failed)
            #expect(test.subResults.count == 3)
            #expect(test.subResults.map(\.line) == [12, 13, 14])
            #expect(test.subResults.allSatisfy { $0.status == .failed && $0.file == "/src/Tests/MathTests.swift" })
            #expect(test.subResults.map(\.failureType) == ["XCTAssertEqual", "XCTAssertTrue", "XCTAssertNil"])
            #expect(test.subResults[1].message == "XCTAssertTrue failed - three is odd")
            #expect(test.message == #"XCTAssertEqual failed: ("2") is not equal to ("3") - one plus one"#)
            #expect(test.detail?.components(separatedBy: "\n").count == 3)
            #expect(test.file == "/src/Tests/MathTests.swift")
        }

        @Test("an XCTSkip reason becomes the skipped test's message", arguments: [linux, darwin])
        func skipReason(log: String) throws {
            let test = try result("testSkips", in: parseOutput(log))
            #expect(test.status == .skipped)
            #expect(test.message == "needs a network connection")
            #expect(test.subResults.isEmpty)
        }

        @Test("a thrown error is a failure with no source place")
        func thrownError() throws {
            let test = try result("testThrows", in: parseOutput(Self.linux))
            #expect(test.status == .failed)
            #expect(test.failureType == "thrown error")
            #expect(test.subResults.map(\.file) == [nil])
            #expect(test.message == #"threw error "SampleError()""#)
        }

        @Test("output printed in a test is its stdout; output between tests is the suite's")
        func output() throws {
            let log = """
                Test Suite 'All tests' started at 2026-12-03 15:50:28.543
                Test Suite 'MathTests' started at 2026-12-03 15:50:28.596
                set up the class
                Test Case 'MathTests.testPrints' started at 2026-12-03 15:50:28.596
                hello
                world
                Test Case 'MathTests.testPrints' passed (0.001 seconds)
                Test Suite 'MathTests' passed at 2026-12-03 15:50:28.599
                """
            let outcome = parseOutput(log)
            #expect(try result("testPrints", in: outcome).stdout == "hello\nworld")
            #expect(outcome.events.contains(.suite(TestSuiteRecord(path: ["MathTests"], stdout: "set up the class"))))
        }

        @Test("a summary line that disagrees with the tests found gives a warning; one that agrees gives none")
        func summaryMismatch() throws {
            let agreeing = parseOutput(Self.linux)
            #expect(agreeing.warnings.isEmpty)
            let disagreeing = parseOutput(
                Self.linux.replacingOccurrences(
                    of: "'All tests' failed at 2026-12-03 15:50:28.599\n\t Executed 4 tests",
                    with: "'All tests' failed at 2026-12-03 15:50:28.599\n\t Executed 5 tests"))
            let warning = try #require(disagreeing.warnings.first)
            #expect(disagreeing.warnings.count == 1)
            #expect(warning.contains("swift-test.txt:22:"))
            #expect(
                warning.contains(
                    "the XCTest summary says 5 tests, 1 skipped, 4 failures; ptupload found 4 tests, 1 skipped, 4 failures"
                )
            )
        }

        static let parallel = """
            Building for debugging...
            [3/12] Compiling Sample Sample.swift
            Build complete! (0.10s)
            [1/4] Testing SampleTests.MathTests/testAdds
            [2/4] Testing SampleTests.MathTests/testThreeAssertions
            [3/4] Testing SampleTests.StringTests/testShouts
            [4/4] Testing SampleTests.StringTests/testFailsOnce
            Test Suite 'Selected tests' started at 2026-12-03 15:50:41.751
            Test Suite 'MathTests' started at 2026-12-03 15:50:41.752
            Test Case 'MathTests.testThreeAssertions' started at 2026-12-03 15:50:41.752
            /src/MathTests.swift:12: error: MathTests.testThreeAssertions : XCTAssertEqual failed: ("2") is not equal to ("3")
            /src/MathTests.swift:13: error: MathTests.testThreeAssertions : XCTAssertTrue failed
            /src/MathTests.swift:14: error: MathTests.testThreeAssertions : XCTAssertNil failed: "1"
            Test Case 'MathTests.testThreeAssertions' failed (0.003 seconds)
            Test Suite 'MathTests' failed at 2026-12-03 15:50:41.754
            \t Executed 1 test, with 3 failures (0 unexpected) in 0.003 (0.003) seconds
            Test Suite 'Selected tests' failed at 2026-12-03 15:50:41.754
            \t Executed 1 test, with 3 failures (0 unexpected) in 0.003 (0.003) seconds

            Test Suite 'Selected tests' started at 2026-12-03 15:50:41.764
            Test Suite 'StringTests' started at 2026-12-03 15:50:41.766
            Test Case 'StringTests.testFailsOnce' started at 2026-12-03 15:50:41.766
            /src/StringTests.swift:42: error: StringTests.testFailsOnce : XCTAssertEqual failed: ("HI!") is not equal to ("hi")
            Test Case 'StringTests.testFailsOnce' failed (0.001 seconds)
            Test Suite 'StringTests' failed at 2026-12-03 15:50:41.767
            \t Executed 1 test, with 1 failure (0 unexpected) in 0.001 (0.001) seconds
            Test Suite 'Selected tests' failed at 2026-12-03 15:50:41.767
            \t Executed 1 test, with 1 failure (0 unexpected) in 0.001 (0.001) seconds

            """

        @Test("a parallel run: every `[N/M] Testing` line is a result, failed when its output says so")
        func parallelRun() throws {
            let outcome = parseOutput(Self.parallel)
            #expect(outcome.error == nil)
            #expect(outcome.warnings.isEmpty)
            #expect(outcome.counts == ResultCounts(passed: 2, failed: 2, errored: 0, skipped: 0))
            let failed = try result("testThreeAssertions", in: outcome)
            #expect(failed.classname == "SampleTests.MathTests")
            #expect(failed.subResults.count == 3)
            #expect(failed.duration == 0.003)
            let passed = try result("testShouts", in: outcome)
            #expect(passed.classname == "SampleTests.StringTests")
            #expect(passed.suitePath == ["StringTests"])
            #expect(passed.status == .passed)
        }

        @Test("a parallel run that announces more tests than it lists gives a warning")
        func parallelMissing() throws {
            let outcome = parseOutput(
                Self.parallel.replacingOccurrences(
                    of: "[4/4] Testing SampleTests.StringTests/testFailsOnce\n", with: ""))
            let warning = try #require(outcome.warnings.first)
            #expect(warning.contains("the parallel run announced 4 XCTest tests but printed 3"))
            #expect(outcome.counts.total == 4)
        }

        @Test("compiler progress lines `[N/M] Compiling …` are no tests")
        func buildProgress() {
            let outcome = parseOutput("[1/3] Compiling Sample Sample.swift\n[2/3] Testing is fun\n" + Self.linux)
            #expect(outcome.counts.total == 4)
        }

        @Test("reads xcodebuild's `Test case '…' passed on 'Clone 1 …'` lines")
        func cloneLines() throws {
            let log = """
                Test suite 'BuildFlagTests' started on 'Clone 1 of iPhone 13 mini - xctest (32507)'
                Test case 'BuildFlagTests.test_logs()' passed on 'Clone 1 of iPhone 13 mini - xctest (32507)' (0.003 seconds)
                Test case 'BuildFlagTests.test_fails()' failed on 'Clone 1 of iPhone 13 mini - xctest (59522)' (0.278 seconds)
                Test case 'BuildFlagTests.test_skips()' skipped on 'Clone 1 of iPhone 13 mini - xctest (32503)' (0.005 seconds)
                """
            let outcome = parseOutput(log)
            #expect(outcome.results.map(\.status) == [.passed, .failed, .skipped])
            #expect(outcome.results.map(\.name) == ["test_logs", "test_fails", "test_skips"])
            #expect(try result("test_fails", in: outcome).duration == 0.278)
            #expect(outcome.results.allSatisfy { $0.classname == "BuildFlagTests" })
        }

        @Test("xcodebuild's `Restarting after unexpected exit` makes the test errored, with a warning")
        func restart() throws {
            let log = """
                Test Suite 'All tests' started at 2021-11-05 01:08:23.237
                Test Suite 'ObjCTests' started at 2021-11-05 01:08:23.238
                Restarting after unexpected exit, crash, or test timeout in -[ObjCTests testExample]; summary will include totals from previous launches.
                Test Suite 'ObjCTests' failed at 2021-11-05 01:08:23.443.
                 Executed 0 tests, with 0 failures (0 unexpected) in 0.147 (0.149) seconds
                Test Suite 'All tests' failed at 2021-11-05 01:08:23.443.
                 Executed 0 tests, with 0 failures (0 unexpected) in 0.147 (0.149) seconds
                """
            let outcome = parseOutput(log)
            let test = try result("testExample", in: outcome)
            #expect(test.status == .errored)
            #expect(test.classname == "ObjCTests")
            #expect(outcome.warnings.count == 1)
            #expect(
                outcome.warnings.first?.contains(
                    "restarted the tests after a crash or timeout in -[ObjCTests testExample]")
                    == true)
        }

        @Test("at most a thousand failures of one test become sub-results; the detail counts the rest")
        func boundedFailures() throws {
            var log = "Test Case 'MathTests.testLoops' started at 2026-12-03 15:50:28.596\n"
            for line in 1...1500 { log += "/src/MathTests.swift:\(line): error: MathTests.testLoops : XCTFail\n" }
            log += "Test Case 'MathTests.testLoops' failed (1.0 seconds)\n"
            let test = try result("testLoops", in: parseOutput(log))
            #expect(test.subResults.count == 1000)
            #expect(test.detail?.hasSuffix("… and 500 more failures") == true)
        }
    }
}

/// The glyphs one platform prints before Swift Testing's events.
struct Glyphs: Sendable, CustomTestStringConvertible {
    var platform: String
    var start, pass, fail, skip, known, detail: String

    var testDescription: String { platform }

    static let all = [
        Glyphs(platform: "Linux", start: "◇", pass: "✔", fail: "✘", skip: "➜", known: "━", detail: "↳"),
        Glyphs(
            platform: "macOS SF Symbols", start: "\u{1007C8}", pass: "\u{10105B}", fail: "\u{100884}",
            skip: "\u{10065F}", known: "\u{100884}", detail: "\u{100135}"),
        Glyphs(platform: "Windows", start: "◊", pass: "√", fail: "×", skip: "×", known: "×", detail: "→"),
        Glyphs(
            platform: "coloured", start: "\u{1B}[1;90m◇\u{1B}[0m", pass: "\u{1B}[1;32m✔\u{1B}[0m",
            fail: "\u{1B}[1;31m✘\u{1B}[0m", skip: "\u{1B}[1;90m➜\u{1B}[0m", known: "\u{1B}[1;90m━\u{1B}[0m",
            detail: "\u{1B}[90m↳\u{1B}[0m"),
    ]

    /// A Swift 6.3 run in this platform's glyphs: a pass, a failure with two issues, a skip, a
    /// known issue and a parameterized test whose second argument fails.
    func run(separator: String = " ") -> String {
        let s = separator
        return """
            \(start)\(s)Test run started.
            \(detail)\(s)Testing Library Version: 6.3.1 (937120cbc281cf2)
            \(start)\(s)Suite "Arithmetic suite" started.
            \(start)\(s)Test "adds two numbers" started.
            \(start)\(s)Test failsTwice() started.
            \(skip)\(s)Test disabledTest() skipped: "waiting for the new API"
            \(start)\(s)Test knownIssue() started.
            \(start)\(s)Test isEven(value:) started.
            \(start)\(s)Test case passing 1 argument value → 1 to isEven(value:) started.
            \(start)\(s)Test case passing 1 argument value → 2 to isEven(value:) started.
            \(fail)\(s)Test isEven(value:) recorded an issue with 1 argument value → 1 at SampleSwiftTests.swift:31:9: Expectation failed: Sample.isEven(value → 1)
            \(fail)\(s)Test failsTwice() recorded an issue at SampleSwiftTests.swift:14:9: Expectation failed: (Sample.add(1, 1) → 2) == 3
            \(fail)\(s)Test failsTwice() recorded an issue at SampleSwiftTests.swift:15:9: Expectation failed: Sample.isEven(3)
            \(detail)\(s)three is odd
              and a second line
            \(known)\(s)Test knownIssue() recorded a known issue at SampleSwiftTests.swift:25:13: Expectation failed: (Sample.add(1, 1) → 2) == 3
            \(detail)\(s)rounding is off by one
            \(pass)\(s)Test "adds two numbers" passed after 0.002 seconds.
            \(fail)\(s)Test isEven(value:) with 2 test cases failed after 0.003 seconds with 1 issue.
            \(fail)\(s)Test failsTwice() failed after 0.004 seconds with 2 issues.
            \(known)\(s)Test knownIssue() passed after 0.005 seconds with 1 known issue.
            \(fail)\(s)Suite "Arithmetic suite" failed after 0.006 seconds with 4 issues (including 1 known issue).
            \(detail)\(s)/// Tests of arithmetic.
            \(fail)\(s)Test run with 5 tests in 1 suite failed after 0.007 seconds with 4 issues (including 1 known issue).

            """
    }
}

extension SwiftTestOutputParserTests {
    @Suite("Swift Testing")
    struct SwiftTestingLines {
        @Test("reads Swift Testing lines whatever glyph the platform prints", arguments: Glyphs.all)
        func glyphs(glyphs: Glyphs) throws {
            for separator in [" ", "  "] {
                let outcome = parseOutput(glyphs.run(separator: separator))
                #expect(outcome.error == nil)
                #expect(outcome.warnings.isEmpty, "\(outcome.warnings)")
                #expect(outcome.counts == ResultCounts(passed: 2, failed: 2, errored: 0, skipped: 1))
                #expect(
                    outcome.results.map(\.name)
                        == ["disabledTest()", "adds two numbers", "isEven(value:)", "failsTwice()", "knownIssue()"])
            }
        }

        @Test("a test's identity is its name as printed, without a display name's quotes, and no classname")
        func identity() throws {
            let outcome = parseOutput(Glyphs.all[0].run())
            let adds = try result("adds two numbers", in: outcome)
            #expect(adds.classname == nil)
            #expect(adds.suitePath == [])
            #expect(adds.identity.description == "adds two numbers")
            #expect(adds.duration == 0.002)
            #expect(try result("failsTwice()", in: outcome).duration == 0.004)
        }

        @Test("verbose output: `(aka 'f()')` becomes the function property, types do not hide issues")
        func verbose() throws {
            let log = """
                ◇ Test run started.
                ◇ Test "adds two numbers" (aka 'adds()') started.
                ◇ Test isEven(value:) started.
                ◇ Test case passing 1 argument value → 1 (Swift.Int) to isEven(value:) started.
                ✘ Test isEven(value:) recorded an issue with 1 argument value → 1 at SampleSwiftTests.swift:31:9: Expectation failed: Sample.isEven(value → 1)
                ↳ value: Swift.Int → 1
                ✘ Test case passing 1 argument value → 1 (Swift.Int) to isEven(value:) failed after 0.001 seconds with 1 issue.
                ◇ Test case passing 1 argument value → 2 (Swift.Int) to isEven(value:) started.
                ✔ Test case passing 1 argument value → 2 (Swift.Int) to isEven(value:) passed after 0.002 seconds.
                ✔ Test "adds two numbers" (aka 'adds()') passed after 0.002 seconds.
                ✘ Test isEven(value:) with 2 test cases failed after 0.003 seconds with 1 issue.
                ✘ Test run with 2 tests in 0 suites failed after 0.004 seconds with 1 issue.
                """
            let outcome = parseOutput(log)
            #expect(outcome.warnings.isEmpty)
            let adds = try result("adds two numbers", in: outcome)
            #expect(adds.properties == [TestProperty(name: "function", value: "adds()")])
            let isEven = try result("isEven(value:)", in: outcome)
            #expect(isEven.subResults.map(\.name) == ["value → 1 (Swift.Int)", "value → 2 (Swift.Int)"])
            #expect(isEven.subResults.map(\.status) == [.failed, .passed])
            #expect(isEven.subResults.map(\.duration) == [0.001, 0.002])
            #expect(isEven.subResults[0].detail?.contains("value: Swift.Int → 1") == true)
        }

        @Test("a skip keeps its reason without quotes; a skip without one has no message")
        func skips() throws {
            let outcome = parseOutput(
                """
                ➜ Test disabledTest() skipped: "waiting for the new API"
                ➜ Test "Dumping a plan" skipped.
                """)
            #expect(outcome.results.map(\.status) == [.skipped, .skipped])
            #expect(outcome.results.map(\.message) == ["waiting for the new API", nil])
            #expect(outcome.results.map(\.name) == ["disabledTest()", "Dumping a plan"])
        }

        @Test("each issue is a sub-result with its place, message and detail lines")
        func issues() throws {
            let test = try result("failsTwice()", in: parseOutput(Glyphs.all[0].run()))
            #expect(test.status == .failed)
            #expect(test.subResults.map(\.name) == ["issue 1", "issue 2"])
            #expect(test.subResults.map(\.line) == [14, 15])
            #expect(test.subResults.allSatisfy { $0.file == "SampleSwiftTests.swift" && $0.status == .failed })
            #expect(test.subResults[1].message == "Expectation failed: Sample.isEven(3)")
            #expect(test.subResults[1].detail == "three is odd\n  and a second line")
            #expect(test.message == "Expectation failed: (Sample.add(1, 1) → 2) == 3")
            #expect(test.file == "SampleSwiftTests.swift")
        }

        @Test("a known issue and a warning do not fail the test")
        func knownIssuesAndWarnings() throws {
            let outcome = parseOutput(
                """
                ◇ Test knownIssue() started.
                ━ Test knownIssue() recorded a known issue at SampleSwiftTests.swift:25:13: Expectation failed: 1 == 2
                ↳ rounding is off by one
                ◇ Test recordsWarning() started.
                ⚠︎ Test recordsWarning() recorded a warning at SampleSwiftTests.swift:67:21: Issue recorded
                ↳ slow path taken
                ━ Test knownIssue() passed after 0.002 seconds with 1 known issue.
                ✔ Test recordsWarning() passed after 0.002 seconds with 1 warning.
                ✔ Test run with 2 tests in 0 suites passed after 0.004 seconds with 2 issues (including 1 warning and 1 known issue).
                """)
            #expect(outcome.warnings.isEmpty)
            #expect(outcome.counts == ResultCounts(passed: 2, failed: 0, errored: 0, skipped: 0))
            let known = try result("knownIssue()", in: outcome)
            #expect(known.subResults.map(\.status) == [.skipped])
            #expect(known.subResults.map(\.failureType) == ["known issue"])
            #expect(known.subResults.first?.detail == "rounding is off by one")
            let warning = try result("recordsWarning()", in: outcome)
            #expect(warning.subResults.map(\.status) == [.passed])
            #expect(warning.subResults.map(\.name) == ["warning 1"])
        }

        @Test("a parameterized test has a sub-result per argument set, failed when an issue names it")
        func parameterized() throws {
            let test = try result("isEven(value:)", in: parseOutput(Glyphs.all[0].run()))
            #expect(test.status == .failed)
            #expect(test.subResults.map(\.name) == ["value → 1", "value → 2"])
            #expect(test.subResults.map(\.status) == [.failed, .passed])
            #expect(test.subResults[0].message == "Expectation failed: Sample.isEven(value → 1)")
            #expect(test.subResults[0].line == 31)
        }

        @Test("reads the older `Passing N arguments … to test` lines and values over several lines")
        func olderAndMultilineArguments() throws {
            let log = """
                􀟈  Test run started.
                􀟈  Test macro() started.
                􀟈  Passing 1 argument input → "struct S {
                    func f() {}
                }" to macro()
                􀟈  Passing 1 argument input → "enum E {}" to macro()
                􀢄  Test macro() recorded an issue with 1 argument input → "struct S {
                    func f() {}
                }" at MacroTests.swift:363:7: Expectation failed: output
                􀢄  Test macro() failed after 1.288 seconds with 1 issue.
                􀢄  Test run with 1 test failed after 1.3 seconds with 1 issue.
                """
            let outcome = parseOutput(log)
            #expect(outcome.warnings.isEmpty)
            let test = try result("macro()", in: outcome)
            #expect(
                test.subResults.map(\.name) == ["input → \"struct S {\n    func f() {}\n}\"", "input → \"enum E {}\""])
            #expect(test.subResults.map(\.status) == [.failed, .passed])
            #expect(test.subResults[0].line == 363)
        }

        @Test("interleaved lines of tests running in parallel go to the right test")
        func interleaved() throws {
            let log = """
                ◇ Test first() started.
                ◇ Test second() started.
                ✘ Test second() recorded an issue at B.swift:2:1: second broke
                ✘ Test first() recorded an issue at A.swift:1:1: first broke
                ✔ Test second() passed after 0.2 seconds.
                ◇ Test third() started.
                ✘ Test first() failed after 0.1 seconds with 1 issue.
                printed by third
                ✔ Test third() passed after 0.3 seconds.
                """
            let outcome = parseOutput(log)
            #expect(outcome.results.map(\.name) == ["second()", "first()", "third()"])
            #expect(try result("first()", in: outcome).subResults.map(\.message) == ["first broke"])
            #expect(try result("second()", in: outcome).subResults.map(\.file) == ["B.swift"])
            #expect(try result("third()", in: outcome).stdout == "printed by third")
        }

        @Test("two running tests with one printed name end first in, first out")
        func sameName() throws {
            let log = """
                ◇ Test "Codable" started.
                ◇ Test "Codable" started.
                ✔ Test "Codable" passed after 0.1 seconds.
                ✔ Test "Codable" passed after 0.2 seconds.
                """
            #expect(parseOutput(log).results.map(\.duration) == [0.1, 0.2])
        }

        @Test(
            "a summary that disagrees with the tests found gives a warning, with or without `in M suites`",
            arguments: [
                "✘ Test run with 6 tests in 1 suite failed after 0.007 seconds with 4 issues (including 1 known issue).",
                "✘ Test run with 6 tests failed after 0.007 seconds with 4 issues.",
            ])
        func summaryMismatch(summary: String) throws {
            let log =
                Glyphs.all[0].run().components(separatedBy: "\n").dropLast(2).joined(separator: "\n") + "\n" + summary
            let outcome = parseOutput(log)
            #expect(outcome.warnings.count == 1)
            #expect(
                outcome.warnings.first?.contains(
                    "the Swift Testing summary counts 6 tests and 4 issues; ptupload found 5 tests and 4 issues")
                    == true)
        }

        @Test("the comments printed after a failed suite or the run start are nobody's output")
        func comments() throws {
            let outcome = parseOutput(
                """
                ◇ Test run started.
                ↳ Testing Library Version: 6.3.1
                ◇ Test lone() started.
                ✘ Suite Other failed after 0.1 seconds with 1 issue.
                ↳ /// The other suite.
                ✔ Test lone() passed after 0.2 seconds.
                """)
            #expect(try result("lone()", in: outcome).stdout == nil)
        }
    }
}

extension SwiftTestOutputParserTests {
    @Suite("crashes, build failures, other input")
    struct Failures {
        @Test("an XCTest crash makes the running test errored with the crash text, and warns of missing results")
        func xctestCrash() throws {
            let log = """
                Test Suite 'All tests' started at 2026-12-03 15:50:50.141
                Test Suite 'MathTests' started at 2026-12-03 15:50:50.143
                Test Case 'MathTests.testAdds' started at 2026-12-03 15:50:50.143
                Test Case 'MathTests.testAdds' passed (0.001 seconds)
                Test Case 'MathTests.testCrashes' started at 2026-12-03 15:50:50.144
                about to unwrap nil
                Tests/MathTests.swift:30: Fatal error: Unexpectedly found nil while unwrapping an Optional value

                *** Signal 4: Backtracing from 0x7fda5fd6df7f... done ***
                error: Exited with unexpected signal code 11
                """
            let outcome = parseOutput(log)
            #expect(outcome.error == nil)
            #expect(outcome.counts == ResultCounts(passed: 1, failed: 0, errored: 1, skipped: 0))
            let crashed = try result("testCrashes", in: outcome)
            #expect(
                crashed.message
                    == "Tests/MathTests.swift:30: Fatal error: Unexpectedly found nil while unwrapping an Optional value"
            )
            #expect(crashed.failureType == "crash")
            #expect(crashed.detail?.contains("Exited with unexpected signal code 11") == true)
            #expect(crashed.stdout == "about to unwrap nil")
            #expect(outcome.warnings.count == 1)
            let warning = try #require(outcome.warnings.first)
            #expect(warning.contains("swift-test.txt:7: the test process crashed in XCTest test MathTests.testCrashes"))
            #expect(warning.contains("did not run, so their results are missing"))
        }

        @Test("a Swift Testing crash makes every running test errored")
        func swiftTestingCrash() throws {
            let log = """
                ◇ Test run started.
                ◇ Test done() started.
                ◇ Test crashes() started.
                ◇ Test other() started.
                ✔ Test done() passed after 0.1 seconds.
                Sources/Crash.swift:57: Fatal error: crashed on purpose
                *** Program crashed: Illegal instruction at 0x00007fba5baf9361 ***
                """
            let outcome = parseOutput(log)
            #expect(outcome.counts == ResultCounts(passed: 1, failed: 0, errored: 2, skipped: 0))
            #expect(outcome.results.filter { $0.status == .errored }.map(\.name) == ["crashes()", "other()"])
            #expect(outcome.results.last?.message == "Sources/Crash.swift:57: Fatal error: crashed on purpose")
            #expect(outcome.warnings.count == 1)
            #expect(outcome.warnings.first?.contains("crashed while Swift Testing ran crashes() and other()") == true)
        }

        @Test("output cut short makes the running test errored, with a warning")
        func truncated() throws {
            let outcome = parseOutput(
                """
                Test Suite 'All tests' started at 2026-12-03 15:50:50.141
                Test Case 'MathTests.testAdds' started at 2026-12-03 15:50:50.143
                """)
            #expect(outcome.results.map(\.status) == [.errored])
            #expect(outcome.warnings.count == 1)
            #expect(
                outcome.warnings.first?.contains("the output ends while XCTest test MathTests.testAdds is running")
                    == true)
        }

        @Test("output cut short between tests warns that results may be missing, once")
        func cutBetweenTests() throws {
            let xctest = parseOutput(
                """
                Test Suite 'All tests' started at 2026-12-03 15:50:50.141
                Test Case 'MathTests.testAdds' started at 2026-12-03 15:50:50.143
                Test Case 'MathTests.testAdds' passed (0.001 seconds)
                """)
            #expect(xctest.results.map(\.status) == [.passed])
            #expect(xctest.warnings.count == 1)
            #expect(xctest.warnings.first?.contains("the output ends inside XCTest suite 'All tests'") == true)
            let swiftTesting = parseOutput(
                "◇ Test run started.\n◇ Test a() started.\n✔ Test a() passed after 0.1 seconds.\n")
            #expect(swiftTesting.warnings.count == 1)
            #expect(swiftTesting.warnings.first?.contains("the Swift Testing run has no summary line") == true)
        }

        @Test("a build failure is an error that quotes the first compiler error, never an empty success")
        func buildFailure() throws {
            let log = """
                Building for debugging...
                [0/15] Write sources
                error: emit-module command failed with exit code 1 (use -v to see invocation)
                [5/17] Emitting module Sample
                /src/Sources/Sample/Sample.swift:11:37: error: cannot convert value of type 'String' to specified type 'Int'
                11 |     public static let broken: Int = "not a number"
                   |                                     `- error: cannot convert value of type 'String' to specified type 'Int'
                error: fatalError
                """
            let error = try #require(parseOutput(log).error)
            guard case .malformed(let location, let reason) = error else {
                Issue.record("expected a malformed error, got \(error)")
                return
            }
            #expect(location.line == 5)
            #expect(
                reason
                    == "the build failed, no tests ran: /src/Sources/Sample/Sample.swift:11:37: error: cannot convert value of type 'String' to specified type 'Int'"
            )
        }

        @Test("text with no test output is an error; an empty file is the empty error")
        func notSwiftTestOutput() throws {
            let error = try #require(parseOutput("hello\nworld\n").error)
            #expect(error.reason == "no swift test output found")
            let empty = try #require(parseOutput("").error)
            guard case .empty = empty else {
                Issue.record("expected the empty error, got \(empty)")
                return
            }
        }

        @Test("a run with no tests is no error")
        func emptyRun() {
            let outcome = parseOutput(
                """
                Test Suite 'All tests' started at 2025-02-17 12:38:15.972.
                Test Suite 'All tests' passed at 2025-02-17 12:38:15.974.
                     Executed 0 tests, with 0 failures (0 unexpected) in 0.000 (0.001) seconds
                """)
            #expect(outcome.error == nil)
            #expect(outcome.results.isEmpty)
            #expect(outcome.warnings.isEmpty)
        }

        @Test("lines and a CRLF that straddle the edge of the read buffer read whole, and are counted once")
        func chunkEdges() throws {
            var text = String(repeating: "x", count: ReportSource.chunkSize - 1) + "\r\n"
            text += "Test Suite 'All tests' started at 2026-12-03 15:50:28.543\r\n"
            for number in 1...3000 {
                text += "Test Case 'MathTests.testNumber\(number)' started at 2026-12-03 15:50:28.596\r\n"
                text += "Test Case 'MathTests.testNumber\(number)' passed (0.001 seconds)\r\n"
            }
            text += "Test Suite 'All tests' passed at 2026-12-03 15:50:29.599\r\n"
            text += "\tExecuted 3001 tests, with 0 failures (0 unexpected) in 1.0 (1.0) seconds"
            let outcome = parseOutput(text)
            #expect(outcome.results.count == 3000)
            #expect(outcome.warnings.count == 1)
            #expect(outcome.warnings.first?.contains("swift-test.txt:6004: the XCTest summary says 3001 tests") == true)
            #expect(outcome.results.map(\.name) == (1...3000).map { "testNumber\($0)" })
            #expect(outcome.results.allSatisfy { $0.duration == 0.001 && $0.classname == "MathTests" })
        }

        @Test("CRLF and CR line ends read the same as LF", arguments: ["\r\n", "\r"])
        func lineEnds(terminator: String) throws {
            let text = try String(contentsOfFile: fixturePath("swift-test/generated/plain.txt"), encoding: .utf8)
            let lf = parseOutput(text)
            let other = parseOutput(text.replacingOccurrences(of: "\n", with: terminator))
            #expect(other.results == lf.results)
            #expect(other.results.count == 21)
        }
    }
}

/// Expected results of one output `Fixtures/swift-test/regenerate.sh` saved.
struct GeneratedOutput: Sendable, CustomTestStringConvertible {
    var file: String
    var counts: ResultCounts
    var warnings: Int

    var testDescription: String { file }

    /// After regenerating, update these counts: test order and crash timing vary between runs.
    static let all = [
        GeneratedOutput(
            file: "plain.txt", counts: ResultCounts(passed: 11, failed: 7, errored: 0, skipped: 3), warnings: 0),
        GeneratedOutput(
            file: "verbose.txt", counts: ResultCounts(passed: 11, failed: 7, errored: 0, skipped: 3), warnings: 0),
        // A parallel run prints nothing of a test that passes or skips: the XCTSkip shows as a pass.
        GeneratedOutput(
            file: "parallel.txt", counts: ResultCounts(passed: 12, failed: 7, errored: 0, skipped: 2), warnings: 0),
        GeneratedOutput(
            file: "xunit-run.txt", counts: ResultCounts(passed: 12, failed: 7, errored: 0, skipped: 2), warnings: 0),
        // The crash ends the XCTest run after its second test; Swift Testing runs after it.
        GeneratedOutput(
            file: "crash-xctest.txt", counts: ResultCounts(passed: 8, failed: 4, errored: 1, skipped: 2), warnings: 1),
        GeneratedOutput(
            file: "crash-xctest-parallel.txt", counts: ResultCounts(passed: 11, failed: 7, errored: 1, skipped: 2),
            warnings: 1),
        // XCTest runs whole; Swift Testing dies with the tests that were running at the crash.
        GeneratedOutput(
            file: "crash-swift-testing.txt", counts: ResultCounts(passed: 4, failed: 3, errored: 2, skipped: 1),
            warnings: 1),
    ]
}

extension SwiftTestOutputParserTests {
    @Suite("this toolchain's outputs of Fixtures/swift-test/SamplePackage")
    struct GeneratedOutputs {
        static func outcome(_ file: String) -> ParseOutcome {
            parse(fixturePath("swift-test/generated/" + file), with: SwiftTestOutputParser())
        }

        @Test("each saved output gives exactly the expected counts and warnings", arguments: GeneratedOutput.all)
        func counts(expected: GeneratedOutput) {
            let outcome = Self.outcome(expected.file)
            #expect(outcome.error == nil)
            #expect(outcome.counts == expected.counts)
            #expect(outcome.warnings.count == expected.warnings, "\(outcome.warnings)")
        }

        @Test("the plain run gives every test of the sample package, by name, with its status")
        func plainNames() {
            let found = Set(Self.outcome("plain.txt").results.map { "\($0.identity) \($0.status)" })
            let expected: Set<String> = [
                "ArithmeticTests.testAddsTwoNumbers passed", "ArithmeticTests.testCrashesWhenAsked passed",
                "ArithmeticTests.testFailsThreeAssertions failed", "ArithmeticTests.testPrintsToStandardOutput passed",
                "ArithmeticTests.testSkippedWithReason skipped", "StringTests.testFailsOnce failed",
                "StringTests.testShouts passed", "StringTests.testThrowsError failed",
                "adds two numbers passed", "failsTwice() failed", "disabledTest() skipped", "knownIssue() passed",
                "isEven(value:) failed", "twoArguments(text:count:) passed", "innerPasses() passed",
                "topLevelPasses() passed", "crashesWhenAsked() passed", "recordsWarning() passed",
                "throwsError() failed",
                "multilineComment() failed", "neverRuns() skipped",
            ]
            #expect(found == expected)
        }

        @Test(
            "the plain run's details: three assertions, a skip reason, argument sets, output",
            arguments: ["plain.txt", "verbose.txt"])
        func plainDetails(file: String) throws {
            let outcome = Self.outcome(file)
            #expect(try result("testFailsThreeAssertions", in: outcome).subResults.count == 3)
            #expect(try result("testSkippedWithReason", in: outcome).message == "needs a network connection")
            #expect(
                try result("testPrintsToStandardOutput", in: outcome).stdout == "hello from testPrintsToStandardOutput")
            let isEven = try result("isEven(value:)", in: outcome)
            #expect(
                isEven.subResults.map(\.status).sorted { $0.rawValue < $1.rawValue } == [
                    .failed, .failed, .passed, .passed,
                ])
            #expect(
                Set(isEven.subResults.filter { $0.status == .failed }.compactMap { $0.name.first { $0.isNumber } }) == [
                    "1", "3",
                ])
            #expect(try result("twoArguments(text:count:)", in: outcome).subResults.count == 4)
            #expect(
                try result("multilineComment()", in: outcome).subResults.first?.detail?.hasPrefix(
                    "first line\n  second line") == true)
            #expect(try result("disabledTest()", in: outcome).message == "waiting for the new API")
        }

        @Test("the Swift Testing tests running at the crash are errored, the crashing one among them")
        func swiftTestingCrash() throws {
            let outcome = Self.outcome("crash-swift-testing.txt")
            let errored = outcome.results.filter { $0.status == .errored }
            #expect(errored.map(\.name).contains("crashesWhenAsked()"))
            #expect(errored.allSatisfy { $0.message?.hasSuffix("Fatal error: crashed on purpose") == true })
            #expect(outcome.results.filter { $0.classname != nil }.count == 8)
        }

        @Test("the crashed XCTest test is errored with the runtime's message")
        func crash() throws {
            let outcome = Self.outcome("crash-xctest.txt")
            let crashed = try result("testCrashesWhenAsked", in: outcome)
            #expect(crashed.status == .errored)
            #expect(
                crashed.message?.hasSuffix("Fatal error: Unexpectedly found nil while unwrapping an Optional value")
                    == true
            )
            #expect(crashed.detail?.contains("*** Program crashed: Illegal instruction") == true)
            #expect(outcome.warnings.first?.contains("did not run, so their results are missing") == true)
        }

        @Test("the build failure is an error quoting the compiler")
        func buildFailure() throws {
            let error = try #require(Self.outcome("build-failure.txt").error)
            #expect(error.reason.hasPrefix("the build failed, no tests ran: /"))
            #expect(error.reason.contains("/Sources/Sample/Sample.swift:11:"))
            #expect(error.reason.hasSuffix(": error: cannot convert value of type 'String' to specified type 'Int'"))
        }

        @Test("the console and the XUnit file of one parallel run name the same XCTest tests")
        func xunitAgrees() throws {
            let xunit = parse(fixturePath("swift-test/generated/xunit.xml"), with: JUnitXMLParser())
            try #require(xunit.error == nil)
            let console = Self.outcome("xunit-run.txt").results.filter { $0.classname != nil }
            #expect(Set(console.map(\.identity)) == Set(xunit.results.map(\.identity)))
            #expect(console.count == 8)
        }
    }
}

extension SwiftTestOutputParserTests {
    @Suite("xcbeautify's logs")
    struct PeerLogs {
        static let rows = ManifestRow.load(fixturePath("swift-test/peer/MANIFEST.tsv"))

        /// Rows whose counts xcbeautify's JUnit gives and ptupload does not reach, and why. Empty: xcbeautify
        /// has no errored status, so its failures are compared with ptupload's failed plus errored.
        static let knownDifferences: [String: String] = [:]

        /// Rows the source gives no counts for: what ptupload finds, and why that is right.
        static let ownExpectations: [String: (counts: ResultCounts, why: String)] = [
            "spi_swift_testing_full_log.txt": (
                ResultCounts(passed: 1, failed: 3, errored: 0, skipped: 0), "the log's summary: 4 tests, 3 issues"
            ),
            "spi_swift_testing_short_log.txt": (
                ResultCounts(passed: 1, failed: 3, errored: 0, skipped: 0), "the log's summary: 4 tests, 3 issues"
            ),
            "demo_swift_testing_log.txt": (
                ResultCounts(passed: 1, failed: 1, errored: 0, skipped: 1), "the log's summary: 3 tests, 1 issue"
            ),
            "CLITests_terminal_log.txt": (
                ResultCounts(passed: 1, failed: 1, errored: 0, skipped: 1),
                "the same bytes as demo_swift_testing_log.txt"
            ),
            "MixedTestLog.txt": (
                ResultCounts(passed: 4, failed: 0, errored: 0, skipped: 0),
                "2 XCTest and 2 Swift Testing tests, all passed"
            ),
            "xctest_crash_log.txt": (
                ResultCounts(passed: 6, failed: 0, errored: 1, skipped: 0),
                "6 tests passed, then testToday crashed and the log ends"
            ),
            "swift_test_log_macOS_colored.txt": (
                ResultCounts(), "xcbeautify's coloured rendering, not swift test output: no test line is left to read"
            ),
        ]

        /// Warnings each log must give.
        static let warnings: [String: Int] = [
            "TestLog.txt": 2,  // two `Restarting after unexpected exit` lines
            "xctest_crash_log.txt": 1,  // the crash
            "swift_test_log_macOS_colored.txt": 1,  // its XCTest summary counts 113 tests, none are readable
        ]

        @Test("the manifest lists every copied log")
        func manifest() {
            #expect(Self.rows.count == 13)
            for row in Self.rows {
                #expect(
                    FileManager.default.fileExists(atPath: fixturePath("swift-test/peer/" + row.file)), "\(row.file)")
            }
        }

        @Test(
            "counts agree with xcbeautify's JUnit, or with the log's own summary, or differ for a stated reason",
            arguments: rows)
        func counts(row: ManifestRow) throws {
            let outcome = parse(fixturePath("swift-test/peer/" + row.file), with: SwiftTestOutputParser())
            if row.tests == 0 {
                #expect(outcome.error?.reason == "no swift test output found", "a log without tests is refused")
                return
            }
            #expect(outcome.error == nil, "\(row.file): \(String(describing: outcome.error))")
            #expect(outcome.warnings.count == Self.warnings[row.file, default: 0], "\(outcome.warnings)")
            let ours = outcome.counts
            guard let tests = row.tests else {
                let expected = try #require(Self.ownExpectations[row.file], "\(row.file) has no expected counts")
                #expect(ours == expected.counts, "\(row.file): \(expected.why)")
                return
            }
            let agrees =
                tests == ours.total && (row.failures.map { $0 == ours.failed + ours.errored } ?? true)
                && (row.skipped.map { $0 == ours.skipped } ?? true)
            if let reason = Self.knownDifferences[row.file] {
                #expect(!agrees, "\(row.file) now agrees: remove its known difference (\(reason))")
            } else {
                #expect(agrees, "\(row.file): expected \(tests) tests, \(row.failures ?? 0) failures; got \(ours)")
            }
        }
    }
}
