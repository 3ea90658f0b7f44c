/// Counts of test results by status; one per test case result, sub-results not counted.
public struct ResultCounts: Sendable, Equatable, Codable {
    public var total = 0
    public var passed = 0
    public var failed = 0
    public var errored = 0
    public var skipped = 0

    public init() {}

    public init(passed: Int, failed: Int, errored: Int, skipped: Int) {
        self.passed = passed
        self.failed = failed
        self.errored = errored
        self.skipped = skipped
        self.total = passed + failed + errored + skipped
    }

    public mutating func add(_ status: TestStatus) {
        total += 1
        switch status {
        case .passed: passed += 1
        case .failed: failed += 1
        case .errored: errored += 1
        case .skipped: skipped += 1
        }
    }

    /// The sum of several counts.
    public init(summing counts: some Sequence<ResultCounts>) {
        for other in counts { add(other) }
    }

    public mutating func add(_ other: ResultCounts) {
        total += other.total
        passed += other.passed
        failed += other.failed
        errored += other.errored
        skipped += other.skipped
    }
}

extension ResultCounts: CustomStringConvertible {
    public var description: String {
        "\(total) \(total == 1 ? "test" : "tests"): \(passed) passed, \(failed) failed, \(errored) errored, \(skipped) skipped"
    }
}
