import FakePractiTest
import Foundation
import Testing

@testable import TestReports

/// The CI templates parse, and the shell each one runs uploads to a fake PractiTest server when
/// given the variables the CI would give it, so that a template cannot rot.
@Suite("CI templates")
struct CITemplateTests {
    static let templates = fixturesDirectory.deletingLastPathComponent().appendingPathComponent("ci-templates")

    func yaml(_ relativePath: String) throws -> [TAPParser.YAMLEntry] {
        let text = try String(contentsOf: Self.templates.appendingPathComponent(relativePath), encoding: .utf8)
        return try #require(TAPParser.YAMLReader.readMap(TAPParser.YAMLText(text)))
    }

    func value(_ entries: [TAPParser.YAMLEntry], _ path: String...) -> TAPParser.YAMLValue? {
        var current: TAPParser.YAMLValue? = .map(entries)
        for key in path {
            guard case .map(let map)? = current else { return nil }
            current = map.first { $0.key == key }?.value
        }
        return current
    }

    /// A fake server with one test set, and a directory with two reports of 12 tests in all.
    func setUp() throws -> (server: FakePractiTestServer, directory: URL) {
        let server = FakePractiTestServer(token: "ci-token", projectID: 4566, rateLimit: 30, window: .seconds(1))
        try server.start()
        server.addSet(name: "Nightly")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-ci-\(UUID())")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("reports"), withIntermediateDirectories: true)
        for name in [
            "junit/peer/enricomi/pytest/junit.fail.xml",
            "junit/peer/mikepenz/multiple_failures__test_multiple_failures.xml",
        ] {
            let source = fixturesDirectory.appendingPathComponent(name)
            try FileManager.default.copyItem(
                at: source,
                to: directory.appendingPathComponent("reports").appendingPathComponent(source.lastPathComponent))
        }
        return (server, directory)
    }

    /// The environment a CI job gives the shell: the job's variables and the secrets.
    func environment(_ server: FakePractiTestServer, variables: [String: String]) -> [String: String] {
        variables.merging([
            "PRACTITEST_TOKEN": "ci-token", "PRACTITEST_API_URL": server.baseURL.absoluteString,
            "PRACTITEST_PROJECT_ID": "4566", "PRACTITEST_SET_NAME": "Nightly", "PRACTITEST_RATE_LIMIT": "30/1s",
            "PTUPLOAD_BIN": ptuploadExecutable.path, "PATH": "/usr/bin:/bin",
        ]) { _, ci in ci }
    }

    func runShell(_ script: String, in directory: URL, environment: [String: String]) async throws -> ProcessOutput {
        let scriptFile = directory.appendingPathComponent("job.sh")
        try Data(("set -e\n" + script + "\n").utf8).write(to: scriptFile)
        return try await runProcess("/bin/sh", [scriptFile.path], in: directory, environment: environment)
    }

    func checkUploaded(_ server: FakePractiTestServer, directory: URL, run: ProcessOutput) throws {
        #expect(run.status == 0, "\(run.stderr)")
        #expect(server.runs.count == 9)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("practitest-summary.md").path))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(".ptupload/journal.json").path))
        #expect(!run.stdout.contains("ci-token") && !run.stderr.contains("ci-token"))
    }

    @Test("the GitLab template parses and defines the hidden job to extend")
    func gitLabStructure() throws {
        let template = try yaml("gitlab/practitest.gitlab-ci.yml")
        #expect(value(template, ".practitest-upload", "when")?.scalar == "always")
        #expect(value(template, ".practitest-upload", "artifacts", "when")?.scalar == "always")
        guard case .list(let paths)? = value(template, ".practitest-upload", "artifacts", "paths") else {
            Issue.record("no artifact paths")
            return
        }
        #expect(paths.compactMap(\.scalar).contains(".ptupload/"))
        let example = try yaml("gitlab/example-fan-in.gitlab-ci.yml")
        #expect(value(example, "test", "parallel")?.scalar == "4")
        #expect(value(example, "practitest", "extends")?.scalar == ".practitest-upload")
        guard case .list(let needs)? = value(example, "practitest", "needs"), case .map(let need)? = needs.first else {
            Issue.record("the upload job needs no test job")
            return
        }
        #expect(need.first { $0.key == "job" }?.value.scalar == "test")
    }

    @Test("the GitLab job's script uploads every report with the template's variables")
    func gitLabScript() async throws {
        let (server, directory) = try setUp()
        defer { server.stop() }
        let template = try yaml("gitlab/practitest.gitlab-ci.yml")
        guard case .list(let lines)? = value(template, ".practitest-upload", "script"),
            case .map(let variables)? = value(template, ".practitest-upload", "variables")
        else {
            Issue.record("the hidden job has no script or variables")
            return
        }
        let defaults = Dictionary(
            uniqueKeysWithValues: variables.compactMap { entry in entry.value.scalar.map { (entry.key, $0) } })
        let run = try await runShell(
            lines.compactMap(\.scalar).joined(separator: "\n"), in: directory,
            environment: environment(
                server, variables: defaults.merging(["CI_JOB_URL": "https://gitlab.example/job/1"]) { _, job in job }))
        try checkUploaded(server, directory: directory, run: run)
        #expect(
            server.runs.allSatisfy {
                $0.output?.contains("https://gitlab.example/job/1") == true || $0.output?.count ?? 0 > 200
            })
    }

    @Test(
        "the Jenkins pipeline's and shared-library step's shell uploads every report",
        arguments: ["jenkins/Jenkinsfile", "jenkins/vars/practitestUpload.groovy"])
    func jenkinsScript(file: String) async throws {
        let (server, directory) = try setUp()
        defer { server.stop() }
        let text = try String(contentsOf: Self.templates.appendingPathComponent(file), encoding: .utf8)
        let script = try #require(
            text.components(separatedBy: "sh '''").dropFirst().first?.components(separatedBy: "'''").first)
        let run = try await runShell(
            script, in: directory,
            environment: environment(
                server,
                variables: [
                    "PTUPLOAD_REPORTS": "reports/", "PTUPLOAD_OPTIONS": "--create-missing",
                    "BUILD_URL": "https://jenkins.example/job/1/",
                ]))
        try checkUploaded(server, directory: directory, run: run)
    }
}
