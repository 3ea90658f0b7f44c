import Testing

@testable import PractiTest

@Suite("Rate limiter")
struct RateLimiterTests {
    @Test(
        "reads N and N/DURATION",
        arguments: [
            ("30", RateLimit(calls: 30, window: 60)), ("30/2s", RateLimit(calls: 30, window: 2)),
            ("100/1m", RateLimit(calls: 100, window: 60)), ("5/500ms", RateLimit(calls: 5, window: 0.5)),
        ])
    func parses(text: String, limit: RateLimit) {
        #expect(RateLimit(text) == limit)
    }

    @Test("refuses what is not a rate", arguments: ["", "0", "-3", "30/", "30/2", "30/xs", "abc", "30/0s"])
    func refuses(text: String) {
        #expect(RateLimit(text) == nil)
    }

    @Test("never lets more than N calls start in any window of its length")
    func neverExceeds() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(limit: RateLimit(calls: 5, window: 10), clock: clock)
        var starts: [Double] = []
        for call in 0..<23 {
            if call % 4 == 0 { clock.advance(1.3) }  // calls arrive unevenly
            try await limiter.acquire()
            starts.append(clock.now())
            clock.advance(0.05)  // the call takes a little while
            limiter.finished()
        }
        for (index, start) in starts.enumerated() {
            let inWindow = starts[index...].prefix { $0 < start + 10 }.count
            #expect(inWindow <= 5, "\(inWindow) calls within 10 s from \(start)")
        }
        // 23 calls at 5 per 10 s need at least 4 full windows.
        #expect(starts.last! - starts.first! >= 40)
        #expect(starts.last! - starts.first! < 46)
    }

    @Test("does not wait while the budget lasts")
    func noWaitUnderBudget() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(limit: .practiTestDefault, clock: clock)
        for _ in 0..<30 {
            try await limiter.acquire()
            limiter.finished()
        }
        #expect(clock.sleeps.isEmpty)
    }

    @Test("after a 429 waits as the server says, else a whole window")
    func backOff() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(limit: RateLimit(calls: 30, window: 60), clock: clock)
        try await limiter.backOff(retryAfter: 7)
        try await limiter.backOff(retryAfter: nil)
        #expect(clock.sleeps[0] == 7)
        #expect(clock.sleeps[1] == 60)
    }

    @Test("computes the least time a number of calls takes")
    func minimumDuration() {
        let limit = RateLimit(calls: 30, window: 60)
        #expect(limit.minimumDuration(forCalls: 30) == 0)
        #expect(limit.minimumDuration(forCalls: 31) == 60)
        #expect(limit.minimumDuration(forCalls: 120) == 180)
    }
}

@Suite("Retry policy")
struct RetryPolicyTests {
    @Test("backs off exponentially with jitter, capped")
    func delays() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: 1, maxDelay: 10)
        #expect(policy.delay(afterAttempt: 1, unit: 0) == 0.5)
        #expect(policy.delay(afterAttempt: 1, unit: 0.999) < 1)
        #expect(policy.delay(afterAttempt: 3, unit: 0) == 2)
        #expect(policy.delay(afterAttempt: 10, unit: 0.999) <= 10)
        #expect(policy.delay(afterAttempt: 10, unit: 0) == 5)
    }
}
