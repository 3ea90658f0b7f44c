/// ptupload's exit codes: part of its interface, documented in `--help` and the README.
enum ExitStatus: Int32 {
    /// Everything asked for was done.
    case success = 0
    /// Everything was uploaded, some tests failed, and `--fail-on-test-failure` asked to say so.
    case testsFailed = 1
    /// The command line is wrong (BSD `EX_USAGE`).
    case usage = 64
    /// A report, the mapping file or the journal could not be read, in whole or in part (BSD `EX_DATAERR`).
    case badInput = 65
    /// Nothing could be uploaded: the token, project, set or network failed (BSD `EX_UNAVAILABLE`).
    case nothingUploaded = 69
    /// Some results were not uploaded; running the same command again sends the rest (BSD `EX_TEMPFAIL`).
    case partiallyUploaded = 75
}
