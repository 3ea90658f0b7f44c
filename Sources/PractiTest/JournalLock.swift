import Foundation

/// Keeps two ptupload processes from uploading with the same journal at once, which could post
/// the same runs twice: an exclusive `flock` on `<journal>.lock`, held while the upload runs and
/// released by the system when the process ends, however it ends (`kill -9` included).
final class JournalLock {
    private let descriptor: Int32

    init(journalPath: String) throws(UploadError) {
        let path = journalPath + ".lock"
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .journal("cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .journal(
                "another ptupload is uploading with the journal \(journalPath): wait for it to finish, or pass another --state"
            )
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
