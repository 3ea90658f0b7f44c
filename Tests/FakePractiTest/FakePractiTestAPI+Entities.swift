import Foundation

/// The JSON:API shape of each entity: `{"id": "123", "type": ..., "attributes": {...}}`, ids as strings and
/// attribute names in kebab-case, as the real API answers.
extension FakePractiTestAPI {
    func projectEntity() -> FakeJSON {
        ["id": .string("\(projectID)"), "type": "projects", "attributes": ["name": "Fake PractiTest project"]]
    }

    func entity(_ test: FakeTest) -> FakeJSON {
        [
            "id": .string("\(test.id)"), "type": "tests",
            "attributes": [
                "project-id": .int(projectID), "display-id": .int(test.displayID), "name": .string(test.name),
                "test-type": .string(test.testType),
            ],
        ]
    }

    func entity(_ set: FakeSet, state: FakePractiTestState) -> FakeJSON {
        [
            "id": .string("\(set.id)"), "type": "sets",
            "attributes": [
                "project-id": .int(projectID), "display-id": .int(set.displayID), "name": .string(set.name),
                "instances-count": .int(state.instanceCount(setID: set.id)),
            ],
        ]
    }

    func entity(_ instance: FakeInstance, state: FakePractiTestState) -> FakeJSON {
        [
            "id": .string("\(instance.id)"), "type": "instances",
            "attributes": [
                "project-id": .int(projectID), "display-id": .string(instance.displayID),
                "set-id": .int(instance.setID), "test-id": .int(instance.testID), "name": .string(instance.name),
                "set-display-id": .optional(state.set(id: instance.setID)?.displayID),
                "test-display-id": .optional(state.test(id: instance.testID)?.displayID),
            ],
        ]
    }

    func entity(_ run: FakeRun) -> FakeJSON {
        let createdAt = FakeJSON.string(HTTPDate.iso8601(run.createdAt))
        return [
            "id": .string("\(run.id)"), "type": "runs",
            "attributes": [
                "project-id": .int(projectID), "status": .string(run.status), "tester-id": nil,
                "instance-id": .int(run.instanceID), "test-id": .int(run.testID), "run-type": "AutomatedRun",
                "exit-code": .optional(run.exitCode), "run-duration": .optional(run.runDuration),
                "automated-execution-output": .optional(run.output), "version": .optional(run.version),
                "custom-fields": .object(run.customFields.mapValues(\.json)), "created-at": createdAt,
                "updated-at": createdAt,
            ],
        ]
    }
}

extension FakeCustomFieldValue {
    var json: FakeJSON {
        switch self {
        case .string(let value): return .string(value)
        case .integer(let value): return .int(value)
        case .number(let value): return .double(value)
        case .strings(let values): return .array(values.map { .string($0) })
        }
    }
}
