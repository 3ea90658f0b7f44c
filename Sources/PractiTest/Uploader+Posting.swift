import Foundation

/// Posting runs 20 to a request, and settling requests that got no answer.
extension Uploader {
    func postPending() async throws(UploadError) {
        let interrupted = journal.entries.indices.filter { journal.entries[$0].state == .sending }
        if !interrupted.isEmpty {
            events(.info("\(interrupted.count) runs were being sent when the last upload stopped: checking PractiTest"))
            try await settleUnanswered(interrupted)
        }
        let ready = journal.entries.indices.filter {
            journal.entries[$0].state != .posted && journal.entries[$0].instanceID != nil
        }
        guard !ready.isEmpty else { return }
        let batches = RunBatcher.batches(ready) { journal.entries[$0].instanceID! }
        let limit = client.configuration.rateLimit
        let minutes = limit.minimumDuration(forCalls: client.callCount + batches.count) / 60
        events(
            .info(
                "posting \(ready.count) runs in \(batches.count) requests; about \(client.callCount + batches.count) "
                    + "calls in all at \(limit), at least \(String(format: "%.1f", minutes)) min"))
        var done = 0
        for batch in batches {
            try await post(batch)
            done += batch.count
            events(.progress(done: done, total: ready.count))
        }
    }

    /// Posts one batch. A 422 splits it in halves until the refused runs are found; the rest go
    /// through. A request that got no answer is never posted again blindly: PractiTest is asked
    /// which of its runs arrived, and only the others are posted again.
    private func post(_ batch: [Int]) async throws(UploadError) {
        var remaining = batch
        var attempts = 0
        while !remaining.isEmpty {
            attempts += 1
            let sentAt = client.lastServerDate ?? Date()
            for index in remaining {
                journal.entries[index].state = .sending
                journal.entries[index].sentAt = sentAt
            }
            try saveJournal()
            do {
                try await client.postRuns(remaining.map(payload(for:)))
                mark(remaining, .posted)
                report.uploaded += remaining.count
                try saveJournal()
                return
            } catch .rejected(422, let titles) {
                mark(remaining, .pending)
                guard remaining.count > 1 else {
                    let reason = titles.joined(separator: "; ")
                    journal.entries[remaining[0]].state = .rejected
                    journal.entries[remaining[0]].error = reason
                    report.rejected.append((runs[remaining[0]].name, reason))
                    events(.warning("PractiTest refused the run of '\(runs[remaining[0]].name)': \(reason)"))
                    try saveJournal()
                    return
                }
                let middle = remaining.count / 2
                try await post(Array(remaining[..<middle]))
                try await post(Array(remaining[middle...]))
                return
            } catch .noAnswer(let message) {
                events(
                    .warning("no answer to a request of \(remaining.count) runs (\(message)): checking which arrived"))
                try await settleUnanswered(remaining)
                remaining = remaining.filter { journal.entries[$0].state != .posted }
                if attempts >= client.configuration.retry.maxAttempts, !remaining.isEmpty {
                    throw .transport("\(remaining.count) runs still unanswered after \(attempts) attempts: \(message)")
                }
            } catch {
                // Any other answer means the request was not carried out.
                mark(remaining, .pending)
                try saveJournal()
                throw error
            }
        }
    }

    /// Asks PractiTest which of these runs it has (a request of theirs went out with no answer)
    /// and records them posted or pending.
    func settleUnanswered(_ indices: [Int]) async throws(UploadError) {
        let instanceIDs = Array(Set(indices.compactMap { journal.entries[$0].instanceID })).sorted()
        let found = try await client.runs(instanceIDs: instanceIDs)
        for index in indices {
            let arrived = found.contains { isRun($0, of: index) }
            journal.entries[index].state = arrived ? .posted : .pending
            if arrived { report.uploaded += 1 }
        }
        try saveJournal()
    }

    /// Reads back the runs of every posted instance and checks that each run is there once.
    func verify() async throws(UploadError) {
        let posted = journal.entries.indices.filter { journal.entries[$0].state == .posted }
        let instanceIDs = Array(Set(posted.compactMap { journal.entries[$0].instanceID })).sorted()
        let found = try await client.runs(instanceIDs: instanceIDs)
        for index in posted {
            let copies = found.count { isRun($0, of: index) }
            if copies != 1 {
                report.verifyProblems.append("\(runs[index].name): \(copies == 0 ? "missing" : "\(copies) runs")")
            }
        }
        events(
            .info(
                "verified \(posted.count) runs: \(report.verifyProblems.isEmpty ? "each is in PractiTest once" : "\(report.verifyProblems.count) problems")"
            ))
    }

    /// Whether a run PractiTest has is the one this journal entry sent: same instance, created
    /// no earlier than the request went out (by the server's clock), same exit code and output.
    private func isRun(_ run: Entity, of index: Int) -> Bool {
        let entry = journal.entries[index]
        let payload = runs[index].payload
        guard run.attributes.instanceID == entry.instanceID else { return false }
        if let created = run.attributes.createdAt.flatMap(Self.parseDate), let sentAt = entry.sentAt,
            created < sentAt.addingTimeInterval(-2)
        {
            return false
        }
        if let exitCode = run.attributes.exitCode, exitCode != payload.exitCode { return false }
        if let output = run.attributes.output, let mine = payload.executionOutput, output != mine { return false }
        return true
    }

    private func payload(for index: Int) -> RunPayload {
        var payload = runs[index].payload
        payload.instanceID = journal.entries[index].instanceID
        return payload
    }

    private func mark(_ indices: [Int], _ state: UploadJournal.State) {
        for index in indices { journal.entries[index].state = state }
    }

    private static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
