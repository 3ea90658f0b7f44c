import Foundation
import PractiTest

/// `ptupload check`: verifies the token, the project and the test set with one call, and says
/// what is wrong.
struct CheckCommand {
    var options: OptionSource

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        options = try .service(
            "check", arguments: arguments, environment: environment, valueOptions: ["set-id", "set-name"], flags: [])
    }

    func run(output: OutputStream, diagnostics: OutputStream) async throws(UsageError) -> ExitStatus {
        if options.flags.has("help") {
            output.write(HelpText.check)
            return .success
        }
        let connection = try ConnectionSettings(options)
        let set = try options.setReference()
        do throws(UploadError) {
            output.line("ok: " + (try await connection.client(diagnostics: diagnostics).check(set: set)))
            return .success
        } catch {
            diagnostics.line("error: \(error)")
            return .nothingUploaded
        }
    }
}

/// `ptupload runs`: lists runs in PractiTest (all pages, paced like every call), to see what a
/// job left there.
struct RunsCommand {
    static let filters = ["test-ids", "set-ids", "instance-ids", "run-type"]
    var options: OptionSource

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        options = try .service(
            "runs", arguments: arguments, environment: environment, valueOptions: Set(Self.filters), flags: ["json"])
    }

    func run(output: OutputStream, diagnostics: OutputStream) async throws(UsageError) -> ExitStatus {
        if options.flags.has("help") {
            output.write(HelpText.runs)
            return .success
        }
        let connection = try ConnectionSettings(options)
        let filters = Self.filters.compactMap { name in options.flags.value(name).map { (name, $0) } }
        let runs: [Entity]
        do throws(UploadError) {
            runs = try await connection.client(diagnostics: diagnostics).runs(filters: filters)
        } catch {
            diagnostics.line("error: \(error)")
            return .nothingUploaded
        }
        if options.flags.has("json") {
            output.write(Self.json(runs))
        } else {
            output.line("id\tinstance\ttest\tstatus\tduration\tcreated\toutput")
            for run in runs {
                let attributes = run.attributes
                let fields: [String] = [
                    String(run.id), attributes.instanceID.map(String.init) ?? "",
                    attributes.testID.map(String.init) ?? "",
                    attributes.status ?? "", attributes.runDuration ?? "", attributes.createdAt ?? "",
                    String((attributes.output ?? "").prefix(80)).replacingOccurrences(of: "\n", with: " "),
                ]
                output.line(fields.joined(separator: "\t"))
            }
            output.line("\(runs.count) runs")
        }
        return .success
    }

    /// `[{"id", "instance-id", "test-id", "status", "exit-code", "run-duration", "created-at",
    /// "automated-execution-output"}]`, keys always present.
    static func json(_ runs: [Entity]) -> String {
        let rows: [[String: Any]] = runs.map { run in
            let attributes = run.attributes
            return [
                "id": run.id, "instance-id": attributes.instanceID as Any, "test-id": attributes.testID as Any,
                "status": attributes.status as Any, "exit-code": attributes.exitCode as Any,
                "run-duration": attributes.runDuration as Any, "created-at": attributes.createdAt as Any,
                "automated-execution-output": attributes.output as Any,
            ].mapValues { value in (value as Any?).flatMap { $0 } ?? NSNull() }
        }
        let data =
            (try? JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys, .prettyPrinted]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension OptionSource {
    /// The settings of a command that talks to PractiTest and takes no other argument: the
    /// connection settings plus its own.
    static func service(
        _ command: String, arguments: [String], environment: [String: String], valueOptions: Set<String>,
        flags: Set<String>
    ) throws(UsageError) -> OptionSource {
        try UploadCommand.refuseTokenFlag(arguments)
        let scanner = try ArgumentScanner(
            arguments, valueOptions: ConnectionSettings.valueOptions.union(valueOptions),
            flags: ConnectionSettings.flags.union(flags).union(["help"]))
        guard scanner.positionals.isEmpty else {
            throw UsageError(description: "\(command) takes no arguments, got '\(scanner.positionals[0])'")
        }
        return OptionSource(
            flags: scanner, config: try ConfigFile.named(in: scanner, environment: environment),
            environment: environment)
    }
}

extension ConfigFile {
    /// The config file named by `--config` or `PRACTITEST_CONFIG`, if any, for the connection settings.
    static func named(in flags: ArgumentScanner, environment: [String: String]) throws(UsageError) -> ConfigFile? {
        guard let path = flags.value("config") ?? environment["PRACTITEST_CONFIG"] else { return nil }
        return try ConfigFile(
            path: path,
            allowed: ConnectionSettings.valueOptions.union(ConnectionSettings.flags)
                .union(UploadCommand.planOptions).union(UploadCommand.targetOptions).union(UploadCommand.flags)
                .subtracting(["config", "help", "dry-run", "json"]))
    }
}
