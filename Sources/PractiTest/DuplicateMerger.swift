import TestReports

/// Folds results that share a PractiTest name into one, by the documented policy: a failure in any
/// report makes the test failed, unless a later rerun in the same report passed, which makes it
/// passed and flaky. The attempts that lost stay visible as sub-results, and a note says what
/// happened. A skip in `swift test`'s console output wins over a pass in an XUnit file.
enum DuplicateMerger {
    /// The merged result and a note for its output (`nil` for a single occurrence).
    static func merge(_ occurrences: [ReportedResult]) -> (result: TestResult, note: String?) {
        guard occurrences.count > 1 else { return (occurrences[0].result, nil) }
        // On Linux the XUnit file of `swift test` writes a skipped XCTest as passed; the console
        // output of the same run knows better.
        if let skip = occurrences.first(where: { $0.format == .swiftTest && $0.result.status == .skipped }),
            occurrences.allSatisfy({
                $0.result.status == .skipped || ($0.result.status == .passed && $0.format == .junit)
            })
        {
            return (skip.result, "skipped in the swift test output; its XUnit file says passed")
        }
        var reports: [String] = []
        var byReport: [String: [TestResult]] = [:]
        for occurrence in occurrences {
            if byReport[occurrence.report] == nil { reports.append(occurrence.report) }
            byReport[occurrence.report, default: []].append(occurrence.result)
        }
        // Within one report the last attempt decides.
        let finals = reports.map { byReport[$0]!.last! }
        let failed = finals.first { $0.status == .failed || $0.status == .errored }
        var merged = failed ?? finals.first { $0.status == .passed } ?? finals[0]
        let losers = occurrences.map(\.result).filter { $0.status != merged.status && $0.status != .skipped }
        merged.subResults += losers.enumerated().map { index, attempt in
            var attempt = attempt
            attempt.name = "attempt \(index + 1): \(attempt.status.rawValue)"
            return attempt
        }
        if merged.status == .passed, losers.contains(where: { $0.status == .failed || $0.status == .errored }) {
            merged.isFlaky = true
        }
        let failures = occurrences.count { $0.result.status == .failed || $0.result.status == .errored }
        let reportCount = reports.count == 1 ? "1 report" : "\(reports.count) reports"
        let note = "ran \(occurrences.count) times in \(reportCount), \(failures) failed"
        return (merged, merged.isFlaky ? "flaky: " + note : note)
    }
}
