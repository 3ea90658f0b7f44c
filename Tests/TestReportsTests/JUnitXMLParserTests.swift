import Foundation
import Testing

@testable import TestReports

@Suite("JUnit XML parser")
struct JUnitXMLParserTests {
    let parser = JUnitXMLParser()

    @Test("reads failure, error and skipped with and without message, type and body")
    func outcomes() throws {
        let outcome = parse(
            text: """
                <testsuite name="S">
                  <testcase classname="C" name="passes" time="0.5"/>
                  <testcase classname="C" name="fails"><failure message="expected 1" type="AssertionError">trace line 1
                trace line 2</failure></testcase>
                  <testcase classname="C" name="errors"><error type="IOError"/></testcase>
                  <testcase classname="C" name="skips"><skipped message="not on Linux"/></testcase>
                  <testcase classname="C" name="body only"><failure>
                      first line of the body
                    second</failure></testcase>
                </testsuite>
                """, with: parser)
        #expect(outcome.error == nil)
        let results = outcome.results
        try #require(results.count == 5)
        #expect(results.map(\.status) == [.passed, .failed, .errored, .skipped, .failed])
        #expect(results[0].duration == 0.5)
        #expect(results[1].message == "expected 1")
        #expect(results[1].failureType == "AssertionError")
        #expect(results[1].detail == "trace line 1\ntrace line 2")
        #expect(results[2].message == nil)
        #expect(results[2].failureType == "IOError")
        #expect(results[3].message == "not on Linux")
        #expect(results[4].message == "first line of the body")
        #expect(results.allSatisfy { $0.subResults.isEmpty })
    }

    @Test("keeps several failures of one case as sub-results, the first deciding the message")
    func severalFailures() throws {
        let outcome = parse(
            text: """
                <testsuite name="S"><testcase classname="C" name="t">
                  <failure message="first"/><failure message="second"/><error message="third"/>
                </testcase></testsuite>
                """, with: parser)
        let result = try #require(outcome.results.first)
        #expect(result.status == .failed)
        #expect(result.message == "first")
        #expect(result.subResults.map(\.message) == ["first", "second", "third"])
        #expect(result.subResults.map(\.status) == [.failed, .failed, .errored])
        #expect(outcome.counts.total == 1)
    }

    @Test("a Surefire case that passed on rerun is passed and flaky, its failed runs kept as sub-results")
    func surefireFlaky() throws {
        let outcome = parse(
            text: """
                <testsuite name="S"><testcase classname="C" name="flaky" time="1.0">
                  <flakyFailure message="boom" type="java.lang.AssertionError">
                    <stackTrace>at C.flaky(C.java:1)</stackTrace>
                    <system-out>rerun output</system-out>
                  </flakyFailure>
                  <flakyError message="io"/>
                </testcase>
                <testcase classname="C" name="always"><failure message="f0"/>
                  <rerunFailure message="f1"/><rerunFailure message="f2"/>
                </testcase></testsuite>
                """, with: parser)
        let results = outcome.results
        try #require(results.count == 2)
        #expect(results[0].status == .passed)
        #expect(results[0].isFlaky)
        #expect(results[0].subResults.map(\.status) == [.failed, .errored])
        #expect(results[0].subResults[0].detail == "at C.flaky(C.java:1)")
        #expect(results[0].subResults[0].stdout == "rerun output")
        #expect(results[0].subResults[0].failureType == "java.lang.AssertionError")
        #expect(results[1].status == .failed)
        #expect(!results[1].isFlaky)
        #expect(results[1].message == "f0")
        #expect(results[1].subResults.map(\.message) == ["f1", "f2"])
        #expect(outcome.counts == ResultCounts(passed: 1, failed: 1, errored: 0, skipped: 0))
    }

