import Foundation
import Testing

@testable import TestReports

// MARK: - Helpers

/// Parses `text` as a TAP file called `name`, so the suite path is known: `["case"]` for `case.tap`.
private func parseTAP(_ text: String, named name: String = "case.tap") -> ParseOutcome {
    parseTAP(bytes: Array(text.utf8), named: name)
}

private func parseTAP(bytes: [UInt8], named name: String = "case.tap") -> ParseOutcome {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-tap-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent(name)
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    return parse(url.path, with: TAPParser())
}

private func tapFixture(_ relativePath: String) -> ParseOutcome {
    parse(fixturePath("tap/" + relativePath), with: TAPParser())
}

extension ParseOutcome {
    fileprivate var suiteRecords: [TestSuiteRecord] {
        events.compactMap { if case .suite(let record) = $0 { record } else { nil } }
    }

    fileprivate func first(named name: String) -> TestResult? {
        results.first { $0.name == name }
    }

    /// Results that stand for points of the file, not plan or bail-out reports.
    fileprivate var points: [TestResult] {
        results.filter { !($0.failureType?.hasPrefix("TAP ") ?? false) }
    }

    fileprivate var planProblem: TestResult? {
        results.first { $0.failureType == "TAP plan" }
    }
}

// MARK: - Peer corpus

/// What parsing one peer file gave, in the counting convention of the file's source.
private enum Observed: Equatable, CustomStringConvertible {
    case counts(tests: Int, failures: Int, skipped: Int)
    /// The parser threw.
    case rejected

    var description: String {
        switch self {
        case .counts(let tests, let failures, let skipped): "\(tests) tests, \(failures) failures, \(skipped) skipped"
        case .rejected: "rejected"
        }
    }
}

extension ManifestRow {
    /// tap-parser counts a failing TODO as a failure and not as skipped, and plan problems as
    /// failures; test-summary counts TODO as skipped, as ptupload does.
    fileprivate var countsLikeTAPParser: Bool { expectedFrom.contains("tap-parser") }

    /// The counts the source gives, or `nil` when it gives none.
    fileprivate var expected: Observed? {
        if notes.contains("EXPECTED REJECT") { return .rejected }
        guard let tests, let failures else { return nil }
        return .counts(tests: tests, failures: failures + (errors ?? 0), skipped: skipped ?? 0)
    }

    /// Our results in the source's convention. Results that report a plan problem, a bail-out or
    /// an unfinished subtest (failure type `TAP …`) are not tests, but they are failures.
    fileprivate func observe(_ outcome: ParseOutcome) -> Observed {
        guard outcome.error == nil else { return .rejected }
        let counts = outcome.counts
        let failingTODO = outcome.results.count { result in
            result.status == .skipped && result.properties.contains { $0.name == "todo" }
        }
        let todoShift = countsLikeTAPParser ? failingTODO : 0
        return .counts(
            tests: outcome.points.count, failures: counts.failed + counts.errored + todoShift,
            skipped: counts.skipped - todoShift)
    }
}

@Suite("TAP peer corpus")
struct TAPPeerCorpusTests {
    fileprivate static let rows = ManifestRow.load(fixturePath("tap/MANIFEST.tsv"))

    private static let oneResultPerPlanProblem =
        "points outside the plan or out of sequence are one errored \"TAP plan\" result; tap-parser fails each point"
    private static let strictIgnored =
        "`pragma +strict` is ignored like every pragma (issue 3); under it tap-parser fails each non-TAP line"
    private static let notRunAfterBailOut =
        "each test the plan still expected after `Bail out!` is an errored result (\"not run: bailed out: …\"); the source counts only what ran"
    private static let missingPointsFail =
        "a plan of 6 with 5 points adds an errored \"TAP plan\" result; tap-parser's snapshot does not fail it"

