import Foundation
import TestReports

/// Turns parsed results into the runs ptupload will post: names from the template, duplicates
/// merged, skipped tests as the policy says, steps, output and attachments. Pure: no network.
public struct RunPlanner: Sendable {
    public var options: RunOptions

    public init(options: RunOptions = RunOptions()) {
        self.options = options
    }

    /// What planning gave: the runs, in the order their tests first appear, and what was left out.
    public struct Plan: Sendable, Equatable {
        public var runs: [PlannedRun]
        /// Skipped tests (or all-skipped suites) not posted under `--skipped omit`.
        public var omittedSkipped: Int
        /// Results folded into another with the same name.
        public var mergedDuplicates: Int
    }

    public func plan(_ results: [ReportedResult]) -> Plan {
        var order: [String] = []
        var byName: [String: [ReportedResult]] = [:]
        for reported in results {
            let name = options.nameTemplate.name(for: reported.result)
            if byName[name] == nil { order.append(name) }
            byName[name, default: []].append(reported)
        }
        let merged = order.map { name in
            let occurrences = byName[name]!
            let (result, note) = DuplicateMerger.merge(occurrences)
            return (name: name, result: result, note: note, count: occurrences.count)
        }
        var plan = Plan(runs: [], omittedSkipped: 0, mergedDuplicates: results.count - order.count)
        switch options.granularity {
        case .case:
            for entry in merged {
                if entry.result.status == .skipped, options.skipped == .omit {
                    plan.omittedSkipped += 1
                    continue
                }
                plan.runs.append(caseRun(entry.result, name: entry.name, note: entry.note, count: entry.count))
            }
        case .suite:
            var suiteOrder: [String] = []
            var suites: [String: [TestResult]] = [:]
            for entry in merged {
                let suite = NameTemplate.suiteName(for: entry.result)
                if suites[suite] == nil { suiteOrder.append(suite) }
                suites[suite, default: []].append(entry.result)
            }
            for name in suiteOrder {
                var cases = suites[name]!
                if options.skipped == .omit {
                    plan.omittedSkipped += cases.count { $0.status == .skipped }
                    cases.removeAll { $0.status == .skipped }
                    if cases.isEmpty { continue }
                }
                plan.runs.append(suiteRun(cases, name: name))
            }
        }
        return plan
    }

    private func caseRun(_ result: TestResult, name: String, note: String?, count: Int) -> PlannedRun {
        let attached = attachment(named: name, for: [result])
        let output = executionOutput(
            status: result.status, note: result.isFlaky && note == nil ? "flaky: passed on a rerun" : note,
            message: result.message, attached: attached != nil)
        return PlannedRun(
            name: name, status: result.status, properties: result.properties, resultCount: count,
            payload: payload(
                status: result.status, duration: result.duration, output: output,
                steps: StepMapper.steps(
                    for: result, textLimit: options.stepTextLimit), attachment: attached))
    }

    private func suiteRun(_ cases: [TestResult], name: String) -> PlannedRun {
        let status = Self.suiteStatus(cases)
        let failing = cases.filter { $0.status == .failed || $0.status == .errored }
        let known = cases.compactMap(\.duration)
        let attached = attachment(named: name, for: failing.isEmpty ? cases : failing)
        var note = "\(cases.count) \(cases.count == 1 ? "case" : "cases")"
        if !failing.isEmpty { note = "\(failing.count) of \(note) failed" }
        let first = failing.first.map { "\($0.name): \($0.message ?? $0.status.rawValue)" }
        let output = executionOutput(status: status, note: note, message: first, attached: attached != nil)
        return PlannedRun(
            name: name, status: status, properties: cases[0].properties, resultCount: cases.count,
            payload: payload(
                status: status, duration: known.isEmpty ? nil : known.reduce(0, +), output: output,
                steps: cases.map { StepMapper.step(forCase: $0, textLimit: options.stepTextLimit) },
                attachment: attached))
    }

    private func payload(
        status: TestStatus, duration: Double?, output: String, steps: [RunStep], attachment: RunFile?
    ) -> RunPayload {
        RunPayload(
            exitCode: status == .failed || status == .errored ? 1 : 0,
            runDuration: RunDuration.text(seconds: duration), executionOutput: output,
            version: options.runVersion, customFields: options.customFieldValues, steps: steps,
            files: attachment.map { [$0] } ?? [])
    }

    /// A suite failed when any case failed, else errored when any errored, else passed when any
    /// passed, else it was all skipped.
    static func suiteStatus(_ cases: [TestResult]) -> TestStatus {
        for status in [TestStatus.failed, .errored, .passed] where cases.contains(where: { $0.status == status }) {
            return status
        }
        return .skipped
    }

    /// The execution output: status, note and message head, then the job link when it fits, in at
    /// most 255 characters; when cut, a marker says whether the whole text is attached.
    func executionOutput(status: TestStatus, note: String?, message: String?, attached: Bool) -> String {
        var text = status.rawValue
        if let note { text += " (\(note))" }
        if let message, !message.isEmpty {
            // Only the head can show; white space runs (indented stack traces) fold to one space.
            text +=
                ": "
                + message.prefix(4 * PractiTestText.fieldLimit).split(whereSeparator: \.isWhitespace)
                .joined(separator: " ")
        }
        if let jobURL = options.jobURL, PractiTestText.fits(text + " | job: " + jobURL) {
            text += " | job: " + jobURL
        }
        return PractiTestText.fitted(text, marker: attached ? " […] (full text attached)" : " […]")
    }

    private func attachment(named name: String, for results: [TestResult]) -> RunFile? {
        let wanted =
            switch options.attach {
            case .never: false
            case .always: true
            case .failures: results.contains { $0.status == .failed || $0.status == .errored || $0.isFlaky }
            }
        guard wanted else { return nil }
        var text = results.map(AttachmentText.describe).joined(separator: "\n\n")
        if let jobURL = options.jobURL { text = "Job: \(jobURL)\n\n" + text }
        let capped = PractiTestText.capped(text, maxBytes: options.attachmentLimit)
        return RunFile(
            filename: AttachmentText.fileName(for: name), contentEncoded: Data(capped.utf8).base64EncodedString())
    }
}
