import Foundation

@testable import PractiTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A clock whose sleeps pass at once, recording how long was slept.
final class VirtualClock: UploadClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time = 1000.0
    private(set) var sleeps: [Double] = []

    func now() -> Double { lock.withLock { time } }

    func sleep(seconds: Double) async throws {
        lock.withLock {
            sleeps.append(seconds)
            time += max(0, seconds)
        }
    }

    func advance(_ seconds: Double) { lock.withLock { time += seconds } }
}

/// A transport that answers from a script and records every request.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    struct Answer {
        var status: Int
        var headers: [String: String] = [:]
        var body: String = "{}"
    }

    enum Failure: Error { case dropped }

    private let lock = NSLock()
    private var handler: (URLRequest) throws -> Answer
    private(set) var requests: [URLRequest] = []

    init(_ handler: @escaping (URLRequest) throws -> Answer) {
        self.handler = handler
    }

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let answer = try lock.withLock {
            requests.append(request)
            return try handler(request)
        }
        let response = HTTPURLResponse(
            url: request.url!, statusCode: answer.status, httpVersion: "HTTP/1.1", headerFields: answer.headers)!
        return (Data(answer.body.utf8), response)
    }
}

func makeClient(
    _ transport: ScriptedTransport, clock: VirtualClock = VirtualClock(), rateLimit: RateLimit = .practiTestDefault,
    trace: ((String) -> Void)? = nil
) -> PractiTestClient {
    var configuration = PractiTestClient.Configuration(
        baseURL: URL(string: "https://api.example.test")!, projectID: 7, token: "s3cret-token")
    configuration.rateLimit = rateLimit
    return PractiTestClient(
        configuration: configuration, transport: transport, clock: clock, random: { 0.5 }, trace: trace)
}
