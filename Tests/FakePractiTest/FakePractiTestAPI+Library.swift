import Foundation

/// `tests.json`, `tests/bulk_search.json` and `sets.json`.
extension FakePractiTestAPI {
    /// Test types PractiTest knows; `ApiTest` is the default.
    static let testTypes: Set<String> = [
        "ApiTest", "ScriptedTest", "FireCrackerTest", "xBotTest", "CodeTest", "BDDTest",
    ]
    /// The most queries one `bulk_search` takes.
    static let maximumBulkSearch = 20

    /// `GET tests.json`: `name_exact` (case-sensitive), `name_like` (case-insensitive contains), `display-ids`.
    func listTests(_ request: HTTPRequest, query: QueryParameters, state: FakePractiTestState) throws(APIFailure)
        -> HTTPResponse
    {
        try query.requireOnly(["name_exact", "name_like", "display-ids"], paged: true)
        let displayIDs = try query.ids("display-ids")
        let tests = state.tests.filter { test in
            Self.matches(test.name, query: query) && displayIDs.map { $0.contains(test.displayID) } != false
        }
        return try paged(tests, request: request, query: query, encode: entity)
    }

    /// `POST tests.json`: one test per call; `name` required, 1 to 255 characters; names need not be unique.
    func createTest(_ data: FakeJSON, state: inout FakePractiTestState) throws(APIFailure) -> HTTPResponse {
        guard let members = data.objectValue else {
            throw APIFailure(
                422, "data must be one test object (tests are created one per call), got \(data.kindDescription)")
        }
        var problems = Self.unknownKeys(members, allowed: ["type", "attributes", "steps"], at: "data")
        if members["type"] != "tests" { problems.append("data.type must be \"tests\"") }
        let attributes = members["attributes"]?.objectValue ?? [:]
        let name = attributes["name"]?.stringValue
        if let problem = Self.nameProblem(attributes["name"], at: "data.attributes.name") { problems.append(problem) }
        let testType = attributes["test-type"] ?? .null
        if testType != .null, !(testType.stringValue.map(Self.testTypes.contains) ?? false) {
            problems.append("data.attributes.test-type: unknown test type \(testType.serializedText)")
        }
        guard problems.isEmpty, let name else { throw APIFailure(422, titles: problems) }
        let test = state.addTest(name: name, testType: testType.stringValue ?? "ApiTest")
        return HTTPResponse(status: 200, json: ["data": entity(test)])
    }

    /// `POST tests/bulk_search.json` (undocumented, used by PractiTest's own uploader): `{"data": [{"name_exact":
    /// "A"}, ...]}`, 1 to 20 queries. Answers `{"data": [{"name_exact": "A", "tests": [test, ...]}, ...]}`: for each
    /// query in order, the tests of exactly that name in id order (an empty list when there is none).
    func bulkSearchTests(_ data: FakeJSON, state: FakePractiTestState) throws(APIFailure) -> HTTPResponse {
        guard let queries = data.arrayValue, !queries.isEmpty else {
            throw APIFailure(422, "data must be a non-empty array of {\"name_exact\": ...}")
        }
        guard queries.count <= Self.maximumBulkSearch else {
            throw APIFailure(422, "data: at most \(Self.maximumBulkSearch) searches per request, got \(queries.count)")
        }
        var names: [String] = []
        var problems: [String] = []
        for (index, query) in queries.enumerated() {
            if let members = query.objectValue, members.count == 1, let name = members["name_exact"]?.stringValue {
                names.append(name)
            } else {
                problems.append("data[\(index)] must be {\"name_exact\": \"...\"}")
            }
        }
        guard problems.isEmpty else { throw APIFailure(422, titles: problems) }
        let results = names.map { name -> FakeJSON in
            ["name_exact": .string(name), "tests": .array(state.tests.filter { $0.name == name }.map(entity))]
        }
        return HTTPResponse(status: 200, json: ["data": .array(results)])
    }

