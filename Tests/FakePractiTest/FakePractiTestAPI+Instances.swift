import Foundation

/// `instances.json`.
extension FakePractiTestAPI {
    /// The most instances one `POST instances.json` creates.
    static let maximumInstancesPerRequest = 20

    /// `GET instances.json`: `set-ids`, `test-ids` (at most 50 each, else 414), `name_exact`.
    func listInstances(_ request: HTTPRequest, query: QueryParameters, state: FakePractiTestState)
        throws(APIFailure) -> HTTPResponse
    {
        try query.requireOnly(["set-ids", "test-ids", "name_exact"], paged: true)
        let setIDs = try query.ids("set-ids")
        let testIDs = try query.ids("test-ids")
        let name = query["name_exact"]
        let instances = state.instances.filter { instance in
            setIDs.map { $0.contains(instance.setID) } != false && testIDs.map { $0.contains(instance.testID) } != false
                && name.map { $0 == instance.name } != false
        }
        return try paged(instances, request: request, query: query) { entity($0, state: state) }
    }

    /// `POST instances.json`: one `{"type": "instances", "attributes": {"set-id", "test-id"}}` or an array of 1 to
    /// 20. All or nothing: any unknown set or test, or malformed item, and nothing is created (422).
    func createInstances(_ data: FakeJSON, state: inout FakePractiTestState) throws(APIFailure) -> HTTPResponse {
        let (items, labels) = try Self.items(of: data, noun: "instances", limit: Self.maximumInstancesPerRequest)
        var pairs: [(setID: Int, testID: Int)] = []
        var problems: [String] = []
        for (item, label) in zip(items, labels) {
            guard let members = item.objectValue else {
                problems.append("\(label) must be an object, got \(item.kindDescription)")
                continue
            }
            problems += Self.unknownKeys(members, allowed: ["type", "attributes"], at: label)
            if members["type"] != "instances" { problems.append("\(label).type must be \"instances\"") }
            let attributes = members["attributes"]?.objectValue ?? [:]
            problems += Self.unknownKeys(attributes, allowed: ["set-id", "test-id"], at: "\(label).attributes")
            let setID = Self.reference(attributes["set-id"], at: "\(label).attributes.set-id", problems: &problems) {
                state.set(id: $0) != nil ? nil : "no set \($0) in project \(projectID)"
            }
            let testID = Self.reference(attributes["test-id"], at: "\(label).attributes.test-id", problems: &problems) {
                state.test(id: $0) != nil ? nil : "no test \($0) in project \(projectID)"
            }
            if let setID, let testID { pairs.append((setID, testID)) }
        }
        guard problems.isEmpty else { throw APIFailure(422, titles: problems) }
        let created = pairs.compactMap { state.addInstance(setID: $0.setID, testID: $0.testID) }
        let entities = created.map { entity($0, state: state) }
        return HTTPResponse(status: 200, json: ["data": data.arrayValue == nil ? entities[0] : .array(entities)])
    }

    /// The items of a POST's `data` (one object, or an array of 1 to `limit`) with the label each error names
    /// them by: `data` for a single object, `data[3]` in an array.
    static func items(of data: FakeJSON, noun: String, limit: Int) throws(APIFailure) -> ([FakeJSON], [String]) {
        guard let items = data.arrayValue else { return ([data], ["data"]) }
        guard !items.isEmpty else { throw APIFailure(422, "data: the array of \(noun) is empty") }
        guard items.count <= limit else {
            throw APIFailure(422, "data: at most \(limit) \(noun) per request, got \(items.count)")
        }
        return (items, items.indices.map { "data[\($0)]" })
    }

    /// A required id attribute: a JSON integer or a string of digits naming something that exists (`check`
    /// returns the problem when it does not).
    static func reference(
        _ value: FakeJSON?, at label: String, problems: inout [String], check: (Int) -> String?
    ) -> Int? {
        guard let value, value != .null else {
            problems.append("\(label) is required")
            return nil
        }
        guard let id = value.idValue else {
            problems.append("\(label) must be an integer id, got \(value.serializedText)")
            return nil
        }
        if let problem = check(id) {
            problems.append("\(label): \(problem)")
            return nil
        }
        return id
    }
}
