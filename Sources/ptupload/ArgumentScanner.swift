/// A mistake on the command line; printed with a pointer to `--help`, exit 64.
struct UsageError: Error, Equatable, CustomStringConvertible {
    var description: String
}

/// Splits a command line into options and positional arguments: `--name value`, `--name=value`,
/// repeated options, `--` ending the options, `-` as a positional (standard input).
struct ArgumentScanner {
    /// Options in the order given, with their values (`nil` for flags).
    private(set) var options: [(name: String, value: String?)] = []
    private(set) var positionals: [String] = []

    /// - Parameters:
    ///   - valueOptions: options that take a value, without the leading `--`.
    ///   - flags: options that take none; `-h` is read as `--help`.
    init(_ arguments: [String], valueOptions: Set<String>, flags: Set<String>) throws(UsageError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--" {
                positionals.append(contentsOf: remaining)
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                positionals.append(argument)
                continue
            }
            let body = argument == "-h" ? "help" : String(argument.drop { $0 == "-" })
            let name = String(body.prefix { $0 != "=" })
            let inlineValue = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            if flags.contains(name) {
                if inlineValue != nil { throw UsageError(description: "option '--\(name)' takes no value") }
                options.append((name, nil))
            } else if valueOptions.contains(name) {
                if let inlineValue {
                    options.append((name, inlineValue))
                } else if let next = remaining.popFirst() {
                    options.append((name, next))
                } else {
                    throw UsageError(description: "option '--\(name)' needs a value")
                }
            } else {
                throw UsageError(description: "unknown option '\(argument)'")
            }
        }
    }

    func has(_ flag: String) -> Bool { options.contains { $0.name == flag } }

    /// The last value given for `name`, if any.
    func value(_ name: String) -> String? { options.last { $0.name == name }?.value }

    /// Every value given for `name`, in order.
    func values(_ name: String) -> [String] { options.filter { $0.name == name }.compactMap(\.value) }
}
