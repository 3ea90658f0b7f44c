import Foundation

/// The endpoints of PractiTest API v2 that ptupload uses, answered from a `FakePractiTestState`. Knows
/// nothing of sockets, locks or faults: `FakePractiTestServer` calls `respond` under its lock.
///
/// Paths are `/api/v2/projects/{projectID}/<resource>.json`; see `CONTRACT.md`. Beyond the brief it also
/// answers `GET /api/v2/projects/{projectID}.json` and `GET tests|sets|instances/{id}.json`, which the real
/// API has and which a `check` command may use.
struct FakePractiTestAPI: Sendable {
    let token: String
    let projectID: Int
    var baseURL = "http://127.0.0.1:0"

    /// Longer request targets get 414, as a web server in front of the real API would answer.
    static let maximumTargetLength = 8 * 1024

    /// What a path names.
    enum Resource: Equatable {
        case project
        case tests
        case bulkSearch
        case test(Int)
        case sets
        case set(Int)
        case instances
        case instance(Int)
        case runs

        var methods: [String] {
            switch self {
            case .tests, .sets, .instances, .runs: return ["GET", "POST"]
            case .bulkSearch: return ["POST"]
            case .project, .test, .set, .instance: return ["GET"]
            }
        }
    }

    func respond(to request: HTTPRequest, state: inout FakePractiTestState, now: Date) -> HTTPResponse {
        do {
            return try answer(request, state: &state, now: now)
        } catch {
            return error.response
        }
    }

    private func answer(_ request: HTTPRequest, state: inout FakePractiTestState, now: Date) throws(APIFailure)
        -> HTTPResponse
    {
        guard request.target.utf8.count <= Self.maximumTargetLength else {
            throw APIFailure(414, "request URI too long (\(request.target.utf8.count) bytes)")
        }
        guard let (projectText, resource) = Self.route(request.path) else { throw APIFailure(404, "not found") }
        guard let query = QueryParameters(raw: request.rawQuery) else {
            throw APIFailure(400, "malformed query string")
        }
        guard isAuthorized(request, query: query) else {
            throw APIFailure(401, "unauthorized: missing or invalid API token")
        }
        guard projectText == String(projectID) else { throw APIFailure(404, "project \(projectText) not found") }
        guard resource.methods.contains(request.method) else {
            throw APIFailure(405, "method \(request.method) not allowed on \(request.path)")
        }
        if request.method == "POST" {
            try query.requireOnly([])
            let body = try Self.dataMember(of: request)
            switch resource {
            case .tests: return try createTest(body, state: &state)
            case .bulkSearch: return try bulkSearchTests(body, state: state)
            case .sets: return try createSet(body, state: &state)
            case .instances: return try createInstances(body, state: &state)
            default: return try createRuns(body, state: &state, now: now)
            }
        }
        switch resource {
        case .project:
            try query.requireOnly([])
            return HTTPResponse(status: 200, json: ["data": projectEntity()])
        case .tests: return try listTests(request, query: query, state: state)
        case .sets: return try listSets(request, query: query, state: state)
        case .instances: return try listInstances(request, query: query, state: state)
        case .runs: return try listRuns(request, query: query, state: state)
        case .test(let id): return try show(state.test(id: id).map(entity), query: query)
        case .set(let id):
            return try show(state.set(id: id).map { entity($0, state: state) }, query: query)
        case .instance(let id):
            return try show(state.instance(id: id).map { entity($0, state: state) }, query: query)
        case .bulkSearch: throw APIFailure(405, "method \(request.method) not allowed")
        }
    }

    private func show(_ entity: FakeJSON?, query: QueryParameters) throws(APIFailure) -> HTTPResponse {
        try query.requireOnly([])
        guard let entity else { throw APIFailure(404, "not found") }
        return HTTPResponse(status: 200, json: ["data": entity])
    }

    /// The project id (as written in the path) and the resource, or `nil` for a path the API does not have.
    static func route(_ path: String) -> (String, Resource)? {
        let prefix = "/api/v2/projects/"
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        if rest.hasSuffix(".json"), !rest.contains("/") {
            let project = rest.dropLast(5)
            return isID(project) ? (String(project), .project) : nil
        }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, isID(parts[0]) else { return nil }
        let project = String(parts[0])
        switch parts.dropFirst().joined(separator: "/") {
        case "tests.json": return (project, .tests)
        case "tests/bulk_search.json": return (project, .bulkSearch)
        case "sets.json": return (project, .sets)
        case "instances.json": return (project, .instances)
        case "runs.json": return (project, .runs)
        default: break
        }
        guard parts.count == 3, parts[2].hasSuffix(".json") else { return nil }
        let idText = parts[2].dropLast(5)
        guard isID(idText), let id = Int(idText) else { return nil }
        switch parts[1] {
        case "tests": return (project, .test(id))
        case "sets": return (project, .set(id))
        case "instances": return (project, .instance(id))
        default: return nil
        }
    }

    private static func isID(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy(\.isASCIIDigit) }

    /// `PTToken: <token>`, Basic auth with the token as password (any user), or `api_token=<token>`.
    private func isAuthorized(_ request: HTTPRequest, query: QueryParameters) -> Bool {
        if request.header("PTToken") == token || query["api_token"] == token { return true }
        guard let authorization = request.header("Authorization"),
            authorization.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let credentials = String(data: decoded, encoding: .utf8),
            let colon = credentials.firstIndex(of: ":")
        else { return false }
        return credentials[credentials.index(after: colon)...] == token
    }

    /// The `data` of a POST body: 415 unless `Content-Type` is `application/json`, 400 when it does not parse,
    /// 422 when it is not an object with `data`.
    private static func dataMember(of request: HTTPRequest) throws(APIFailure) -> FakeJSON {
        let contentType = request.header("Content-Type")
        let mediaType = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw APIFailure(
                415, "Content-Type must be application/json, got \(contentType.map { "\"\($0)\"" } ?? "none")")
        }
        guard let body = try? FakeJSON.parse(request.body) else { throw APIFailure(400, "malformed JSON body") }
        guard let members = body.objectValue, let data = members["data"], data != .null else {
            throw APIFailure(422, "the body must be a JSON object with \"data\"")
        }
        return data
    }
}

/// A refusal, thrown by the handlers and turned into the answer.
struct APIFailure: Error {
    var response: HTTPResponse

    init(_ status: Int, _ title: String) {
        response = .error(status, title)
    }

    init(_ status: Int, titles: [String]) {
        response = .errors(status, titles)
    }
}
