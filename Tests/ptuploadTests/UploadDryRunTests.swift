import Foundation
import Testing

@Suite("ptupload upload --dry-run, run as a user runs it")
struct UploadDryRunTests {
    /// Inputs and options whose `upload --dry-run --json` output is checked in under `Fixtures/payloads/`.
    static let goldenRuns: [(input: String, options: [String], golden: String)] = [
        ("junit/peer/enricomi/pytest/junit.fail.xml", [], "pytest-case.json"),
        ("junit/peer/enricomi/pytest/junit.fail.xml", ["--granularity", "suite"], "pytest-suite.json"),
        ("junit/peer/mikepenz/maven_surefire_flaky__surefire-report.xml", [], "surefire-flaky-case.json"),
        ("junit/peer/mikepenz/flaky_retries__flaky_with_classname_file.xml", [], "retries-case.json"),
        ("junit/peer/mikepenz/multiple_failures__test_multiple_failures.xml", [], "multiple-failures-case.json"),
        (
            "junit/peer/mikepenz/multiple_failures__test_multiple_failures.xml", ["--granularity", "suite"],
            "multiple-failures-suite.json"
        ),
        ("tap/generated/perl-test2-buffered.tap", [], "tap-subtests-case.json"),
        ("tap/generated/perl-test2-buffered.tap", ["--granularity", "suite"], "tap-subtests-suite.json"),
        ("swift-test/generated/plain.txt", [], "swift-test-case.json"),
        ("swift-test/generated/plain.txt", ["--granularity", "suite"], "swift-test-suite.json"),
    ]

    @Test("prints every planned run and the requests, without credentials or network")
    func text() async throws {
        let run = try await runPTUpload(
            ["upload", "--dry-run", "junit/peer/enricomi/pytest/junit.fail.xml"],
            environment: ["PRACTITEST_TOKEN": "secret-token-value"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.prefix(3) == [
                "dry run: nothing is sent, no credentials are read",
                "read 1 file: 5 tests: 3 passed, 1 failed, 0 errored, 1 skipped",
                "planned 5 runs (granularity case, 0 duplicates merged, 0 skipped omitted) in 1 request",
            ])
        #expect(run.stdout.contains("request 1: POST /api/v2/projects/{project-id}/runs.json with 5 runs"))
        #expect(run.stdout.contains("  failed  00:00:08  test.test_spark.SparkTests.test_rsh_events"))
        #expect(!run.stdout.contains("secret-token-value"))
    }

    @Test("takes the project and the job URL from the environment")
    func environment() async throws {
        let run = try await runPTUpload(
            ["upload", "--dry-run", "--json", "junit/peer/codecov/ctest.xml"],
            environment: ["PRACTITEST_PROJECT_ID": "4566", "CI_JOB_URL": "https://gitlab.example/job/9"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"path\" : \"/api/v2/projects/4566/runs.json\""))
        #expect(run.stdout.contains("failed: Failed | job: https://gitlab.example/job/9"))
    }

    @Test(
        "refuses what it cannot do and wrong option values, exit 64",
        arguments: [
            (
                ["upload", "junit/peer/codecov/ctest.xml"],
                "error: no project: pass --project-id or set PRACTITEST_PROJECT_ID"
            ),
            (["upload", "--token", "abc", "a.xml"], "error: the token is never a flag"),
            (["upload", "--token=abc", "a.xml"], "error: the token is never a flag"),
            (
                ["upload", "--project-id", "1", "--api-url", "http://api.example.com", "junit/peer/codecov/ctest.xml"],
                "error: refusing http:// for api.example.com"
            ),
            (["upload", "--project-id", "1", "junit/peer/codecov/ctest.xml"], "error: no token: set PRACTITEST_TOKEN"),
            (
                ["upload", "--dry-run", "--granularity", "class", "a.xml"],
                "error: unknown value 'class' for '--granularity'"
            ),
            (["upload", "--dry-run", "--custom-field", "abc", "a.xml"], "error: custom field 'abc' is not ID=VALUE"),
            (["upload", "--dry-run", "--name-template", "x", "a.xml"], "error: name template 'x' names none"),
        ])
    func usageErrors(arguments: [String], message: String) async throws {
        let run = try await runPTUpload(arguments)
        #expect(run.status == 64)
        #expect(run.stderr.contains(message))
    }

    @Test("--json output matches the checked-in golden file", arguments: goldenRuns)
    func golden(input: String, options: [String], golden: String) async throws {
        let run = try await runPTUpload(["upload", "--dry-run", "--json"] + options + [input])
        #expect(run.status == 0)
        let goldenURL = fixturesDirectory.appendingPathComponent("payloads").appendingPathComponent(golden)
        if ProcessInfo.processInfo.environment["PTUPLOAD_UPDATE_GOLDEN"] == "1" {
            try Data(run.stdout.utf8).write(to: goldenURL)
        }
        #expect(run.stdout == (try String(contentsOf: goldenURL, encoding: .utf8)))
    }
}