    /// Where our counts differ from the source's by design: what we count, and why.
    fileprivate static let knownDifferences: [String: (ours: Observed, reason: String)] = [
        "tap-parser/bail-escaped.tap": (
            .counts(tests: 1, failures: 1, skipped: 0),
            "`Bail out!` with no plan left to report is itself an errored result, never a silent success"
        ),
        "tap-parser/bailout.tap": (.counts(tests: 3, failures: 2, skipped: 0), notRunAfterBailOut),
        "tap-parser/bailout-no-raison.tap": (.counts(tests: 3, failures: 2, skipped: 0), notRunAfterBailOut),
        "tap-parser/giving-up.tap": (.counts(tests: 1, failures: 573, skipped: 0), notRunAfterBailOut),
        "test-summary/03-bail-out.tap": (.counts(tests: 1, failures: 573, skipped: 0), notRunAfterBailOut),
        "spec/v13-L280-giving-up.tap": (.counts(tests: 1, failures: 573, skipped: 0), notRunAfterBailOut),
        "tap-parser/basic.tap": (.counts(tests: 5, failures: 3, skipped: 0), missingPointsFail),
        "spec/v12-L80-the-test-line.tap": (.counts(tests: 5, failures: 3, skipped: 0), missingPointsFail),
        "spec/v13-L104-the-test-line.tap": (.counts(tests: 5, failures: 3, skipped: 0), missingPointsFail),
        "tap-parser/bignum.tap": (.counts(tests: 4, failures: 1, skipped: 0), oneResultPerPlanProblem),
        "tap-parser/bignum_many.tap": (.counts(tests: 11, failures: 1, skipped: 0), oneResultPerPlanProblem),
        "tap-parser/offset-mismatch.tap": (.counts(tests: 4, failures: 1, skipped: 0), oneResultPerPlanProblem),
        "tap-parser/outside-plan.tap": (.counts(tests: 3, failures: 1, skipped: 0), oneResultPerPlanProblem),
        "tap-parser/outside-plan-end-many.tap": (.counts(tests: 4, failures: 1, skipped: 0), oneResultPerPlanProblem),
        "tap-parser/repeat-test-point-id.tap": (.counts(tests: 3, failures: 1, skipped: 0), oneResultPerPlanProblem),
        "tap-parser/too_many.tap": (.counts(tests: 7, failures: 1, skipped: 0), oneResultPerPlanProblem),
        "tap-parser/out-of-order.tap": (
            .counts(tests: 4, failures: 1, skipped: 0),
            "out-of-order numbers are an errored \"TAP plan\" result (issue 3); tap-parser accepts them"
        ),
        "tap-parser/out_of_order.tap": (
            .counts(tests: 15, failures: 1, skipped: 0),
            "the plan comes after 10 points and 5 more follow: all 15 are kept and the late ones are a plan problem; tap-parser stops at the plan"
        ),
        "tap-parser/plan-in-bad-places-pre.tap": (
            .counts(tests: 2, failures: 1, skipped: 0),
            "a second plan line is a plan problem; tap-parser ignores the repeat"
        ),
        "tap-parser/plan-invalid-strict.tap": (.counts(tests: 1, failures: 0, skipped: 0), strictIgnored),
        "tap-parser/pragma-mid-child-strict.tap": (.counts(tests: 1, failures: 0, skipped: 0), strictIgnored),
        "tap-parser/strict.tap": (.counts(tests: 1, failures: 0, skipped: 0), strictIgnored),
        "tap-parser/version_old-strict.tap": (.counts(tests: 5, failures: 0, skipped: 0), strictIgnored),
        "tap-parser/strict-pragma-child-broken-diags.tap": (.counts(tests: 1, failures: 1, skipped: 0), strictIgnored),
        "tap-parser/space_after_plan.tap": (
            .counts(tests: 5, failures: 0, skipped: 0),
            "`1..5 ` with a trailing space is a plan; tap-parser sees none and fails the file"
        ),
        "tap-parser/skip-all-with-assert.tap": (
            .counts(tests: 1, failures: 1, skipped: 0),
            "a point after `1..0 # SKIP` is kept, with an errored plan result; tap-parser drops the point"
        ),
        "tap-parser/skip-all-with-test.tap": (
            .counts(tests: 1, failures: 1, skipped: 0),
            "`ok` then `1..0`: a passed point and an errored plan result; tap-parser counts the point skipped and failed"
        ),
        "tap-parser/skip-one-fail.tap": (
            .counts(tests: 1, failures: 0, skipped: 1),
            "`not ok # SKIP` is skipped, the directive wins; tap-parser counts it failed as well"
        ),
        "tap-parser/garbage-yamlish.tap": (
            .counts(tests: 4, failures: 4, skipped: 0),
            "an indented `not ok 99` that no point closes is an unfinished subtest, reported errored"
        ),
        "tap-parser/subtest-unfinished.tap": (
            .counts(tests: 1, failures: 1, skipped: 0),
            "a subtest cut off before its closing point is reported errored with what it ran"
        ),
        "tap-parser/die.tap": (.rejected, "an empty file has no TAP: \"no TAP test points or plan found\""),
        "tap-parser/empty.tap": (.rejected, "an empty file has no TAP: \"no TAP test points or plan found\""),
        "tap-parser/out_err_mix.tap": (.rejected, "two lines of text and no TAP: \"no TAP test points or plan found\""),
        "test-summary/08-everything.tap": (
            .counts(tests: 20, failures: 7, skipped: 8),
            "20 points against the plan 1..12 add an errored \"TAP plan\" result; test-summary ignores the plan"
        ),
        "test-summary/10-results-after-trailer.tap": (
            .counts(tests: 10, failures: 5, skipped: 2),
            "points after a trailing plan are kept with an errored \"TAP plan\" result; test-summary rejects the file"
        ),
    ]

    /// Our counts for the spec examples, for which no tool gives counts; checked by hand against the
    /// spec text (the TAP 13/14 examples that leave the plan out get an errored "TAP plan" result).
    fileprivate static let handChecked: [String: Observed] = [
        "spec/v12-L32-the-tap-format.tap": .counts(tests: 4, failures: 1, skipped: 1),
        "spec/v12-L189-common-with-explanation.tap": .counts(tests: 6, failures: 0, skipped: 0),
        "spec/v12-L206-unknown-amount-and-failures.tap": .counts(tests: 7, failures: 2, skipped: 0),
        "spec/v12-L221-giving-up.tap": .counts(tests: 1, failures: 573, skipped: 0),
        "spec/v12-L230-skipping-a-few.tap": .counts(tests: 5, failures: 0, skipped: 4),
        "spec/v12-L250-got-spare-tuits.tap": .counts(tests: 4, failures: 0, skipped: 2),
        "spec/v12-L261-creative-liberties.tap": .counts(tests: 9, failures: 0, skipped: 0),
        "spec/v13-L21-the-tap13-format.tap": .counts(tests: 3, failures: 1, skipped: 0),
        "spec/v13-L46-the-tap13-format.tap": .counts(tests: 4, failures: 1, skipped: 1),
        "spec/v14-L92-tap14-format.tap": .counts(tests: 4, failures: 1, skipped: 1),
        "spec/v14-L262-test-point-id.tap": .counts(tests: 5, failures: 2, skipped: 0),
        "spec/v14-L273-test-point-id.tap": .counts(tests: 5, failures: 2, skipped: 0),
        "spec/v14-L284-test-point-id.tap": .counts(tests: 5, failures: 3, skipped: 0),
        "spec/v14-L308-test-point-id.tap": .counts(tests: 3, failures: 1, skipped: 0),
        "spec/v14-L319-test-point-id.tap": .counts(tests: 3, failures: 1, skipped: 0),
        "spec/v14-L401-whitespace-around-directive-delimiter.tap": .counts(tests: 5, failures: 1, skipped: 2),
        "spec/v14-L424-backwards-compatibility-and-parsing-note.tap": .counts(tests: 2, failures: 0, skipped: 2),
        "spec/v14-L452-backwards-compatibility-and-parsing-note.tap": .counts(tests: 3, failures: 1, skipped: 2),
        "spec/v14-L695-escaping-examples.tap": .counts(tests: 8, failures: 0, skipped: 0),
        "spec/v14-L818-bare-subtests.tap": .counts(tests: 1, failures: 0, skipped: 0),
        "spec/v14-L831-bare-subtests.tap": .counts(tests: 1, failures: 0, skipped: 0),
        "spec/v14-L869-commented-subtests.tap": .counts(tests: 4, failures: 0, skipped: 0),
        "spec/v14-L933-subtest-pragmas.tap": .counts(tests: 1, failures: 0, skipped: 0),
        "spec/v14-L1007-common-with-explanation.tap": .counts(tests: 6, failures: 0, skipped: 0),
        "spec/v14-L1032-unknown-amount-and-failures.tap": .counts(tests: 7, failures: 2, skipped: 0),
        "spec/v14-L1060-giving-up.tap": .counts(tests: 1, failures: 573, skipped: 0),
        "spec/v14-L1073-skipping-a-few.tap": .counts(tests: 5, failures: 0, skipped: 4),
        "spec/v14-L1100-procrastination-considered-ok.tap": .counts(tests: 4, failures: 0, skipped: 2),
        "spec/v14-L1115-creative-liberties.tap": .counts(tests: 9, failures: 0, skipped: 0),
    ]