    @Test("joins nested suite names and falls back to the suite path when there is no classname")
    func nestedSuites() throws {
        let outcome = parse(
            text: """
                <testsuites name="root"><testsuite name="outer"><testsuite name="inner">
                  <testcase name="t1"/>
                </testsuite><testcase classname="K" name="t2"/></testsuite></testsuites>
                """, with: parser)
        let results = outcome.results
        try #require(results.count == 2)
        #expect(results[0].suitePath == ["outer", "inner"])
        #expect(results[0].identity == TestIdentity(classname: "outer/inner", name: "t1"))
        #expect(results[1].suitePath == ["outer"])
        #expect(results[1].identity == TestIdentity(classname: "K", name: "t2"))
    }

    @Test("reads output and properties at case and suite level, including text-valued properties")
    func outputAndProperties() throws {
        let outcome = parse(
            text: """
                <testsuite name="S">
                  <properties><property name="os" value="linux"/><property name="config">
                      line 1
                  </property></properties>
                  <testcase classname="C" name="t" file="t.py" line="12">
                    <properties><property name="owner" value="qa"/></properties>
                    <system-out><![CDATA[out <raw> & text]]></system-out>
                    <system-err>err &amp; more</system-err>
                  </testcase>
                  <system-out>suite output</system-out>
                </testsuite>
                """, with: parser)
        let result = try #require(outcome.results.first)
        #expect(
            result.properties == [
                TestProperty(name: "os", value: "linux"), TestProperty(name: "config", value: "line 1"),
                TestProperty(name: "owner", value: "qa"),
            ])
        #expect(result.stdout == "out <raw> & text")
        #expect(result.stderr == "err & more")
        #expect(result.file == "t.py")
        #expect(result.line == 12)
        let suites = outcome.events.compactMap { if case .suite(let suite) = $0 { suite } else { nil } }
        #expect(
            suites == [
                TestSuiteRecord(
                    path: ["S"],
                    properties: [
                        TestProperty(name: "os", value: "linux"), TestProperty(name: "config", value: "line 1"),
                    ],
                    stdout: "suite output")
            ])
    }

    @Test(
        "reads times in every written form, unknown when missing or unusable",
        arguments: [
            ("0.25", 0.25), ("1,234.5", 1234.5), ("1e-3", 0.001), (" 2 ", 2.0),
            ("", nil), ("-1", nil), ("abc", nil), ("nan", nil), ("inf", nil),
        ] as [(String, Double?)])
    func times(text: String, seconds: Double?) {
        #expect(JUnitXMLParser.seconds(from: text) == seconds)
        #expect(JUnitXMLParser.seconds(from: nil) == nil)
    }

    @Test("reads plain decimal times exactly as Double(_:) does")
    func plainDecimalsMatchDouble() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let whole = Int.random(in: 0..<100_000, using: &generator)
            let fraction = String(Int.random(in: 0..<1_000_000_000, using: &generator)).prefix(Int.random(in: 1...9))
            let text = "\(whole).\(fraction)"
            #expect(JUnitXMLParser.seconds(from: text) == Double(text), "\(text)")
        }
    }

    @Test("takes a status attribute (ctest, tst) when the case has no outcome element")
    func statusAttribute() {
        let outcome = parse(
            text: """
                <testsuite name="S">
                  <testcase name="a" status="notrun"/><testcase name="b" status="disabled"/>
                  <testcase name="c" status="fail"/><testcase name="d" status="run"/>
                  <testcase name="e" status="disabled"><failure message="still a failure"/></testcase>
                </testsuite>
                """, with: parser)
        #expect(outcome.results.map(\.status) == [.skipped, .skipped, .failed, .passed, .failed])
    }

    @Test("keeps a bounded head and tail of a huge system-out, past libxml2's 10 MB text node limit")
    func hugeText() throws {
        let line = String(repeating: "x", count: 99) + "\n"
        for cdata in [false, true] {
            var xml = "<testsuite name=\"S\"><testcase name=\"t\"><system-out>" + (cdata ? "<![CDATA[" : "") + "HEAD\n"
            xml += String(repeating: line, count: 150_000)  // 15 MB
            xml += "TAIL" + (cdata ? "]]>" : "") + "</system-out></testcase></testsuite>"
            let outcome = parse(text: xml, with: parser)
            #expect(outcome.error == nil)
            let stdout = try #require(outcome.results.first?.stdout)
            #expect(stdout.hasPrefix("HEAD\n"))
            #expect(stdout.hasSuffix("TAIL"))
            #expect(stdout.contains("bytes cut"))
            #expect(stdout.utf8.count < 2 * BoundedText.defaultLimit + 100)
        }
    }

    @Test("never expands an external entity: the file's content cannot leak into results")
    func externalEntity() {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-secret-\(UUID())")
        _ = FileManager.default.createFile(atPath: secret.path, contents: Data("TOP-SECRET".utf8))
        defer { try? FileManager.default.removeItem(at: secret) }
        let documents = [
            "<!DOCTYPE t [<!ENTITY xxe SYSTEM \"file://\(secret.path)\">]>\n<testsuite name=\"S\"><testcase name=\"t\"><failure message=\"&xxe;\">&xxe;</failure></testcase></testsuite>",
            "<!DOCTYPE t [<!ENTITY % p SYSTEM \"file://\(secret.path)\"> %p;]>\n<testsuite name=\"S\"><testcase name=\"t\"/></testsuite>",
            "<!DOCTYPE t SYSTEM \"file://\(secret.path)\">\n<testsuite name=\"S\"><testcase name=\"t\"/></testsuite>",
        ]
        for document in documents {
            let outcome = parse(text: document, with: parser)
            #expect(!"\(outcome.events)".contains("TOP-SECRET"))
            #expect(!"\(String(describing: outcome.error))".contains("TOP-SECRET"))
        }
        let first = parse(text: documents[0], with: parser)
        #expect(first.error?.reason.contains("entity 'xxe' not defined") == true)
        #expect(first.error?.location.line == 2)
    }

    @Test("refuses entity expansion bombs quickly")
    func billionLaughs() {
        var declarations = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let outcome = parse(
            text: "<!DOCTYPE t [\(declarations)]>\n<testsuite name=\"S\"><testcase name=\"&lol9;\"/></testsuite>",
            with: parser)
        #expect(outcome.results.isEmpty)
        #expect(outcome.error?.reason.contains("lol9") == true)
    }

    @Test("keeps the results before a truncation and names the line and column of the break")
    func truncated() throws {
        let outcome = parse(
            text: "<testsuite name=\"S\">\n<testcase name=\"a\"/>\n<testcase name=\"b\"><failure>cut he",
            with: parser)
        #expect(outcome.results.map(\.name) == ["a"])
        let error = try #require(outcome.error)
        guard case .malformed(let location, let reason) = error else {
            Issue.record("expected a malformed error, got \(error)")
            return
        }
        #expect(location.line == 3)
        #expect(location.column != nil)
        #expect(reason.contains("cut short"))
    }

    @Test(
        "refuses other XML formats, naming what the file looks like",
        arguments: [
            ("<test-run id=\"2\"/>", "NUnit 3"), ("<test-results/>", "NUnit 2"), ("<assemblies/>", "xUnit.net v2"),
            ("<TestRun/>", "TRX"), ("<html><body/></html>", "<html>"),
        ])
    func otherFormats(document: String, named: String) throws {
        let outcome = parse(text: document, with: parser)
        let error = try #require(outcome.error)
        guard case .unsupported(_, let looksLike) = error else {
            Issue.record("expected unsupported, got \(error)")
            return
        }
        #expect(looksLike.contains(named))
    }

    @Test("reads a byte order mark, ISO-8859-1, UTF-16 and blank lines before the declaration")
    func encodings() throws {
        let body = "<testsuite name=\"S\"><testcase classname=\"Caf\u{E9}\" name=\"na\u{EF}ve \u{1F600}\"/></testsuite>"
        let latin1 = "<testsuite name=\"S\"><testcase classname=\"Caf\u{E9}\" name=\"na\u{EF}ve\"/></testsuite>"
        let inputs: [(Data, String)] = [
            (
                Data([0xEF, 0xBB, 0xBF]) + Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body).utf8),
                "na\u{EF}ve \u{1F600}"
            ),
            (
                Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>".utf8) + latin1.data(using: .isoLatin1)!,
                "na\u{EF}ve"
            ),
            (("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + body).data(using: .utf16)!, "na\u{EF}ve \u{1F600}"),
            (Data(("\n\n<?xml version=\"1.0\"?>" + body).utf8), "na\u{EF}ve \u{1F600}"),
        ]
        for (data, name) in inputs {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-enc-\(UUID()).xml")
            _ = FileManager.default.createFile(atPath: url.path, contents: data)
            defer { try? FileManager.default.removeItem(at: url) }
            let outcome = parse(url.path, with: parser)
            #expect(outcome.error == nil)
            #expect(outcome.results.first?.classname == "Caf\u{E9}")
            #expect(outcome.results.first?.name == name)
        }
    }

    @Test("counts lines dropped before the declaration in error locations")
    func lineNumbersAfterBlankLines() {
        let outcome = parse(text: "\n\n<testsuite name=\"S\">\n<testcase name=\"a\">\n</testsuite>", with: parser)
        #expect(outcome.error?.location.line == 5)
    }

    @Test("says an empty file is empty")
    func emptyFile() {
        for text in ["", "  \n\t"] {
            let error = parse(text: text, with: parser).error
            #expect(error?.reason == "the file is empty")
            guard case .empty = error else {
                Issue.record("expected .empty, got \(String(describing: error))")
                continue
            }
        }
    }

    @Test("reads 100,000 nested elements without exhausting the stack")
    func deepNesting() {
        let depth = 100_000
        let xml =
            "<testsuite name=\"S\">" + String(repeating: "<a>", count: depth) + "<testcase name=\"deep\"/>"
            + String(repeating: "</a>", count: depth) + "</testsuite>"
        let outcome = parse(text: xml, with: parser)
        #expect(outcome.error == nil)
        #expect(outcome.results.map(\.name) == ["deep"])
    }

    @Test("refuses an attribute larger than libxml2's limit, keeping the cases before it")
    func hugeAttribute() {
        let xml =
            "<testsuite name=\"S\"><testcase name=\"before\"/><testcase name=\""
            + String(repeating: "x", count: 11_000_000) + "\"/></testsuite>"
        let outcome = parse(text: xml, with: parser)
        #expect(outcome.results.map(\.name) == ["before"])
        #expect(
            outcome.error?.reason
                == "a tag or an attribute is longer than 10 MB, libxml2's limit without XML_PARSE_HUGE")
    }

    @Test("never fetches a DTD or entity from the network")
    func networkDTD() {
        // Nothing listens on port 9: a fetch would fail or hang; the parse must not even try.
        let outcome = parse(
            text:
                "<!DOCTYPE testsuite SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<testsuite name=\"S\"><testcase name=\"t\"/></testsuite>",
            with: parser)
        #expect(outcome.error == nil)
        #expect(outcome.results.map(\.name) == ["t"])
    }

    @Test("refuses a quadratic blow-up: a large entity referenced many times is never expanded")
    func quadraticBlowUp() {
        let entity = String(repeating: "a", count: 100_000)
        let xml =
            "<!DOCTYPE t [<!ENTITY big \"\(entity)\">]>\n<testsuite name=\"S\"><testcase name=\"t\"><failure>"
            + String(repeating: "&big;", count: 10_000) + "</failure></testcase></testsuite>"
        let outcome = parse(text: xml, with: parser)
        #expect(outcome.results.isEmpty)
        #expect(outcome.error?.reason.contains("entity 'big' not defined") == true)
    }
}
