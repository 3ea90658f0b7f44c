import Foundation

/// The record of one upload, kept in a file (`--state`) so that an upload that stops halfway is
/// finished by running the same command again, and one that finished is not posted twice.
///
/// Each planned run has an entry: `pending`, `sending` (its request went out and no answer has
/// been recorded: it may or may not be in PractiTest), `posted`, or `rejected` (refused by the
/// server, with the reason). The file is rewritten atomically (a temporary file, then a rename)
/// after every change, with mode 0600.
public struct UploadJournal: Codable, Equatable, Sendable {
    public static let formatName = "ptupload-journal"
    public static let currentVersion = 1

    public enum State: String, Codable, Sendable {
        case pending, sending, posted, rejected
    }

    public struct Entry: Codable, Equatable, Sendable {
        public var name: String
        public var state: State
        public var instanceID: Int?
        /// The server's clock when the request carrying the run went out.
        public var sentAt: Date?
        public var error: String?
    }

    public var format = formatName
    public var version = currentVersion
    /// Identifies the upload: the planned runs and where they go. Another upload's journal is refused.
    public var fingerprint: String
    public var entries: [Entry]

    public init(fingerprint: String, names: [String]) {
        self.fingerprint = fingerprint
        entries = names.map { Entry(name: $0, state: .pending) }
    }

    public var isComplete: Bool { entries.allSatisfy { $0.state == .posted } }

    /// The journal at `path`; `nil` when there is none. A file that is not a ptupload journal, or
    /// is damaged, is refused: ignoring it could post runs twice.
    public static func load(from path: String) throws(UploadError) -> UploadJournal? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .journal("cannot read the journal \(path)")
        }
        let journal: UploadJournal
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            journal = try decoder.decode(UploadJournal.self, from: data)
        } catch {
            throw .journal("\(path) is not a ptupload journal or is damaged: remove it or pass --force to start over")
        }
        guard journal.format == formatName, journal.version == currentVersion else {
            throw .journal("\(path) is a journal of another format: remove it or pass --force to start over")
        }
        return journal
    }

    /// Writes the journal atomically with mode 0600.
    public func save(to path: String) throws(UploadError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            let data = try encoder.encode(self)
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            guard
                FileManager.default.createFile(
                    atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
            guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .journal("cannot write the journal \(path): \(error.localizedDescription)")
        }
    }

    /// A fingerprint of what an upload sends and where: FNV-1a over the text, enough to tell
    /// one upload from another (not a security measure).
    public static func fingerprint(of parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 + [0] {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }
}