    @Test("the manifest lists every copied peer file, and only those")
    func manifestIsComplete() throws {
        let root = fixturePath("tap")
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: root)
            .filter { $0.hasSuffix(".tap") && !$0.hasPrefix("generated/") }
        #expect(Self.rows.count == 209)
        #expect(Set(onDisk) == Set(Self.rows.map(\.file)))
    }

    @Test("every known difference and hand-checked file is a row of the manifest")
    func tablesNameRealRows() {
        let files = Set(Self.rows.map(\.file))
        for file in Array(Self.knownDifferences.keys) + Array(Self.handChecked.keys) {
            #expect(files.contains(file), "\(file) is not in the manifest")
        }
        for file in Self.handChecked.keys {
            #expect(Self.rows.first { $0.file == file }?.expected == nil, "\(file) has counts: compare them instead")
        }
    }

    @Test("counts agree with the source's, or differ for a stated reason", arguments: rows)
    fileprivate func counts(row: ManifestRow) {
        let ours = row.observe(tapFixture(row.file))
        if let (differing, reason) = Self.knownDifferences[row.file] {
            #expect(ours == differing, "\(row.file): we count \(ours), the table says \(differing) (\(reason))")
            #expect(ours != row.expected, "\(row.file) now agrees with its source: remove its known difference")
        } else if let expected = row.expected {
            #expect(ours == expected, "\(row.file): the source counts \(expected), we count \(ours)")
        } else {
            #expect(ours == Self.handChecked[row.file], "\(row.file): no count to compare with, none checked by hand")
        }
    }

    @Test("no peer file makes the parser warn about a line it cut", arguments: rows)
    fileprivate func noCutLines(row: ManifestRow) {
        #expect(!tapFixture(row.file).warnings.contains { $0.contains("line longer than") })
    }
}

// MARK: - Plans and test points

@Suite("TAP plans and test points")
struct TAPPlanAndPointTests {
    @Test(
        "a leading or trailing plan that matches the points adds no error",
        arguments: [
            "1..3\nok 1\nok 2\nok 3\n", "ok 1\nok 2\nok 3\n1..3\n", "TAP version 14\n1..3\nok\nok\nok\n",
        ])
    func matchingPlan(text: String) {
        let outcome = parseTAP(text)
        #expect(outcome.error == nil)
        #expect(outcome.counts == ResultCounts(passed: 3, failed: 0, errored: 0, skipped: 0))
    }

    @Test("names come from the description, without the leading dash, or are `test N`")
    func names() {
        let outcome = parseTAP("1..5\nok 1 - first\nok 2 second\nok\nok 4 -\nnot ok - fifth one\n")
        #expect(outcome.results.map(\.name) == ["first", "second", "test 3", "test 4", "fifth one"])
        #expect(outcome.results.map(\.status) == [.passed, .passed, .passed, .passed, .failed])
    }

    @Test("the suite path is the file name without extension, and identities follow it")
    func identities() throws {
        let outcome = parseTAP("1..1\nok 1 - adds\n", named: "math.test.tap")
        let result = try #require(outcome.results.first)
        #expect(result.suitePath == ["math.test"])
        #expect(result.classname == nil)
        #expect(result.identity == TestIdentity(classname: "math.test", name: "adds"))
        #expect(parseTAP("1..1\nok 1 - adds\n", named: "other.tap").results.first?.identity.classname == "other")
    }

    @Test("standard input gives an empty suite path")
    func standardInputSuitePath() {
        #expect(TAPParser.suitePath(forSource: "<stdin>") == [])
        #expect(TAPParser.suitePath(forSource: "reports/unit.tap") == ["unit"])
        #expect(TAPParser.suitePath(forSource: "reports/.tap") == [".tap"])
    }

