import Foundation
import TestReports

/// Uploads planned runs: finds or creates the set, maps each run to an instance (creating what is
/// missing when asked), posts the runs 20 to a request, and keeps a journal so that nothing is
/// lost and nothing is posted twice, whatever stops it.
public final class Uploader {
    /// Where the runs go and what the uploader may create.
    public struct Settings: Sendable {
        public enum SetReference: Equatable, Sendable {
            case id(Int)
            case name(String)
        }

        public var set: SetReference
        public var createSet = false
        public var createMissing = false
        public var map: InstanceMap?
        public var journalPath: String
        /// Post everything again, whatever the journal says.
        public var force = false
        /// Read the runs back after posting and check each is there once.
        public var verify = false

        public init(set: SetReference, journalPath: String) {
            self.set = set
            self.journalPath = journalPath
        }
    }

    let client: PractiTestClient
    let settings: Settings
    let events: (UploadEvent) -> Void
    var journal = UploadJournal(fingerprint: "", names: [])
    var report = UploadReport()
    var runs: [PlannedRun] = []

    public init(client: PractiTestClient, settings: Settings, events: @escaping (UploadEvent) -> Void) {
        self.client = client
        self.settings = settings
        self.events = events
    }

    /// Uploads `runs`; never throws: what went wrong is in the report.
    public func upload(_ runs: [PlannedRun]) async -> UploadReport {
        let began = Date()
        self.runs = runs
        do throws(UploadError) {
            try await run()
        } catch {
            report.fatal = error
        }
        report.notSent =
            journal.entries.count { $0.state == .pending || $0.state == .sending }
            - report.unmatched.count
        report.calls = client.callCount
        report.tooManyRequests = client.tooManyRequestsCount
        report.seconds = Date().timeIntervalSince(began)
        return report
    }

    private func run() async throws(UploadError) {
        guard !runs.isEmpty else {
            events(.info("no results to upload"))
            return
        }
        let lock = try JournalLock(journalPath: settings.journalPath)
        defer { withExtendedLifetime(lock) {} }
        try openJournal()
        report.alreadyUploaded = journal.entries.count { $0.state == .posted }
        if journal.isComplete {
            events(.info("already uploaded (journal \(settings.journalPath)): nothing to post; --force posts again"))
            return
        }
        let setID = try await resolveSet()
        report.setID = setID
        try await mapInstances(setID: setID)
        try await postPending()
        if settings.verify { try await verify() }
    }

    /// Loads the journal of this upload, or starts a new one.
    private func openJournal() throws(UploadError) {
        let fingerprint = UploadJournal.fingerprint(of: fingerprintParts())
        if !settings.force, let existing = try UploadJournal.load(from: settings.journalPath) {
            guard existing.fingerprint == fingerprint, existing.entries.map(\.name) == runs.map(\.name) else {
                throw .journal(
                    "the journal \(settings.journalPath) belongs to another upload (other reports or settings): "
                        + "remove it, pass another --state, or --force to post everything again")
            }
            journal = existing
            let left = existing.entries.count { $0.state != .posted }
            if left > 0 { events(.info("resuming from \(settings.journalPath): \(left) of \(runs.count) runs left")) }
        } else {
            journal = UploadJournal(fingerprint: fingerprint, names: runs.map(\.name))
        }
    }

    private func fingerprintParts() -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let target =
            switch settings.set {
            case .id(let id): "set-id \(id)"
            case .name(let name): "set-name \(name)"
            }
        return [client.configuration.baseURL.absoluteString, "project \(client.configuration.projectID)", target]
            + runs.map { run in
                run.name + String(decoding: (try? encoder.encode(run.payload)) ?? Data(), as: UTF8.self)
            }
    }

    func saveJournal() throws(UploadError) {
        try journal.save(to: settings.journalPath)
    }
}
