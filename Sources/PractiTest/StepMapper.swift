import TestReports

/// Turns results into run steps that tell the same story as the result: PractiTest takes a run's
/// status from its steps and ignores the exit code when there are any.
enum StepMapper {
    /// The steps of a test case's own run: one per sub-result (assertion failures, parameterized
    /// arguments, subtests). A failed test always has a failed step, a passed one a passed step; a
    /// test that passed after failed attempts sends none (its exit code says passed, its output
    /// says flaky); a skipped test has one `N/A` step carrying the reason.
    static func steps(for result: TestResult, textLimit: Int) -> [RunStep] {
        switch result.status {
        case .skipped:
            return [RunStep(name: "skipped", actualResults: result.message ?? "skipped", status: .notApplicable)]
        case .passed:
            if result.subResults.contains(where: { $0.status == .failed || $0.status == .errored }) { return [] }
            var steps = result.subResults.enumerated().map { step(for: $1, number: $0 + 1, textLimit: textLimit) }
            // Only N/A steps (a known issue, skipped arguments) would make the run N/A.
            if !steps.isEmpty, !steps.contains(where: { $0.status == .passed }) {
                steps.append(RunStep(name: "result", status: .passed))
            }
            return steps
        case .failed, .errored:
            var steps = result.subResults.enumerated().map { step(for: $1, number: $0 + 1, textLimit: textLimit) }
            if !steps.isEmpty, !steps.contains(where: { $0.status == .failed }) {
                steps.append(
                    RunStep(name: "result", actualResults: text(of: result, limit: textLimit), status: .failed))
            }
            return steps
        }
    }

    /// The step of one test case in a suite run; its sub-results are told in its actual results.
    static func step(forCase result: TestResult, textLimit: Int) -> RunStep {
        var lines = [text(of: result, limit: textLimit)].compactMap { $0 }
        for sub in result.subResults {
            lines.append("\(sub.name): \(sub.status.rawValue)" + (sub.message.map { ": \($0)" } ?? ""))
        }
        let actual = lines.isEmpty ? nil : PractiTestText.capped(lines.joined(separator: "\n"), maxBytes: textLimit)
        return RunStep(name: stepName(result.name, number: 1), actualResults: actual, status: status(of: result))
    }

    private static func step(for result: TestResult, number: Int, textLimit: Int) -> RunStep {
        RunStep(
            name: stepName(result.name, number: number), actualResults: text(of: result, limit: textLimit),
            status: status(of: result))
    }

    static func status(of result: TestResult) -> RunStep.Status {
        switch result.status {
        case .passed: .passed
        case .failed, .errored: .failed
        case .skipped: .notApplicable
        }
    }

    private static func stepName(_ name: String, number: Int) -> String {
        let trimmed = name.trimmingWhitespace()
        return PractiTestText.fitted(trimmed.isEmpty ? "step \(number)" : trimmed)
    }

    /// Message and detail, bounded; `nil` when there is neither.
    private static func text(of result: TestResult, limit: Int) -> String? {
        let parts = [result.message, result.detail].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : PractiTestText.capped(parts.joined(separator: "\n"), maxBytes: limit)
    }
}
