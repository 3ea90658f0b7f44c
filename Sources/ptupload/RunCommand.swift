import Dispatch
import Foundation

/// `ptupload run [upload options] -- COMMAND [ARGS...]`: runs the test command, passes its output
/// through as it comes while keeping a copy, then uploads the results read from that copy (or from
/// the `--report` files the command writes), and exits with the command's exit code.
struct RunCommand {
    /// Where the command's output is kept: beside the journal, so that an upload left incomplete
    /// can be finished with `ptupload upload` on the same file.
    static let capturePath = ".ptupload/last-run.log"

    var command: [String]
    var upload: UploadCommand
    var failOnUploadError: Bool
    var help = false

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let separator = arguments.firstIndex(of: "--") ?? arguments.endIndex
        if arguments[..<separator].contains(where: { $0 == "--help" || $0 == "-h" }) {
            help = true
            command = []
            failOnUploadError = false
            upload = try UploadCommand(arguments: ["--dry-run", Self.capturePath], environment: [:])
            return
        }
        guard separator < arguments.endIndex else {
            throw UsageError(description: "no command: use ptupload run [options] -- COMMAND [ARGUMENTS]")
        }
        command = Array(arguments[(separator + 1)...])
        guard !command.isEmpty else { throw UsageError(description: "no command after --") }
        var options: [String] = []
        var reports: [String] = []
        var remaining = arguments[..<separator]
        failOnUploadError = false
        while let argument = remaining.popFirst() {
            if argument == "--fail-on-upload-error" {
                failOnUploadError = true
            } else if argument == "--report" {
                guard let path = remaining.popFirst() else {
                    throw UsageError(description: "option '--report' needs a value")
                }
                reports.append(path)
            } else if argument.hasPrefix("--report=") {
                reports.append(String(argument.dropFirst("--report=".count)))
            } else {
                options.append(argument)
            }
        }
        // Settings are checked before the tests run, not after.
        upload = try UploadCommand(
            arguments: options + (reports.isEmpty ? [Self.capturePath] : reports), environment: environment)
        try upload.checkUploadSettings()
    }

    func run(output: OutputStream, diagnostics: OutputStream) async -> ExitStatus {
        if help {
            output.write(HelpText.run)
            return .success
        }
        output.flush()
        diagnostics.flush()
        let outcome: ChildOutcome
        do {
            outcome = try await ChildProcess.run(command, copyingTo: Self.capturePath)
        } catch {
            diagnostics.line("error: cannot run \(command[0]): \(error.localizedDescription)")
            return ExitStatus(rawValue: 127)  // as a shell says "command not found"
        }
        if let signal = outcome.interruptedBy {
            diagnostics.line(
                "interrupted: nothing uploaded; the output is kept in \(Self.capturePath) (ptupload upload can send it)"
            )
            return ExitStatus(rawValue: 128 + signal)
        }
        if let signal = outcome.killedBy { diagnostics.line("warning: \(command[0]) was killed by signal \(signal)") }
        let uploaded = await upload.run(output: output, diagnostics: diagnostics)
        if failOnUploadError, ![.success, .testsFailed].contains(uploaded) { return uploaded }
        return ExitStatus(rawValue: outcome.exitCode)
    }
}

/// How a child process ended.
struct ChildOutcome {
    /// Its exit code, or 128 + the signal that killed it, as a shell reports it.
    var exitCode: Int32
    var killedBy: Int32?
    /// The signal (SIGINT, SIGTERM) ptupload received and passed on while the child ran.
    var interruptedBy: Int32?
}

/// Runs a command with its output passed through as it comes and copied to a file; SIGINT and
/// SIGTERM are passed on to it.
///
/// It is spawned with `posix_spawn` and waited for with `waitpid`: Foundation's `Process` on
/// Linux reports an exit only once every process that inherited its descriptors has ended, so a
/// command that leaves a process behind (`sleep &`, a daemon) would hold ptupload up with it.
enum ChildProcess {
    static func run(_ command: [String], copyingTo path: String) async throws -> ChildOutcome {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let copy = FileHandle(forWritingAtPath: path)
        else { throw CocoaError(.fileWriteUnknown) }
        defer { try? copy.close() }

        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let pid = try spawn(command, output: outputPipe, error: errorPipe)
        try? outputPipe.fileHandleForWriting.close()
        try? errorPipe.fileHandleForWriting.close()

        let lock = NSLock()
        // Each pipe is passed through as it comes, until its end.
        let ends = DispatchGroup()
        for (pipe, console) in [(outputPipe, STDOUT_FILENO), (errorPipe, STDERR_FILENO)] {
            ends.enter()
            let source = pipe.fileHandleForReading
            Thread {
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
                defer { buffer.deallocate() }
                while true {
                    let count = read(source.fileDescriptor, buffer.baseAddress, buffer.count)
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { break }
                    let data = Data(buffer[..<count])
                    lock.withLock {
                        FileHandle(fileDescriptor: console, closeOnDealloc: false).write(data)
                        copy.write(data)
                    }
                }
                ends.leave()
            }.start()
        }

        let interrupted = InterruptRecord()
        let sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber)
            source.setEventHandler {
                interrupted.set(signalNumber)
                kill(pid, signalNumber)
            }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }

        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                continuation.resume(returning: status)
            }.start()
        }
        // A process the command left behind may hold a pipe open: its output after that is lost.
        _ = ends.wait(timeout: .now() + 2)
        lock.withLock {}
        // waitpid's status: the low 7 bits are the signal that killed the process, else the exit
        // code is in the next byte.
        let signalNumber = status & 0x7F
        let killed = signalNumber != 0 && signalNumber != 0x7F
        return ChildOutcome(
            exitCode: killed ? 128 + signalNumber : (status >> 8) & 0xFF, killedBy: killed ? signalNumber : nil,
            interruptedBy: interrupted.value)
    }

    /// Starts `command` (looked up in `PATH`) with its standard output and error on the pipes, in
    /// ptupload's process group so that signals sent to the job's group reach it too, with the
    /// default action for SIGINT and SIGTERM.
    private static func spawn(_ command: [String], output: Pipe, error: Pipe) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, output.fileHandleForWriting.fileDescriptor, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, error.fileHandleForWriting.fileDescriptor, STDERR_FILENO)
        // The command gets standard input, output and error, nothing else ptupload holds.
        for descriptor in inheritableDescriptors() {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for variable in environment { free(variable) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, command[0], &actions, &attributes, arguments, environment)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .ENOENT) }
        return pid
    }

    /// The open descriptors above standard error that a spawned process would inherit (those
    /// without close-on-exec), from `/proc/self/fd`; none where there is no `/proc`.
    private static func inheritableDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }.filter { descriptor in
            guard descriptor > STDERR_FILENO else { return false }
            let flags = fcntl(descriptor, F_GETFD)
            return flags >= 0 && flags & FD_CLOEXEC == 0
        }
    }
}

/// The signal received while the child ran, set from the signal handler's queue.
private final class InterruptRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var signal: Int32?

    func set(_ value: Int32) { lock.withLock { signal = value } }
    var value: Int32? { lock.withLock { signal } }
}
