import Foundation
import PractiTest
import TestReports

/// Where settings come from: flags, else the config file (`--config`), else `PRACTITEST_*`
/// environment variables (`--set-name` is `PRACTITEST_SET_NAME`). The token is not a setting
/// here: see `TokenSource`.
struct OptionSource {
    let flags: ArgumentScanner
    let config: ConfigFile?
    let environment: [String: String]

    static func environmentName(_ option: String) -> String {
        "PRACTITEST_" + option.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The value of a setting that takes one.
    func value(_ name: String) -> String? {
        flags.value(name) ?? config?.values[name]?.last ?? environment[Self.environmentName(name)]
    }

    /// Every value of a repeatable setting, from the first source that has any.
    func values(_ name: String) -> [String] {
        let given = flags.values(name)
        if !given.isEmpty { return given }
        if let configured = config?.values[name], !configured.isEmpty { return configured }
        return environment[Self.environmentName(name)].map { [$0] } ?? []
    }

    /// A yes/no setting: a flag, `name = true` in the config file, or `1`/`true` in the environment.
    func isOn(_ name: String) -> Bool {
        if flags.has(name) { return true }
        let text = config?.values[name]?.last ?? environment[Self.environmentName(name)]
        return ["1", "true", "yes"].contains(text?.lowercased() ?? "")
    }

    /// A setting read as one of a fixed set of words; `defaultValue` when not given.
    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, default defaultValue: Choice)
        throws(UsageError) -> Choice where Choice.RawValue == String
    {
        guard let text = value(name) else { return defaultValue }
        guard let choice = Choice(rawValue: text) else {
            let expected = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError(description: "unknown value '\(text)' for '--\(name)' (expected \(expected))")
        }
        return choice
    }

    /// A whole number setting of at least `minimum`.
    func number(_ name: String, minimum: Int) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), number >= minimum else {
            throw UsageError(description: "'--\(name)' takes a whole number of at least \(minimum), not '\(text)'")
        }
        return number
    }

    /// The test set named by `--set-id` or `--set-name`, if any.
    func setReference() throws(UsageError) -> Uploader.Settings.SetReference? {
        if let text = value("set-id") {
            guard let id = Int(text), id > 0 else {
                throw UsageError(description: "set id '\(text)' is not a number (--set-id)")
            }
            return .id(id)
        }
        return value("set-name").map { .name($0) }
    }

    /// The report format: `auto` (or nothing) is `nil`, to be told from each file.
    func reportFormat() throws(UsageError) -> ReportFormat? {
        guard let text = value("format"), text != "auto" else { return nil }
        guard let format = ReportFormat(rawValue: text) else {
            let expected = (["auto"] + ReportFormat.allCases.map(\.rawValue)).joined(separator: ", ")
            throw UsageError(description: "unknown format '\(text)' (expected \(expected))")
        }
        return format
    }
}

/// A config file (`--config FILE`): `name = value` lines, names as the long options without
/// `--`; repeat a line for a repeatable option; `#` starts a comment line.
struct ConfigFile {
    var values: [String: [String]] = [:]

    init(path: String, allowed: Set<String>) throws(UsageError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError(description: "cannot read the config file \(path)")
        }
        for (index, rawLine) in String(decoding: data, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        ).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw UsageError(description: "\(path):\(index + 1): expected 'name = value'")
            }
            let name = line[..<equals].trimmingWhitespace()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            if name == "token" {
                throw UsageError(
                    description:
                        "\(path):\(index + 1): the token never goes in a config file: use PRACTITEST_TOKEN or --token-file"
                )
            }
            guard allowed.contains(name) else {
                throw UsageError(description: "\(path):\(index + 1): unknown setting '\(name)'")
            }
            values[name, default: []].append(value)
        }
    }
}
