import Foundation

/// A mapping file (`--map FILE`): which PractiTest instance or test each result goes to.
///
/// One rule per line: a test name or a pattern (`*` any characters, `?` one), white space, then
/// `instance=ID` or `test=ID` (system ids, as the API takes them). Blank lines and lines starting
/// with `#` are ignored. The first rule that matches a name wins.
///
///     # ptupload map
///     tests.Login.test_ok         instance=123456
///     tests.Payments.*            test=98765
public struct InstanceMap: Equatable, Sendable {
    /// Where a rule sends a result.
    public enum Target: Equatable, Sendable {
        case instance(Int)
        case test(Int)
    }

    public struct Rule: Equatable, Sendable {
        public var pattern: String
        public var target: Target
    }

    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// Reads a mapping file's text; errors name the file and line.
    public init(text: String, file: String) throws(UploadError) {
        var rules: [Rule] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let split = line.lastIndex(where: \.isWhitespace),
                let target = Self.target(line[line.index(after: split)...])
            else {
                throw .configuration(
                    "\(file):\(index + 1): expected 'NAME instance=ID' or 'NAME test=ID', got '\(line)'")
            }
            let pattern = line[..<split].trimmingCharacters(in: .whitespaces)
            rules.append(Rule(pattern: pattern, target: target))
        }
        self.rules = rules
    }

    /// The target of the first rule matching `name`.
    public func target(for name: String) -> Target? {
        rules.first { Self.matches(name[...], pattern: $0.pattern[...]) }?.target
    }

    private static func target(_ text: Substring) -> Target? {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let id = Int(parts[1]), id > 0 else { return nil }
        switch parts[0] {
        case "instance": return .instance(id)
        case "test": return .test(id)
        default: return nil
        }
    }

    /// Glob matching with `*` and `?`.
    static func matches(_ name: Substring, pattern: Substring) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case "*":
            let rest = pattern.dropFirst()
            var candidate = name
            while true {
                if matches(candidate, pattern: rest) { return true }
                guard !candidate.isEmpty else { return false }
                candidate = candidate.dropFirst()
            }
        case "?":
            return !name.isEmpty && matches(name.dropFirst(), pattern: pattern.dropFirst())
        default:
            return name.first == first && matches(name.dropFirst(), pattern: pattern.dropFirst())
        }
    }
}
