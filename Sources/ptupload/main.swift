import Foundation

let status = await CommandLineTool.run(
    arguments: Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment,
    output: OutputStream.standardOutput,
    diagnostics: OutputStream.standardError)
exit(status.rawValue)