    @Test("TAP 14 escapes: `\\#` is a hash and `\\\\` a backslash in descriptions")
    func escapes() {
        let outcome = tapFixture("spec/v14-L695-escaping-examples.tap")
        #expect(
            outcome.results.map(\.name) == [
                "hello", "hello # todo", "hello", "hello", "hello \\", "hello \\", "hello # description # todo",
                "hello \\\\\\# todo",
            ])
    }

    @Test("node-tap's `# time=` comment is the duration, not part of the name")
    func timeComment() throws {
        let result = try #require(parseTAP("1..1\nok 1 - nesting # time=36.5ms\n").results.first)
        #expect(result.name == "nesting")
        #expect(result.duration == 0.0365)
    }

    @Test("a plan of 1..0 skips the file: no results, the reason on the suite")
    func skipAll() throws {
        let outcome = parseTAP("TAP version 13\n1..0 # Skipped: no database here\n")
        #expect(outcome.error == nil)
        #expect(outcome.results.isEmpty)
        let suite = try #require(outcome.suiteRecords.first)
        #expect(suite.path == ["case"])
        #expect(suite.properties.contains(TestProperty(name: "skip", value: "no database here")))
        #expect(suite.properties.contains(TestProperty(name: "TAP version", value: "13")))
    }

    @Test("fewer points than planned is an errored result that says so")
    func fewerThanPlanned() throws {
        let outcome = parseTAP("1..4\nok 1\nok 2\nok 3\n")
        let problem = try #require(outcome.planProblem)
        #expect(problem.status == .errored)
        #expect(problem.name == "TAP plan")
        #expect(problem.suitePath == ["case"])
        #expect(problem.message == "planned 4 tests (1..4 at line 1) but 3 ran")
        #expect(outcome.counts == ResultCounts(passed: 3, failed: 0, errored: 1, skipped: 0))
    }

    @Test("more points than planned is an errored result")
    func moreThanPlanned() {
        let outcome = parseTAP("1..2\nok 1\nok 2\nok 3\n")
        #expect(outcome.planProblem?.message?.contains("planned 2 tests (1..2 at line 1) but 3 ran") == true)
    }

    @Test("points without any plan are an errored result, as a script that died leaves them")
    func missingPlan() {
        let outcome = parseTAP("ok 1\nok 2\n")
        #expect(outcome.planProblem?.message == "no plan: the output ended after 2 tests without a 1..N line")
    }

    @Test("repeated and out-of-order numbers are errored, with the line")
    func sequenceProblems() throws {
        let repeated = try #require(parseTAP("1..3\nok 1\nok 2\nok 2\n").planProblem)
        #expect(repeated.message == "test 2 appears twice (line 4)")
        let outOfOrder = try #require(parseTAP("1..3\nok 1\nok 3\nok 2\n").planProblem)
        #expect(outOfOrder.message == "test 3 at line 3 comes after test 1; test 2 at line 4 comes after test 3")
    }

    @Test("a plan that starts elsewhere than 1 numbers the points from its start")
    func offsetPlan() {
        #expect(tapFixture("tap-parser/offset.tap").planProblem == nil)
        #expect(parseTAP("3..4\nok\nok\n").planProblem == nil)
        #expect(parseTAP("1..2\nok 2\nok 3\n").planProblem?.message?.contains("the first test is number 2") == true)
    }

    @Test("a second plan and points after a trailing plan are plan problems")
    func misplacedPlans() {
        #expect(
            parseTAP("1..1\nok 1\n1..1\n").planProblem?.message == "a second plan 1..1 at line 3 after 1..1 at line 1")
        #expect(
            parseTAP("ok 1\n1..2\nok 2\n").planProblem?.message == "test point at line 3 comes after the plan at line 2"
        )
    }

    @Test("lines that are not TAP, pragmas and plans that run backwards are ignored")
    func ignoredLines() {
        let outcome = parseTAP("pragma +strict\nhello world\n100..1\nokay then\nok 1\n1..1\n")
        #expect(outcome.results.map(\.name) == ["test 1"])
        #expect(outcome.planProblem == nil)
    }
}

// MARK: - Directives

@Suite("TAP SKIP and TODO directives")
struct TAPDirectiveTests {
    @Test(
        "SKIP, in any case and spelling, is skipped with its reason as the message",
        arguments: [
            ("ok 1 - name # SKIP no network", "no network"), ("ok 1 - name # skip no network", "no network"),
            ("ok 1 - name # Skipped: no network", "no network"), ("not ok 1 - name # SKIP no network", "no network"),
            ("ok 1 # skipping no network", "no network"),
        ])
    func skip(line: String, reason: String) throws {
        let result = try #require(parseTAP("1..1\n\(line)\n").results.first)
        #expect(result.status == .skipped)
        #expect(result.message == reason)
    }

    @Test("SKIP without a reason has no message")
    func skipWithoutReason() throws {
        let result = try #require(parseTAP("1..1\nok 1 - later # SKIP\n").results.first)
        #expect(result.status == .skipped)
        #expect(result.message == nil)
        #expect(result.name == "later")
    }

    @Test("a TODO that fails is skipped with `TODO: reason`, and is not a failure")
    func failingTODO() throws {
        let result = try #require(parseTAP("1..1\nnot ok 1 - summary # TODO not written yet\n").results.first)
        #expect(result.status == .skipped)
        #expect(result.message == "TODO: not written yet")
        #expect(result.properties.contains(TestProperty(name: "todo", value: "not written yet")))
    }

    @Test("a TODO that passes is passed")
    func passingTODO() throws {
        let result = try #require(parseTAP("1..1\nok 1 - summary # todo not written yet\n").results.first)
        #expect(result.status == .passed)
        #expect(result.message == nil)
    }

    @Test("a TODO without a reason says TODO")
    func todoWithoutReason() {
        #expect(parseTAP("1..1\nnot ok 1 # TODO\n").results.first?.message == "TODO")
    }

    @Test(
        "escaped or glued hashes are not directives",
        arguments: [
            "ok 1 - not \\# SKIP", "ok 1 - testTitle#todo is a url", "ok 1 - Hamlette # TODOORNOTTODO",
        ])
    func notDirectives(line: String) throws {
        let result = try #require(parseTAP("1..1\n\(line)\n").results.first)
        #expect(result.status == .passed)
        #expect(result.properties.isEmpty)
    }

