import Foundation

/// The attributes of one JUnit element, in document order.
struct JUnitAttributes {
    var pairs: [(name: String, value: String)]

    /// The first non-empty value among `names`.
    subscript(_ names: String...) -> String? {
        for name in names {
            if let value = pairs.first(where: { $0.name == name })?.value, !value.isEmpty { return value }
        }
        return nil
    }
}

/// Turns the elements of a JUnit document into results, as an explicit state machine fed by
/// `start`, `text` and `end`. It knows nothing of libxml2.
struct JUnitReportBuilder {
    private let emit: (ParseEvent) -> Void
    private var suites: [Suite] = []
    private var testCase: Case?
    private var outcome: Outcome?
    private var property: (name: String, value: BoundedText)?
    /// Where text goes, one entry per open element.
    private var sinks: [TextSink] = []

    init(emit: @escaping (ParseEvent) -> Void) {
        self.emit = emit
    }

    /// What a root element that is not JUnit's says the file is, or `nil` for a JUnit root.
    static func unsupportedRoot(_ name: String) -> String? {
        switch name {
        case "testsuites", "testsuite": nil
        case "test-run": "it looks like NUnit 3 XML (root <test-run>)"
        case "test-results": "it looks like NUnit 2 XML (root <test-results>)"
        case "test-suite": "it looks like NUnit XML (root <test-suite>)"
        case "assemblies", "assembly": "it looks like xUnit.net v2 XML (root <\(name)>)"
        case "TestRun": "it looks like a Visual Studio TRX file (root <TestRun>)"
        default: "XML whose root is <\(name)>, not JUnit's <testsuites> or <testsuite>"
        }
    }

    mutating func start(element: String, attributes: JUnitAttributes) {
        var sink = sinks.last ?? .none
        switch element {
        case "testsuite" where testCase == nil:
            suites.append(Suite(name: attributes["name"], file: attributes["file", "filepath"]))
        case "testcase" where testCase == nil:
            testCase = Case(attributes: attributes, suites: suites)
        case "property":
            if let name = attributes["name"] {
                if let value = attributes["value"] {
                    addProperty(TestProperty(name: name, value: value))
                } else {
                    property = (name, BoundedText())
                    sink = .property
                }
            }
        case "system-out":
            sink = outcome != nil ? .outcomeStdout : testCase != nil ? .caseStdout : .suiteStdout
        case "system-err":
            sink = outcome != nil ? .outcomeStderr : testCase != nil ? .caseStderr : .suiteStderr
        default:
            if testCase != nil, outcome == nil, let kind = Outcome.Kind(rawValue: element) {
                outcome = Outcome(kind: kind, message: attributes["message"], type: attributes["type"])
                sink = .outcomeBody
            }
        }
        sinks.append(sink)
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch sinks.last ?? .none {
        case .none: break
        case .outcomeBody: outcome?.body.append(bytes)
        case .outcomeStdout: outcome?.stdout.append(bytes)
        case .outcomeStderr: outcome?.stderr.append(bytes)
        case .caseStdout: testCase?.stdout.append(bytes)
        case .caseStderr: testCase?.stderr.append(bytes)
        case .suiteStdout: suites.indices.last.map { suites[$0].stdout.append(bytes) }
        case .suiteStderr: suites.indices.last.map { suites[$0].stderr.append(bytes) }
        case .property: property?.value.append(bytes)
        }
    }

    mutating func end(element: String) {
        sinks.removeLast()
        switch element {
        case "testsuite" where testCase == nil:
            guard let suite = suites.popLast() else { return }
            emit(.suite(TestSuiteRecord(
                path: suites.compactMap(\.name) + [suite.name].compactMap { $0 },
                properties: suite.properties, stdout: suite.stdout.nonEmptyText, stderr: suite.stderr.nonEmptyText)))
        case "testcase":
            if let testCase { emit(.result(testCase.result())) }
            testCase = nil
        case "property":
            if let property {
                let value = property.value.text.trimmingCharacters(in: .whitespacesAndNewlines)
                addProperty(TestProperty(name: property.name, value: value))
            }
            property = nil
        default:
            if let outcome, outcome.kind.rawValue == element {
                testCase?.outcomes.append(outcome)
                self.outcome = nil
            }
        }
    }

    private mutating func addProperty(_ property: TestProperty) {
        if testCase != nil {
            testCase?.properties.append(property)
        } else if !suites.isEmpty {
            suites[suites.count - 1].properties.append(property)
        }
    }
}

