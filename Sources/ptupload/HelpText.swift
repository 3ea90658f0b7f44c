/// The `--help` texts, in the familiar `USAGE:` / `ARGUMENTS:` / `OPTIONS:` layout.
enum HelpText {
    static func forCommand(_ command: String) -> String? {
        switch command {
        case "parse": parse
        case "upload": upload
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
          upload                Plan the PractiTest runs of test reports (--dry-run).
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

    static let upload = """
        OVERVIEW: Send the results of test reports to PractiTest as runs.

        USAGE: ptupload upload --dry-run [options] <report> ...

        ARGUMENTS:
          <report>              A report file, a directory (searched for *.xml), or - for
                                standard input.

        OPTIONS:
          --dry-run             Print what would be sent, without network or credentials.
                                (This build can only plan: uploading comes next.)
          --json                With --dry-run, print the exact request bodies as JSON.
          --format <format>     auto or junit. (default: auto)
          --granularity <g>     case: one PractiTest test and run per test case.
                                suite: one per suite (or class), each case a step.
                                (default: case)
          --name-template <t>   The PractiTest name of a test case, from {classname},
                                {name}, {suite} and {file}; {classname} is the suite path
                                when there is no class. (default: {classname}.{name})
          --skipped <policy>    na: a run with one N/A step carrying the reason.
                                omit: skipped tests are not posted. (default: na)
          --attach-output <w>   failures, always or never: attach the full output as a
                                text file. (default: failures)
          --attachment-limit <bytes>
                                The most bytes attached to one run. (default: 1048576)
          --run-version <v>     The run's version field. (default: none)
          --custom-field <ID=VALUE>
                                A custom field of every run; repeat it, and repeat an ID
                                for a multi-value field.
          --job-url <url>       The CI job's page, linked from each run.
                                (env: CI_JOB_URL, then BUILD_URL)
          --job-url-field <ID>  Also put the job URL in this custom field.
          --project-id <id>     The PractiTest project. (env: PRACTITEST_PROJECT_ID)
          -h, --help            Show this help.

        The same test more than once (several reports, reruns): one run; a failure in any
        report makes it failed, unless a later rerun in the same report passed, which makes
        it passed and flaky, said in its output.

        """ + exitCodes
}
