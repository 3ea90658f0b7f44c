/// The `--help` texts, in the familiar `USAGE:` / `ARGUMENTS:` / `OPTIONS:` layout.
enum HelpText {
    static func forCommand(_ command: String) -> String? {
        switch command {
        case "parse": parse
        default: nil
        }
    }

    static let exitCodes = """
        EXIT CODES:
          0     success
          64    usage error: unknown command or option, missing value
          65    a report could not be read or parsed (what could be read is still printed)

        """

    static let main = """
        OVERVIEW: Send CI test results to PractiTest.

        USAGE: ptupload <command> [options]

        COMMANDS:
          parse                 Read test reports and print what they hold.
          help <command>        Show help for a command.

        OPTIONS:
          --version             Print the version and exit.
          -h, --help            Show this help.

        """ + exitCodes

    static let parse = """
        OVERVIEW: Read test reports and print what they hold.

        USAGE: ptupload parse [--format <format>] [--json] <report> ...

        ARGUMENTS:
          <report>              A report file, a directory (searched for *.xml), or - for
                                standard input.

        OPTIONS:
          --format <format>     auto or junit. auto tells the format from each file's
                                content. (default: auto)
          --json                Print one JSON document with every result (keys in the
                                README) instead of a summary line per file.
          -h, --help            Show this help.

        """ + exitCodes
}
