/// The account's call budget: at most `calls` requests in any window of `window` seconds.
/// PractiTest documents 30 calls a minute per account.
public struct RateLimit: Equatable, Sendable, CustomStringConvertible {
    public var calls: Int
    public var window: Double

    public static let practiTestDefault = RateLimit(calls: 30, window: 60)

    public init(calls: Int, window: Double) {
        self.calls = calls
        self.window = window
    }

    /// Reads `N` (calls a minute) or `N/DURATION` with a duration such as `2s`, `500ms`, `1m`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, let calls = Int(first), calls > 0 else { return nil }
        var window = 60.0
        if parts.count == 2 {
            let spec = parts[1]
            let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
            guard let (suffix, scale) = units.first(where: { spec.hasSuffix($0.0) }),
                let value = Double(spec.dropLast(suffix.count)), value > 0
            else { return nil }
            window = value * scale
        }
        self.init(calls: calls, window: window)
    }

    public var description: String {
        window == 60 ? "\(calls) calls a minute" : "\(calls) calls per \(window) s"
    }

    /// The least time `count` calls take when no more than `calls` may start in any window.
    public func minimumDuration(forCalls count: Int) -> Double {
        count <= calls ? 0 : Double((count - 1) / calls) * window
    }
}

/// Paces calls so that no more than the limit start in any window of its length (a sliding
/// window, so the budget holds however the server aligns its own windows). Every call, GETs too,
/// goes through `acquire()`.
public final class RateLimiter {
    public let limit: RateLimit
    private let clock: any UploadClock
    /// Start times of the most recent calls, oldest first; at most `limit.calls` of them.
    private var starts: [Double] = []
    /// Added to each wait: the server sees a call a little after it starts.
    private let margin: Double

    public init(limit: RateLimit, clock: any UploadClock) {
        self.limit = limit
        self.clock = clock
        margin = min(0.25, limit.window * 0.02)
    }

    /// Waits until one more call fits in the window, then counts it.
    public func acquire() async throws {
        if starts.count >= limit.calls {
            let oldest = starts[starts.count - limit.calls]
            let wait = oldest + limit.window + margin - clock.now()
            if wait > 0 { try await clock.sleep(seconds: wait) }
        }
        starts.append(clock.now())
        if starts.count > limit.calls { starts.removeFirst(starts.count - limit.calls) }
    }

    /// After a 429: the server counts calls this client did not make (other jobs of the account),
    /// so wait as it says, or a whole window when it does not say.
    public func backOff(retryAfter: Double?) async throws {
        try await clock.sleep(seconds: retryAfter ?? (limit.window + margin))
    }
}
