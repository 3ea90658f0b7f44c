import Foundation
import Testing

@testable import FakePractiTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Injected faults")
struct FaultTests {
    @Test("a status fault answers that status with Retry-After when asked, and stores nothing")
    func statusFault() async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 1)
        let client = FakeClient(server)
        server.inject(.status(503, retryAfter: 7), on: "POST", pathSuffix: "runs.json")
        #expect(try await client.get("runs.json").status == 200, "a GET does not match the fault")
        let refused = try await client.post("runs.json", ["data": runItem(instanceID: ids[0])])
        #expect(refused.status == 503)
        #expect(refused.headers["retry-after"] == "7")
        #expect(refused.errorTitles == ["injected fault: HTTP 503"])
        #expect(server.runs.isEmpty)
        #expect(try await client.post("runs.json", ["data": runItem(instanceID: ids[0])]).status == 200)
        #expect(server.runs.count == 1)
        #expect(server.requests.map(\.fault) == [nil, .status(503, retryAfter: 7), nil])
    }

    @Test("faults are used in the order injected, each as many times as asked")
    func faultOrderAndTimes() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = FakeClient(server)
        server.inject(.status(500), times: 2)
        server.inject(.status(429))
        server.inject(.status(502), pathSuffix: "tests.json")
        var statuses: [Int] = []
        for _ in 1...4 { statuses.append(try await client.get("sets.json").status) }
        statuses.append(try await client.get("tests.json").status)
        #expect(statuses == [500, 500, 429, 200, 502])
        #expect(server.pendingFaultCount == 0)
        #expect(server.tooManyRequestsCount == 0, "an injected 429 is not the rate limit's")
    }

    @Test("closeBeforeProcessing drops the connection without an answer and stores nothing")
    func closeBeforeProcessing() async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 1)
        server.inject(.closeBeforeProcessing, on: "POST")
        await #expect(throws: URLError.self) {
            try await FakeClient(server).post("runs.json", ["data": runItem(instanceID: ids[0])])
        }
        #expect(server.runs.isEmpty)
        #expect(server.requests.map(\.status) == [nil])
        #expect(server.requests.first?.fault == .closeBeforeProcessing)
    }

    @Test("closeAfterProcessing stores the run, then drops the connection without an answer")
    func closeAfterProcessing() async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 2)
        server.inject(.closeAfterProcessing, on: "POST")
        let body: FakeJSON = ["data": [runItem(instanceID: ids[0]), runItem(instanceID: ids[1])]]
        await #expect(throws: URLError.self) { try await FakeClient(server).post("runs.json", body) }
        #expect(server.runs.map(\.instanceID) == ids)
        let check = try await FakeClient(server).get("runs.json", query: "instance-ids=\(ids[0]),\(ids[1])")
        #expect(check.json?["data"]?.arrayValue?.count == 2, "the runs are there for a client that looks")
    }

    @Test("a drop on a kept-alive connection fails promptly, and the body-less resend is not processed")
    func closeOnReusedConnection() async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 1)
        let client = FakeClient(server)
        _ = try await client.get("sets.json")
        server.inject(.closeAfterProcessing, on: "POST")
        let started = ContinuousClock.now
        await #expect(throws: URLError.self) {
            try await client.post("runs.json", ["data": runItem(instanceID: ids[0])])
        }
        #expect(ContinuousClock.now - started < .seconds(5), "well before the 10 s request timeout")
        #expect(server.runs.count == 1)
        #expect(server.requests.map(\.method) == ["GET", "POST"])
        #expect(try await client.get("runs.json").json?["data"]?.arrayValue?.count == 1)
    }

    @Test("a delay fault processes at once and answers late")
    func delayFault() async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 1)
        server.inject(.delay(.milliseconds(600)), on: "POST")
        let started = ContinuousClock.now
        async let reply = FakeClient(server).post("runs.json", ["data": runItem(instanceID: ids[0])])
        try await Task.sleep(for: .milliseconds(300))
        #expect(server.runs.count == 1, "stored before the answer")
        #expect(try await reply.status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(600))
    }

    @Test("a client that times out on a delayed answer gets an error while the run is stored")
    func delayBeyondTimeout() async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 1)
        server.inject(.delay(.seconds(6)), on: "POST")
        let impatient = FakeClient(server, timeout: 1.5)
        await #expect(throws: URLError.self) {
            try await impatient.post("runs.json", ["data": runItem(instanceID: ids[0])])
        }
        // On a busy machine the client may give up before the server has read the request.
        let deadline = ContinuousClock.now + .seconds(5)
        while server.runs.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(server.runs.count == 1)
    }

    #if canImport(FoundationNetworking)
        @Test("libcurl resends a GET whose kept-alive connection dropped, so the client sees the second answer")
        func getResentByLibcurl() async throws {
            let server = try startServer()
            defer { server.stop() }
            let client = FakeClient(server)
            _ = try await client.get("sets.json")
            server.inject(.closeBeforeProcessing, on: "GET")
            #expect(try await client.get("sets.json").status == 200)
            #expect(server.requests.map(\.status) == [200, nil, 200])
        }
    #endif
}
