import Foundation
import Testing

@testable import FakePractiTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A server with a limit high enough that tests not about the rate limit never meet it.
func startServer(
    rateLimit: Int = 10_000, window: Duration = .seconds(60), sendsRetryAfter: Bool = true
) throws -> FakePractiTestServer {
    let server = FakePractiTestServer(rateLimit: rateLimit, window: window, sendsRetryAfter: sendsRetryAfter)
    try server.start()
    return server
}

/// What the server answered.
struct Reply {
    var status: Int
    /// Header names lower-cased.
    var headers: [String: String]
    var body: Data
    var json: FakeJSON? { try? FakeJSON.parse(body) }
    /// The `title`s of an error answer.
    var errorTitles: [String] { json?["errors"]?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? [] }
}

/// Sends requests to a fake server with URLSession, as the real client does: one session, so connections
/// are kept alive and reused.
struct FakeClient {
    let server: FakePractiTestServer
    let session: URLSession
    var token: String? = "test-token"

    /// `timeout` is the session's `timeoutIntervalForRequest` (FoundationNetworking ignores a request's own).
    init(_ server: FakePractiTestServer, timeout: TimeInterval = 10) {
        self.server = server
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        self.session = URLSession(configuration: configuration)
    }

    /// The URL of a project resource (`runs.json`) with a query as written (not re-encoded).
    func url(_ resource: String, query: String = "", project: Int = 1) -> URL {
        let base = server.baseURL.absoluteString + "/api/v2/projects/\(project)/" + resource
        return URL(string: query.isEmpty ? base : base + "?" + query)!
    }

    func get(_ resource: String, query: String = "", project: Int = 1) async throws -> Reply {
        try await send(URLRequest(url: url(resource, query: query, project: project)))
    }

    func post(_ resource: String, _ body: FakeJSON, contentType: String? = "application/json") async throws -> Reply {
        try await post(resource, raw: body.serialized(), contentType: contentType)
    }

    func post(_ resource: String, raw: Data, contentType: String? = "application/json") async throws -> Reply {
        var request = URLRequest(url: url(resource))
        request.httpMethod = "POST"
        request.httpBody = raw
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        return try await send(request)
    }

    /// Sends with the `PTToken` header (unless `token` is nil or the request carries its own auth).
    func send(_ request: URLRequest) async throws -> Reply {
        var request = request
        if let token, request.value(forHTTPHeaderField: "Authorization") == nil {
            request.setValue(token, forHTTPHeaderField: "PTToken")
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for case (let name as String, let value as String) in http.allHeaderFields {
            headers[name.lowercased()] = value
        }
        return Reply(status: http.statusCode, headers: headers, body: data)
    }
}

/// One run as `POST runs.json` takes it.
func runItem(instanceID: Int, exitCode: Int = 0, extra: [String: FakeJSON] = [:]) -> FakeJSON {
    var attributes: [String: FakeJSON] = ["instance-id": .int(instanceID), "exit-code": .int(exitCode)]
    attributes.merge(extra) { _, new in new }
    return ["type": "instances", "attributes": .object(attributes)]
}

/// A set of `count` tests named `Suite.test_N`, each with an instance; returns the instance ids.
@discardableResult
func seedSet(_ server: FakePractiTestServer, count: Int, name: String = "set") -> [Int] {
    let testIDs = (1...count).map { server.addTest(name: "Suite.test_\($0)") }
    let setID = server.addSet(name: name, testIDs: testIDs)
    return server.instances.filter { $0.setID == setID }.map(\.id)
}
