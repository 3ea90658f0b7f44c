import Foundation
import Testing

@testable import TestReports

@Suite("Report reader")
struct ReportReaderTests {
    @Test("reads directories recursively in sorted order and counts each file")
    func directories() {
        var files: Set<String> = []
        let summaries = ReportReader().read([fixturePath("junit/peer/testmo")]) { file, _ in files.insert(file) }
        #expect(
            summaries.map { ($0.path as NSString).lastPathComponent } == [
                "conventions.xml", "junit-basic.xml", "junit-complete.xml", "testcase-output.xml",
                "testcase-properties.xml",
            ])
        #expect(summaries.allSatisfy { $0.error == nil && $0.format == .junit })
        #expect(summaries[1].counts == ResultCounts(passed: 8, failed: 1, errored: 0, skipped: 0))
        #expect(files.count == 5)
    }

    @Test("a missing file is an error for that file only")
    func missingFile() {
        let summaries = ReportReader().read(["/nonexistent/report.xml", fixturePath("junit/peer/codecov/ctest.xml")]) {
            _, _ in
        }
        #expect(summaries.count == 2)
        #expect(summaries[0].error == .unreadable(file: "/nonexistent/report.xml", reason: "No such file or directory"))
        #expect(summaries[1].counts.total == 1)
    }

    @Test(
        "tells XML from the content and describes what is not a report",
        arguments: [
            ("<?xml version=\"1.0\"?><testsuite/>", "junit"),
            ("\u{FEFF}<testsuite/>", "junit"),
            ("  \n<testsuites/>", "junit"),
            ("hello world\nsecond line", "error: it begins \"hello world\""),
            ("", "error: the file is empty"),
        ])
    func detection(content: String, expected: String) {
        let result: String
        do throws(ReportError) {
            result = try ReportFormat.detect(Array(content.utf8), file: "f").rawValue
        } catch {
            result = "error: " + error.reason.replacingOccurrences(of: "not a test report ptupload reads: ", with: "")
        }
        #expect(result == expected)
    }

    @Test("reads the Swift Testing sibling of a given swift test XUnit file, and says so")
    func swiftTestingSibling() {
        var warnings: [String] = []
        let given = fixturePath("swift-test/generated/xunit.xml")
        let summaries = ReportReader().read([given]) { _, event in
            if case .warning(let text) = event { warnings.append(text) }
        }
        #expect(summaries.map { ($0.path as NSString).lastPathComponent } == ["xunit.xml", "xunit-swift-testing.xml"])
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("also read, the Swift Testing results written beside") == true)
        // Given both, each is read once.
        let twice = ReportReader().read([given, fixturePath("swift-test/generated/xunit-swift-testing.xml")]) { _, _ in
        }
        #expect(twice.count == 2)
    }
}
