import Foundation
import Testing

@testable import FakePractiTest

@Suite("Tests and sets")
struct LibraryEndpointTests {
    static func testBody(_ attributes: FakeJSON) -> FakeJSON { ["data": ["type": "tests", "attributes": attributes]] }

    @Test("POST tests.json creates one test with a display id apart from its id, ApiTest by default")
    func createsTest() async throws {
        let server = try startServer()
        defer { server.stop() }
        let reply = try await FakeClient(server).post("tests.json", Self.testBody(["name": "Suite.test_a"]))
        #expect(reply.status == 200)
        let data = try #require(reply.json?["data"])
        let test = try #require(server.tests.first)
        #expect(data["id"] == .string("\(test.id)"))
        #expect(data["attributes"]?["display-id"] == .int(test.displayID))
        #expect(data["attributes"]?["test-type"] == "ApiTest")
        #expect(test.id != test.displayID)
    }

    static let nameCases: [(attributes: FakeJSON, accepted: Bool)] = [
        ([:], false), (["name": ""], false), (["name": 5], false),
        (["name": .string(String(repeating: "x", count: 256))], false),
        (["name": .string(String(repeating: "x", count: 255))], true),
        (["name": "a", "test-type": "NoSuchType"], false),
        (["name": "a", "test-type": "ScriptedTest", "description": "d"], true),
    ]

    @Test("a test's name must be a non-empty string of at most 255 characters", arguments: nameCases)
    func testNameRules(attributes: FakeJSON, accepted: Bool) async throws {
        let server = try startServer()
        defer { server.stop() }
        let reply = try await FakeClient(server).post("tests.json", Self.testBody(attributes))
        #expect(reply.status == (accepted ? 200 : 422))
        #expect(server.tests.count == (accepted ? 1 : 0))
    }

    @Test("tests are created one per call: an array is 422")
    func noBulkTestCreation() async throws {
        let server = try startServer()
        defer { server.stop() }
        let body: FakeJSON = ["data": [["type": "tests", "attributes": ["name": "a"]]]]
        #expect(try await FakeClient(server).post("tests.json", body).status == 422)
    }

    @Test("two tests may share a name, and name_exact finds both in id order")
    func duplicateNames() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = FakeClient(server)
        _ = try await client.post("tests.json", Self.testBody(["name": "Same"]))
        _ = try await client.post("tests.json", Self.testBody(["name": "Same"]))
        let reply = try await client.get("tests.json", query: "name_exact=Same")
        #expect(reply.json?["data"]?.arrayValue?.compactMap { $0["id"] } == server.tests.map { .string("\($0.id)") })
    }

    @Test("name_exact is case-sensitive, name_like case-insensitive, display-ids a list")
    func testFilters() async throws {
        let server = try startServer()
        defer { server.stop() }
        for name in ["Login.works", "login.works", "Logout.works", "a+b c"] { server.addTest(name: name) }
        let client = FakeClient(server)
        func names(_ query: String) async throws -> [String] {
            try await client.get("tests.json", query: query).json?["data"]?.arrayValue?
                .compactMap { $0["attributes"]?["name"]?.stringValue } ?? []
        }
        #expect(try await names("name_exact=Login.works") == ["Login.works"])
        #expect(try await names("name_like=LOGIN") == ["Login.works", "login.works"])
        #expect(try await names("display-ids=1,3") == ["Login.works", "Logout.works"])
        #expect(try await names("name_exact=a%2Bb%20c") == ["a+b c"])
        #expect(try await names("name_exact=a+b+c") == [], "an unescaped + is a space, as in Rails")
        #expect(try await client.get("tests.json", query: "display-ids=1,x").status == 422)
    }

    @Test("bulk_search answers the tests of each exact name, in the order asked")
    func bulkSearch() async throws {
        let server = try startServer()
        defer { server.stop() }
        let a = server.addTest(name: "A")
        let b1 = server.addTest(name: "B")
        let b2 = server.addTest(name: "B")
        let body: FakeJSON = ["data": [["name_exact": "B"], ["name_exact": "missing"], ["name_exact": "A"]]]
        let reply = try await FakeClient(server).post("tests/bulk_search.json", body)
        let results = try #require(reply.json?["data"]?.arrayValue)
        #expect(results.map { $0["name_exact"] } == ["B", "missing", "A"])
        #expect(
            results.map { $0["tests"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [] }
                == [["\(b1)", "\(b2)"], [], ["\(a)"]])
    }

    @Test("bulk_search takes at most 20 names")
    func bulkSearchLimit() async throws {
        let server = try startServer()
        defer { server.stop() }
        let queries = (1...21).map { FakeJSON.object(["name_exact": .string("t\($0)")]) }
        #expect(try await FakeClient(server).post("tests/bulk_search.json", ["data": .array(queries)]).status == 422)
    }

    @Test("POST sets.json creates the set and an instance per test id")
    func createsSetWithInstances() async throws {
        let server = try startServer()
        defer { server.stop() }
        let tests = [server.addTest(name: "a"), server.addTest(name: "b")]
        let body: FakeJSON = [
            "data": [
                "type": "sets", "attributes": ["name": "Nightly"],
                "instances": ["test-ids": .array(tests.map { .int($0) })],
            ]
        ]
        let reply = try await FakeClient(server).post("sets.json", body)
        #expect(reply.status == 200)
        #expect(reply.json?["data"]?["attributes"]?["instances-count"] == 2)
        let set = try #require(server.sets.first)
        #expect(server.instances.map(\.testID) == tests)
        #expect(server.instances.map(\.displayID) == ["\(set.displayID):1", "\(set.displayID):2"])
        #expect(server.instances.map(\.name) == ["a", "b"])
    }

    @Test("a set naming an unknown test creates nothing")
    func setWithUnknownTest() async throws {
        let server = try startServer()
        defer { server.stop() }
        let body: FakeJSON = ["data": ["type": "sets", "attributes": ["name": "S"], "instances": ["test-ids": [42]]]]
        let reply = try await FakeClient(server).post("sets.json", body)
        #expect(reply.status == 422)
        #expect(server.sets.isEmpty && server.instances.isEmpty)
    }

    @Test("sets are found by exact name and by a case-insensitive part of it")
    func setFilters() async throws {
        let server = try startServer()
        defer { server.stop() }
        server.addSet(name: "Nightly")
        server.addSet(name: "nightly-eu")
        let client = FakeClient(server)
        #expect(try await client.get("sets.json", query: "name_exact=Nightly").json?["data"]?.arrayValue?.count == 1)
        #expect(try await client.get("sets.json", query: "name_like=NIGHT").json?["data"]?.arrayValue?.count == 2)
    }
}
