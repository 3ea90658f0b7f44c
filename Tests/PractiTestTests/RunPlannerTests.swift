import Foundation
import TestReports
import Testing

@testable import PractiTest

@Suite("Run planner")
struct RunPlannerTests {
    func result(
        _ name: String, _ status: TestStatus, classname: String = "C", duration: Double? = nil, message: String? = nil,
        subResults: [TestResult] = [], flaky: Bool = false
    ) -> TestResult {
        TestResult(
            classname: classname, name: name, status: status, duration: duration, message: message,
            subResults: subResults, isFlaky: flaky)
    }

    func plan(_ results: [TestResult], report: String = "r.xml", _ configure: (inout RunOptions) -> Void = { _ in })
        -> RunPlanner.Plan
    {
        var options = RunOptions()
        configure(&options)
        return RunPlanner(options: options).plan(results.map { ReportedResult(report: report, result: $0) })
    }

    @Test("sets exit code and duration from each result, one run per test case")
    func basics() {
        let plan = plan([
            result("a", .passed, duration: 0.2), result("b", .failed, duration: 61), result("c", .errored),
        ])
        #expect(plan.runs.map(\.name) == ["C.a", "C.b", "C.c"])
        #expect(plan.runs.map(\.payload.exitCode) == [0, 1, 1])
        #expect(plan.runs.map(\.payload.runDuration) == ["00:00:01", "00:01:01", nil])
        #expect(plan.runs.map(\.payload.executionOutput) == ["passed", "failed", "errored"])
    }

    @Test("makes a step of each sub-result, and a failed test always has a failed step")
    func steps() {
        let assertions = result(
            "asserts", .failed, message: "3 failures",
            subResults: (1...3).map { result("failure \($0)", .failed, message: "XCTAssertEqual failed \($0)") })
        let parameterized = result(
            "params", .failed,
            subResults: [result("x = 1", .passed), result("x = 2", .failed), result("x = 3", .skipped)])
        let knownIssueOnly = result("known", .failed, message: "boom", subResults: [result("arg 1", .passed)])
        let runs = plan([assertions, parameterized, knownIssueOnly]).runs
        #expect(runs[0].payload.steps.map(\.status) == [.failed, .failed, .failed])
        #expect(runs[0].payload.steps[1].actualResults == "XCTAssertEqual failed 2")
        #expect(runs[1].payload.steps.map(\.status) == [.passed, .failed, .notApplicable])
        #expect(runs[1].payload.steps.map(\.name) == ["x = 1", "x = 2", "x = 3"])
        #expect(runs[2].payload.steps.map(\.status) == [.passed, .failed])
        #expect(runs[2].payload.steps.last?.actualResults == "boom")
    }

    @Test("a passed test whose sub-results are all skipped still has a passed step")
    func passedWithOnlySkippedSteps() {
        let run = plan([result("known", .passed, subResults: [result("known issue 1", .skipped)])]).runs[0]
        #expect(run.payload.steps.map(\.status) == [.notApplicable, .passed])
    }

    @Test("a test that passed after failed attempts sends no failed step and says it was flaky")
    func flaky() {
        let run = plan([result("f", .passed, subResults: [result("flaky failure 1", .failed)], flaky: true)]).runs[0]
        #expect(run.payload.steps.isEmpty)
        #expect(run.payload.exitCode == 0)
        #expect(run.payload.executionOutput == "passed (flaky: passed on a rerun)")
        #expect(run.payload.files.count == 1)
    }

