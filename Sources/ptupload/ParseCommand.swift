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
        format = try OptionSource(flags: scanner, config: nil, environment: [:]).reportFormat()
        if paths.isEmpty, !help { throw UsageError(description: "no report given") }
    }

    func run(output: OutputStream, diagnostics: OutputStream) -> ExitStatus {
        if help {
            output.write(HelpText.parse)
            return .success
        }
        let writer = json ? ParseJSONWriter(output: output) : nil
        let files = ReportReader(format: format).read(paths) { file, event in
            if case .warning(let text) = event { diagnostics.line("warning: \(text)") }
            writer?.add(file: file, event: event)
        }
        if let writer {
            writer.finish(files: files)
        } else {
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
