import FakePractiTest
import Foundation
import Testing

/// `ptupload upload` run as a CI job runs it, against a fake PractiTest server on 127.0.0.1.
@Suite("Upload end to end")
struct UploadEndToEndTests {
    @Test("uploads every result once with the fewest calls, and posts nothing when run again")
    func uploadsOnce() async throws {
        let harness = try UploadHarness(cases: 45, seeded: 45)
        let first = try await harness.upload()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(harness.everyResultOnce)
        // One page of instances, then ceil(45 / 20) requests of runs.
        #expect(harness.server.requests.count == 1 + 3)
        #expect(first.stdout.contains("uploaded 45 of 45 runs to test set \(harness.setID)"))
        #expect(harness.server.runs.filter { $0.exitCode == 1 }.count == 9)

        let again = try await harness.upload()
        #expect(again.status == 0)
        #expect(again.stderr.contains("already uploaded"))
        #expect(harness.server.requests.count == 4)
        #expect(harness.everyResultOnce)
    }

    @Test("creates the set, tests and instances that are missing")
    func createsMissing() async throws {
        let harness = try UploadHarness(cases: 25, seeded: 0)
        let run = try await runPTUpload(
            ["upload", "--set-name", "Release 9", "--create-set", "--create-missing", harness.report.path],
            in: harness.directory, environment: harness.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(harness.server.sets.map(\.name).contains("Release 9"))
        #expect(harness.server.tests.map(\.name).sorted() == harness.names)
        #expect(harness.everyResultOnce)
        #expect(run.stdout.contains("created 25 tests and 25 instances"))
    }

    @Test("lists unmatched results, exits 75, and sends only those when run again with --create-missing")
    func unmatchedThenCreated() async throws {
        let harness = try UploadHarness(cases: 10, seeded: 7)
        let first = try await harness.upload()
        #expect(first.status == 75)
        #expect(first.stdout.contains("unmatched: e2e.Checkout.test_008, e2e.Checkout.test_009, e2e.Checkout.test_010"))
        #expect(harness.server.runs.count == 7)
        let second = try await harness.upload(["--create-missing"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(harness.everyResultOnce)
    }

    static let faults: [(String, FakeFault, String?, String)] = [
        ("429 with Retry-After", .status(429, retryAfter: 1), "POST", "runs.json"),
        ("500 on a post of runs", .status(500), "POST", "runs.json"),
        ("503 on the set listing", .status(503), "GET", "instances.json"),
        ("dropped before the post was processed", .closeBeforeProcessing, "POST", "runs.json"),
        ("dropped after the post was processed", .closeAfterProcessing, "POST", "runs.json"),
        ("dropped after creating instances", .closeAfterProcessing, "POST", "instances.json"),
        ("dropped after creating a test", .closeAfterProcessing, "POST", "tests.json"),
        ("slow answer", .delay(.milliseconds(700)), "POST", "runs.json"),
    ]

    @Test("ends with every run present exactly once whatever fault the server shows", arguments: faults)
    func survivesFaults(label: String, fault: FakeFault, method: String?, pathSuffix: String) async throws {
        let harness = try UploadHarness(cases: 30, seeded: 20)
        harness.server.inject(fault, on: method, pathSuffix: pathSuffix, times: 2)
        let run = try await harness.upload(["--create-missing"])
        #expect(run.status == 0, "\(label): \(run.stderr)")
        #expect(harness.everyResultOnce, "\(label): \(harness.runsPerName.filter { $0.value != 1 })")
        #expect(harness.server.tests.count == 30, "\(label): tests duplicated")
    }

    @Test("waits out a 429 without Retry-After")
    func tooManyWithoutRetryAfter() async throws {
        let harness = try UploadHarness(cases: 5, seeded: 5, sendsRetryAfter: false)
        harness.server.inject(.status(429), on: "POST", pathSuffix: "runs.json")
        let run = try await harness.upload()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(harness.everyResultOnce)
        #expect(run.stdout.contains("(1 answered 429)"))
    }

    @Test("never lets more calls reach the server than the rate limit allows")
    func rateLimit() async throws {
        let harness = try UploadHarness(cases: 200, seeded: 200, rateLimit: 4, window: .milliseconds(500))
        let run = try await harness.upload(environment: ["PRACTITEST_RATE_LIMIT": "4/500ms"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(harness.everyResultOnce)
        #expect(harness.server.tooManyRequestsCount == 0)
        #expect(harness.server.maximumCallsInAnyWindow <= 4)
        // 2 pages of instances + 10 requests of runs.
        #expect(harness.server.requests.count == 12)
    }

    @Test("a process killed mid-upload and run again leaves every result uploaded exactly once", arguments: 1...5)
    func killedAndResumed(batchesBeforeKill: Int) async throws {
        let harness = try UploadHarness(cases: 100, seeded: 100)
        harness.server.inject(.delay(.milliseconds(1500)), on: "POST", pathSuffix: "runs.json", times: 100)
        let server = harness.server
        // Kill it while a request is in flight (the server has stored the batch, the answer is not
        // back), watching from a thread of its own so that a busy test pool cannot delay the kill.
        let killed = try await runAndKill(
            ["upload", "--set-id", String(harness.setID), harness.report.path], in: harness.directory,
            environment: harness.environment
        ) { server.runs.count >= batchesBeforeKill * 20 }
        // Killed with a request in flight: at 5 batches, the last one's answer is still to come.
        #expect(killed)
        let resumed = try await harness.upload()
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(harness.everyResultOnce, "\(harness.runsPerName.filter { $0.value != 1 })")
    }

    @Test("a refused run is reported by name with the server's reason; the others are posted")
    func refusedRun() async throws {
        let harness = try UploadHarness(cases: 12, seeded: 12)
        let map = harness.directory.appendingPathComponent("map.txt")
        try Data("e2e.Checkout.test_004 instance=999999\n".utf8).write(to: map)
        let run = try await harness.upload(["--map", map.path])
        #expect(run.status == 75)
        #expect(run.stdout.contains("refused: e2e.Checkout.test_004:"))
        #expect(harness.server.runs.count == 11)
        #expect(harness.runsPerName["e2e.Checkout.test_004"] == nil)
    }

    @Test(
        "stops at once and exits 69 when the token or the project is wrong",
        arguments: [
            (["PRACTITEST_TOKEN": "wrong"], "401"), (["PRACTITEST_PROJECT_ID": "999"], "404"),
        ])
    func wrongSettings(environment: [String: String], status: String) async throws {
        let harness = try UploadHarness(cases: 3, seeded: 3)
        let run = try await harness.upload(environment: environment)
        #expect(run.status == 69)
        #expect(run.stderr.contains("(\(status))"))
        #expect(
            run.stderr.contains("run the same command again to send what is left (journal: .ptupload/journal.json)"))
        #expect(harness.server.requests.count == 1)
        #expect(harness.server.runs.isEmpty)
    }

    @Test("never shows the token: not in output, verbose traces, errors or the journal")
    func tokenNeverShown() async throws {
        let harness = try UploadHarness(cases: 22, seeded: 20)
        harness.server.inject(.status(500), on: "POST", pathSuffix: "runs.json")
        let run = try await harness.upload(["--verbose", "--create-missing", "--verify"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("http: → POST"))
        let journal = try String(
            contentsOf: harness.directory.appendingPathComponent(".ptupload/journal.json"), encoding: .utf8)
        for text in [run.stdout, run.stderr, journal] {
            #expect(!text.contains(UploadHarness.token))
        }
        let denied = try await harness.upload(
            ["--verbose", "--force"], environment: ["PRACTITEST_TOKEN": "wrong-\(UploadHarness.token)"])
        #expect(!denied.stderr.contains(UploadHarness.token))
        #expect(!denied.stdout.contains(UploadHarness.token))
    }

    @Test("--verify reads the runs back and confirms each is there once")
    func verify() async throws {
        let harness = try UploadHarness(cases: 8, seeded: 8)
        let run = try await harness.upload(["--verify"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("verified 8 runs: each is in PractiTest once"))
    }

    @Test("check says what is right and what is wrong; runs lists what a job left")
    func checkAndRuns() async throws {
        let harness = try UploadHarness(cases: 4, seeded: 4)
        let ok = try await runPTUpload(["check", "--set-id", String(harness.setID)], environment: harness.environment)
        #expect(ok.status == 0)
        #expect(ok.stdout == "ok: token accepted, test set \(harness.setID) of project 4566 has 4 instances\n")
        let missing = try await runPTUpload(["check", "--set-name", "Nope"], environment: harness.environment)
        #expect(missing.status == 69)
        #expect(missing.stderr.contains("no test set named 'Nope'"))
        let badToken = try await runPTUpload(
            ["check"], environment: harness.environment.merging(["PRACTITEST_TOKEN": "x"]) { _, new in new })
        #expect(badToken.status == 69)
        #expect(badToken.stderr.contains("PRACTITEST_TOKEN"))

        _ = try await harness.upload()
        let runs = try await runPTUpload(
            ["runs", "--set-ids", String(harness.setID), "--json"], environment: harness.environment)
        #expect(runs.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 4)
        #expect(
            Set(list.flatMap(\.keys)) == [
                "id", "instance-id", "test-id", "status", "exit-code", "run-duration", "created-at",
                "automated-execution-output",
            ])
    }

    @Test("refuses the journal of another upload instead of posting twice")
    func foreignJournal() async throws {
        let harness = try UploadHarness(cases: 3, seeded: 3)
        #expect(try await harness.upload().status == 0)
        let other = try await harness.upload(["--run-version", "2.0"])
        #expect(other.status == 65)
        #expect(other.stderr.contains("belongs to another upload"))
        #expect(harness.server.runs.count == 3)
        let forced = try await harness.upload(["--run-version", "2.0", "--force"])
        #expect(forced.status == 0)
        #expect(harness.server.runs.count == 6)
    }

    @Test("exits 1 for failed tests only when asked, after uploading everything")
    func failOnTestFailure() async throws {
        let harness = try UploadHarness(cases: 5, seeded: 5)
        let run = try await harness.upload(["--fail-on-test-failure"])
        #expect(run.status == 1)
        #expect(harness.everyResultOnce)
        let passing = try UploadHarness(cases: 4, seeded: 4)
        #expect(try await passing.upload(["--fail-on-test-failure"]).status == 0)
    }

    @Test("takes settings from flags over the config file over the environment, and the token from a file")
    func settingsPrecedence() async throws {
        let harness = try UploadHarness(cases: 3, seeded: 3)
        let config = harness.directory.appendingPathComponent("ptupload.conf")
        try Data("# settings\nproject-id = 4566\nset-id = \(harness.setID)\nrun-version = from-config\n".utf8).write(
            to: config)
        let tokenFile = harness.directory.appendingPathComponent("token")
        try Data("\(UploadHarness.token)\n".utf8).write(to: tokenFile)
        var environment = harness.environment
        environment["PRACTITEST_TOKEN"] = nil
        environment["PRACTITEST_PROJECT_ID"] = "1"  // the config file wins
        environment["PRACTITEST_RUN_VERSION"] = "from-environment"
        let run = try await runPTUpload(
            [
                "upload", "--config", config.path, "--token-file", tokenFile.path, "--run-version", "from-flag",
                harness.report.path,
            ],
            in: harness.directory, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(harness.server.runs.map(\.version) == ["from-flag", "from-flag", "from-flag"])

        let tokenInConfig = harness.directory.appendingPathComponent("bad.conf")
        try Data("token = abc\n".utf8).write(to: tokenInConfig)
        let refused = try await runPTUpload(
            ["upload", "--config", tokenInConfig.path, harness.report.path], in: harness.directory)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("the token never goes in a config file"))
    }

    @Test("converges on the lowest id when a test name exists more than once")
    func convergesOnLowestID() async throws {
        let harness = try UploadHarness(cases: 2, seeded: 0)
        let first = harness.server.addTest(name: harness.names[0])
        _ = harness.server.addTest(name: harness.names[0])
        let run = try await harness.upload(["--create-missing"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(harness.server.instances.first { $0.name == harness.names[0] }?.testID == first)
        #expect(harness.server.tests.count == 3)
        #expect(harness.everyResultOnce)
    }

    @Test("a second upload with the same journal at the same time refuses instead of posting twice")
    func journalLock() async throws {
        let harness = try UploadHarness(cases: 40, seeded: 40)
        harness.server.inject(.delay(.milliseconds(800)), on: "POST", pathSuffix: "runs.json", times: 2)
        let server = harness.server
        let (arguments, directory, environment) = (
            ["upload", "--set-id", String(harness.setID), harness.report.path], harness.directory, harness.environment
        )
        async let first = runPTUpload(arguments, in: directory, environment: environment)
        // Start the second once the first is posting.
        while server.runs.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        let second = try await harness.upload()
        #expect(second.status == 65)
        #expect(second.stderr.contains("another ptupload is uploading with the journal"))
        #expect(try await first.status == 0)
        #expect(harness.everyResultOnce)
    }

    @Test("a report without tests uploads nothing and makes no call")
    func emptyReport() async throws {
        let harness = try UploadHarness(cases: 0, seeded: 0)
        let run = try await harness.upload()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("no results to upload"))
        #expect(harness.server.requests.isEmpty)
    }

    @Test("writes a Markdown summary and a JSON summary, readable by their owner only")
    func summaries() async throws {
        let harness = try UploadHarness(cases: 10, seeded: 8)
        let markdown = harness.directory.appendingPathComponent("out/summary.md")
        let json = harness.directory.appendingPathComponent("out/summary.json")
        let run = try await harness.upload(["--summary-file", markdown.path, "--json-summary", json.path])
        #expect(run.status == 75)
        let text = try String(contentsOf: markdown, encoding: .utf8)
        #expect(text.contains("**8 of 10 runs uploaded** to test set \(harness.setID)"))
        #expect(text.contains("### Failed tests\n\n- `e2e.Checkout.test_005`: failed: expected 4"))
        #expect(text.contains("### Not matched to an instance\n\n- `e2e.Checkout.test_009`\n- `e2e.Checkout.test_010`"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect(document["exit-code"] as? Int == 75)
        #expect(document["uploaded"] as? Int == 8)
        #expect(document["unmatched"] as? [String] == ["e2e.Checkout.test_009", "e2e.Checkout.test_010"])
        #expect((document["tests"] as? [String: Int])?["failed"] == 2)
        for path in [markdown.path, json.path] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect(attributes[.posixPermissions] as? Int == 0o600)
            #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains(UploadHarness.token))
        }
    }
}
