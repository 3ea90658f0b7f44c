import Foundation

/// What an upload did, for the summary and the exit code.
public struct UploadReport: Sendable {
    /// Runs posted by this invocation.
    public var uploaded = 0
    /// Runs the journal says an earlier invocation posted.
    public var alreadyUploaded = 0
    /// Names with no instance (and no `--create-missing`).
    public var unmatched: [String] = []
    /// Runs the server refused, with its reasons.
    public var rejected: [(name: String, reason: String)] = []
    /// Runs still pending because the upload stopped.
    public var notSent = 0
    public var matched = 0
    public var createdTests = 0
    public var createdInstances = 0
    public var calls = 0
    public var tooManyRequests = 0
    public var seconds = 0.0
    public var setID: Int?
    /// Instances whose runs `--verify` found missing or doubled.
    public var verifyProblems: [String] = []
    /// What stopped the upload, if anything did.
    public var fatal: UploadError?

    public init() {}

    public var total: Int { uploaded + alreadyUploaded + unmatched.count + rejected.count + notSent }

    /// Every planned run is in PractiTest.
    public var isComplete: Bool { fatal == nil && total == uploaded + alreadyUploaded && verifyProblems.isEmpty }
}

/// What the uploader tells while it works; the executable decides how to show it.
public enum UploadEvent: Sendable {
    case info(String)
    case warning(String)
    /// After each request of runs: runs done so far, of how many.
    case progress(done: Int, total: Int)
}
