import Foundation
import PractiTest
import TestReports

/// Prints what `upload --dry-run` would send: every run with its resolved name, and how the runs
/// fall into requests; as JSON, the exact request bodies.
struct DryRunPrinter {
    var plan: RunPlanner.Plan
    var files: [ReportFileSummary]
    var options: RunOptions
    var projectID: String?

    /// The runs in requests of at most 20, never the same test twice in one request.
    var requests: [[PlannedRun]] { RunBatcher.batches(plan.runs) { $0.name } }

    var path: String { "/api/v2/projects/\(projectID ?? "{project-id}")/runs.json" }

    func text() -> String {
        let counts = ResultCounts(summing: files.map(\.counts))
        let requests = self.requests
        var lines = [
            "dry run: nothing is sent, no credentials are read",
            "read \(files.count) \(files.count == 1 ? "file" : "files"): \(counts)",
            "planned \(plan.runs.count) \(plan.runs.count == 1 ? "run" : "runs") (granularity \(options.granularity.rawValue), "
                + "\(plan.mergedDuplicates) duplicates merged, \(plan.omittedSkipped) skipped omitted) "
                + "in \(requests.count) \(requests.count == 1 ? "request" : "requests")",
        ]
        for (index, request) in requests.enumerated() {
            lines.append("")
            lines.append(
                "request \(index + 1): POST \(path) with \(request.count) \(request.count == 1 ? "run" : "runs")")
            for run in request {
                let status = run.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                var line = "  \(status) \(run.payload.runDuration ?? "--:--:--")  \(run.name)"
                let steps = run.payload.steps.count
                if steps > 0 { line += "  (\(steps) \(steps == 1 ? "step" : "steps"))" }
                lines.append(line)
                if let output = run.payload.executionOutput, output != run.status.rawValue {
                    lines.append("      \(output)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func json() -> String {
        let document = DryRunDocument(
            runs: plan.runs.map {
                DryRunDocument.Run(name: $0.name, status: $0.status.rawValue, results: $0.resultCount)
            },
            requests: requests.map {
                DryRunDocument.Request(path: path, body: RunsRequestBody(data: $0.map(\.payload)))
            },
            summary: ResultCounts(summing: files.map(\.counts)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Strings, numbers and arrays only: encoding cannot fail.
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }
}

/// The JSON of `upload --dry-run --json`.
private struct DryRunDocument: Encodable {
    struct Run: Encodable {
        var name: String
        var status: String
        var results: Int
    }

    struct Request: Encodable {
        var method = "POST"
        var path: String
        var body: RunsRequestBody
    }

    var runs: [Run]
    var requests: [Request]
    var summary: ResultCounts
}
