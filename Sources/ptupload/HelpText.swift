/// The `--help` texts, in the familiar `USAGE:` / `ARGUMENTS:` / `OPTIONS:` layout.
enum HelpText {
    static func forCommand(_ command: String) -> String? {
        switch command {
        case "parse": parse
        case "upload": upload
        case "run": run
        case "check": check
        case "runs": runs
        default: nil
        }
    }

    static let exitCodes = """
        EXIT CODES:
          0     success
          1     every result was uploaded and some tests failed (only with
                --fail-on-test-failure)
          64    usage error: unknown command or option, missing or wrong value
          65    a report, the mapping file or the journal could not be read
                (what could be read is still printed or uploaded)
          69    nothing could be uploaded: token, project, set or network
          75    some results were not uploaded (unmatched, refused, or stopped
                part-way): run the same command again to send the rest

        """

    static let main = """
        OVERVIEW: Send CI test results to PractiTest.

        USAGE: ptupload <command> [options]

        COMMANDS:
          parse                 Read test reports and print what they hold.
          upload                Send the results of test reports to PractiTest as runs.
          run                   Run a test command, then upload its results.
          check                 Check the token, the project and the test set.
          runs                  List runs in PractiTest.
          help <command>        Show help for a command.

        OPTIONS:
          --version             Print the version and exit.
          -h, --help            Show this help.

        Settings come from flags, else a config file (--config), else PRACTITEST_*
        environment variables (--set-name is PRACTITEST_SET_NAME). The token comes only
        from PRACTITEST_TOKEN or --token-file.

        """ + exitCodes

    static let parse = """
        OVERVIEW: Read test reports and print what they hold.

        USAGE: ptupload parse [--format <format>] [--json] <report> ...

        ARGUMENTS:
          <report>              A report file, a directory (searched for *.xml and *.tap),
                                or - for standard input.

        OPTIONS:
          --format <format>     auto, junit, tap or swift-test (the console output of
                                swift test). auto tells the format from each file's
                                content. (default: auto)
          --json                Print one JSON document with every result (keys in the
                                README) instead of a summary line per file.
          -h, --help            Show this help.

        """ + exitCodes

    static let connection = """
          --api-url <url>       PractiTest's API; EU accounts use
                                https://eu1-prod-api.practitest.app. http:// only for
                                loopback hosts. (env: PRACTITEST_API_URL,
                                default: https://api.practitest.com)
          --project-id <id>     The project. (env: PRACTITEST_PROJECT_ID)
          --token-file <path>   A file holding the API token. (default: the token is read
                                from the environment variable PRACTITEST_TOKEN; never
                                from a flag or a config file)
          --rate-limit <rate>   Calls allowed to the account: N a minute, or N/DURATION
                                such as 30/2s. (env: PRACTITEST_RATE_LIMIT, default: 30)
          --timeout <seconds>   Give up after this long. (env: PRACTITEST_TIMEOUT,
                                default: none)
          --config <file>       A config file of 'name = value' lines, names as the long
                                options. (env: PRACTITEST_CONFIG)
          --verbose             Trace every HTTP request (never the token).
          --quiet               Print only warnings, errors and the summary.
        """

    static let upload = """
        OVERVIEW: Send the results of test reports to PractiTest as runs.

        USAGE: ptupload upload [options] <report> ...

        ARGUMENTS:
          <report>              A report file, a directory (searched for *.xml and *.tap),
                                or - for standard input.

        OPTIONS:
          --dry-run             Print what would be sent, without network or credentials.
          --json                With --dry-run, print the exact request bodies as JSON.
          --set-id <id>         The test set. (env: PRACTITEST_SET_ID)
          --set-name <name>     The test set, by name. (env: PRACTITEST_SET_NAME)
          --create-set          Create the set named by --set-name when it does not exist.
          --create-missing      Create the tests and instances that results match none of.
          --map <file>          A mapping file: 'NAME-OR-PATTERN instance=ID' or
                                'NAME-OR-PATTERN test=ID' lines, first match wins.
          --state <file>        The journal that makes a stopped upload resumable and a
                                finished one not posted twice; one upload at a time may use
                                it. (env: PRACTITEST_STATE, default: .ptupload/journal.json)
          --force               Post every run again, whatever the journal says.
          --verify              Read the runs back and check each is there exactly once.
          --fail-on-test-failure
                                Exit 1 when some tests failed (after a full upload).
          --summary-file <path> Write a Markdown summary for the CI job's page.
                                (env: PRACTITEST_SUMMARY_FILE)
          --json-summary <path> Write the summary as JSON for scripts (keys in the
                                README). (env: PRACTITEST_JSON_SUMMARY)
        \(connection)
          --format <format>     auto, junit, tap or swift-test. (default: auto)
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
          -h, --help            Show this help.

        Results map to instances in this order: --map; the JUnit properties
        practitest-instance-id / practitest-test-id or a [PT:<test display id>] tag in the
        name; an instance of the set with the same name. Without --create-missing, the
        others are listed and not uploaded.

        The same test more than once (several reports, reruns): one run; a failure in any
        report makes it failed, unless a later rerun in the same report passed, which makes
        it passed and flaky, said in its output.

        """ + exitCodes

    static let check = """
        OVERVIEW: Check the token, the project and the test set with one call.

        USAGE: ptupload check [options]

        OPTIONS:
          --set-id <id>         The test set to check. (env: PRACTITEST_SET_ID)
          --set-name <name>     The test set to check, by name. (env: PRACTITEST_SET_NAME)
        \(connection)
          -h, --help            Show this help.

        """ + exitCodes

    static let runs = """
        OVERVIEW: List runs in PractiTest, every page, as a table or JSON.

        USAGE: ptupload runs [options]

        OPTIONS:
          --test-ids <ids>      Runs of these tests (system ids, comma-separated).
          --set-ids <ids>       Runs in these test sets.
          --instance-ids <ids>  Runs of these instances.
          --run-type <type>     AutomatedRun or ManualRun.
          --json                Print JSON: id, instance-id, test-id, status, exit-code,
                                run-duration, created-at, automated-execution-output.
        \(connection)
          -h, --help            Show this help.

        """ + exitCodes

    static let run = """
        OVERVIEW: Run a test command, pass its output through as it comes, then upload the
        results read from that output (or from the --report files it writes).

        USAGE: ptupload run [upload options] [--report <file> ...] -- <command> [<argument> ...]

        ARGUMENTS:
          <command>             The test command, typically swift test or
                                swift test --parallel.

        OPTIONS:
          --report <file>       Upload this report file, written by the command
                                (e.g. .build/xunit.xml), instead of its console output;
                                repeat it for several.
          --fail-on-upload-error
                                Exit with the upload's exit code when the upload did not
                                complete. (default: the command's exit code, whatever
                                the upload did)
          -h, --help            Show this help.

        Every option of ptupload upload applies (see ptupload upload --help); settings are
        checked before the command runs. The command's output is kept in
        .ptupload/last-run.log, so that an upload left incomplete can be finished with
        ptupload upload on that file. SIGINT and SIGTERM are passed on to the command; then
        nothing is uploaded. A command killed by a signal exits 128 + the signal, as in a
        shell.

        EXIT CODES:
          The command's exit code, unless --fail-on-upload-error and the upload did not
          complete (see ptupload upload --help); 127 when the command cannot be run; 64 for
          a usage error.

        """
}
