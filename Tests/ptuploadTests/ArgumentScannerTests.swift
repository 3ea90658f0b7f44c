import Testing

@testable import ptupload

@Suite("Argument scanner")
struct ArgumentScannerTests {
    func scan(_ arguments: [String]) throws(UsageError) -> ArgumentScanner {
        try ArgumentScanner(arguments, valueOptions: ["format", "map"], flags: ["json", "help"])
    }

    @Test(
        "reads option values in both spellings, flags, positionals and standard input",
        arguments: [
            (["--format", "junit", "a.xml"], "junit", ["a.xml"]),
            (["--format=junit", "a.xml"], "junit", ["a.xml"]),
            (["a.xml", "--format=tap", "-"], "tap", ["a.xml", "-"]),
            (["--format=", "a.xml"], "", ["a.xml"]),
            (["--", "--format", "x"], nil, ["--format", "x"]),
        ] as [([String], String?, [String])])
    func values(arguments: [String], format: String?, positionals: [String]) throws {
        let scanner = try scan(arguments)
        #expect(scanner.value("format") == format)
        #expect(scanner.positionals == positionals)
    }

    @Test("keeps every value of a repeated option, in order, the last one winning a single value")
    func repeated() throws {
        let scanner = try scan(["--map", "a", "--map=b", "--json", "-h"])
        #expect(scanner.options.filter { $0.name == "map" }.map(\.value) == ["a", "b"])
        #expect(scanner.value("map") == "b")
        #expect(scanner.has("json"))
        #expect(scanner.has("help"))
    }

    @Test(
        "refuses unknown options, missing values and values given to flags",
        arguments: [
            (["--nope"], "unknown option '--nope'"),
            (["-x"], "unknown option '-x'"),
            (["--format"], "option '--format' needs a value"),
            (["--json=yes"], "option '--json' takes no value"),
        ])
    func usageErrors(arguments: [String], message: String) {
        #expect(throws: UsageError(description: message)) { try scan(arguments) }
    }
}
