import TestReports

/// The name a result takes in PractiTest, from a template such as `{classname}.{name}`.
///
/// Placeholders: `{classname}` (the class, or the suite path when there is none), `{name}`,
/// `{suite}` (the suite path, `Outer/Inner`), `{file}`. When `{classname}` stands for nothing, the
/// separator written next to it goes too (`{classname}.{name}` gives `name`). Names are cut to
/// 255 characters. The same template is applied everywhere a name is needed, so the mapping,
/// the dry run and the upload agree.
public struct NameTemplate: Equatable, Sendable {
    public static let defaultTemplate = "{classname}.{name}"
    public static let placeholders = ["{classname}", "{name}", "{suite}", "{file}"]

    public let template: String

    /// Fails when the template names no placeholder PractiTest names could differ by.
    public init?(_ template: String) {
        guard template.contains("{name}") || template.contains("{classname}") || template.contains("{suite}")
        else { return nil }
        self.template = template
    }

    public static let standard = NameTemplate(defaultTemplate)!

    /// The PractiTest name of a single test case.
    public func name(for result: TestResult) -> String {
        let classname = result.identity.classname
        let values = [
            "classname": classname, "name": result.name, "suite": result.suiteName, "file": result.file ?? "",
        ]
        var name = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let key = String(rest[rest.index(after: open)..<close])
            var literal = rest[..<open]
            var after = rest.index(after: close)
            if let value = values[key] {
                if key == "classname", value.isEmpty {
                    // Drop the separator written next to an empty class name.
                    if after < rest.endIndex, Self.separators.contains(rest[after]) {
                        after = rest.index(after: after)
                    } else if let last = literal.last, Self.separators.contains(last) {
                        literal = literal.dropLast()
                    }
                }
                name += literal + value
            } else {
                name += rest[...close]
            }
            rest = rest[after...]
        }
        name += rest
        return PractiTestText.fitted(name, marker: "")
    }

    private static let separators: Set<Character> = [".", "/", " ", ":", "-", "_", "#"]

    /// The PractiTest name of a suite run in `--granularity suite`: its class, else its suite path.
    public static func suiteName(for result: TestResult) -> String {
        let key = result.classname ?? result.suiteName
        return PractiTestText.fitted(key.isEmpty ? "(no suite)" : key, marker: "")
    }
}