    @Test("a directive right after the dash leaves no description")
    func directiveWithoutDescription() throws {
        let result = try #require(parseTAP("1..1\nok 1 - #SkIp later\n").results.first)
        #expect(result.name == "test 1")
        #expect(result.status == .skipped)
        #expect(result.message == "later")
    }
}

// MARK: - YAML diagnostics

@Suite("TAP YAML diagnostic blocks")
struct TAPYAMLTests {
    @Test("message, severity, at, duration_ms and got/expected go to their fields; the rest is detail")
    func knownKeys() throws {
        let text = """
            TAP version 13
            1..1
            not ok 1 - equality
              ---
              message: "values differ"
              severity: fail
              custom: 42
              at:
                file: test/math.js
                line: 12
                column: 5
              expected: 3
              got: 4
              duration_ms: 1500
              ...

            """
        let result = try #require(parseTAP(text).results.first)
        #expect(result.message == "values differ")
        #expect(result.file == "test/math.js")
        #expect(result.line == 12)
        #expect(result.duration == 1.5)
        #expect(result.properties.contains(TestProperty(name: "severity", value: "fail")))
        #expect(result.detail == "expected: 3\ngot: 4\ncustom: 42")
    }

    @Test("node's test runner: error, location, failureType, stack as a block scalar")
    func nodeKeys() throws {
        let outcome = tapFixture("generated/node-test-runner.tap")
        let math = try #require(outcome.first(named: "math"))
        let failed = try #require(math.subResults.first { $0.name == "subtracts wrongly" })
        #expect(failed.status == .failed)
        #expect(failed.message == "Expected values to be strictly equal:\n\n2 !== 1")
        #expect(failed.file?.hasSuffix("node-test-runner.test.mjs") == true)
        #expect(failed.line == 6)
        #expect(failed.failureType == "testCodeFailure")
        #expect(failed.detail?.hasPrefix("expected: 1\nactual: 2\n") == true)
        #expect(failed.detail?.contains("stack: |-\n  TestContext.<anonymous>") == true)
        #expect(failed.duration.map { $0 > 0 && $0 < 1 } == true)
    }

    @Test("the reader understands nested maps, lists, quoted and block scalars")
    func readerSubset() throws {
        let lines = [
            "plain: some words # a comment", "single: 'it''s'", "double: \"tab\\there\"", "folded: >",
            "  one", "  two", "", "  three", "  ", "", "  four", "literal: |-", "  a", "  b", "list:", "  - x",
            "  - key: y",
            "    other: z", "nested:", "  inner:", "    deep: 1", "flow: [1, 2]", "empty:",
        ]
        let entries = try #require(TAPParser.YAMLReader.readMap(TAPParser.YAMLText(lines.joined(separator: "\n"))))
        func value(_ key: String) -> TAPParser.YAMLValue? { entries.first { $0.key == key }?.value }
        #expect(value("plain") == .scalar("some words"))
        #expect(value("single") == .scalar("it's"))
        #expect(value("double") == .scalar("tab\there"))
        #expect(value("folded") == .scalar("one two\nthree\n\nfour\n"))
        #expect(value("literal") == .scalar("a\nb"))
        #expect(
            value("list")
                == .list([
                    .scalar("x"),
                    .map([
                        TAPParser.YAMLEntry(key: "key", value: .scalar("y"), lines: 16..<17),
                        TAPParser.YAMLEntry(key: "other", value: .scalar("z"), lines: 17..<18),
                    ]),
                ]))
        #expect(value("nested")?["inner"]?["deep"] == .scalar("1"))
        #expect(value("flow") == .scalar("[1, 2]"))
        #expect(value("empty") == .scalar(""))
    }

    @Test("quoted scalars: escapes, characters of any width, lines that continue, no closing quote")
    func quotedScalars() throws {
        let text = """
            escapes: "caf\\u00e9 \\U0001F600 \\x41\\n\\"q\\" \\\\ \\uZZ"
            wide: 'ü 日本 🇫🇷 ''quoted'''
            continued: "first
              second

              third"
            unclosed: 'never closed
            key with spaces: 'a # not a comment'
            plain: a # comment
            """
        let entries = try #require(TAPParser.YAMLReader.readMap(TAPParser.YAMLText(text)))
        func value(_ key: String) -> String? { entries.first { $0.key == key }?.value.scalar }
        #expect(value("escapes") == "café 😀 A\n\"q\" \\ \\uZZ")
        #expect(value("wide") == "ü 日本 🇫🇷 'quoted'")
        #expect(value("continued") == "first second\nthird")
        #expect(value("unclosed") == "'never closed")
        #expect(value("key with spaces") == "a # not a comment")
        #expect(value("plain") == "a")
    }

    @Test("an entry kept as detail is quoted as written, list dashes included")
    func detailQuotesListsAsWritten() throws {
        let outcome = parseTAP(
            """
            1..1
            not ok 1 - lists
              ---
              message: differs
              found:
                - key: a
                  other: b
                - plain
              ...
            """)
        let result = try #require(outcome.results.first)
        #expect(result.message == "differs")
        #expect(result.detail == "found:\n  - key: a\n    other: b\n  - plain")
    }

    @Test("YAML the reader does not understand is kept whole as detail")
    func notYAML() throws {
        let outcome = tapFixture("tap-parser/yamlish-that-is-not-yaml.tap")
        let result = try #require(outcome.results.first)
        #expect(result.status == .failed)
        #expect(result.detail?.hasPrefix("this is not yaml\n\"In fact, it\": : : :%%% <@!<") == true)
        #expect(result.detail?.contains("Sea Turtle") == true)
        #expect(result.detail?.hasSuffix("but: this\nis: yaml") == true)
    }

    @Test("a YAML block that ends without `...` still belongs to its point")
    func unterminatedBlock() throws {
        let outcome = parseTAP("1..2\nnot ok 1 - first\n  ---\n  message: broken off\nok 2 - second\n")
        #expect(outcome.first(named: "first")?.message == "broken off")
        #expect(outcome.results.map(\.name) == ["first", "second"])
        #expect(outcome.planProblem == nil)
    }

    @Test("lines that look like TAP inside a YAML block are YAML")
    func tapInsideYAML() {
        let outcome = tapFixture("tap-parser/yamlish-looks-like-child.tap")
        #expect(outcome.results.map(\.name) == ["callback happened", "child test", "should come last"])
        #expect(outcome.results.first?.detail?.contains("I wished for a bailout!") == true)
    }

    @Test("locations: file:line:column, a stack frame, file URLs")
    func locations() {
        typealias Diagnostics = TAPParser.Diagnostics
        #expect(Diagnostics.location("/tmp/x.mjs:6:3") == ("/tmp/x.mjs", 6))
        #expect(Diagnostics.location("Object.<anonymous> (test.js:8:5)") == ("test.js", 8))
        #expect(Diagnostics.location("file:///tmp/x.mjs:7") == ("/tmp/x.mjs", 7))
        #expect(Diagnostics.location("somewhere") == ("somewhere", nil))
    }

    @Test("durations: duration_ms in milliseconds, duration with or without a unit")
    func durations() {
        func duration(_ yaml: String) -> Double? {
            parseTAP("1..1\nok 1\n  ---\n  \(yaml)\n  ...\n").results.first?.duration
        }
        #expect(duration("duration_ms: 250") == 0.25)
        #expect(duration("duration: 1.5") == 1.5)
        #expect(duration("duration: 20ms") == 0.02)
        #expect(duration("duration_ms: -3") == nil)
    }

    @Test("a huge YAML block is kept up to 1 MiB, with a note of what was cut")
    func hugeBlock() throws {
        let line = "  - " + String(repeating: "x", count: 1000) + "\n"
        let text = "1..1\nnot ok 1 - big\n  ---\n  stack:\n" + String(repeating: line, count: 2000) + "  ...\n"
        let result = try #require(parseTAP(text).results.first)
        let detail = try #require(result.detail)
        #expect(detail.utf8.count < 1_100_000)
        #expect(detail.hasSuffix("bytes cut …]"))
    }
}

