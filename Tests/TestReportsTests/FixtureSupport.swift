import Foundation
import TestReports
import Testing

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
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8))
    defer { try? FileManager.default.removeItem(at: url) }
    return parse(url.path, with: parser)
}

/// One input row of a peer corpus `MANIFEST.tsv` (see `Fixtures/*/MANIFEST.tsv`): a file and the
/// counts its source expects, empty where the source gives none.
struct ManifestRow: CustomTestStringConvertible, Sendable {
    var file: String
    var tests: Int?
    var failures: Int?
    var errors: Int?
    var skipped: Int?
    var expectedFrom: String
    var notes: String

    var testDescription: String { file }

    /// The input rows of the manifest at `path`.
    static func load(_ path: String) -> [ManifestRow] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = lines.first else { return [] }
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        return lines.dropFirst().filter { $0[column("role")] == "input" }.map { fields in
            ManifestRow(
                file: fields[column("local_file")], tests: Int(fields[column("exp_tests")]),
                failures: Int(fields[column("exp_failures")]), errors: Int(fields[column("exp_errors")]),
                skipped: Int(fields[column("exp_skipped")]), expectedFrom: fields[column("expected_from")],
                notes: fields[column("notes")])
        }
    }
}
