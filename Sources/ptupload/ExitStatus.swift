/// ptupload's exit codes: part of its interface, documented in `--help` and the README.
enum ExitStatus: Int32 {
    /// Everything asked for was done.
    case success = 0
    /// The command line is wrong (BSD `EX_USAGE`).
    case usage = 64
    /// A report could not be read or parsed, in whole or in part (BSD `EX_DATAERR`).
    case badInput = 65
}
