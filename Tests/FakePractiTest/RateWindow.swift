/// PractiTest's rate limit as a sliding window: at most `limit` admitted calls in any span of `window`,
/// plus the statistics the tests check (the most calls, refused ones included, that any window saw).
///
/// Only admitted calls hold a slot: a refused call does not push the next free slot further away, so
/// `Retry-After` is exact. A call at `t` is inside the window ending at `now` when `t > now - window`.
struct RateWindow: Sendable {
    let limit: Int
    let window: Duration
    private var admitted: [ContinuousClock.Instant] = []
    private var seen: [ContinuousClock.Instant] = []
    private(set) var maximumInAnyWindow = 0

    init(limit: Int, window: Duration) {
        self.limit = max(1, limit)
        self.window = window
    }

    /// Records a call arriving at `now`: `nil` when it is admitted, otherwise the whole seconds (at least 1)
    /// until a slot frees.
    mutating func arrive(at now: ContinuousClock.Instant) -> Int? {
        let horizon = now - window
        Self.drop(&seen, notAfter: horizon)
        seen.append(now)
        maximumInAnyWindow = max(maximumInAnyWindow, seen.count)
        Self.drop(&admitted, notAfter: horizon)
        if admitted.count < limit {
            admitted.append(now)
            return nil
        }
        let wait = admitted[admitted.count - limit] + window - now
        let (seconds, attoseconds) = wait.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }

    private static func drop(_ instants: inout [ContinuousClock.Instant], notAfter horizon: ContinuousClock.Instant) {
        let stale = instants.prefix(while: { $0 <= horizon }).count
        if stale > 0 { instants.removeFirst(stale) }
    }
}
