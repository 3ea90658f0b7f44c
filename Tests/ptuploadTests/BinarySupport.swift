import Foundation

/// The repository's `Fixtures/` folder.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// The built `ptupload` executable, which SwiftPM puts beside the test bundle.
let ptuploadExecutable: URL = {
    var directory = Bundle.main.bundleURL
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("ptupload")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory.deleteLastPathComponent()
    }
    fatalError("ptupload executable not found near \(Bundle.main.bundleURL.path)")
}()

/// What one run of the executable printed and how it exited.
struct ProcessOutput {
    var stdout: String
    var stderr: String
    var status: Int32
}

/// Runs `ptupload` with `arguments` in `directory`, feeding `stdin`. It waits without holding a
/// thread of the test pool: tests run in parallel on few threads, and a blocked thread would
/// starve the tests that measure time.
func runPTUpload(
    _ arguments: [String], in directory: URL = fixturesDirectory, stdin: Data? = nil,
    environment: [String: String] = [:]
) async throws -> ProcessOutput {
    try await runProcess(
        ptuploadExecutable.path, arguments, in: directory, stdin: stdin,
        environment: environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine })
}

/// Runs `executable` with `arguments` in `directory`, as `runPTUpload` does.
func runProcess(
    _ executable: String, _ arguments: [String], in directory: URL, stdin: Data? = nil, environment: [String: String]
) async throws -> ProcessOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment
    // Output goes to files, not pipes, so a large output cannot fill a pipe and block the process.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-run-\(UUID())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let paths = ["stdin", "stdout", "stderr"].map { scratch.appendingPathComponent($0) }
    _ = FileManager.default.createFile(atPath: paths[0].path, contents: stdin ?? Data())
    _ = FileManager.default.createFile(atPath: paths[1].path, contents: nil)
    _ = FileManager.default.createFile(atPath: paths[2].path, contents: nil)
    process.standardInput = try FileHandle(forReadingFrom: paths[0])
    process.standardOutput = try FileHandle(forWritingTo: paths[1])
    process.standardError = try FileHandle(forWritingTo: paths[2])
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        process.terminationHandler = { _ in continuation.resume() }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    return ProcessOutput(
        stdout: try String(contentsOf: paths[1], encoding: .utf8),
        stderr: try String(contentsOf: paths[2], encoding: .utf8),
        status: process.terminationStatus)
}

/// Starts `ptupload` and kills it (SIGKILL) as soon as `condition` holds, checked every 5 ms from
/// a thread of its own; returns, once the process is gone, whether the kill ended it (rather than
/// the process finishing first).
@discardableResult
func runAndKill(
    _ arguments: [String], in directory: URL, environment: [String: String],
    when condition: @escaping @Sendable () -> Bool
) async throws -> Bool {
    let process = Process()
    process.executableURL = ptuploadExecutable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let pid = process.processIdentifier
    return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
        Thread {
            let deadline = Date().addingTimeInterval(30)
            while !condition(), Date() < deadline { usleep(5000) }
            kill(pid, SIGKILL)
            process.waitUntilExit()
            continuation.resume(returning: process.terminationReason == .uncaughtSignal)
        }.start()
    }
}
