import Foundation

let status = CommandLineTool.run(
    arguments: Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment,
    output: OutputStream.standardOutput,
    diagnostics: OutputStream.standardError)
exit(status.rawValue)
