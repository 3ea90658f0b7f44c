/// What a report says of a suite as a whole, handed on when the suite closes.
///
/// Results stream out before their suite ends, so suite-level output that comes after the cases
/// (JUnit `<system-out>` at suite level) travels here rather than in every result.
public struct TestSuiteRecord: Sendable, Equatable {
    public var path: [String]
    public var properties: [TestProperty]
    public var stdout: String?
    public var stderr: String?

    public init(path: [String], properties: [TestProperty] = [], stdout: String? = nil, stderr: String? = nil) {
        self.path = path
        self.properties = properties
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// What a parser hands on while it reads.
public enum ParseEvent: Sendable, Equatable {
    case result(TestResult)
    case suite(TestSuiteRecord)
    /// Something the user should know that does not stop the parse (a count that disagrees with
    /// the tool's own summary, a crash that cut the run short), starting with `file:line:`.
    case warning(String)

    /// The status of a `.result`, read without copying the result.
    var resultStatus: TestStatus? {
        if case .result(let result) = self { result.status } else { nil }
    }
}
