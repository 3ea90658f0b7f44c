import Foundation
import Testing

@testable import FakePractiTest

@Suite("Instances")
struct InstanceEndpointTests {
    static func item(set: Int, test: Int) -> FakeJSON {
        ["type": "instances", "attributes": ["set-id": .int(set), "test-id": .int(test)]]
    }

    @Test("20 instances are created in one call and answered as an array; the same test may appear twice")
    func bulkCreate() async throws {
        let server = try startServer()
        defer { server.stop() }
        let setID = server.addSet(name: "S")
        let tests = (1...19).map { server.addTest(name: "t\($0)") }
        let items = (tests + [tests[0]]).map { Self.item(set: setID, test: $0) }
        let reply = try await FakeClient(server).post("instances.json", ["data": .array(items)])
        #expect(reply.status == 200)
        #expect(reply.json?["data"]?.arrayValue?.count == 20)
        #expect(server.instances.count == 20)
        #expect(server.instances.last?.displayID == "1:20")
    }

    @Test("one instance object is answered as one entity, ids as numeric strings accepted")
    func singleCreate() async throws {
        let server = try startServer()
        defer { server.stop() }
        let setID = server.addSet(name: "S")
        let testID = server.addTest(name: "t")
        let body: FakeJSON = [
            "data": ["type": "instances", "attributes": ["set-id": .string("\(setID)"), "test-id": .int(testID)]]
        ]
        let reply = try await FakeClient(server).post("instances.json", body)
        #expect(reply.json?["data"]?["type"] == "instances")
        #expect(reply.json?["data"]?["attributes"]?["name"] == "t")
    }

    @Test(
        "more than 20 instances, or an unknown set or test, is 422 and creates nothing",
        arguments: [
            "21 items", "unknown set", "unknown test", "missing test-id", "wrong type",
        ])
    func rejected(problem: String) async throws {
        let server = try startServer()
        defer { server.stop() }
        let setID = server.addSet(name: "S")
        let testID = server.addTest(name: "t")
        var items = [Self.item(set: setID, test: testID)]
        switch problem {
        case "21 items": items = Array(repeating: items[0], count: 21)
        case "unknown set": items.append(Self.item(set: testID, test: testID))
        case "unknown test": items.append(Self.item(set: setID, test: setID))
        case "missing test-id": items.append(["type": "instances", "attributes": ["set-id": .int(setID)]])
        default: items.append(["type": "instance", "attributes": ["set-id": .int(setID), "test-id": .int(testID)]])
        }
        let reply = try await FakeClient(server).post("instances.json", ["data": .array(items)])
        #expect(reply.status == 422)
        #expect(!reply.errorTitles.isEmpty)
        #expect(server.instances.isEmpty)
    }

    @Test("instances are filtered by set-ids, test-ids and name_exact")
    func filters() async throws {
        let server = try startServer()
        defer { server.stop() }
        let a = server.addTest(name: "a")
        let b = server.addTest(name: "b")
        let first = server.addSet(name: "one", testIDs: [a, b])
        let second = server.addSet(name: "two", testIDs: [a])
        let client = FakeClient(server)
        func count(_ query: String) async throws -> Int? {
            try await client.get("instances.json", query: query).json?["data"]?.arrayValue?.count
        }
        #expect(try await count("set-ids=\(first)") == 2)
        #expect(try await count("set-ids=\(first),\(second)&test-ids=\(a)") == 2)
        #expect(try await count("set-ids=\(second)&name_exact=b") == 0)
        #expect(try await count("name_exact=a") == 2)
    }

    @Test("an id list of more than 50 ids is refused as too long a URL (414)")
    func longIDList() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = FakeClient(server)
        let fifty = (1...50).map(String.init).joined(separator: ",")
        #expect(try await client.get("instances.json", query: "test-ids=\(fifty)").status == 200)
        #expect(try await client.get("instances.json", query: "test-ids=\(fifty),51").status == 414)
    }
}
