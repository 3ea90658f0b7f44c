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

/// Paces calls so that no more than the limit reach the server in any window of its length (a
/// sliding window, so the budget holds however the server aligns its own windows). Every call,
/// GETs too, goes through `acquire()` before it is sent and `finished()` when its answer (or its
/// failure) is in.
///
/// A call reaches the server some time between being sent and being answered, and that delay
/// varies. Counting from the moment each answer came back, a new call waits until the call `N`
/// before it finished a whole window ago: then it cannot reach the server less than a window after
/// that one did, however the network delayed either.
public final class RateLimiter {
    public let limit: RateLimit
    private let clock: any UploadClock
    /// When the most recent calls finished, oldest first; at most `limit.calls` of them.
    private var finishes: [Double] = []

    public init(limit: RateLimit, clock: any UploadClock) {
        self.limit = limit
        self.clock = clock
    }

    /// Waits until one more call may be sent.
    public func acquire() async throws {
        guard finishes.count >= limit.calls else { return }
        let wait = finishes[finishes.count - limit.calls] + limit.window - clock.now()
        if wait > 0 { try await clock.sleep(seconds: wait) }
    }

    /// Records that the call sent after the last `acquire()` has its answer, or has failed.
    public func finished() {
        finishes.append(clock.now())
        if finishes.count > limit.calls { finishes.removeFirst(finishes.count - limit.calls) }
    }

    /// After a 429: the server counts calls this client did not make (other jobs of the account),
    /// so wait as it says, or a whole window when it does not say.
    public func backOff(retryAfter: Double?) async throws {
        try await clock.sleep(seconds: retryAfter ?? limit.window)
    }
}