    /// `GET sets.json`: `name_exact`, `name_like`.
    func listSets(_ request: HTTPRequest, query: QueryParameters, state: FakePractiTestState) throws(APIFailure)
        -> HTTPResponse
    {
        try query.requireOnly(["name_exact", "name_like"], paged: true)
        let sets = state.sets.filter { Self.matches($0.name, query: query) }
        return try paged(sets, request: request, query: query) { entity($0, state: state) }
    }

    /// `POST sets.json`: `name` required; `data.instances.test-ids` creates the set's instances in the same
    /// call (all tests must exist, else nothing is created).
    func createSet(_ data: FakeJSON, state: inout FakePractiTestState) throws(APIFailure) -> HTTPResponse {
        guard let members = data.objectValue else { throw APIFailure(422, "data must be one set object") }
        var problems = Self.unknownKeys(members, allowed: ["type", "attributes", "instances"], at: "data")
        if members["type"] != "sets" { problems.append("data.type must be \"sets\"") }
        let attributes = members["attributes"]?.objectValue ?? [:]
        if let problem = Self.nameProblem(attributes["name"], at: "data.attributes.name") { problems.append(problem) }
        var testIDs: [Int] = []
        if let instances = members["instances"], instances != .null {
            let list = instances["test-ids"]?.arrayValue
            if instances.objectValue.map({ Set($0.keys) == ["test-ids"] }) != true || list == nil {
                problems.append("data.instances must be {\"test-ids\": [...]}")
            }
            for (index, item) in (list ?? []).enumerated() {
                guard let id = item.idValue else {
                    problems.append("data.instances.test-ids[\(index)]: expected a test id, got \(item.serializedText)")
                    continue
                }
                if state.test(id: id) == nil { problems.append("data.instances.test-ids[\(index)]: no test \(id)") }
                testIDs.append(id)
            }
        }
        guard problems.isEmpty, let name = attributes["name"]?.stringValue else {
            throw APIFailure(422, titles: problems)
        }
        let set = state.addSet(name: name)
        for testID in testIDs { _ = state.addInstance(setID: set.id, testID: testID) }
        return HTTPResponse(status: 200, json: ["data": entity(set, state: state)])
    }

    // MARK: Shared rules

    /// `name_exact` (case-sensitive equality) and `name_like` (case-insensitive contains), when given.
    static func matches(_ name: String, query: QueryParameters) -> Bool {
        if let exact = query["name_exact"], name != exact { return false }
        if let like = query["name_like"], !like.isEmpty, name.range(of: like, options: .caseInsensitive) == nil {
            return false
        }
        return true
    }

    /// A problem with a required name: missing, not a string, empty, or over 255 characters.
    static func nameProblem(_ value: FakeJSON?, at label: String) -> String? {
        guard let value, value != .null else { return "\(label) is required" }
        guard let name = value.stringValue else { return "\(label) must be a string, got \(value.kindDescription)" }
        if name.isEmpty { return "\(label) must not be empty" }
        return lengthProblem(name, at: label)
    }

    /// PractiTest's 255-character limit, checked both in Unicode scalars and in UTF-16 units because which
    /// one the real service counts is unknown: a client must stay within both.
    static func lengthProblem(_ text: String, at label: String, limit: Int = 255) -> String? {
        let scalars = text.unicodeScalars.count
        let units = text.utf16.count
        guard scalars > limit || units > limit else { return nil }
        return "\(label) is too long (\(scalars) Unicode scalars, \(units) UTF-16 units; at most \(limit))"
    }

    static func unknownKeys(_ members: [String: FakeJSON], allowed: Set<String>, at label: String) -> [String] {
        members.keys.filter { !allowed.contains($0) }.sorted().map { "\(label): unknown key \"\($0)\"" }
    }
}

extension FakeJSON {
    /// The value as compact JSON text, for error titles.
    var serializedText: String { String(decoding: serialized(), as: UTF8.self) }
}