// MARK: - Subtests

@Suite("TAP subtests")
struct TAPSubtestTests {
    @Test("TAP 14: an indented block after `# Subtest: name` is the sub-results of the point after it")
    func tap14() throws {
        let outcome = tapFixture("spec/v14-L869-commented-subtests.tap")
        #expect(outcome.results.map(\.name) == ["in the parent", "nested", "empty", "test 4"])
        let nested = try #require(outcome.first(named: "nested"))
        #expect(nested.subResults.map(\.name) == ["in the subtest"])
        #expect(nested.subResults.first?.suitePath == ["v14-L869-commented-subtests", "nested"])
        #expect(outcome.first(named: "test 4")?.subResults.map(\.name) == ["name is optional"])
        #expect(outcome.first(named: "empty")?.subResults == [])
    }

    @Test("bare subtests nest by indentation alone")
    func bare() throws {
        let result = try #require(tapFixture("spec/v14-L831-bare-subtests.tap").results.first)
        #expect(result.name == "double nest passing")
        #expect(result.subResults.map(\.name) == ["nested parent"])
        #expect(result.subResults.first?.subResults.map(\.name) == ["nested twice"])
        #expect(
            result.subResults.first?.subResults.first?.suitePath == [
                "v14-L831-bare-subtests", "double nest passing", "nested parent",
            ])
    }

    @Test("node's test runner: suites and nested tests keep their tree and their statuses")
    func nodeTestRunner() throws {
        let outcome = tapFixture("generated/node-test-runner.tap")
        #expect(outcome.error == nil)
        #expect(outcome.results.map(\.name) == ["math", "top level passes", "nested"])
        #expect(outcome.planProblem == nil)
        let math = try #require(outcome.first(named: "math"))
        #expect(math.status == .failed)
        #expect(math.subResults.map(\.status) == [.passed, .failed, .skipped, .skipped])
        #expect(math.subResults[2].message == "not on this platform")
        #expect(math.subResults[3].message == "TODO: later")
        let nested = try #require(outcome.first(named: "nested"))
        #expect(nested.subResults.last?.subResults.map(\.name) == ["deepest"])
        #expect(nested.subResults.last?.subResults.first?.suitePath == ["node-test-runner", "nested", "inner deeper"])
    }

    @Test("node-tap: nine ways of writing the same subtest give the same tree", arguments: 1...9)
    func nodeTapMixing(index: Int) throws {
        let outcome = tapFixture("tap-parser/subtest-mixing.tap")
        let result = try #require(outcome.results.count == 9 ? outcome.results[index - 1] : nil)
        #expect(result.name == "x\(index)")
        #expect(result.subResults.map(\.name) == ["y"])
        #expect(result.subResults.first?.subResults.map(\.name) == ["ypoint"])
        #expect(result.subResults.first?.subResults.first?.suitePath == ["subtest-mixing", "x\(index)", "y"])
    }

    @Test("Perl Test::More: streamed subtests, diagnostics as output, TODO and skip")
    func perlStreamed() throws {
        let outcome = tapFixture("generated/perl-test-more-streamed.tap")
        #expect(
            outcome.results.map(\.name) == [
                "first passes", "arithmetic is wrong", "streamed subtest", "future feature", "test 5",
            ])
        #expect(outcome.results.map(\.status) == [.passed, .failed, .passed, .skipped, .skipped])
        let subtest = try #require(outcome.first(named: "streamed subtest"))
        #expect(subtest.subResults.map(\.name) == ["inner one", "deeper"])
        #expect(subtest.subResults.last?.subResults.map(\.name) == ["deepest"])
        #expect(outcome.first(named: "arithmetic is wrong")?.stdout?.contains("got: '4'") == true)
        #expect(outcome.suiteRecords.first?.stdout == "Looks like you failed 1 test of 5.")
    }

    @Test("Perl Test2: buffered `ok 1 - name {` blocks, nested, closed by `}`")
    func perlBuffered() throws {
        let outcome = tapFixture("generated/perl-test2-buffered.tap")
        #expect(outcome.results.map(\.name) == ["before", "buffered subtest", "buffered nested"])
        let buffered = try #require(outcome.first(named: "buffered subtest"))
        #expect(buffered.status == .failed)
        #expect(buffered.subResults.map(\.status) == [.passed, .failed])
        #expect(buffered.stdout?.contains("Failed test 'buffered subtest'") == true)
        let nested = try #require(outcome.first(named: "buffered nested"))
        #expect(nested.subResults.first?.subResults.map(\.name) == ["grandchild"])
    }

    @Test("Test2 mixes buffered and streamed subtests, and an empty buffered one")
    func perlMixed() throws {
        let outcome = tapFixture("tap-parser/perl-test2-buffered.tap")
        #expect(
            outcome.results.map(\.name) == [
                "empty", "my_test", "my_test_plan", "my_streamy_test", "my_streamy_test_plan",
            ])
        #expect(outcome.results.map(\.subResults.count) == [0, 2, 2, 2, 2])
        #expect(outcome.planProblem == nil)
    }

    @Test("a `{` block after a point's YAML belongs to that point")
    func braceAfterYAML() throws {
        let outcome = tapFixture("tap-parser/buffered-with-diag-not-ok.tap")
        let result = try #require(outcome.results.first)
        #expect(result.status == .failed)
        #expect(result.subResults.map(\.name) == ["test 1"])
        #expect(result.detail == "some: diagnostics")
    }

    @Test("a description that ends in ` {` with no block keeps its brace")
    func braceInDescription() {
        let outcome = tapFixture("tap-parser/subtest-confusing.tap")
        #expect(outcome.results.map(\.name) == ["a brace looks like this {", "x"])
        #expect(outcome.results.last?.subResults.map(\.name) == ["y"])
    }

    @Test("a point that says ok over a failing subtest stays passed, with a warning")
    func okOverFailingSubtest() throws {
        let outcome = tapFixture("tap-parser/buffered-nested-failure-top-ok.tap")
        #expect(outcome.results.first?.status == .passed)
        #expect(outcome.warnings.contains { $0.contains("is ok but 1 of its subtests failed") })
    }

    @Test("a subtest whose plan does not match carries an errored sub-result")
    func subtestPlanMismatch() throws {
        let outcome = parseTAP("1..1\n# Subtest: child\n    1..3\n    ok 1\nnot ok 1 - child\n")
        let child = try #require(outcome.first(named: "child"))
        #expect(child.subResults.map(\.status) == [.passed, .errored])
        #expect(child.subResults.last?.message == "planned 3 tests (1..3 at line 3) but 1 ran")
        #expect(child.subResults.last?.suitePath == ["case", "child"])
        #expect(outcome.planProblem == nil)
    }

    @Test("a subtest the output cuts off is an errored result with what it ran")
    func unfinishedSubtest() throws {
        let outcome = tapFixture("tap-parser/subtest-unfinished.tap")
        let unfinished = try #require(outcome.first(named: "unfinished"))
        #expect(unfinished.status == .errored)
        #expect(unfinished.message == "the subtest ended without a test point for it")
        #expect(unfinished.subResults.map(\.name) == ["test 1"])
        #expect(unfinished.subResults.first?.suitePath == ["subtest-unfinished", "unfinished"])
    }

    @Test("`Subtest: ` before a closing point's description is dropped")
    func subtestPrefix() {
        let outcome = parseTAP("# Subtest: inner\n    ok 1\n    1..1\nok 1 - Subtest: inner\n1..1\n")
        #expect(outcome.results.map(\.name) == ["inner"])
    }

    @Test("noise printed inside a subtest does not break it")
    func noiseInSubtest() throws {
        let outcome = tapFixture("tap-parser/indented-stdout-noise.tap")
        let result = try #require(outcome.results.first)
        #expect(result.name == "index.js")
        #expect(result.subResults.map(\.name) == ["boom"])
        #expect(result.file == "index.js")
    }
}

