import Foundation
import Testing

@testable import FakePractiTest

/// One broken rule of `POST runs.json`: the `data` it sends, given 25 instance ids, and a piece of the title
/// the server must answer.
struct InvalidRunCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var expectedTitle: String
    var data: @Sendable ([Int]) -> FakeJSON

    var testDescription: String { rule }

    static func attributes(_ extra: [String: FakeJSON]) -> @Sendable ([Int]) -> FakeJSON {
        { ids in runItem(instanceID: ids[0], extra: extra) }
    }

    static func item(_ members: [String: FakeJSON]) -> @Sendable ([Int]) -> FakeJSON {
        { ids in
            var item = runItem(instanceID: ids[0]).objectValue!
            item.merge(members) { _, new in new }
            return .object(item)
        }
    }

    static func step(_ step: FakeJSON) -> @Sendable ([Int]) -> FakeJSON { item(["steps": ["data": [step]]]) }

    static func file(_ file: FakeJSON) -> @Sendable ([Int]) -> FakeJSON { item(["files": ["data": [file]]]) }

    static let all: [InvalidRunCase] = [
        .init(rule: "more than 20 runs in one request", expectedTitle: "at most 20 runs") { ids in
            .array(ids.prefix(21).map { runItem(instanceID: $0) })
        },
        .init(rule: "an empty array", expectedTitle: "is empty") { _ in [] },
        .init(rule: "the same instance twice in one request", expectedTitle: "appears twice") { ids in
            [runItem(instanceID: ids[0]), runItem(instanceID: ids[1]), runItem(instanceID: ids[0], exitCode: 1)]
        },
        .init(rule: "an item that is not an object", expectedTitle: "must be an object") { _ in ["run"] },
        .init(
            rule: "type other than instances", expectedTitle: "type must be \"instances\"", data: item(["type": "runs"])
        ),
        .init(
            rule: "an unknown key beside attributes", expectedTitle: "unknown key \"relationships\"",
            data: item(["relationships": [:]])),
        .init(rule: "no instance-id", expectedTitle: "instance-id is required") { _ in
            ["type": "instances", "attributes": ["exit-code": 0]]
        },
        .init(
            rule: "an instance-id that is not an integer", expectedTitle: "must be an integer id",
            data: attributes(["instance-id": "12a"])),
        .init(
            rule: "an instance-id of no instance", expectedTitle: "no instance 42",
            data: attributes(["instance-id": 42])),
        .init(
            rule: "an exit-code given as a string", expectedTitle: "exit-code must be an integer",
            data: attributes(["exit-code": "0"])),
        .init(
            rule: "a fractional exit-code", expectedTitle: "exit-code must be an integer",
            data: attributes(["exit-code": .double(1.5)])),
        .init(
            rule: "a run-duration with a one-digit hour", expectedTitle: "is not HH:MM:SS",
            data: attributes(["run-duration": "1:00:00"])),
        .init(
            rule: "a run-duration with 60 minutes", expectedTitle: "is not HH:MM:SS",
            data: attributes(["run-duration": "00:60:00"])),
        .init(
            rule: "a run-duration in seconds", expectedTitle: "must be a string", data: attributes(["run-duration": 12])
        ),
        .init(
            rule: "output of 256 Unicode scalars", expectedTitle: "too long",
            data: attributes(["automated-execution-output": .string(String(repeating: "é", count: 256))])),
        .init(
            rule: "output of 128 emoji (256 UTF-16 units)", expectedTitle: "too long",
            data: attributes(["automated-execution-output": .string(String(repeating: "😀", count: 128))])),
        .init(
            rule: "an unknown attribute", expectedTitle: "unknown key \"status\"",
            data: attributes(["status": "PASSED"])),
        .init(
            rule: "the documentation's misspelt output key",
            expectedTitle: "unknown key \"automation-execution-output\"",
            data: attributes(["automation-execution-output": "x"])),
        .init(
            rule: "a version that is not a string", expectedTitle: "version must be a string",
            data: attributes(["version": 2])),
        .init(
            rule: "a custom field key without ---f-", expectedTitle: "is not ---f-<field id>",
            data: attributes(["custom-fields": ["f-12": "x"]])),
        .init(
            rule: "a custom field value that is an object",
            expectedTitle: "must be a string, a number or an array of strings",
            data: attributes(["custom-fields": ["---f-12": ["a": 1]]])),
        .init(
            rule: "custom-fields that is not an object", expectedTitle: "custom-fields must be an object",
            data: attributes(["custom-fields": ["---f-1"]])),
        .init(
            rule: "steps that are not {data: [...]}", expectedTitle: "steps must be an object",
            data: item(["steps": [["name": "a", "status": "PASSED"]]])),
        .init(rule: "a step without a name", expectedTitle: "name is required", data: step(["status": "PASSED"])),
        .init(
            rule: "a step with an empty name", expectedTitle: "must not be empty",
            data: step(["name": "", "status": "PASSED"])),
        .init(
            rule: "a step name of 256 characters", expectedTitle: "too long",
            data: step(["name": .string(String(repeating: "s", count: 256)), "status": "PASSED"])),
        .init(
            rule: "a step status PractiTest does not know", expectedTitle: "is not PASSED, FAILED",
            data: step(["name": "a", "status": "SKIPPED"])),
        .init(rule: "a step without a status", expectedTitle: "status is required", data: step(["name": "a"])),
        .init(
            rule: "a step with an unknown key", expectedTitle: "unknown key \"duration\"",
            data: step(["name": "a", "status": "PASSED", "duration": 1])),
        .init(
            rule: "a file without a filename", expectedTitle: "filename is required",
            data: file(["content_encoded": "aGk="])),
        .init(
            rule: "a file whose content is not Base64", expectedTitle: "not valid Base64",
            data: file(["filename": "a.txt", "content_encoded": "not base64!"])),
        .init(
            rule: "a step file without content", expectedTitle: "content_encoded is required",
            data: step(["name": "a", "status": "PASSED", "files": ["data": [["filename": "a.txt"]]]])),
    ]
}

