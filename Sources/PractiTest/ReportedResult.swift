import TestReports

/// A parsed result with the report file it came from.
public struct ReportedResult: Sendable, Equatable {
    public var report: String
    public var result: TestResult

    public init(report: String, result: TestResult) {
        self.report = report
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