// MARK: - Bail out

@Suite("TAP Bail out!")
struct TAPBailOutTests {
    @Test("what ran is kept; every test the plan still expected is errored, not run")
    func bailOutWithPlan() {
        let outcome = parseTAP("1..4\nok 1 - first\nnot ok 2 - second\nBail out! no database\nok 3 - never read\n")
        #expect(outcome.results.map(\.name) == ["first", "second", "test 3", "test 4"])
        #expect(outcome.results.map(\.status) == [.passed, .failed, .errored, .errored])
        #expect(outcome.results.last?.message == "not run: bailed out: no database")
        #expect(outcome.results.last?.failureType == "TAP bail out")
        #expect(outcome.planProblem == nil)
    }

    @Test("with nothing left to report, the bail-out is itself an errored result")
    func bailOutWithoutPlan() throws {
        let outcome = parseTAP("ok 1\nBail out!\n")
        let bail = try #require(outcome.first(named: "Bail out!"))
        #expect(bail.status == .errored)
        #expect(bail.message == "bailed out")
    }

    @Test("the reason's escapes are undone")
    func escapedReason() {
        let outcome = tapFixture("tap-parser/bail-escaped.tap")
        #expect(
            outcome.first(named: "Bail out!")?.message == "bailed out: hash # slash \\ noesc hash # noesc slash \\ done"
        )
    }

    @Test("a bail-out inside a subtest ends the subtest and the file")
    func bailOutInSubtest() throws {
        let outcome = parseTAP("1..2\n# Subtest: child\n    ok 1\n    Bail out! stop\nok 1 - child\n")
        let child = try #require(outcome.first(named: "child"))
        #expect(child.status == .errored)
        #expect(child.message == "the subtest did not finish: bailed out: stop")
        #expect(outcome.results.map(\.name) == ["child", "test 1", "test 2"])
    }

    @Test("a huge plan lists the first thousand tests not run, then the rest as one")
    func hugePlan() {
        let outcome = parseTAP("1..1000000\nok 1\nBail out! gone\n")
        #expect(outcome.results.count == 1 + 1000 + 1)
        #expect(outcome.results.last?.name == "tests 1002..1000000")
        #expect(outcome.results.last?.message == "998999 tests not run: bailed out: gone")
    }
}