@Suite("POST runs.json validation")
struct RunValidationTests {
    @Test(
        "each broken rule is 422 for the whole request, names the item, and stores nothing",
        arguments: InvalidRunCase.all)
    func rejects(_ invalid: InvalidRunCase) async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 25)
        let data = invalid.data(ids)
        let client = FakeClient(server)
        let alone = try await client.post("runs.json", ["data": data])
        #expect(alone.status == 422)
        #expect(alone.errorTitles.contains { $0.contains(invalid.expectedTitle) }, "\(alone.errorTitles)")
        #expect(alone.errorTitles.allSatisfy { $0.hasPrefix("data") })
        if data.arrayValue == nil {
            // Behind a valid run in a batch: the whole batch is refused, and the title names item 1.
            let batch = try await client.post("runs.json", ["data": [runItem(instanceID: ids[24]), data]])
            #expect(batch.status == 422)
            #expect(batch.errorTitles.contains { $0.hasPrefix("data[1]") && $0.contains(invalid.expectedTitle) })
        }
        #expect(server.runs.isEmpty)
    }

    @Test(
        "the limits themselves are accepted",
        arguments: [
            ["automated-execution-output": .string(String(repeating: "é", count: 255))],
            ["automated-execution-output": .string(String(repeating: "😀", count: 127))],
            ["run-duration": "100:59:59", "version": "1.2", "exit-code": -1],
            [
                "instance-id": nil,
                "custom-fields": ["---f-1": "x", "---f-22": 3, "---f-333": ["a", "b"], "---f-4": .double(2.5)],
            ],
            ["automated-execution-output": nil, "exit-code": nil],
        ] as [[String: FakeJSON]])
    func acceptsLimits(extra: [String: FakeJSON]) async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 1)
        var attributes = extra
        if attributes["instance-id"] == .null { attributes["instance-id"] = .string("\(ids[0])") }
        let reply = try await FakeClient(server).post(
            "runs.json", ["data": runItem(instanceID: ids[0], extra: attributes)])
        #expect(reply.status == 200, "\(reply.errorTitles)")
        #expect(server.runs.count == 1)
    }

    @Test("20 runs with steps and files are stored in order and answered as an array of entities")
    func storesBatch() async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 20)
        let steps: FakeJSON = [
            "data": [
                [
                    "name": "step one", "status": "PASSED", "description": "d", "expected-results": "e",
                    "actual-results": "a",
                ],
                [
                    "name": "step two", "status": "FAILED",
                    "files": ["data": [["filename": "s.txt", "content_encoded": "c3RlcA=="]]],
                ],
            ]
        ]
        let items = ids.map { id -> FakeJSON in
            var item = runItem(
                instanceID: id,
                extra: [
                    "run-duration": "00:01:05", "automated-execution-output": "out", "custom-fields": ["---f-7": "x"],
                ]
            ).objectValue!
            item["steps"] = steps
            item["files"] = ["data": [["filename": "log.txt", "content_encoded": "aGVsbG8="]]]
            return .object(item)
        }
        let reply = try await FakeClient(server).post("runs.json", ["data": .array(items)])
        #expect(reply.status == 200)
        let data = try #require(reply.json?["data"]?.arrayValue)
        #expect(data.count == 20)
        #expect(data.map { $0["attributes"]?["instance-id"] } == ids.map { .int($0) })
        let runs = server.runs
        #expect(runs.map(\.id) == runs.map(\.id).sorted())
        let run = try #require(runs.first)
        #expect(run.status == "FAILED")
        #expect(run.runDuration == "00:01:05")
        #expect(run.output == "out")
        #expect(run.customFields == ["---f-7": .string("x")])
        #expect(run.files == [FakeRunFile(filename: "log.txt", content: Data("hello".utf8))])
        #expect(run.steps.map(\.name) == ["step one", "step two"])
        #expect(run.steps[0].expectedResults == "e")
        #expect(run.steps[1].files == [FakeRunFile(filename: "s.txt", content: Data("step".utf8))])
        #expect(run.testID == server.instances[0].testID)
        let createdAt = try #require(data[0]["attributes"]?["created-at"]?.stringValue)
        #expect(createdAt.hasSuffix("+00:00") && createdAt.count == 25)
    }

    @Test(
        "a run's status comes from its steps when it has any, else from its exit code",
        arguments: [
            ([], 0, "PASSED"), ([], 3, "FAILED"), (["PASSED", "FAILED"], 0, "FAILED"), (["N/A", "N/A"], 1, "N/A"),
            (["PASSED", "N/A"], 1, "PASSED"), (["PASSED"], 1, "PASSED"), (["NO RUN", "BLOCKED"], 0, "PASSED"),
        ] as [([String], Int, String)])
    func status(steps: [String], exitCode: Int, expected: String) async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 1)
        var item = runItem(instanceID: ids[0], exitCode: exitCode).objectValue!
        if !steps.isEmpty {
            item["steps"] = [
                "data": .array(steps.enumerated().map { ["name": .string("s\($0)"), "status": .string($1)] })
            ]
        }
        let reply = try await FakeClient(server).post("runs.json", ["data": .object(item)])
        #expect(reply.json?["data"]?["attributes"]?["status"] == .string(expected))
    }

    @Test("a POST without Content-Type: application/json is 415")
    func unsupportedMediaType() async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 1)
        let client = FakeClient(server)
        #expect(
            try await client.post("runs.json", ["data": runItem(instanceID: ids[0])], contentType: "text/plain").status
                == 415)
        #expect(
            try await client.post("runs.json", ["data": runItem(instanceID: ids[0])], contentType: nil).status != 200)
        #expect(server.runs.isEmpty)
    }

    @Test("malformed JSON is 400; a body without data is 422")
    func malformedBodies() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = FakeClient(server)
        #expect(try await client.post("runs.json", raw: Data("{\"data\": [".utf8)).status == 400)
        #expect(try await client.post("runs.json", ["runs": []]).status == 422)
    }

    @Test("GET runs.json filters by instance, set, test and run type")
    func listsRuns() async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 3)
        let client = FakeClient(server)
        _ = try await client.post("runs.json", ["data": .array(ids.map { runItem(instanceID: $0) })])
        func count(_ query: String) async throws -> Int? {
            try await client.get("runs.json", query: query).json?["data"]?.arrayValue?.count
        }
        #expect(try await count("instance-ids=\(ids[0]),\(ids[2])") == 2)
        #expect(try await count("set-ids=\(server.sets[0].id)") == 3)
        #expect(try await count("test-ids=\(server.instances[1].testID)") == 1)
        #expect(try await count("run-type=AutomatedRun") == 3)
        #expect(try await count("run-type=ManualRun") == 0)
        #expect(try await client.get("runs.json", query: "run-type=Other").status == 422)
    }
}
