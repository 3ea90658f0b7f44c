/// How often and how long to retry a call that failed for a passing reason (5xx, a dropped
/// connection, a timeout): exponential backoff with jitter, a bounded number of attempts.
public struct RetryPolicy: Equatable, Sendable {
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double

    public static let standard = RetryPolicy(maxAttempts: 5, baseDelay: 1, maxDelay: 30)

    public init(maxAttempts: Int, baseDelay: Double, maxDelay: Double) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait after failed attempt `attempt` (1-based): between half and all of
    /// `baseDelay × 2^(attempt-1)` capped at `maxDelay`, placed by `unit` (random, 0..<1) so that
    /// jobs that failed together do not retry together.
    public func delay(afterAttempt attempt: Int, unit: Double) -> Double {
        let ceiling = min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
        return ceiling * (0.5 + unit / 2)
    }
}
