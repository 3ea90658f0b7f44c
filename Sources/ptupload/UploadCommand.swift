import Foundation
import PractiTest
import TestReports

/// `ptupload upload`: reads reports, plans one PractiTest run per test (or suite) and, with
/// `--dry-run`, prints what would be sent.
struct UploadCommand {
    var format: ReportFormat?
    var options = RunOptions()
    var dryRun = false
    var json = false
    var help = false
    var projectID: String?
    var paths: [String]

    static let valueOptions: Set<String> = [
        "format", "granularity", "name-template", "skipped", "attach-output", "attachment-limit", "run-version",
        "custom-field", "job-url", "job-url-field", "project-id",
    ]

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let scanner = try ArgumentScanner(
            arguments, valueOptions: Self.valueOptions, flags: ["dry-run", "json", "help"])
        help = scanner.has("help")
        dryRun = scanner.has("dry-run")
        json = scanner.has("json")
        paths = scanner.positionals
        format = try scanner.reportFormat()
        options.granularity = try scanner.choice("granularity", default: .case)
        options.skipped = try scanner.choice("skipped", default: .na)
        options.attach = try scanner.choice("attach-output", default: .failures)
        if let template = scanner.value("name-template") {
            guard let nameTemplate = NameTemplate(template) else {
                throw UsageError(description: "name template '\(template)' names none of {name}, {classname}, {suite}")
            }
            options.nameTemplate = nameTemplate
        }
        if let limit = scanner.value("attachment-limit") {
            guard let bytes = Int(limit), bytes >= 1024 else {
                throw UsageError(description: "attachment limit '\(limit)' is not a number of bytes of at least 1024")
            }
            options.attachmentLimit = bytes
        }
        options.runVersion = scanner.value("run-version")
        options.customFields = try scanner.values("custom-field").map { pair throws(UsageError) in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber) else {
                throw UsageError(description: "custom field '\(pair)' is not ID=VALUE with a numeric ID")
            }
            return (parts[0], parts[1])
        }
        options.jobURL = scanner.value("job-url") ?? environment["CI_JOB_URL"] ?? environment["BUILD_URL"]
        options.jobURLField = scanner.value("job-url-field")
        projectID = scanner.value("project-id") ?? environment["PRACTITEST_PROJECT_ID"]
        if paths.isEmpty, !help { throw UsageError(description: "no report given") }
    }

    func run(output: OutputStream, diagnostics: OutputStream) -> ExitStatus {
        if help {
            output.write(HelpText.upload)
            return .success
        }
        var results: [ReportedResult] = []
        let files = ReportReader(format: format).read(paths) { file, event in
            switch event {
            case .result(let result): results.append(ReportedResult(report: file, result: result))
            case .warning(let text): diagnostics.line("warning: \(file): \(text)")
            case .suite: break
            }
        }
        for error in files.compactMap(\.error) {
            diagnostics.line("error: \(error)")
        }
        guard dryRun else {
            diagnostics.line("error: this build of ptupload can only plan an upload: add --dry-run")
            return .usage
        }
        let plan = RunPlanner(options: options).plan(results)
        let printer = DryRunPrinter(plan: plan, files: files, options: options, projectID: projectID)
        output.write(json ? printer.json() : printer.text())
        return files.contains { $0.error != nil } ? .badInput : .success
    }
}
