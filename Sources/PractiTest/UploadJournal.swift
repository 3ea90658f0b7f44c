import Foundation

/// The record of one upload, kept in a file (`--state`) so that an upload that stops halfway is
/// finished by running the same command again, and one that finished is not posted twice.
///
/// Each planned run has an entry: `pending`, `sending` (its request went out and no answer has
/// been recorded: it may or may not be in PractiTest), `posted`, or `rejected` (refused by the
/// server, with the reason). The file is rewritten atomically (a temporary file, then a rename)
/// after every change, with mode 0600. It is written by columns (`names`, `states`,
/// `instances`, `sent-at`, `errors`), the names encoded once: it is rewritten twice per request,
/// and encoding every entry each time cost more than the upload itself.
public struct UploadJournal: Equatable, Sendable {
    public static let formatName = "ptupload-journal"
    public static let currentVersion = 1

    public enum State: Character, Sendable {
        case pending = "-"
        case sending = "~"
        case posted = "+"
        case rejected = "!"
    }

    public struct Entry: Equatable, Sendable {
        public var name: String
        public var state: State
        public var instanceID: Int?
        /// The server's clock (whole seconds) when the request carrying the run went out.
        public var sentAt: Date?
        public var error: String?
    }

    /// Identifies the upload: the planned runs and where they go. Another upload's journal is refused.
    public var fingerprint: String
    public var entries: [Entry]
    /// The `names` column, encoded once.
    private let namesJSON: Data

    public init(fingerprint: String, names: [String]) {
        self.init(fingerprint: fingerprint, entries: names.map { Entry(name: $0, state: .pending) })
    }

    private init(fingerprint: String, entries: [Entry]) {
        self.fingerprint = fingerprint
        self.entries = entries
        namesJSON = (try? JSONEncoder().encode(entries.map(\.name))) ?? Data("[]".utf8)
    }

    public static func == (lhs: UploadJournal, rhs: UploadJournal) -> Bool {
        lhs.fingerprint == rhs.fingerprint && lhs.entries == rhs.entries
    }

    public var isComplete: Bool { entries.allSatisfy { $0.state == .posted } }

    /// The journal at `path`; `nil` when there is none. A file that is not a ptupload journal, or
    /// is damaged, is refused: ignoring it could post runs twice.
    public static func load(from path: String) throws(UploadError) -> UploadJournal? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .journal("cannot read the journal \(path)")
        }
        let damaged = UploadError.journal(
            "\(path) is not a ptupload journal or is damaged: remove it or pass --force to start over")
        guard let columns = try? JSONDecoder().decode(Columns.self, from: data) else { throw damaged }
        guard columns.format == formatName, columns.version == currentVersion else {
            throw .journal("\(path) is a journal of another format: remove it or pass --force to start over")
        }
        let states = Array(columns.states)
        let count = columns.names.count
        guard states.count == count, columns.instances.count == count, columns.sentAt.count == count else {
            throw damaged
        }
        var entries: [Entry] = []
        for index in 0..<count {
            guard let state = State(rawValue: states[index]) else { throw damaged }
            entries.append(
                Entry(
                    name: columns.names[index], state: state, instanceID: columns.instances[index],
                    sentAt: columns.sentAt[index].map { Date(timeIntervalSince1970: Double($0)) },
                    error: columns.errors[String(index)]))
        }
        return UploadJournal(fingerprint: columns.fingerprint, entries: entries)
    }

    /// Writes the journal atomically with mode 0600.
    public func save(to path: String) throws(UploadError) {
        do {
            try AtomicFile.write(try encoded(), to: path)
        } catch {
            throw .journal("cannot write the journal \(path): \(error.localizedDescription)")
        }
    }

    private func encoded() throws -> Data {
        var errors: [String: String] = [:]
        for (index, entry) in entries.enumerated() { if let error = entry.error { errors[String(index)] = error } }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var text = "{\"format\":\"\(Self.formatName)\",\"version\":\(Self.currentVersion),"
        text += "\"fingerprint\":\"\(fingerprint)\",\"states\":\""
        text += String(entries.map(\.state.rawValue))
        text += "\",\n\"instances\":[" + entries.map { $0.instanceID.map(String.init) ?? "null" }.joined(separator: ",")
        text += "],\n\"sent-at\":["
        text += entries.map { $0.sentAt.map { String(Int($0.timeIntervalSince1970)) } ?? "null" }.joined(separator: ",")
        text += "],\n\"errors\":" + String(decoding: try encoder.encode(errors), as: UTF8.self) + ",\n\"names\":"
        return Data(text.utf8) + namesJSON + Data("}\n".utf8)
    }

    /// The file's layout.
    private struct Columns: Decodable {
        var format: String
        var version: Int
        var fingerprint: String
        var states: String
        var instances: [Int?]
        var sentAt: [Int?]
        var errors: [String: String]
        var names: [String]

        private enum CodingKeys: String, CodingKey {
            case format, version, fingerprint, states, instances, errors, names
            case sentAt = "sent-at"
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
