/// Turns the elements of a JUnit document into results, as an explicit state machine fed by
/// `start`, `text` and `end`. It knows nothing of libxml2.
///
/// The test case being read lives in flat fields that are reused from case to case: a report can
/// hold a million cases, and copying a whole result a few times per case was most of the cost.
struct JUnitReportBuilder {
    private let emit: (ParseEvent) -> Void
    private var suites: [Suite] = []
    private var context: SuiteContext?
    /// Where text goes, one entry per open element.
    private var sinks: [TextSink] = []

    private var inCase = false
    /// The case's result as far as its attributes tell; completed when the case ends.
    private var current = TestResult(name: "", status: .passed)
    private var statusAttribute: String?
    private var outcomes: [Outcome] = []
    private var caseStdout = BoundedText()
    private var caseStderr = BoundedText()
    private var outcome: Outcome?
    private var property: (name: String, value: BoundedText)?

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

    mutating func start(element: JUnitElement, attributes: JUnitAttributes) {
        var sink = sinks.last ?? .none
        let inOutcome = outcome != nil
        switch element {
        case .testsuite where !inCase:
            suites.append(Suite(name: attributes.name, file: attributes.file))
            context = nil
        case .testcase where !inCase:
            startCase(attributes)
        case .property:
            if let name = attributes.name {
                if let value = attributes.value {
                    addProperty(TestProperty(name: name, value: value))
                } else {
                    property = (name, BoundedText())
                    sink = .property
                }
            }
        case .systemOut:
            sink = inOutcome ? .outcomeStdout : inCase ? .caseStdout : .suiteStdout
        case .systemErr:
            sink = inOutcome ? .outcomeStderr : inCase ? .caseStderr : .suiteStderr
        default:
            if inCase, !inOutcome, let kind = Outcome.Kind(element) {
                outcome = Outcome(kind: kind, message: attributes.message, type: attributes.type)
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
        case .caseStdout: caseStdout.append(bytes)
        case .caseStderr: caseStderr.append(bytes)
        case .suiteStdout: suites.indices.last.map { suites[$0].stdout.append(bytes) }
        case .suiteStderr: suites.indices.last.map { suites[$0].stderr.append(bytes) }
        case .property: property?.value.append(bytes)
        }
    }

    mutating func end(element: JUnitElement) {
        sinks.removeLast()
        switch element {
        case .testsuite where !inCase:
            guard let suite = suites.popLast() else { return }
            context = nil
            emit(
                .suite(
                    TestSuiteRecord(
                        path: suites.compactMap(\.name) + [suite.name].compactMap { $0 },
                        properties: suite.properties, stdout: suite.stdout.nonEmptyText,
                        stderr: suite.stderr.nonEmptyText)))
        case .testcase where inCase:
            finishCase()
        case .property:
            if let property {
                addProperty(TestProperty(name: property.name, value: property.value.text.trimmingWhitespace()))
            }
            property = nil
        default:
            if let outcome, Outcome.Kind(element) == outcome.kind {
                outcomes.append(outcome)
                self.outcome = nil
            }
        }
    }

    private mutating func startCase(_ attributes: JUnitAttributes) {
        let context = suiteContext()
        inCase = true
        current = TestResult(
            suitePath: context.path, classname: attributes.classname, name: attributes.name ?? "",
            file: attributes.file ?? context.file, line: attributes.line.flatMap { Int($0) }, status: .passed,
            duration: JUnitXMLParser.seconds(from: attributes.time), properties: context.properties)
        statusAttribute = attributes.status
        outcomes.removeAll(keepingCapacity: true)
        caseStdout.removeAll()
        caseStderr.removeAll()
    }

    /// Completes the current result from the case's outcomes and output, and hands it on.
    private mutating func finishCase() {
        inCase = false
        current.stdout = caseStdout.nonEmptyText
        current.stderr = caseStderr.nonEmptyText
        let own = outcomes.filter { !$0.kind.isRerun }
        let deciding = own.first { $0.kind != .skipped } ?? own.first
        current.status = deciding?.kind.status ?? Self.status(fromAttribute: statusAttribute)
        if let deciding {
            current.message = deciding.summary
            current.failureType = deciding.type
            current.detail = deciding.body.nonEmptyText
            let failures = own.filter { $0.kind != .skipped }
            let reruns = outcomes.filter(\.kind.isRerun)
            var subResults = failures.count > 1 ? failures.enumerated().map { subResult($1, number: $0 + 1) } : []
            subResults += reruns.enumerated().map { subResult($1, number: $0 + 1) }
            current.subResults = subResults
        } else if !outcomes.isEmpty {
            // Only Surefire reruns: the test passed in the end.
            current.subResults = outcomes.enumerated().map { subResult($1, number: $0 + 1) }
            current.isFlaky = outcomes.contains { $0.kind == .flakyFailure || $0.kind == .flakyError }
        }
        var finished = TestResult(name: "", status: .passed)
        swap(&finished, &current)
        emit(.result(finished))
    }

    private func subResult(_ outcome: Outcome, number: Int) -> TestResult {
        TestResult(
            suitePath: current.suitePath, classname: current.classname, name: "\(outcome.kind.label) \(number)",
            file: current.file, line: current.line, status: outcome.kind.status, message: outcome.summary,
            failureType: outcome.type, detail: outcome.body.nonEmptyText, stdout: outcome.stdout.nonEmptyText,
            stderr: outcome.stderr.nonEmptyText)
    }

    /// The status that tools like ctest, tst and Catch2 write as an attribute, for a case with no
    /// outcome element.
    private static func status(fromAttribute value: String?) -> TestStatus {
        switch value?.lowercased() {
        case "skipped", "skip", "disabled", "notrun", "not run", "ignored", "pending": .skipped
        case "fail", "failed", "failure": .failed
        case "error", "errored": .errored
        default: .passed
        }
    }

    /// The suite path, file and inherited properties for the next test case, computed once per
    /// change of suite rather than once per case.
    private mutating func suiteContext() -> SuiteContext {
        if let context { return context }
        let context = SuiteContext(
            path: suites.compactMap(\.name), file: suites.last?.file, properties: suites.flatMap(\.properties))
        self.context = context
        return context
    }

    private mutating func addProperty(_ property: TestProperty) {
        if inCase {
            current.properties.append(property)
        } else if !suites.isEmpty {
            suites[suites.count - 1].properties.append(property)
            context = nil
        }
    }
}

extension JUnitReportBuilder {
    private enum TextSink {
        case none, outcomeBody, outcomeStdout, outcomeStderr, caseStdout, caseStderr, suiteStdout, suiteStderr, property
    }

    private struct SuiteContext {
        var path: [String]
        var file: String?
        var properties: [TestProperty]
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
        enum Kind: Equatable {
            case failure, error, skipped
            case rerunFailure, rerunError, flakyFailure, flakyError

            init?(_ element: JUnitElement) {
                switch element {
                case .failure: self = .failure
                case .error: self = .error
                case .skipped: self = .skipped
                case .rerunFailure: self = .rerunFailure
                case .rerunError: self = .rerunError
                case .flakyFailure: self = .flakyFailure
                case .flakyError: self = .flakyError
                default: return nil
                }
            }

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
            if let message = message?.trimmingWhitespace(), !message.isEmpty { return message }
            return body.nonEmptyText.map { $0.prefix { !$0.isNewline }.trimmingWhitespace() }
        }
    }
}
