import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends one HTTP request. The uploader only talks to PractiTest through this, so tests can put a
/// fake server (or a scripted transport) behind it.
public protocol HTTPTransport: Sendable {
    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse)
}

/// The real transport: URLSession, one connection pool for the whole upload.
public struct URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// - Parameter requestTimeout: seconds without an answer before a request is given up.
    public init(requestTimeout: Double = 60) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    public func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(for: request)
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
