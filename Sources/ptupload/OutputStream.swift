import Foundation

/// A buffered writer to standard output or standard error; the executable owns both.
final class OutputStream {
    private let handle: FileHandle
    private var buffer = Data()
    private let bufferLimit: Int

    init(handle: FileHandle, bufferLimit: Int) {
        self.handle = handle
        self.bufferLimit = bufferLimit
    }

    static var standardOutput: OutputStream { OutputStream(handle: .standardOutput, bufferLimit: 64 * 1024) }
    static var standardError: OutputStream { OutputStream(handle: .standardError, bufferLimit: 0) }

    deinit { flush() }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > bufferLimit { flush() }
    }

    func write(_ data: Data) {
        buffer.append(data)
        if buffer.count > bufferLimit { flush() }
    }

    func line(_ text: String) { write(text + "\n") }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
