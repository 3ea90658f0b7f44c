import FakePractiTest
import Foundation

/// A fake PractiTest server, a scratch directory with a JUnit report in it, and a way to run
/// `ptupload` there as a CI job would.
final class UploadHarness {
    static let token = "tok-e2e-4f9c2b7a"
    let server: FakePractiTestServer
    let directory: URL
    let report: URL
    /// The PractiTest names of the report's test cases, in order.
    let names: [String]

    /// - Parameters:
    ///   - cases: test cases in the report; every fifth fails.
    ///   - seeded: how many of them have an instance in the set "Nightly" (set id in `setID`).
    init(
        cases: Int, seeded: Int? = nil, rateLimit: Int = 30, window: Duration = .seconds(1),
        sendsRetryAfter: Bool = true
    ) throws {
        server = FakePractiTestServer(
            token: Self.token, projectID: 4566, rateLimit: rateLimit, window: window, sendsRetryAfter: sendsRetryAfter)
        try server.start()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-e2e-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        names = (1...max(cases, 1)).prefix(cases).map { String(format: "e2e.Checkout.test_%03d", $0) }
        var xml = "<testsuites><testsuite name=\"e2e\">\n"
        for (index, name) in names.enumerated() {
            let test = name.split(separator: ".").last!
            xml += "<testcase classname=\"e2e.Checkout\" name=\"\(test)\" time=\"0.\(index % 10)\">"
            xml += index % 5 == 4 ? "<failure message=\"expected \(index)\">trace \(index)</failure>" : ""
            xml += "</testcase>\n"
        }
        xml += "</testsuite></testsuites>\n"
        report = directory.appendingPathComponent("report.xml")
        try Data(xml.utf8).write(to: report)
        let server = self.server
        let testIDs = names.prefix(seeded ?? 0).map { server.addTest(name: $0) }
        setID = server.addSet(name: "Nightly", testIDs: testIDs)
    }

    let setID: Int

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var environment: [String: String] {
        [
            "PRACTITEST_TOKEN": Self.token, "PRACTITEST_API_URL": server.baseURL.absoluteString,
            "PRACTITEST_PROJECT_ID": "4566", "PRACTITEST_RATE_LIMIT": "30/1s",
        ]
    }

    /// Runs `ptupload upload --set-id <set> <options> report.xml` in the scratch directory.
    func upload(_ options: [String] = [], environment extra: [String: String] = [:]) async throws -> ProcessOutput {
        try await runPTUpload(
            ["upload", "--set-id", String(setID)] + options + [report.path], in: directory,
            environment: environment.merging(extra) { _, new in new })
    }

    /// How many runs each instance received, by the instance's name.
    var runsPerName: [String: Int] {
        let namesByInstance = Dictionary(uniqueKeysWithValues: server.instances.map { ($0.id, $0.name) })
        var counts: [String: Int] = [:]
        for run in server.runs { counts[namesByInstance[run.instanceID] ?? "?", default: 0] += 1 }
        return counts
    }

    /// Every result of the report is in PractiTest exactly once.
    var everyResultOnce: Bool {
        runsPerName == Dictionary(uniqueKeysWithValues: names.map { ($0, 1) })
    }
}
