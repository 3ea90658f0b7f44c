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

/// Runs `ptupload` with `arguments` in `directory`, feeding `stdin`.
func runPTUpload(
    _ arguments: [String], in directory: URL = fixturesDirectory, stdin: Data? = nil,
    environment: [String: String] = [:]
) throws -> ProcessOutput {
    let process = Process()
    process.executableURL = ptuploadExecutable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
    // Output goes to files, not pipes, so a large output cannot fill a pipe and block the process.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-run-\(UUID())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let paths = ["stdin", "stdout", "stderr"].map { scratch.appendingPathComponent($0) }
    FileManager.default.createFile(atPath: paths[0].path, contents: stdin ?? Data())
    FileManager.default.createFile(atPath: paths[1].path, contents: nil)
    FileManager.default.createFile(atPath: paths[2].path, contents: nil)
    process.standardInput = try FileHandle(forReadingFrom: paths[0])
    process.standardOutput = try FileHandle(forWritingTo: paths[1])
    process.standardError = try FileHandle(forWritingTo: paths[2])
    try process.run()
    process.waitUntilExit()
    return ProcessOutput(
        stdout: try String(contentsOf: paths[1], encoding: .utf8),
        stderr: try String(contentsOf: paths[2], encoding: .utf8),
        status: process.terminationStatus)
}

/// Starts `ptupload` without waiting for it; its output goes nowhere.
func startPTUpload(_ arguments: [String], in directory: URL, environment: [String: String]) throws -> Process {
    let process = Process()
    process.executableURL = ptuploadExecutable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}
