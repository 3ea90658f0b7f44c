import Foundation
import PractiTest

/// Shows what the uploader tells on standard error: a bar redrawn in place on a terminal, plain
/// lines (no control characters) in CI logs; nothing but warnings with `--quiet`.
final class ProgressPrinter {
    private let diagnostics: OutputStream
    private let quiet: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var barShown = false

    init(diagnostics: OutputStream, quiet: Bool) {
        self.diagnostics = diagnostics
        self.quiet = quiet
    }

    func show(_ event: UploadEvent) {
        switch event {
        case .info(let text):
            if !quiet { line(text) }
        case .warning(let text):
            line("warning: \(text)")
        case .progress(let done, let total):
            guard !quiet else { return }
            if isTerminal {
                let width = 30
                let filled = total == 0 ? width : width * done / total
                diagnostics.write(
                    "\r[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(done)/\(total) runs"
                )
                diagnostics.flush()
                barShown = true
            } else {
                diagnostics.line("posted \(done)/\(total) runs")
            }
        }
    }

    /// Ends the bar's line, if one is shown.
    func finish() {
        if barShown { diagnostics.write("\n") }
        barShown = false
    }

    private func line(_ text: String) {
        finish()
        diagnostics.line(text)
    }
}

/// The summary after an upload: what was sent, what was not and why, what it cost, and how to
/// resume.
struct UploadSummary {
    var report: UploadReport
    var connection: ConnectionSettings
    var journalPath: String

    func print(output: OutputStream, diagnostics: OutputStream) {
        let total = report.total
        var headline = "uploaded \(report.uploaded + report.alreadyUploaded) of \(total) runs"
        if let setID = report.setID {
            headline += " to test set \(setID)"
            if let url = connection.setURL(setID) { headline += " (\(url))" }
        }
        output.line(headline)
        var details = ["\(report.matched) matched"]
        if report.alreadyUploaded > 0 { details.append("\(report.alreadyUploaded) already uploaded earlier") }
        if report.createdTests + report.createdInstances > 0 {
            details.append("created \(report.createdTests) tests and \(report.createdInstances) instances")
        }
        details += [
            "\(report.unmatched.count) unmatched", "\(report.rejected.count) refused", "\(report.notSent) not sent",
        ]
        output.line("  " + details.joined(separator: ", "))
        output.line(
            "  \(report.calls) calls (\(report.tooManyRequests) answered 429) in \(String(format: "%.1f", report.seconds)) s"
        )
        if !report.unmatched.isEmpty { output.line("unmatched: " + report.unmatched.joined(separator: ", ")) }
        for (name, reason) in report.rejected { output.line("refused: \(name): \(reason)") }
        for problem in report.verifyProblems { output.line("verify: \(problem)") }
        if let fatal = report.fatal { diagnostics.line("error: \(fatal)") }
        if report.notSent > 0 {
            diagnostics.line("run the same command again to send what is left (journal: \(journalPath))")
        }
    }
}
