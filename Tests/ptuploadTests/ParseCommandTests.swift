import Foundation
import Testing

@Suite("ptupload parse, run as a user runs it")
struct ParseCommandTests {
    /// Inputs whose `parse --json` output is checked in under `Fixtures/junit/golden/`.
    static let goldenInputs = [
        "junit/peer/enricomi/pytest/junit.fail.xml",
        "junit/peer/mikepenz/maven_surefire_flaky__surefire-report.xml",
        "junit/peer/codecov/jest-junit.xml",
        "junit/peer/go-junit-report/012-report.xml",
        "junit/peer/dorny/swift-xunit.xml",
        "junit/peer/codecov/ctest.xml",
        "junit/peer/testmo/testcase-properties.xml",
        "junit/peer/enricomi/pytest/corrupt-xml.xml",
    ]

    @Test("prints a summary line per file and a total, exit 0")
    func summaryLines() async throws {
        let run = try await runPTUpload([
            "parse", "junit/peer/enricomi/pytest/junit.fail.xml", "junit/peer/codecov/ctest.xml",
        ])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(
            run.stdout == """
                junit/peer/enricomi/pytest/junit.fail.xml: junit, 5 tests: 3 passed, 1 failed, 0 errored, 1 skipped
                junit/peer/codecov/ctest.xml: junit, 1 test: 0 passed, 1 failed, 0 errored, 0 skipped
                total: 2 files, 6 tests: 3 passed, 2 failed, 0 errored, 1 skipped

                """)
    }

    @Test("reads a directory recursively, in a stable order")
    func directory() async throws {
        let run = try await runPTUpload(["parse", "junit/peer/testmo"])
        #expect(run.status == 0)
        let files = run.stdout.split(separator: "\n").dropLast().map { $0.prefix { $0 != ":" } }
        #expect(
            files == [
                "junit/peer/testmo/conventions.xml", "junit/peer/testmo/junit-basic.xml",
                "junit/peer/testmo/junit-complete.xml", "junit/peer/testmo/testcase-output.xml",
                "junit/peer/testmo/testcase-properties.xml",
            ])
    }

    @Test("reads standard input given as -")
    func standardInput() async throws {
        let report = try Data(contentsOf: fixturesDirectory.appendingPathComponent("junit/peer/codecov/ctest.xml"))
        let run = try await runPTUpload(["parse", "-"], stdin: report)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("<stdin>: junit, 1 test: 0 passed, 1 failed"))
    }

    @Test("prints what did parse, then the error with file, line and column, exit 65")
    func brokenReport() async throws {
        let run = try await runPTUpload([
            "parse", "junit/peer/enricomi/pytest/corrupt-xml.xml", "junit/peer/codecov/ctest.xml",
        ])
        #expect(run.status == 65)
        #expect(
            run.stdout.contains("corrupt-xml.xml: junit, 1 test: 1 passed, 0 failed, 0 errored, 0 skipped (incomplete)")
        )
        #expect(run.stdout.contains("total: 2 files, 2 tests"))
        #expect(
            run.stderr == """
                error: junit/peer/enricomi/pytest/corrupt-xml.xml:11:22: unexpected end of file inside <skipped>: the report is cut short

                """)
    }

    @Test("refuses a file that is not a report, saying what it looks like")
    func notAReport() async throws {
        let run = try await runPTUpload(["parse", "junit/peer/other-flavors/xunit__mstest__fixie.xml", "missing.xml"])
        #expect(run.status == 65)
        #expect(
            run.stderr.contains(
                "xunit__mstest__fixie.xml: not a test report ptupload reads: it looks like xUnit.net v2 XML"))
        #expect(run.stderr.contains("error: missing.xml: cannot read the file: No such file or directory"))
    }

    @Test(
        "usage errors exit 64 with a pointer to --help",
        arguments: [
            (["parse"], "error: no report given"),
            (["parse", "--format", "nunit", "a.xml"], "error: unknown format 'nunit'"),
            (["parse", "--bogus", "a.xml"], "error: unknown option '--bogus'"),
            (["frobnicate"], "error: unknown command 'frobnicate'"),
        ])
    func usageErrors(arguments: [String], message: String) async throws {
        let run = try await runPTUpload(arguments)
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix(message))
        #expect(run.stderr.contains("--help' for usage."))
        #expect(run.stdout.isEmpty)
    }

    @Test("--help and --version print and exit 0")
    func helpAndVersion() async throws {
        let help = try await runPTUpload(["parse", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: ptupload parse"))
        #expect(help.stdout.contains("65"))
        let version = try await runPTUpload(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("ptupload "))
    }

    @Test("--json is one valid document with the documented keys")
    func jsonShape() async throws {
        let run = try await runPTUpload(["parse", "--json", "junit/peer/enricomi/pytest/junit.fail.xml"])
        #expect(run.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["summary", "files", "tests", "suites"])
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary == ["total": 5, "passed": 3, "failed": 1, "errored": 0, "skipped": 1])
        let tests = try #require(document["tests"] as? [[String: Any]])
        #expect(tests.count == 5)
        #expect(
            Set(tests[0].keys) == [
                "report", "suite", "classname", "name", "file", "line", "status", "duration", "message", "type",
                "detail", "stdout", "stderr", "properties", "flaky", "subresults",
            ])
    }

    @Test("--json output matches the checked-in golden file", arguments: goldenInputs)
    func golden(input: String) async throws {
        let run = try await runPTUpload(["parse", "--json", input])
        let goldenURL = fixturesDirectory.appendingPathComponent("junit/golden")
            .appendingPathComponent((input as NSString).lastPathComponent + ".json")
        if ProcessInfo.processInfo.environment["PTUPLOAD_UPDATE_GOLDEN"] == "1" {
            try Data(run.stdout.utf8).write(to: goldenURL)
        }
        let expected = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(run.stdout == expected)
    }
}
