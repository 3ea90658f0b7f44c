import Foundation
import Testing

@testable import FakePractiTest

@Suite("Rate limit")
struct RateLimitTests {
    @Test("the call past the limit in a window is 429 with a Retry-After in whole seconds, and counted")
    func refusesPastTheLimit() async throws {
        let server = try startServer(rateLimit: 3, window: .seconds(2))
        defer { server.stop() }
        let client = FakeClient(server)
        var replies: [Reply] = []
        for _ in 1...4 { replies.append(try await client.get("sets.json")) }
        #expect(replies.map(\.status) == [200, 200, 200, 429])
        #expect(replies[3].errorTitles == ["rate limit exceeded"])
        let retryAfter = try #require(replies[3].headers["retry-after"].flatMap { Int($0) })
        #expect((1...2).contains(retryAfter))
        #expect(server.tooManyRequestsCount == 1)
        #expect(server.maximumCallsInAnyWindow == 4)
        #expect(server.requests.map(\.status) == [200, 200, 200, 429])
    }

    @Test("without Retry-After the 429 carries no such header, and waiting out the window frees a slot")
    func noRetryAfter() async throws {
        let server = try startServer(rateLimit: 2, window: .milliseconds(800), sendsRetryAfter: false)
        defer { server.stop() }
        let client = FakeClient(server)
        _ = try await client.get("sets.json")
        _ = try await client.get("sets.json")
        let refused = try await client.get("sets.json")
        #expect(refused.status == 429)
        #expect(refused.headers["retry-after"] == nil)
        try await Task.sleep(for: .milliseconds(850))
        #expect(try await client.get("sets.json").status == 200)
        #expect(server.tooManyRequestsCount == 1)
    }

    @Test("maximumCallsInAnyWindow is the most calls that fell in any one window")
    func maximumInAnyWindow() async throws {
        let server = try startServer(rateLimit: 100, window: .seconds(2))
        defer { server.stop() }
        let client = FakeClient(server)
        for _ in 1...5 { _ = try await client.get("sets.json") }
        try await Task.sleep(for: .milliseconds(2100))
        for _ in 1...2 { _ = try await client.get("sets.json") }
        #expect(server.maximumCallsInAnyWindow == 5)
        #expect(server.tooManyRequestsCount == 0)
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
