import Foundation
import Testing

@testable import PractiTest

@Suite("Run payload JSON")
struct RunPayloadTests {
    func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("encodes the documented JSON:API shape with kebab-case attributes")
    func fullPayload() throws {
        let payload = RunPayload(
            instanceID: 42, exitCode: 1, runDuration: "00:00:02", executionOutput: "failed: boom", version: "1.0",
            customFields: ["---f-7": .single("a"), "---f-8": .multiple(["b", "c"])],
            steps: [RunStep(name: "s", actualResults: "boom", status: .failed)],
            files: [RunFile(filename: "out.txt", contentEncoded: "Ym9vbQ==")])
        #expect(
            try json(RunsRequestBody(data: [payload])) == """
                {"data":[{"attributes":{"automated-execution-output":"failed: boom","custom-fields":{"---f-7":"a","---f-8":["b","c"]},\
                "exit-code":1,"instance-id":42,"run-duration":"00:00:02","version":"1.0"},\
                "files":{"data":[{"content_encoded":"Ym9vbQ==","filename":"out.txt"}]},\
                "steps":{"data":[{"actual-results":"boom","name":"s","status":"FAILED"}]},"type":"instances"}]}
                """)
    }

    @Test("leaves out what is absent")
    func minimalPayload() throws {
        #expect(
            try json(RunPayload(instanceID: 1, exitCode: 0)) == """
                {"attributes":{"exit-code":0,"instance-id":1},"type":"instances"}
                """)
    }
}
