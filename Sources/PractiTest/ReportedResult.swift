import TestReports

/// A parsed result with the report file it came from, and that file's format.
public struct ReportedResult: Sendable, Equatable {
    public var report: String
    public var format: ReportFormat?
    public var result: TestResult

    public init(report: String, format: ReportFormat? = nil, result: TestResult) {
        self.report = report
        self.format = format
        self.result = result
    }
}

/// One run ptupload will post, before it is mapped to an instance.
public struct PlannedRun: Sendable, Equatable {
    /// The PractiTest test name (the name template applied, or the suite name).
    public var name: String
    public var status: TestStatus
    /// Properties the mapping may read (`practitest-instance-id`, `practitest-test-id`).
    public var properties: [TestProperty]
    /// How many parsed results the run stands for (duplicates merged, cases of a suite).
    public var resultCount: Int
    public var payload: RunPayload
}
