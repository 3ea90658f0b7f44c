import Foundation

/// The bytes of one report, read in chunks from a file or standard input, with the first bytes
/// available in advance so the format can be told before parsing starts.
public final class ReportSource {
    /// How many bytes a parser reads at a time.
    public static let chunkSize = 64 * 1024
    /// The name used in messages: the path, or `<stdin>` for `-`.
    public let name: String
    private let descriptor: Int32
    /// Bytes already read by `peek` and not yet handed to the parser.
    private var pending: [UInt8] = []
    private var reachedEnd = false

    /// Opens `path`; `-` means standard input.
    public init(path: String) throws(ReportError) {
        if path == "-" {
            name = "<stdin>"
            descriptor = -1
            return
        }
        name = path
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        descriptor = opened
    }

    /// A report already in memory (fuzzing, tests); `name` is used in messages.
    public init(bytes: [UInt8], name: String) {
        self.name = name
        descriptor = -1
        pending = bytes
        reachedEnd = true
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    private var fileDescriptor: Int32 { descriptor >= 0 ? descriptor : STDIN_FILENO }

    /// The first `count` bytes (fewer at the end of the input), without consuming them.
    public func peek(_ count: Int) throws(ReportError) -> [UInt8] {
        while pending.count < count, !reachedEnd {
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: count - pending.count, alignment: 1)
            defer { chunk.deallocate() }
            let read = try readFromDescriptor(into: chunk)
            if read == 0 { reachedEnd = true }
            pending.append(contentsOf: chunk[..<read])
        }
        return Array(pending.prefix(count))
    }

    /// Fills `buffer` with the next bytes and returns how many; 0 at the end of the input.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReportError) -> Int {
        if !pending.isEmpty {
            let count = min(buffer.count, pending.count)
            pending.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            pending.removeFirst(count)
            return count
        }
        if reachedEnd { return 0 }
        return try readFromDescriptor(into: buffer)
    }

    private func readFromDescriptor(into buffer: UnsafeMutableRawBufferPointer) throws(ReportError) -> Int {
        while true {
            let read = Foundation.read(fileDescriptor, buffer.baseAddress, buffer.count)
            if read >= 0 { return read }
            if errno == EINTR { continue }
            throw .unreadable(file: name, reason: String(cString: strerror(errno)))
        }
    }
}
