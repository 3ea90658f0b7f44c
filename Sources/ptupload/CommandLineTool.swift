/// The entry point: picks the subcommand and turns what happened into an exit status.
enum CommandLineTool {
    static let version = "0.1.0"

    static func run(
        arguments: [String], environment: [String: String], output: OutputStream, diagnostics: OutputStream
    ) async -> ExitStatus {
        defer {
            output.flush()
            diagnostics.flush()
        }
        guard let command = arguments.first else {
            output.write(HelpText.main)
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "parse":
                return try ParseCommand(arguments: rest).run(output: output, diagnostics: diagnostics)
            case "upload":
                return try await UploadCommand(arguments: rest, environment: environment)
                    .run(output: output, diagnostics: diagnostics)
            case "run":
                return try await RunCommand(arguments: rest, environment: environment)
                    .run(output: output, diagnostics: diagnostics)
            case "check":
                return try await CheckCommand(arguments: rest, environment: environment)
                    .run(output: output, diagnostics: diagnostics)
            case "runs":
                return try await RunsCommand(arguments: rest, environment: environment)
                    .run(output: output, diagnostics: diagnostics)
            case "help", "--help", "-h":
                output.write(rest.first.flatMap(HelpText.forCommand) ?? HelpText.main)
                return .success
            case "--version":
                output.line("ptupload \(version)")
                return .success
            default:
                throw UsageError(description: "unknown command '\(command)'")
            }
        } catch {
            diagnostics.line("error: \(error)")
            let helpCommand = HelpText.forCommand(command) != nil ? "ptupload \(command) --help" : "ptupload --help"
            diagnostics.line("Run '\(helpCommand)' for usage.")
            return .usage
        }
    }
}
