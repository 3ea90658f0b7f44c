import Foundation

/// The calls the uploader makes, one function each, named after what they do.
extension PractiTestClient {
    /// Sets named exactly `name`.
    func sets(named name: String) async throws(UploadError) -> [Entity] {
        try await listAll("sets", query: [("name_exact", name)])
    }

    /// Creates a set and returns its id.
    func createSet(named name: String) async throws(UploadError) -> Int {
        let body = ["data": ["type": "sets", "attributes": ["name": name]]]
        return try await postOne("sets", body: body)
    }

    /// Every instance of a set.
    func instances(inSet setID: Int) async throws(UploadError) -> [Entity] {
        try await listAll("instances", query: [("set-ids", String(setID))])
    }

    /// Tests named exactly `name` (case-sensitive).
    func tests(named name: String) async throws(UploadError) -> [Entity] {
        try await listAll("tests", query: [("name_exact", name)])
    }

    /// Tests by display id (the number the web app shows).
    func tests(displayIDs: [String]) async throws(UploadError) -> [Entity] {
        try await listAll("tests", query: [("display-ids", displayIDs.joined(separator: ","))])
    }

    /// Creates one test (the API has no bulk creation) and returns its id.
    func createTest(named name: String) async throws(UploadError) -> Int {
        let body = ["data": ["type": "tests", "attributes": ["name": name, "test-type": "ApiTest"]]]
        return try await postOne("tests", body: body)
    }

    /// Adds tests to a set, at most 20 a call; returns the new instances.
    func createInstances(setID: Int, testIDs: [Int]) async throws(UploadError) -> [Entity] {
        let items = testIDs.map {
            ["type": "instances", "attributes": ["set-id": setID, "test-id": $0]] as [String: Any]
        }
        let data = try await send(method: "POST", path: path("instances"), body: json(["data": items]))
        let answer: EntityAnswer = try decode(data)
        return answer.entities
    }

    /// Posts up to 20 runs in one call.
    func postRuns(_ payloads: [RunPayload]) async throws(UploadError) {
        let body: Data
        do {
            body = try JSONEncoder().encode(RunsRequestBody(data: payloads))
        } catch {
            throw .unexpectedResponse("cannot encode runs: \(error)")
        }
        _ = try await send(method: "POST", path: path("runs"), body: body)
    }

    /// The runs of some instances (20 ids a call keeps URLs short).
    func runs(instanceIDs: [Int]) async throws(UploadError) -> [Entity] {
        var runs: [Entity] = []
        for chunk in stride(from: 0, to: instanceIDs.count, by: 20).map({
            instanceIDs[$0..<min($0 + 20, instanceIDs.count)]
        }) {
            runs += try await listAll("runs", query: [("instance-ids", chunk.map(String.init).joined(separator: ","))])
        }
        return runs
    }

    /// Runs filtered by `test-ids`, `set-ids`, `instance-ids` or `run-type`, every page.
    public func runs(filters: [(String, String)]) async throws(UploadError) -> [Entity] {
        try await listAll("runs", query: filters)
    }

    /// Checks the token, the project and, when given, the test set, in one call; says what it found.
    public func check(set: Uploader.Settings.SetReference?) async throws(UploadError) -> String {
        let project = "project \(configuration.projectID)"
        switch set {
        case nil:
            let data = try await send(method: "GET", path: path("tests"), query: [("page[size]", "1")])
            let list: EntityList = try decode(data)
            return "token accepted, \(project) has \(list.meta?.totalCount ?? list.data.count) tests"
        case .id(let id):
            let data = try await send(
                method: "GET", path: path("instances"), query: [("set-ids", String(id)), ("page[size]", "1")])
            let list: EntityList = try decode(data)
            let count = list.meta?.totalCount ?? list.data.count
            guard count > 0 else {
                throw .configuration(
                    "token accepted, but test set \(id) of \(project) has no instances or does not exist: check --set-id"
                )
            }
            return "token accepted, test set \(id) of \(project) has \(count) instances"
        case .name(let name):
            let sets = try await self.sets(named: name)
            guard let id = sets.map(\.id).min() else {
                throw .configuration("token accepted, but \(project) has no test set named '\(name)': check --set-name")
            }
            return "token accepted, \(project) has the test set '\(name)' (id \(id))"
        }
    }

    private func postOne(_ resource: String, body: [String: Any]) async throws(UploadError) -> Int {
        let data = try await send(method: "POST", path: path(resource), body: json(body))
        let answer: EntityAnswer = try decode(data)
        guard let entity = answer.entities.first else { throw .unexpectedResponse("no \(resource) in the answer") }
        return entity.id
    }

    private func json(_ object: Any) throws(UploadError) -> Data {
        do {
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        } catch {
            throw .unexpectedResponse("cannot encode a request: \(error)")
        }
    }
}