extension JUnitReportBuilder {
    private enum TextSink {
        case none, outcomeBody, outcomeStdout, outcomeStderr, caseStdout, caseStderr, suiteStdout, suiteStderr, property
    }

    private struct Suite {
        var name: String?
        var file: String?
        var properties: [TestProperty] = []
        var stdout = BoundedText()
        var stderr = BoundedText()
    }

    /// A `<failure>`, `<error>`, `<skipped>` or Surefire rerun element of a test case.
    private struct Outcome {
        enum Kind: String {
            case failure, error, skipped
            case rerunFailure, rerunError, flakyFailure, flakyError

            /// Surefire's reruns: recorded besides the test's own outcome.
            var isRerun: Bool { ![.failure, .error, .skipped].contains(self) }
            var status: TestStatus {
                switch self {
                case .failure, .rerunFailure, .flakyFailure: .failed
                case .error, .rerunError, .flakyError: .errored
                case .skipped: .skipped
                }
            }
            var label: String {
                switch self {
                case .failure: "failure"
                case .error: "error"
                case .skipped: "skipped"
                case .rerunFailure: "rerun failure"
                case .rerunError: "rerun error"
                case .flakyFailure: "flaky failure"
                case .flakyError: "flaky error"
                }
            }
        }

        var kind: Kind
        var message: String?
        var type: String?
        var body = BoundedText()
        var stdout = BoundedText()
        var stderr = BoundedText()

        /// The message attribute, else the first non-blank line of the body.
        var summary: String? {
            if let message = message?.trimmingCharacters(in: .whitespacesAndNewlines), !message.isEmpty {
                return message
            }
            return body.nonEmptyText?.split(whereSeparator: \.isNewline)
                .lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        }
    }

    private struct Case {
        var suitePath: [String]
        var classname: String?
        var name: String
        var file: String?
        var line: Int?
        var duration: Double?
        var statusAttribute: String?
        var properties: [TestProperty]
        var outcomes: [Outcome] = []
        var stdout = BoundedText()
        var stderr = BoundedText()

        init(attributes: JUnitAttributes, suites: [Suite]) {
            suitePath = suites.compactMap(\.name)
            classname = attributes["classname", "class"]
            name = attributes["name"] ?? ""
            file = attributes["file", "filepath"] ?? suites.last?.file
            line = attributes["line"].flatMap { Int($0) }
            duration = JUnitXMLParser.seconds(from: attributes["time"])
            statusAttribute = attributes["status", "result"]?.lowercased()
            properties = suites.flatMap(\.properties)
        }

        func result() -> TestResult {
            let own = outcomes.filter { !$0.kind.isRerun }
            let reruns = outcomes.filter(\.kind.isRerun)
            let deciding = own.first { $0.kind != .skipped } ?? own.first
            let status = deciding?.kind.status ?? Self.status(fromAttribute: statusAttribute)
            let failures = own.filter { $0.kind != .skipped }
            var subResults = failures.count > 1 ? failures.enumerated().map { subResult($1, number: $0 + 1) } : []
            subResults += reruns.enumerated().map { subResult($1, number: $0 + 1) }
            return TestResult(
                suitePath: suitePath, classname: classname, name: name, file: file, line: line,
                status: status, duration: duration,
                message: deciding?.summary, failureType: deciding?.type, detail: deciding?.body.nonEmptyText,
                stdout: stdout.nonEmptyText, stderr: stderr.nonEmptyText, properties: properties,
                subResults: subResults,
                isFlaky: status == .passed && reruns.contains { $0.kind == .flakyFailure || $0.kind == .flakyError })
        }

        private func subResult(_ outcome: Outcome, number: Int) -> TestResult {
            TestResult(
                suitePath: suitePath, classname: classname, name: "\(outcome.kind.label) \(number)", file: file,
                line: line, status: outcome.kind.status, message: outcome.summary, failureType: outcome.type,
                detail: outcome.body.nonEmptyText, stdout: outcome.stdout.nonEmptyText,
                stderr: outcome.stderr.nonEmptyText)
        }

        /// The status that tools like ctest, tst and Catch2 write as an attribute, for a case
        /// with no outcome element.
        private static func status(fromAttribute value: String?) -> TestStatus {
            switch value {
            case "skipped", "skip", "disabled", "notrun", "not run", "ignored", "pending": .skipped
            case "fail", "failed", "failure": .failed
            case "error", "errored": .errored
            default: .passed
            }
        }
    }
}

extension BoundedText {
    /// The text without surrounding white space, or `nil` when nothing is left.
    var nonEmptyText: String? {
        guard !isEmpty else { return nil }
        let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
