import Foundation
import Testing

@testable import PractiTest

@Suite("PractiTest client")
struct PractiTestClientTests {
    @Test("sends the token as PTToken, JSON bodies, and percent-encoded paging brackets")
    func requestShape() async throws {
        let transport = ScriptedTransport { _ in .init(status: 200, body: #"{"data": []}"#) }
        let client = makeClient(transport)
        _ = try await client.instances(inSet: 5)
        let request = try #require(transport.requests.first)
        #expect(request.value(forHTTPHeaderField: "PTToken") == "s3cret-token")
        #expect(
            request.url?.absoluteString
                == "https://api.example.test/api/v2/projects/7/instances.json?set-ids=5&page%5Bsize%5D=100")
        #expect(request.httpMethod == "GET")
    }

    @Test("follows links.next to the last page, on the configured host only")
    func paging() async throws {
        let transport = ScriptedTransport { request in
            let query = request.url?.query ?? ""
            if query.contains("page%5Bnumber%5D=2") {
                return .init(status: 200, body: #"{"data": [{"id": "3", "attributes": {"name": "c"}}], "links": {}}"#)
            }
            return .init(
                status: 200,
                body: #"""
                    {"data": [{"id": "1", "attributes": {"name": "a"}}, {"id": 2, "attributes": {"name": "b"}}],
                     "links": {"next": "https://elsewhere.example/api/v2/projects/7/tests.json?name_exact=x&page%5Bnumber%5D=2&page%5Bsize%5D=100"}}
                    """#)
        }
        let tests = try await makeClient(transport).tests(named: "x")
        #expect(tests.map(\.id) == [1, 2, 3])
        #expect(transport.requests.count == 2)
        #expect(transport.requests.allSatisfy { $0.url?.host == "api.example.test" })
    }

    @Test("waits out a 429 as Retry-After says, else a whole window, then goes on")
    func tooManyRequests() async throws {
        nonisolated(unsafe) var calls = 0
        let transport = ScriptedTransport { _ in
            calls += 1
            switch calls {
            case 1: return .init(status: 429, headers: ["Retry-After": "12"])
            case 2: return .init(status: 429)
            default: return .init(status: 200, body: #"{"data": []}"#)
            }
        }
        let clock = VirtualClock()
        let client = makeClient(transport, clock: clock)
        _ = try await client.sets(named: "s")
        #expect(client.tooManyRequestsCount == 2)
        #expect(client.callCount == 3)
        #expect(clock.sleeps.first == 12)
        #expect(clock.sleeps.last! >= 60)
    }

    @Test("retries a GET through 5xx and dropped connections, then gives up with the status")
    func retriesGets() async throws {
        nonisolated(unsafe) var calls = 0
        let flaky = ScriptedTransport { _ in
            calls += 1
            if calls == 1 { throw ScriptedTransport.Failure.dropped }
            if calls == 2 { return .init(status: 503, body: #"{"errors": [{"title": "maintenance"}]}"#) }
            return .init(status: 200, body: #"{"data": []}"#)
        }
        _ = try await makeClient(flaky).sets(named: "s")
        #expect(calls == 3)

        let broken = ScriptedTransport { _ in .init(status: 502, body: "bad gateway") }
        await #expect(throws: UploadError.server(status: 502, titles: ["bad gateway"])) {
            _ = try await makeClient(broken).sets(named: "s")
        }
        #expect(broken.requests.count == RetryPolicy.standard.maxAttempts)
    }

    @Test("never sends a POST twice: no answer is reported as such")
    func postsAreNotRetried() async throws {
        let dropped = ScriptedTransport { _ in throw ScriptedTransport.Failure.dropped }
        await #expect {
            try await makeClient(dropped).postRuns([RunPayload(instanceID: 1, exitCode: 0)])
        } throws: { error in
            if case .noAnswer = error as? UploadError { true } else { false }
        }
        #expect(dropped.requests.count == 1)
        let failing = ScriptedTransport { _ in .init(status: 500) }
        await #expect {
            try await makeClient(failing).postRuns([RunPayload(instanceID: 1, exitCode: 0)])
        } throws: { error in
            if case .noAnswer = error as? UploadError { true } else { false }
        }
        #expect(failing.requests.count == 1)
    }

    @Test(
        "stops at once on 401, 403 and 404 with a message naming the setting",
        arguments: [(401, "PRACTITEST_TOKEN"), (403, "permissions"), (404, "--project-id")])
    func stops(status: Int, hint: String) async throws {
        let transport = ScriptedTransport { _ in .init(status: status) }
        do {
            _ = try await makeClient(transport).sets(named: "s")
            Issue.record("no error")
        } catch {
            #expect(error.description.contains(hint))
            #expect(error.stopsEverything)
        }
        #expect(transport.requests.count == 1)
    }

    @Test("reports 422 with the server's error titles")
    func unprocessable() async throws {
        let transport = ScriptedTransport { _ in
            .init(
                status: 422, body: #"{"errors": [{"title": "instance 9 does not exist"}, {"title": "bad duration"}]}"#)
        }
        await #expect(throws: UploadError.rejected(status: 422, titles: ["instance 9 does not exist", "bad duration"]))
        {
            try await makeClient(transport).postRuns([RunPayload(instanceID: 9, exitCode: 0)])
        }
    }

    @Test("gives up when --timeout runs out rather than wait past it")
    func timeout() async throws {
        let transport = ScriptedTransport { _ in .init(status: 429) }
        var configuration = PractiTestClient.Configuration(
            baseURL: URL(string: "https://api.example.test")!, projectID: 7, token: "t")
        configuration.timeout = 100
        let client = PractiTestClient(configuration: configuration, transport: transport, clock: VirtualClock())
        await #expect(throws: UploadError.timedOut(seconds: 100)) { _ = try await client.sets(named: "s") }
    }

    @Test("traces requests without the token")
    func traceHasNoToken() async throws {
        nonisolated(unsafe) var lines: [String] = []
        let transport = ScriptedTransport { _ in
            .init(status: 401, body: #"{"errors": [{"title": "bad token s3cret-token"}]}"#)
        }
        let client = makeClient(transport, trace: { lines.append($0) })
        do {
            _ = try await client.sets(named: "s")
        } catch {
            #expect(!error.description.contains("s3cret-token"))
        }
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { !$0.contains("s3cret-token") })
        #expect(
            PractiTestClient.redacted(URL(string: "https://x.test/a.json?api_token=abc&b=1")).contains(
                "api_token=%5Bredacted%5D"))
    }

    @Test("takes the token out of what a server echoes back in its errors", arguments: [422, 400, 500])
    func echoedToken(status: Int) async throws {
        let transport = ScriptedTransport { request in
            .init(
                status: status,
                body: #"{"errors": [{"title": "bad request with PTToken: "#
                    + (request.value(forHTTPHeaderField: "PTToken") ?? "") + #""}]}"#)
        }
        do {
            try await makeClient(transport).postRuns([RunPayload(instanceID: 1, exitCode: 0)])
            Issue.record("no error")
        } catch {
            #expect(!error.description.contains("s3cret-token"))
            #expect(error.description.contains("[redacted]"))
        }
    }
}
