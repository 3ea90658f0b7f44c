import Foundation
import Testing

@testable import TestReports

extension ManifestRow {
    /// dorny, test-summary and mikepenz count failures and errors together as "failed".
    var countsErrorsAsFailures: Bool {
        errors == nil
            && ["dorny", "test-summary", "mikepenz", "copied from byte-identical junit/dorny"]
                .contains { expectedFrom.hasPrefix($0) }
    }
}

@Suite("JUnit peer corpus")
struct JUnitPeerCorpusTests {
    static let rows = ManifestRow.load(fixturePath("junit/peer/MANIFEST.tsv"))

    /// Where our counts differ from a source's by design, and why.
    static let knownDifferences: [String: String] = [
        "enricomi/junit.multiresult.xml":
            "EnricoMi counts every failure/error/skipped element; ptupload counts one result per test case",
        "enricomi/no-cases-but-tests.xml":
            "the suite attributes claim 6 tests but there is no <testcase>: nothing to upload",
        "enricomi/tst/disabled.xml": "status=\"disabled\" with no outcome element is a skipped test, not a pass",
        "mikepenz/issues__testFailedDisabled.xml": "a <failure> element is never hidden by a status attribute",
        "mikepenz/flaky_retries__flaky_with_classname_file.xml":
            "repeated <testcase> elements are one result each; merging reruns is the payload's duplicate policy",
        "mikepenz/flaky_retries__flaky_all_failures.xml": "repeated <testcase> elements are one result each",
        "mikepenz/flaky_retries__flaky_success_first.xml": "repeated <testcase> elements are one result each",
        "mikepenz/junit-server-test__report.xml": "repeated <testcase> elements are one result each",
        "codecov/warnings-junit.xml": "codecov drops test cases whose names pass 1000 characters; ptupload keeps them",
    ]

    /// Not well-formed inputs that ptupload reads all the same, and why it may.
    static let readLeniently: [String: String] = [
        "codecov/with-eval-properties-junit.xml": "blank lines before <?xml are dropped before parsing",
        "codecov/error.xml": "well-formed; a <skipped/> outside any test case is ignored, not an error",
    ]

    /// Inputs that are not JUnit, or not well-formed XML: ptupload must refuse them with an error.
    static func mustFail(_ row: ManifestRow) -> Bool {
        guard readLeniently[row.file] == nil else { return false }
        return row.file.hasPrefix("other-flavors/") || row.notes.contains("EXPECTED PARSE ERROR")
            || row.notes.contains("NOT WELL-FORMED") || row.file.hasPrefix("trcli/invalid")
    }

    @Test("the manifest lists every copied input")
    func manifestIsComplete() {
        #expect(Self.rows.count == 191)
    }

    @Test("counts agree with the source's, or differ for a stated reason", arguments: rows)
    func counts(row: ManifestRow) throws {
        let outcome = parse(fixturePath("junit/peer/" + row.file), with: ReportFormatProbe())
        if Self.mustFail(row) {
            #expect(outcome.error != nil, "\(row.file) should be refused")
            return
        }
        #expect(outcome.error == nil, "\(row.file): \(String(describing: outcome.error))")
        let ours = outcome.counts
        var agrees = row.tests.map { $0 == ours.total } ?? true
        if row.countsErrorsAsFailures {
            agrees = agrees && (row.failures.map { $0 == ours.failed + ours.errored } ?? true)
        } else {
            agrees = agrees && (row.failures.map { $0 == ours.failed } ?? true)
            agrees = agrees && (row.errors.map { $0 == ours.errored } ?? true)
        }
        agrees = agrees && (row.skipped.map { $0 == ours.skipped } ?? true)
        if let reason = Self.knownDifferences[row.file] {
            #expect(!agrees, "\(row.file) now agrees: remove its known difference (\(reason))")
        } else {
            #expect(agrees, "\(row.file): expected \(row) got \(ours)")
        }
    }
}

/// Parses any peer input the way `ptupload parse` does: the format told from the content.
struct ReportFormatProbe: ReportParser {
    func parse(_ source: ReportSource, emit: @escaping (ParseEvent) -> Void) throws(ReportError) {
        try ReportFormat.detect(source.peek(4096), file: source.name).parser.parse(source, emit: emit)
    }
}
