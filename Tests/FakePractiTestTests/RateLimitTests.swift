import Foundation
import Testing

@testable import FakePractiTest

@Suite("Rate limit")
struct RateLimitTests {
    @Test("the call past the limit in a window is 429 with a Retry-After in whole seconds, and counted")
    func refusesPastTheLimit() async throws {
        // Windows are long so that the calls fall in one even on a loaded machine.
        let server = try startServer(rateLimit: 3, window: .seconds(30))
        defer { server.stop() }
        let client = FakeClient(server)
        var replies: [Reply] = []
        for _ in 1...4 { replies.append(try await client.get("sets.json")) }
        #expect(replies.map(\.status) == [200, 200, 200, 429])
        #expect(replies[3].errorTitles == ["rate limit exceeded"])
        let retryAfter = try #require(replies[3].headers["retry-after"].flatMap { Int($0) })
        #expect((1...30).contains(retryAfter))
        #expect(server.tooManyRequestsCount == 1)
        #expect(server.maximumCallsInAnyWindow == 4)
        #expect(server.requests.map(\.status) == [200, 200, 200, 429])
    }

    @Test("without Retry-After the 429 carries no such header")
    func noRetryAfter() async throws {
        // The window is long so that the calls fall in one even on a loaded machine; that a slot
        // frees once the window passes is `slidingWindow` below, without waiting.
        let server = try startServer(rateLimit: 2, window: .seconds(60), sendsRetryAfter: false)
        defer { server.stop() }
        let client = FakeClient(server)
        _ = try await client.get("sets.json")
        _ = try await client.get("sets.json")
        let refused = try await client.get("sets.json")
        #expect(refused.status == 429)
        #expect(refused.headers["retry-after"] == nil)
        #expect(server.tooManyRequestsCount == 1)
    }

    @Test("maximumCallsInAnyWindow is the most calls that fell in any one window of the server's clock")
    func maximumInAnyWindow() async throws {
        let window = 0.3
        let server = try startServer(rateLimit: 100, window: .milliseconds(300))
        defer { server.stop() }
        let client = FakeClient(server)
        for round in 0..<6 {
            for _ in 0...round { _ = try await client.get("sets.json") }
            try await Task.sleep(for: .milliseconds(200))
        }
        // Count from the server's own record, so a slow machine changes the answer, not the test;
        // the record's clock is read a moment apart from the window's, hence the bounds.
        let times = server.requests.map(\.time.timeIntervalSinceReferenceDate)
        func most(within length: Double) -> Int {
            times.indices.map { start in times[start...].prefix { $0 < times[start] + length }.count }.max() ?? 0
        }
        #expect((most(within: window - 0.05)...most(within: window + 0.05)).contains(server.maximumCallsInAnyWindow))
        #expect(server.maximumCallsInAnyWindow >= 6)
    }

    @Test("a sliding window admits a call exactly one window after the oldest and says how long to wait")
    func slidingWindow() {
        var window = RateWindow(limit: 2, window: .seconds(10))
        let start = ContinuousClock.now
        let waits = [0, 1, 2, 9.5, 10, 10.5].map { window.arrive(at: start + .milliseconds(Int($0 * 1000))) }
        #expect(waits == [nil, nil, 8, 1, nil, 1])
        #expect(window.maximumInAnyWindow == 5)
    }
}