    @Test("skipped tests become one N/A step with the reason, or are left out")
    func skipped() {
        let skipped = result("s", .skipped, message: "not on Linux")
        let na = plan([skipped])
        #expect(
            na.runs[0].payload.steps == [
                RunStep(name: "skipped", actualResults: "not on Linux", status: .notApplicable)
            ])
        #expect(na.runs[0].payload.exitCode == 0)
        let omitted = plan([skipped, result("p", .passed)]) { $0.skipped = .omit }
        #expect(omitted.runs.map(\.name) == ["C.p"])
        #expect(omitted.omittedSkipped == 1)
    }

    @Test(
        "merges the same test seen more than once",
        arguments: [
            // Within one report the last attempt decides: a rerun that passed makes it flaky.
            ([("r1", TestStatus.failed), ("r1", .passed)], TestStatus.passed, true),
            ([("r1", .passed), ("r1", .failed)], .failed, false),
            // A failure in any report makes it failed.
            ([("r1", .failed), ("r2", .passed)], .failed, false),
            ([("r1", .passed), ("r2", .passed)], .passed, false),
            ([("r1", .skipped), ("r2", .passed)], .passed, false),
            ([("r1", .skipped), ("r2", .skipped)], .skipped, false),
            ([("r1", .errored), ("r1", .failed), ("r2", .passed)], .failed, false),
        ] as [([(String, TestStatus)], TestStatus, Bool)])
    func duplicates(occurrences: [(String, TestStatus)], status: TestStatus, flaky: Bool) throws {
        let results = occurrences.map { ReportedResult(report: $0.0, result: result("t", $0.1)) }
        let plan = RunPlanner().plan(results)
        let run = try #require(plan.runs.first)
        #expect(plan.runs.count == 1)
        #expect(plan.mergedDuplicates == occurrences.count - 1)
        #expect(run.status == status)
        #expect(run.resultCount == occurrences.count)
        #expect(run.payload.executionOutput?.contains("flaky") == flaky)
        #expect(run.payload.executionOutput?.contains("ran \(occurrences.count) times") == true)
    }

    @Test("in suite granularity each suite is one run and each case a step")
    func suiteGranularity() throws {
        let results = [
            result("a", .passed, classname: "S1", duration: 1.5),
            result("b", .failed, classname: "S1", duration: 2, message: "boom"),
            result("c", .skipped, classname: "S1"), result("d", .passed, classname: "S2"),
            result("e", .skipped, classname: "S3"),
        ]
        let plan = plan(results) { $0.granularity = .suite }
        #expect(plan.runs.map(\.name) == ["S1", "S2", "S3"])
        #expect(plan.runs.map(\.status) == [.failed, .passed, .skipped])
        #expect(plan.runs[0].payload.steps.map(\.status) == [.passed, .failed, .notApplicable])
        #expect(plan.runs[0].payload.steps.map(\.name) == ["a", "b", "c"])
        #expect(plan.runs[0].payload.runDuration == "00:00:04")
        #expect(plan.runs[0].payload.exitCode == 1)
        #expect(plan.runs[0].payload.executionOutput == "failed (1 of 3 cases failed): b: boom")
        #expect(plan.runs[1].payload.runDuration == nil)
        let omitted = self.plan(results) {
            $0.granularity = .suite
            $0.skipped = .omit
        }
        #expect(omitted.runs.map(\.name) == ["S1", "S2"])
        #expect(omitted.runs[0].payload.steps.map(\.name) == ["a", "b"])
        #expect(omitted.omittedSkipped == 2)
    }

    @Test("adds version, custom fields (arrays for repeated ids) and the job URL")
    func fields() {
        let run = plan([result("a", .passed)]) {
            $0.runVersion = "1.2.3"
            $0.customFields = [("10", "x"), ("20", "y"), ("10", "z")]
            $0.jobURL = "https://ci.example/job/7"
            $0.jobURLField = "30"
        }.runs[0]
        #expect(run.payload.version == "1.2.3")
        #expect(
            run.payload.customFields == [
                "---f-10": .multiple(["x", "z"]), "---f-20": .single("y"),
                "---f-30": .single("https://ci.example/job/7"),
            ])
        #expect(run.payload.executionOutput == "passed | job: https://ci.example/job/7")
    }

    @Test("attaches output for failures by default, always or never when asked, within the limit")
    func attachments() throws {
        let failing = result("f", .failed, message: "m")
        var big = result("big", .failed, message: "m")
        big.stdout = String(repeating: "log line\n", count: 10_000)
        #expect(plan([result("p", .passed), failing]).runs.map(\.payload.files.count) == [0, 1])
        #expect(plan([result("p", .passed)]) { $0.attach = .always }.runs[0].payload.files.count == 1)
        #expect(plan([failing]) { $0.attach = .never }.runs[0].payload.files.isEmpty)
        let file = try #require(plan([big]) { $0.attachmentLimit = 4096 }.runs[0].payload.files.first)
        let content = try #require(Data(base64Encoded: file.contentEncoded))
        #expect(content.count <= 4096)
        #expect(String(decoding: content, as: UTF8.self).contains("bytes in all, cut to 4096"))
        #expect(file.filename == "C.big.txt")
    }

    @Test("keeps the execution output within 255 characters whatever the message")
    func outputLimit() {
        let messages = [String(repeating: "漢字", count: 300), String(repeating: "👨‍👩‍👧‍👦", count: 100), "x\n  y\t\tz"]
        for message in messages {
            let output = plan([result("t", .failed, message: message)]).runs[0].payload.executionOutput ?? ""
            #expect(output.unicodeScalars.count <= 255)
            #expect(output.utf16.count <= 255)
        }
        #expect(plan([result("t", .failed, message: "x\n  y\t\tz")]).runs[0].payload.executionOutput == "failed: x y z")
    }

    @Test("a skip in swift test's console wins over a pass in the XUnit file of the same run")
    func consoleSkipWins() throws {
        let skipped = result("testSkipped", .skipped, message: "not on Linux")
        let results = [
            ReportedResult(report: "xunit.xml", format: .junit, result: result("testSkipped", .passed)),
            ReportedResult(report: "console.txt", format: .swiftTest, result: skipped),
        ]
        let run = try #require(RunPlanner().plan(results).runs.first)
        #expect(run.status == .skipped)
        #expect(run.payload.steps.first?.actualResults == "not on Linux")
        // A pass from the console itself is not overruled.
        let both = [
            ReportedResult(report: "a.txt", format: .swiftTest, result: skipped),
            ReportedResult(report: "b.txt", format: .swiftTest, result: result("testSkipped", .passed)),
        ]
        #expect(RunPlanner().plan(both).runs.first?.status == .passed)
    }
}
