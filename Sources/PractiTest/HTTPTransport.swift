import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends one HTTP request. The uploader only talks to PractiTest through this, so tests can put a
/// fake server (or a scripted transport) behind it.
public protocol HTTPTransport: Sendable {
    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse)
}

/// The real transport: URLSession.
///
/// Reads share a pool of kept-alive connections. Writes go each on a connection of its own, closed
/// after the answer (`Connection: close`): on Linux, URLSession (libcurl) resends a request on its
/// own when a reused connection closes without an answer, and a POST resent behind ptupload's back
/// could post runs twice.
public struct URLSessionTransport: HTTPTransport {
    private let reads: URLSession
    private let writes: URLSession

    /// - Parameter requestTimeout: seconds without an answer before a request is given up.
    public init(requestTimeout: Double = 60) {
        reads = Self.session(requestTimeout: requestTimeout)
        writes = Self.session(requestTimeout: requestTimeout)
    }

    private static func session(requestTimeout: Double) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }

    public func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        var request = request
        let isRead = request.httpMethod == "GET"
        if !isRead { request.setValue("close", forHTTPHeaderField: "Connection") }
        let (data, response) = try await (isRead ? reads : writes).data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (data, http)
    }
}

/// Time as the uploader sees it: injected so tests of pacing and retries never wait for real.
public protocol UploadClock: Sendable {
    /// Seconds on a monotonic clock.
    func now() -> Double
    func sleep(seconds: Double) async throws
}

/// The machine's monotonic clock.
public struct SystemClock: UploadClock {
    public init() {}

    public func now() -> Double {
        let instant = ContinuousClock.now - ContinuousClock.Instant.zeroReference
        return Double(instant.components.seconds) + Double(instant.components.attoseconds) / 1e18
    }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .seconds(seconds))
    }
}

extension ContinuousClock.Instant {
    /// A fixed instant to measure `now` from; any will do for differences.
    fileprivate static let zeroReference = ContinuousClock.now
}
