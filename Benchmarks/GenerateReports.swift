// Writes large, realistic test reports for the benchmarks.
//
//   generate junit CASES OUTPUT
//   generate upload-junit CASES OUTPUT
//   generate tap MEGABYTES OUTPUT
//   generate swift-test MEGABYTES OUTPUT
//
// junit: suites of 100 cases; about 10% fail with a long message and a stack trace, 3% are
// skipped, 5% carry system-out. upload-junit: one suite whose cases are named as the tests that
// `fake-practitest --seed-set` creates (bench.Case.test_00001, …), every tenth failing. tap: TAP 13
// points, one in ten failing with a YAML block, some skipped and TODO, a subtest now and then.
// swift-test: half XCTest, half Swift Testing console output, failures, printed output and
// parameterized tests, with summaries that agree. The content is deterministic, so runs compare.
import Foundation

struct Generator {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// A small deterministic pseudo-random number generator (SplitMix64).
    mutating func next(_ bound: Int) -> Int {
        seed &+= 0x9E37_79B9_7F4A_7C15
        var z = seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    func uploadJUnit(cases: Int, into output: FileHandle) {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"bench\">\n"
        for index in 1...max(cases, 1) where index <= cases {
            let name = "test_" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index)
            text += "  <testcase classname=\"bench.Case\" name=\"\(name)\" time=\"0.\(index % 10)\">"
            text += index % 10 == 0 ? "<failure message=\"expected \(index)\">trace</failure>" : ""
            text += "</testcase>\n"
        }
        output.write(Data((text + "</testsuite>\n").utf8))
    }

    func tap(megabytes: Int, into output: FileHandle) {
        let target = megabytes * 1_000_000
        var written = 0
        var point = 0
        var text = "TAP version 13\n"
        while written + text.utf8.count < target {
            point += 1
            switch point % 50 {
            case 0:
                text += "# Subtest: group \(point)\n    ok 1 - inner one\n    ok 2 - inner two\n    1..2\n"
                text += "ok \(point) - group \(point)\n"
            case 10, 20, 30:
                text += "not ok \(point) - checks the response of request \(point)\n  ---\n  message: 'expected 200, got 500'\n"
                text += "  severity: fail\n  at:\n    file: test/api.js\n    line: \(point % 400)\n  duration_ms: 12\n  ...\n"
            case 40: text += "ok \(point) - runs on Windows only # SKIP not on this platform\n"
            case 45: text += "not ok \(point) - parses dates # TODO fix the time zone\n"
            default: text += "ok \(point) - handles case number \(point) of the suite\n"
            }
            if text.utf8.count > 1 << 20 {
                written += text.utf8.count
                output.write(Data(text.utf8))
                text = ""
            }
        }
        output.write(Data((text + "1..\(point)\n").utf8))
    }

    func swiftTest(megabytes: Int, into output: FileHandle) {
        let half = megabytes * 1_000_000 / 2
        var written = 0
        var text = "Test Suite 'All tests' started at 2026-12-03 15:50:28.543\nTest Suite 'BenchTests' started at 2026-12-03 15:50:28.596\n"
        func flush(_ force: Bool = false) {
            guard force || text.utf8.count > 1 << 20 else { return }
            written += text.utf8.count
            output.write(Data(text.utf8))
            text = ""
        }
        var xctests = 0
        var failures = 0
        while written < half {
            xctests += 1
            let name = "BenchTests.testNumber\(xctests)"
            text += "Test Case '\(name)' started at 2026-12-03 15:50:28.596\n"
            if xctests % 7 == 0 { text += "printed by the test \(xctests)\nand a second line of output\n" }
            if xctests % 10 == 0 {
                failures += 1
                text += "/src/Tests/BenchTests.swift:\(xctests): error: \(name) : XCTAssertEqual failed: (\"1\") is not equal to (\"2\")\n"
                text += "Test Case '\(name)' failed (0.001 seconds)\n"
            } else {
                text += "Test Case '\(name)' passed (0.001 seconds)\n"
            }
            flush()
        }
        text += "Test Suite 'BenchTests' failed at 2026-12-03 15:50:29.599\n"
        text += "\t Executed \(xctests) tests, with \(failures) failures (0 unexpected) in 1.0 (1.0) seconds\n"
        text += "Test Suite 'All tests' failed at 2026-12-03 15:50:29.599\n"
        text += "\t Executed \(xctests) tests, with \(failures) failures (0 unexpected) in 1.0 (1.0) seconds\n"
        text += "◇ Test run started.\n↳ Testing Library Version: 6.3.1 (937120cbc281cf2)\n"
        var tests = 0
        var issues = 0
        while written < 2 * half {
            tests += 1
            let name = "benchmarkNumber\(tests)()"
            text += "◇ Test \(name) started.\n"
            if tests % 20 == 0 {
                for value in 1...3 { text += "◇ Test case passing 1 argument value → \(value) to \(name) started.\n" }
                issues += 1
                text += "✘ Test \(name) recorded an issue with 1 argument value → 2 at BenchTests.swift:\(tests):9: Expectation failed: isEven(value → 2)\n"
                text += "✘ Test \(name) with 3 test cases failed after 0.002 seconds with 1 issue.\n"
            } else if tests % 10 == 0 {
                issues += 1
                text += "✘ Test \(name) recorded an issue at BenchTests.swift:\(tests):9: Expectation failed: 1 == 2\n↳ a comment\n"
                text += "✘ Test \(name) failed after 0.002 seconds with 1 issue.\n"
            } else {
                text += "✔ Test \(name) passed after 0.001 seconds.\n"
            }
            flush()
        }
        text += "✘ Test run with \(tests) tests in 1 suite failed after 1.0 seconds with \(issues) issues.\n"
        flush(true)
    }

