import Foundation
import PractiTest
import TestReports

/// The summaries an upload leaves for the CI job's page and for scripts: `--summary-file`
/// (Markdown) and `--json-summary` (JSON, keys in the README). Written atomically, mode 0600.
struct SummaryFiles {
    var report: UploadReport
    var runs: [PlannedRun]
    var setURL: String?
    var exitStatus: ExitStatus

    /// Writes the files asked for; a file that cannot be written is said on `diagnostics`.
    func write(markdownPath: String?, jsonPath: String?, diagnostics: OutputStream) {
        for (path, data) in [(markdownPath, Data(markdown().utf8)), (jsonPath, json())] {
            guard let path else { continue }
            do {
                try AtomicFile.write(data, to: path)
            } catch {
                diagnostics.line("error: cannot write the summary \(path): \(error.localizedDescription)")
            }
        }
    }

    private var counts: ResultCounts {
        var counts = ResultCounts()
        for run in runs { counts.add(run.status) }
        return counts
    }

    private var failedRuns: [PlannedRun] { runs.filter { $0.status == .failed || $0.status == .errored } }

    func markdown() -> String {
        var lines = ["## PractiTest upload", ""]
        let uploaded = report.uploaded + report.alreadyUploaded
        var headline = "**\(uploaded) of \(report.total) runs uploaded**"
        if let setID = report.setID {
            headline += setURL.map { " to [test set \(setID)](\($0))" } ?? " to test set \(setID)"
        }
        lines.append(headline)
        lines.append("")
        lines.append("| tests | passed | failed | errored | skipped | unmatched | refused | not sent |")
        lines.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
        let counts = self.counts
        lines.append(
            "| \(counts.total) | \(counts.passed) | \(counts.failed) | \(counts.errored) | \(counts.skipped) "
                + "| \(report.unmatched.count) | \(report.rejected.count) | \(report.notSent) |")
        if let fatal = report.fatal { lines += ["", "**Error:** \(Self.escaped(fatal.description))"] }
        let failed = failedRuns
        if !failed.isEmpty {
            lines += ["", "### Failed tests", ""]
            for run in failed.prefix(100) {
                lines.append(
                    "- `\(Self.escaped(run.name))`: \(Self.escaped(run.payload.executionOutput ?? run.status.rawValue))"
                )
            }
            if failed.count > 100 { lines.append("- … and \(failed.count - 100) more") }
        }
        if !report.unmatched.isEmpty {
            lines += ["", "### Not matched to an instance", ""] + report.unmatched.map { "- `\(Self.escaped($0))`" }
        }
        if !report.rejected.isEmpty {
            lines += ["", "### Refused by PractiTest", ""]
            lines += report.rejected.map { "- `\(Self.escaped($0.name))`: \(Self.escaped($0.reason))" }
        }
        lines += ["", "\(report.calls) calls, \(String(format: "%.1f", report.seconds)) s."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Keys: `exit-code`, `complete`, `total`, `uploaded`, `already-uploaded`, `matched`,
    /// `created-tests`, `created-instances`, `not-sent`, `unmatched` (names), `refused`
    /// (`name`, `reason`), `tests` (`passed`, `failed`, `errored`, `skipped`, `total`),
    /// `failed-tests` (`name`, `output`), `set-id`, `set-url`, `calls`, `too-many-requests`,
    /// `seconds`, `error`; always present, `null` when unknown.
    func json() -> Data {
        let counts = self.counts
        let document: [String: Any] = [
            "exit-code": Int(exitStatus.rawValue), "complete": report.isComplete, "total": report.total,
            "uploaded": report.uploaded + report.alreadyUploaded, "already-uploaded": report.alreadyUploaded,
            "matched": report.matched, "created-tests": report.createdTests,
            "created-instances": report.createdInstances, "not-sent": report.notSent, "unmatched": report.unmatched,
            "refused": report.rejected.map { ["name": $0.name, "reason": $0.reason] },
            "tests": [
                "total": counts.total, "passed": counts.passed, "failed": counts.failed, "errored": counts.errored,
                "skipped": counts.skipped,
            ],
            "failed-tests": failedRuns.map { ["name": $0.name, "output": $0.payload.executionOutput ?? ""] },
            "set-id": report.setID as Any? ?? NSNull(), "set-url": setURL as Any? ?? NSNull(),
            "calls": report.calls, "too-many-requests": report.tooManyRequests, "seconds": report.seconds,
            "error": report.fatal.map { $0.description as Any } ?? NSNull(),
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])) ?? Data()
    }

    /// Text safe inside a Markdown list item or table: no line breaks, no table bars.
    private static func escaped(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").replacingOccurrences(of: "|", with: "\\|")
    }
}