// MARK: - Output, encodings and bad input

@Suite("TAP comments, encodings and bad input")
struct TAPRobustnessTests {
    @Test("comments between points are the previous point's output; the rest is the suite's")
    func comments() throws {
        let outcome = parseTAP(
            "# before\n1..2\nnot ok 1 - a\n#   Failed test 'a'\n#   got: 1\nok 2 - b\n1..2\n# after\n")
        #expect(outcome.first(named: "a")?.stdout == "  Failed test 'a'\n  got: 1")
        #expect(outcome.first(named: "b")?.stdout == nil)
        #expect(outcome.suiteRecords.first?.stdout == "before\nafter")
    }

    @Test("LF, CRLF and CR line ends read alike", arguments: ["\n", "\r\n", "\r"])
    func lineEnds(end: String) {
        let lines = ["TAP version 13", "1..2", "ok 1 - a", "not ok 2 - b", "  ---", "  message: m", "  ..."]
        let outcome = parseTAP(lines.joined(separator: end) + end)
        #expect(outcome.results.map(\.name) == ["a", "b"])
        #expect(outcome.results.last?.message == "m")
        #expect(outcome.planProblem == nil)
    }

    @Test("a byte order mark before the first line is ignored")
    func byteOrderMark() {
        let outcome = parseTAP(bytes: [0xEF, 0xBB, 0xBF] + Array("1..1\nok 1 - a\n".utf8))
        #expect(outcome.results.map(\.name) == ["a"])
        #expect(outcome.planProblem == nil)
    }

    @Test("invalid UTF-8 is replaced, never fatal")
    func invalidUTF8() throws {
        let outcome = parseTAP(bytes: Array("1..1\nok 1 - caf".utf8) + [0xC3, 0x28, 0xFF] + Array("\n".utf8))
        #expect(outcome.error == nil)
        let name = try #require(outcome.results.first?.name)
        #expect(name.hasPrefix("caf"))
        #expect(name.unicodeScalars.contains("\u{FFFD}"))
    }

    @Test(
        "a file with no TAP at all is an error that says where",
        arguments: ["", "\n\n", "hello\nworld\n", "TAP version 13\n"])
    func noTAP(text: String) {
        let outcome = parseTAP(text, named: "notes.txt")
        guard case .malformed(let location, let reason)? = outcome.error else {
            Issue.record("expected a malformed error, got \(String(describing: outcome.error))")
            return
        }
        #expect(location.file.hasSuffix("notes.txt"))
        #expect(location.line == 1)
        #expect(reason == "no TAP test points or plan found")
        #expect(outcome.results.isEmpty)
    }

    @Test("a line of several megabytes is cut, with a warning, and the rest still parses")
    func hugeLine() throws {
        let huge = "ok 1 - " + String(repeating: "y", count: 3 << 20)
        let outcome = parseTAP("1..2\n" + huge + "\nok 2 - after\n")
        #expect(outcome.results.map(\.status) == [.passed, .passed])
        #expect(outcome.results.first?.name.utf8.count == LineReader.defaultMaxLineLength - 7)
        #expect(outcome.results.last?.name == "after")
        #expect(outcome.warnings.count == 1)
        #expect(outcome.warnings.first?.contains(":2: line longer than") == true)
    }

    @Test("lines are read across the parser's 64 KiB chunks")
    func chunkBoundaries() {
        let points = (1...20_000).map { "ok \($0) - test number \($0)" }
        let outcome = parseTAP("1..20000\n" + points.joined(separator: "\r\n") + "\r\n")
        #expect(outcome.results.count == 20_000)
        #expect(outcome.results.last?.name == "test number 20000")
        #expect(outcome.results.allSatisfy { !$0.name.contains("\r") && !$0.name.isEmpty })
        #expect(outcome.planProblem == nil)
    }

    @Test("results stream in file order and the suite record comes last")
    func eventOrder() throws {
        let outcome = parseTAP("1..3\nok 1 - a\nok 2 - b\nok 3 - c\n")
        #expect(outcome.results.map(\.name) == ["a", "b", "c"])
        guard case .suite? = outcome.events.last else {
            Issue.record("the last event is \(String(describing: outcome.events.last))")
            return
        }
    }

    @Test("the same file parses to the same results twice")
    func deterministic() {
        let first = tapFixture("tap-parser/tap-tests.tap")
        let second = tapFixture("tap-parser/tap-tests.tap")
        #expect(first.events == second.events)
        #expect(first.results.count > 300)
    }

    @Test("random bytes never crash the parser", arguments: 0..<20)
    func randomBytes(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 1))
        let alphabet = Array("ok not 1..# \t-{}\n\r---...SKIPTODOBail out!Subtest:".utf8) + [0xFF, 0xC3]
        let bytes = (0..<4000).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        _ = parseTAP(bytes: bytes)
    }
}

/// A small deterministic generator (SplitMix64), so that a failing input can be replayed.
private struct SeededGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
