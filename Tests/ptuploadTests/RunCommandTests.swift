import Foundation
import Testing

@Suite("ptupload run -- command")
struct RunCommandTests {
    static let plainLog = fixturesDirectory.appendingPathComponent("swift-test/generated/plain.txt").path

    func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-run-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("passes the command's output through, plans from it, and exits with the command's code")
    func passesThrough() async throws {
        let directory = try scratchDirectory()
        let run = try await runPTUpload(
            ["run", "--dry-run", "--", "sh", "-c", "cat '\(Self.plainLog)'; echo to-stderr >&2; exit 3"], in: directory)
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix(try String(contentsOfFile: Self.plainLog, encoding: .utf8)))
        #expect(run.stdout.contains("read 1 file: 21 tests: 11 passed, 7 failed, 0 errored, 3 skipped"))
        #expect(run.stderr.hasPrefix("to-stderr\n"))
        let kept = try String(contentsOf: directory.appendingPathComponent(".ptupload/last-run.log"), encoding: .utf8)
        #expect(kept.contains("to-stderr"))
    }

    @Test("reads the --report files the command wrote instead of its output")
    func reports() async throws {
        let directory = try scratchDirectory()
        let report = fixturesDirectory.appendingPathComponent("junit/peer/codecov/ctest.xml").path
        let run = try await runPTUpload(["run", "--dry-run", "--report", report, "--", "true"], in: directory)
        #expect(run.status == 0)
        #expect(run.stdout.contains("read 1 file: 1 test: 0 passed, 1 failed"))
    }

    @Test("does not wait for a process the command left behind")
    func leftBehind() async throws {
        let started = Date()
        let run = try await runPTUpload(
            ["run", "--dry-run", "--", "sh", "-c", "sleep 20 & exit 0"], in: try scratchDirectory())
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(run.status == 0)
    }

    @Test("reports a command killed by a signal as a shell does")
    func killed() async throws {
        let run = try await runPTUpload(
            ["run", "--dry-run", "--", "sh", "-c", "kill -KILL $$"], in: try scratchDirectory())
        #expect(run.status == 137)
        #expect(run.stderr.contains("sh was killed by signal 9"))
    }

    @Test("checks the settings before running the command")
    func settingsFirst() async throws {
        let directory = try scratchDirectory()
        let run = try await runPTUpload(["run", "--", "touch", "ran"], in: directory)
        #expect(run.status == 64)
        #expect(run.stderr.contains("no project"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("ran").path))
        let noCommand = try await runPTUpload(["run", "--dry-run"], in: directory)
        #expect(noCommand.status == 64)
        #expect(noCommand.stderr.contains("no command"))
        let missing = try await runPTUpload(["run", "--dry-run", "--", "no-such-command-here"], in: directory)
        #expect(missing.status == 127)
        #expect(missing.stderr.contains("cannot run no-such-command-here"))
    }

    @Test("uploads the command's results, and fails the job on an upload error only when asked")
    func uploads() async throws {
        let harness = try UploadHarness(cases: 0)
        let command = ["--", "sh", "-c", "cat '\(Self.plainLog)'; exit 1"]
        let run = try await runPTUpload(
            ["run", "--set-id", String(harness.setID), "--create-missing"] + command, in: harness.directory,
            environment: harness.environment)
        #expect(run.status == 1)
        #expect(harness.server.runs.count == 21)
        #expect(run.stdout.contains("uploaded 21 of 21 runs"))

        var wrongToken = harness.environment
        wrongToken["PRACTITEST_TOKEN"] = "wrong"
        let lenient = try await runPTUpload(
            ["run", "--set-id", String(harness.setID), "--state", "other.json"] + command, in: harness.directory,
            environment: wrongToken)
        #expect(lenient.status == 1)
        let strict = try await runPTUpload(
            ["run", "--set-id", String(harness.setID), "--state", "other.json", "--fail-on-upload-error"] + command,
            in: harness.directory, environment: wrongToken)
        #expect(strict.status == 69)
    }

    @Test("passes SIGTERM on to the command, uploads nothing, and says where the output is kept")
    func interrupted() async throws {
        let directory = try scratchDirectory()
        let errors = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = ptuploadExecutable
        process.arguments = ["run", "--dry-run", "--", "sh", "-c", "echo started; sleep 30"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        let log = directory.appendingPathComponent(".ptupload/last-run.log").path
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
                return
            }
            Thread {
                let deadline = Date().addingTimeInterval(20)
                while (try? String(contentsOfFile: log, encoding: .utf8))?.contains("started") != true,
                    Date() < deadline
                {
                    usleep(10_000)
                }
                kill(process.processIdentifier, SIGTERM)
            }.start()
        }
        #expect(process.terminationStatus == 143)
        #expect(try String(contentsOf: errors, encoding: .utf8).contains("interrupted: nothing uploaded"))
    }
}