    mutating func junit(cases: Int, into output: FileHandle) {
        var buffer = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"benchmark\">\n"
        let suiteSize = 100
        for suite in 0..<((cases + suiteSize - 1) / suiteSize) {
            let classname = "com.example.module\(suite % 50).feature\(suite).FeatureTest\(suite)"
            buffer += "  <testsuite name=\"\(classname)\" tests=\"\(suiteSize)\" time=\"12.5\">\n"
            buffer += "    <properties><property name=\"java.version\" value=\"21.0.2\"/></properties>\n"
            for index in 0..<min(suiteSize, cases - suite * suiteSize) {
                let name = "test\(index)_behaviour\(next(100_000))_whenConditionHolds"
                let time = "\(next(5)).\(next(1000))"
                let roll = next(100)
                if roll < 10 {
                    buffer += "    <testcase classname=\"\(classname)\" name=\"\(name)\" time=\"\(time)\">\n"
                    buffer += "      <failure message=\"expected:&lt;\(next(1000))&gt; but was:&lt;\(next(1000))&gt; in \(name) after checking the response body of the request\" type=\"java.lang.AssertionError\">java.lang.AssertionError: expected:&lt;1&gt; but was:&lt;2&gt;\n"
                    for frame in 0..<22 {
                        buffer += "\tat \(classname).helper\(frame)(FeatureTest\(suite).java:\(100 + frame))\n"
                    }
                    buffer += "</failure>\n    </testcase>\n"
                } else if roll < 13 {
                    buffer += "    <testcase classname=\"\(classname)\" name=\"\(name)\" time=\"0\"><skipped message=\"disabled on this platform\"/></testcase>\n"
                } else if roll < 18 {
                    buffer += "    <testcase classname=\"\(classname)\" name=\"\(name)\" time=\"\(time)\"><system-out><![CDATA["
                    for line in 0..<12 { buffer += "[INFO] step \(line) of \(name): request sent, 200 OK received\n" }
                    buffer += "]]></system-out></testcase>\n"
                } else {
                    buffer += "    <testcase classname=\"\(classname)\" name=\"\(name)\" time=\"\(time)\"/>\n"
                }
                if buffer.utf8.count > 1 << 20 {
                    output.write(Data(buffer.utf8))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            buffer += "  </testsuite>\n"
        }
        buffer += "</testsuites>\n"
        output.write(Data(buffer.utf8))
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let cases = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: generate junit|upload-junit CASES OUTPUT, or generate tap|swift-test MEGABYTES OUTPUT\n".utf8))
    exit(64)
}
_ = FileManager.default.createFile(atPath: arguments[3], contents: nil)
guard let output = FileHandle(forWritingAtPath: arguments[3]) else { exit(73) }
var generator = Generator()
switch arguments[1] {
case "junit": generator.junit(cases: cases, into: output)
case "upload-junit": generator.uploadJUnit(cases: cases, into: output)
case "tap": generator.tap(megabytes: cases, into: output)
case "swift-test": generator.swiftTest(megabytes: cases, into: output)
default:
    FileHandle.standardError.write(Data("unknown format \(arguments[1])\n".utf8))
    exit(64)
}
try output.close()
