/// ptupload's exit codes: part of its interface, documented in `--help` and the README. `run`
/// passes its command's own exit code on, so any code can be one.
struct ExitStatus: RawRepresentable, Equatable, Sendable {
    var rawValue: Int32

    /// Everything asked for was done.
    static let success = ExitStatus(rawValue: 0)
    /// Everything was uploaded, some tests failed, and `--fail-on-test-failure` asked to say so.
    static let testsFailed = ExitStatus(rawValue: 1)
    /// The command line is wrong (BSD `EX_USAGE`).
    static let usage = ExitStatus(rawValue: 64)
    /// A report, the mapping file or the journal could not be read, in whole or in part (BSD `EX_DATAERR`).
    static let badInput = ExitStatus(rawValue: 65)
    /// Nothing could be uploaded: the token, project, set or network failed (BSD `EX_UNAVAILABLE`).
    static let nothingUploaded = ExitStatus(rawValue: 69)
    /// Some results were not uploaded; running the same command again sends the rest (BSD `EX_TEMPFAIL`).
    static let partiallyUploaded = ExitStatus(rawValue: 75)
}
