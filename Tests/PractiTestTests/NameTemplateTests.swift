import TestReports
import Testing

@testable import PractiTest

@Suite("Name template")
struct NameTemplateTests {
    static let full = TestResult(
        suitePath: ["pkg", "Sub"], classname: "tests.Login", name: "test_ok", file: "t.py", status: .passed)
    static let noClass = TestResult(suitePath: ["pkg", "Sub"], name: "test_ok", status: .passed)
    static let bare = TestResult(name: "test_ok", status: .passed)

    @Test(
        "expands placeholders, using the suite path for a missing class and dropping an empty one's separator",
        arguments: [
            ("{classname}.{name}", full, "tests.Login.test_ok"),
            ("{classname}.{name}", noClass, "pkg/Sub.test_ok"),
            ("{classname}.{name}", bare, "test_ok"),
            ("{name} ({classname})", bare, "test_ok ()"),
            ("{suite} :: {name}", full, "pkg/Sub :: test_ok"),
            ("{file}#{name}", full, "t.py#test_ok"),
            ("{name}-{unknown}", full, "test_ok-{unknown}"),
        ] as [(String, TestResult, String)])
    func expands(template: String, result: TestResult, expected: String) throws {
        let nameTemplate = try #require(NameTemplate(template))
        #expect(nameTemplate.name(for: result) == expected)
    }

    @Test("refuses a template that cannot tell tests apart")
    func refuses() {
        #expect(NameTemplate("fixed name") == nil)
        #expect(NameTemplate("{file}") == nil)
    }

    @Test("cuts names to 255 characters")
    func longNames() {
        let result = TestResult(classname: "C", name: String(repeating: "n", count: 400), status: .passed)
        #expect(NameTemplate.standard.name(for: result).count == 255)
    }

    @Test("names a suite run after its class, else its suite path")
    func suiteNames() {
        #expect(NameTemplate.suiteName(for: Self.full) == "tests.Login")
        #expect(NameTemplate.suiteName(for: Self.noClass) == "pkg/Sub")
        #expect(NameTemplate.suiteName(for: Self.bare) == "(no suite)")
    }
}
