import Foundation
import PractiTest
import TestReports

/// `ptupload upload`: reads reports, plans one PractiTest run per test (or suite), maps each to an
/// instance of the test set and posts them; with `--dry-run`, prints what would be sent.
struct UploadCommand {
    static let planOptions: Set<String> = [
        "format", "granularity", "name-template", "skipped", "attach-output", "attachment-limit", "run-version",
        "custom-field", "job-url", "job-url-field",
    ]
    static let targetOptions: Set<String> = ["set-id", "set-name", "map", "state", "summary-file", "json-summary"]
    static let flags: Set<String> = [
        "dry-run", "json", "help", "create-set", "create-missing", "force", "verify", "fail-on-test-failure",
    ]

    var options: OptionSource
    var format: ReportFormat?
    var runOptions = RunOptions()
    var paths: [String]

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        try Self.refuseTokenFlag(arguments)
        let flags = try ArgumentScanner(
            arguments, valueOptions: Self.planOptions.union(Self.targetOptions).union(ConnectionSettings.valueOptions),
            flags: Self.flags.union(ConnectionSettings.flags))
        options = OptionSource(
            flags: flags, config: try ConfigFile.named(in: flags, environment: environment), environment: environment)
        paths = flags.positionals
        format = try options.reportFormat()
        runOptions.granularity = try options.choice("granularity", default: .case)
        runOptions.skipped = try options.choice("skipped", default: .na)
        runOptions.attach = try options.choice("attach-output", default: .failures)
        if let template = options.value("name-template") {
            guard let nameTemplate = NameTemplate(template) else {
                throw UsageError(description: "name template '\(template)' names none of {name}, {classname}, {suite}")
            }
            runOptions.nameTemplate = nameTemplate
        }
        if let bytes = try options.number("attachment-limit", minimum: 1024) { runOptions.attachmentLimit = bytes }
        runOptions.runVersion = options.value("run-version")
        runOptions.customFields = try options.values("custom-field").map { pair throws(UsageError) in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber) else {
                throw UsageError(description: "custom field '\(pair)' is not ID=VALUE with a numeric ID")
            }
            return (parts[0], parts[1])
        }
        runOptions.jobURL = options.value("job-url") ?? environment["CI_JOB_URL"] ?? environment["BUILD_URL"]
        runOptions.jobURLField = options.value("job-url-field")
        if paths.isEmpty, !flags.has("help") { throw UsageError(description: "no report given") }
    }

    /// Flags end up in CI logs and `ps`: say where the token goes instead of "unknown option".
    static func refuseTokenFlag(_ arguments: [String]) throws(UsageError) {
        if arguments.contains(where: { $0 == "--token" || $0.hasPrefix("--token=") }) {
            throw UsageError(
                description: "the token is never a flag (it would show in logs): use PRACTITEST_TOKEN or --token-file")
        }
    }

    func run(output: OutputStream, diagnostics: OutputStream) async -> ExitStatus {
        if options.flags.has("help") {
            output.write(HelpText.upload)
            return .success
        }
        var results: [ReportedResult] = []
        let files = ReportReader(format: format).read(paths) { file, event in
            switch event {
            case .result(let result): results.append(ReportedResult(report: file, result: result))
            case .warning(let text): diagnostics.line("warning: \(text)")
            case .suite: break
            }
        }
        for error in files.compactMap(\.error) { diagnostics.line("error: \(error)") }
        let formats = Dictionary(files.map { ($0.path, $0.format) }) { first, _ in first }
        for index in results.indices { results[index].format = formats[results[index].report] ?? nil }
        let inputFailed = files.contains { $0.error != nil }
        let plan = RunPlanner(options: runOptions).plan(results)

        if options.flags.has("dry-run") {
            let printer = DryRunPrinter(
                plan: plan, files: files, options: runOptions, projectID: options.value("project-id"))
            output.write(options.flags.has("json") ? printer.json() : printer.text())
            return inputFailed ? .badInput : .success
        }

        let connection: ConnectionSettings
        let settings: Uploader.Settings
        do throws(UsageError) {
            connection = try ConnectionSettings(options)
            settings = try uploaderSettings()
        } catch {
            diagnostics.line("error: \(error)")
            diagnostics.line("Run 'ptupload upload --help' for usage.")
            return .usage
        }
        let progress = ProgressPrinter(diagnostics: diagnostics, quiet: connection.quiet)
        let uploader = Uploader(
            client: connection.client(diagnostics: diagnostics), settings: settings, events: progress.show)
        let report = await uploader.upload(plan.runs)
        progress.finish()
        UploadSummary(report: report, connection: connection, journalPath: settings.journalPath)
            .print(output: output, diagnostics: diagnostics)
        let status = Self.exitStatus(
            report, inputFailed: inputFailed,
            testsFailed: options.isOn("fail-on-test-failure") && plan.runs.contains { $0.payload.exitCode != 0 })
        SummaryFiles(
            report: report, runs: plan.runs, setURL: report.setID.flatMap(connection.setURL), exitStatus: status
        )
        .write(
            markdownPath: options.value("summary-file"), jsonPath: options.value("json-summary"),
            diagnostics: diagnostics)
        return status
    }

    /// Checks what an upload (not a dry run) needs before anything runs.
    func checkUploadSettings() throws(UsageError) {
        guard !options.flags.has("dry-run") else { return }
        _ = try ConnectionSettings(options)
        _ = try uploaderSettings()
    }

    private func uploaderSettings() throws(UsageError) -> Uploader.Settings {
        guard let reference = try options.setReference() else {
            throw UsageError(
                description: "no test set: pass --set-id or --set-name (or PRACTITEST_SET_ID / PRACTITEST_SET_NAME)")
        }
        var settings = Uploader.Settings(
            set: reference, journalPath: options.value("state") ?? ".ptupload/journal.json")
        settings.createSet = options.isOn("create-set")
        settings.createMissing = options.isOn("create-missing")
        settings.force = options.isOn("force")
        settings.verify = options.isOn("verify")
        if let path = options.value("map") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UsageError(description: "cannot read the mapping file \(path) (--map)")
            }
            do throws(UploadError) {
                settings.map = try InstanceMap(text: String(decoding: data, as: UTF8.self), file: path)
            } catch {
                throw UsageError(description: "\(error)")
            }
        }
        return settings
    }

    /// 0 all uploaded; 1 tests failed with `--fail-on-test-failure`; 65 a report or the journal
    /// could not be read; 69 nothing could be uploaded; 75 some results were not uploaded.
    static func exitStatus(_ report: UploadReport, inputFailed: Bool, testsFailed: Bool) -> ExitStatus {
        if case .journal = report.fatal { return .badInput }
        if !report.isComplete {
            return report.uploaded + report.alreadyUploaded == 0 && report.fatal != nil
                ? .nothingUploaded : .partiallyUploaded
        }
        if inputFailed { return .badInput }
        return testsFailed ? .testsFailed : .success
    }
}
