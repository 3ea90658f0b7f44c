import Foundation
import TestReports

/// `ptupload parse`: reads reports and prints a summary line per file, or every result as JSON.
struct ParseCommand {
    var format: ReportFormat?
    var json = false
    var help = false
    var paths: [String]

    init(arguments: [String]) throws(UsageError) {
        let scanner = try ArgumentScanner(arguments, valueOptions: ["format"], flags: ["json", "help"])
        help = scanner.has("help")
        json = scanner.has("json")
        paths = scanner.positionals
        switch scanner.value("format") {
        case nil, "auto": format = nil
        case let name?:
            guard let format = ReportFormat(rawValue: name) else {
                throw UsageError(
                    description:
                        "unknown format '\(name)' (expected auto, \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            self.format = format
        }
        if paths.isEmpty, !help { throw UsageError(description: "no report given") }
    }

    func run(output: OutputStream, diagnostics: OutputStream) -> ExitStatus {
        if help {
            output.write(HelpText.parse)
            return .success
        }
        let reader = ReportReader(format: format)
        let files: [ReportFileSummary]
        if json {
            let writer = ParseJSONWriter(output: output)
            files = reader.read(paths, emit: writer.add)
            writer.finish(files: files)
        } else {
            files = reader.read(paths) { _, _ in }
            for file in files {
                let format = file.format.map { "\($0), " } ?? ""
                output.line("\(file.path): \(format)\(file.counts)\(file.error == nil ? "" : " (incomplete)")")
            }
            let total = ResultCounts(summing: files.map(\.counts))
            output.line("total: \(files.count) \(files.count == 1 ? "file" : "files"), \(total)")
        }
        output.flush()
        for error in files.compactMap(\.error) {
            diagnostics.line("error: \(error)")
        }
        return files.contains { $0.error != nil } ? .badInput : .success
    }
}
