import Foundation

/// Writes files whole or not at all: a temporary file beside the target, then a rename. The files
/// ptupload writes (journal, summaries) may hold test output, so they are readable by their owner
/// only.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String, permissions: Int = 0o600) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: data, attributes: [.posixPermissions: permissions])
        else { throw CocoaError(.fileWriteUnknown) }
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
