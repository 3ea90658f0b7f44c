/// The outcome of one test, the same for every report format.
public enum TestStatus: String, Sendable, Equatable, Codable, CaseIterable {
    case passed, failed, errored, skipped
}

/// A name/value pair attached to a suite or a test case (JUnit `<property>`, TAP YAML keys).
public struct TestProperty: Sendable, Equatable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One test result, filled the same way by every parser.
///
/// A result may carry sub-results: the several failures of one test, the reruns of a flaky test,
/// TAP subtests, the argument sets of a parameterized test. Sub-results never count on their own.
public struct TestResult: Sendable, Equatable {
    /// Names of the enclosing suites, outermost first.
    public var suitePath: [String]
    /// The class (or module, or file) the test belongs to, when the format names one.
    public var classname: String?
    public var name: String
    /// Source file and line of the test, when known.
    public var file: String?
    public var line: Int?
    public var status: TestStatus
    /// Seconds; `nil` when the report gives no usable time.
    public var duration: Double?
    /// The failure, error or skip message.
    public var message: String?
    /// The failure or error type (an exception class, an assertion kind).
    public var failureType: String?
    /// The long text of the failure, error or skip: stack trace, diagnostics.
    public var detail: String?
    public var stdout: String?
    public var stderr: String?
    /// Properties of the enclosing suites (outermost first) followed by the test's own.
    public var properties: [TestProperty]
    public var subResults: [TestResult]
    /// Failed at first and passed on a rerun.
    public var isFlaky: Bool

    public init(
        suitePath: [String] = [],
        classname: String? = nil,
        name: String,
        file: String? = nil,
        line: Int? = nil,
        status: TestStatus,
        duration: Double? = nil,
        message: String? = nil,
        failureType: String? = nil,
        detail: String? = nil,
        stdout: String? = nil,
        stderr: String? = nil,
        properties: [TestProperty] = [],
        subResults: [TestResult] = [],
        isFlaky: Bool = false
    ) {
        self.suitePath = suitePath
        self.classname = classname
        self.name = name
        self.file = file
        self.line = line
        self.status = status
        self.duration = duration
        self.message = message
        self.failureType = failureType
        self.detail = detail
        self.stdout = stdout
        self.stderr = stderr
        self.properties = properties
        self.subResults = subResults
        self.isFlaky = isFlaky
    }

    /// The suite path as one string, `Outer/Inner`.
    public var suiteName: String { suitePath.joined(separator: "/") }

    /// The deterministic identity of the test: (classname, name), with the suite path standing in
    /// for a missing classname.
    public var identity: TestIdentity {
        TestIdentity(classname: classname ?? suiteName, name: name)
    }
}

/// What makes two results the same test, across runs and report files.
public struct TestIdentity: Hashable, Sendable, CustomStringConvertible {
    public var classname: String
    public var name: String

    public init(classname: String, name: String) {
        self.classname = classname
        self.name = name
    }

    public var description: String { classname.isEmpty ? name : "\(classname).\(name)" }

}
