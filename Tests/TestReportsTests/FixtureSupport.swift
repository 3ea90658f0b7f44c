import Foundation
import TestReports

/// The repository's `Fixtures/` folder, found from this file's place so tests run from any directory.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// The path of a file under `Fixtures/`.
func fixturePath(_ relativePath: String) -> String {
    fixturesDirectory.appendingPathComponent(relativePath).path
}

/// What a parser gave for one input: every event, and the error it stopped at, if any.
struct ParseOutcome {
    var events: [ParseEvent] = []
    var error: ReportError?

    var results: [TestResult] {
        events.compactMap { if case .result(let result) = $0 { result } else { nil } }
    }

    var warnings: [String] {
        events.compactMap { if case .warning(let text) = $0 { text } else { nil } }
    }

    var counts: ResultCounts {
        var counts = ResultCounts()
        for result in results { counts.add(result.status) }
        return counts
    }
}

/// Runs `parser` over the file at `path`.
func parse(_ path: String, with parser: some ReportParser) -> ParseOutcome {
    var outcome = ParseOutcome()
    do throws(ReportError) {
        let source = try ReportSource(path: path)
        try parser.parse(source) { outcome.events.append($0) }
    } catch {
        outcome.error = error
    }
    return outcome
}

/// Runs `parser` over `text`, written to a temporary file first.
func parse(text: String, with parser: some ReportParser, fileName: String = "report") -> ParseOutcome {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("ptupload-\(UUID().uuidString)-\(fileName)")
    FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8))
    defer { try? FileManager.default.removeItem(at: url) }
    return parse(url.path, with: parser)
}
