import Foundation

/// A run that passed validation, waiting for its id.
struct RunDraft: Sendable {
    var instanceID: Int
    var status: String
    var exitCode: Int?
    var runDuration: String?
    var output: String?
    var version: String?
    var customFields: [String: FakeCustomFieldValue]
    var steps: [FakeRunStep]
    var files: [FakeRunFile]
}

/// The rules of `POST runs.json` (`runs-endpoint-docs.md`, `CONTRACT.md`), applied strictly: one problem title
/// per rule broken, each naming the item (`data[3].attributes.run-duration: ...`).
///
/// Per item: `type` is `"instances"`; only the keys `type`, `attributes`, `steps`, `files`; attributes only
/// `instance-id` (required; an integer or a string of digits; an existing instance), `exit-code` (integer),
/// `run-duration` (`^\d{2,}:[0-5]\d:[0-5]\d$`), `automated-execution-output` (at most 255 Unicode scalars and
/// 255 UTF-16 units), `version` (string), `custom-fields` (keys `---f-<digits>`; values a string, a number or
/// an array of strings); `steps.data[]` with `name` (1 to 255 characters), `status` (PASSED, FAILED, BLOCKED,
/// NO RUN, N/A), optional `description`, `expected-results`, `actual-results` strings and `files`;
/// `files.data[]` with `filename` and valid Base64 `content_encoded`. Across items: no instance twice. A
/// `null` optional attribute counts as absent.
struct RunValidator {
    static let attributeKeys: Set<String> = [
        "instance-id", "exit-code", "run-duration", "automated-execution-output", "version", "custom-fields",
    ]
    static let stepKeys: Set<String> = ["name", "description", "expected-results", "actual-results", "status", "files"]
    static let stepStatuses: Set<String> = ["PASSED", "FAILED", "BLOCKED", "NO RUN", "N/A"]

    let state: FakePractiTestState
    private(set) var problems: [String] = []
    private var firstLabelByInstance: [Int: String] = [:]
    private var repeats: [(label: String, instanceID: Int)] = []

    init(state: FakePractiTestState) {
        self.state = state
    }

    /// The run an item describes, or `nil` (with its problems recorded) when it breaks any rule.
    mutating func validate(_ item: FakeJSON, at label: String) -> RunDraft? {
        let before = problems.count
        guard let members = item.objectValue else {
            problems.append("\(label) must be an object, got \(item.kindDescription)")
            return nil
        }
        problems += FakePractiTestAPI.unknownKeys(
            members, allowed: ["type", "attributes", "steps", "files"], at: label)
        if members["type"] != "instances" {
            problems.append("\(label).type must be \"instances\", got \(members["type"]?.serializedText ?? "nothing")")
        }
        let attributes = members["attributes"]?.objectValue ?? [:]
        if let value = members["attributes"], value.objectValue == nil {
            problems.append("\(label).attributes must be an object, got \(value.kindDescription)")
        }
        let at = "\(label).attributes"
        problems += FakePractiTestAPI.unknownKeys(attributes, allowed: Self.attributeKeys, at: at)
        let instanceID = FakePractiTestAPI.reference(
            attributes["instance-id"], at: "\(at).instance-id", problems: &problems
        ) { state.instance(id: $0) == nil ? "no instance \($0) in this project" : nil }
        if let instanceID {
            if firstLabelByInstance[instanceID] == nil {
                firstLabelByInstance[instanceID] = label
            } else {
                repeats.append((label, instanceID))
            }
        }
        let exitCode = value(attributes["exit-code"], at: "\(at).exit-code", kind: "an integer", \.intValue)
        let duration = value(attributes["run-duration"], at: "\(at).run-duration", kind: "a string", \.stringValue)
        if let duration, !Self.isRunDuration(duration) {
            problems.append("\(at).run-duration: \"\(duration)\" is not HH:MM:SS")
        }
        let output = text(attributes["automated-execution-output"], at: "\(at).automated-execution-output")
        let version = value(attributes["version"], at: "\(at).version", kind: "a string", \.stringValue)
        let customFields = customFields(attributes["custom-fields"], at: "\(at).custom-fields")
        let steps = steps(members["steps"], at: "\(label).steps")
        let files = files(members["files"], at: "\(label).files")
        guard problems.count == before, let instanceID else { return nil }
        return RunDraft(
            instanceID: instanceID, status: Self.status(steps: steps, exitCode: exitCode), exitCode: exitCode,
            runDuration: duration, output: output, version: version, customFields: customFields, steps: steps,
            files: files)
    }

    /// Records a problem for every item whose instance an earlier item of the request already names.
    mutating func checkDistinctInstances() {
        for (label, instanceID) in repeats {
            let first = firstLabelByInstance[instanceID] ?? "?"
            problems.append(
                "\(label).attributes.instance-id: instance \(instanceID) appears twice in one request (also \(first))")
        }
    }

    /// The brief's rule: from the steps when there are any (any FAILED: FAILED; all N/A: N/A; else PASSED),
    /// else from the exit code (0 or none: PASSED; other: FAILED).
    static func status(steps: [FakeRunStep], exitCode: Int?) -> String {
        if !steps.isEmpty {
            if steps.contains(where: { $0.status == "FAILED" }) { return "FAILED" }
            if steps.allSatisfy({ $0.status == "N/A" }) { return "N/A" }
            return "PASSED"
        }
        return (exitCode ?? 0) == 0 ? "PASSED" : "FAILED"
    }

    /// `^\d{2,}:[0-5]\d:[0-5]\d$`
    static func isRunDuration(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count >= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else {
            return false
        }
        return parts[1...].allSatisfy { $0.count == 2 && $0.first! <= "5" }
    }

    /// An optional value of one JSON kind (`nil` and `null` are absent); a problem when of another kind.
    private mutating func value<T>(_ json: FakeJSON?, at label: String, kind: String, _ extract: (FakeJSON) -> T?)
        -> T?
    {
        guard let json, json != .null else { return nil }
        guard let value = extract(json) else {
            problems.append("\(label) must be \(kind), got \(json.serializedText)")
            return nil
        }
        return value
    }

    /// An optional string of at most 255 characters.
    private mutating func text(_ json: FakeJSON?, at label: String) -> String? {
        guard let text = value(json, at: label, kind: "a string", \.stringValue) else { return nil }
        if let problem = FakePractiTestAPI.lengthProblem(text, at: label) { problems.append(problem) }
        return text
    }

    private mutating func customFields(_ json: FakeJSON?, at label: String) -> [String: FakeCustomFieldValue] {
        guard let members = value(json, at: label, kind: "an object", \.objectValue) else { return [:] }
        var fields: [String: FakeCustomFieldValue] = [:]
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            let digits = key.dropFirst(5)
            guard key.hasPrefix("---f-"), !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else {
                problems.append("\(label): key \"\(key)\" is not ---f-<field id>")
                continue
            }
            switch value {
            case .string(let text): fields[key] = .string(text)
            case .int(let number): fields[key] = .integer(number)
            case .double(let number): fields[key] = .number(number)
            case .array(let items) where items.allSatisfy({ $0.stringValue != nil }):
                fields[key] = .strings(items.compactMap(\.stringValue))
            default:
                problems.append(
                    "\(label).\(key) must be a string, a number or an array of strings, got \(value.serializedText)")
            }
        }
        return fields
    }

    /// The items of a `{"data": [...]}` list (`steps`, `files`), with their labels.
    private mutating func list(_ json: FakeJSON?, at label: String) -> [(FakeJSON, String)] {
        guard let members = value(json, at: label, kind: "an object {\"data\": [...]}", \.objectValue) else {
            return []
        }
        problems += FakePractiTestAPI.unknownKeys(members, allowed: ["data"], at: label)
        guard let items = value(members["data"], at: "\(label).data", kind: "an array", \.arrayValue) else { return [] }
        return items.enumerated().map { ($1, "\(label).data[\($0)]") }
    }

    private mutating func steps(_ json: FakeJSON?, at label: String) -> [FakeRunStep] {
        list(json, at: label).compactMap { item, label in
            guard let members = value(item, at: label, kind: "an object", \.objectValue) else { return nil }
            problems += FakePractiTestAPI.unknownKeys(members, allowed: Self.stepKeys, at: label)
            if let problem = FakePractiTestAPI.nameProblem(members["name"], at: "\(label).name") {
                problems.append(problem)
            }
            let status = value(members["status"], at: "\(label).status", kind: "a string", \.stringValue)
            if let status, !Self.stepStatuses.contains(status) {
                problems.append("\(label).status: \"\(status)\" is not PASSED, FAILED, BLOCKED, NO RUN or N/A")
            } else if status == nil, members["status"] ?? .null == .null {
                problems.append("\(label).status is required")
            }
            let step = FakeRunStep(
                name: members["name"]?.stringValue ?? "", status: status ?? "",
                description: value(members["description"], at: "\(label).description", kind: "a string", \.stringValue),
                expectedResults: value(
                    members["expected-results"], at: "\(label).expected-results", kind: "a string", \.stringValue),
                actualResults: value(
                    members["actual-results"], at: "\(label).actual-results", kind: "a string", \.stringValue),
                files: files(members["files"], at: "\(label).files"))
            return step
        }
    }

    private mutating func files(_ json: FakeJSON?, at label: String) -> [FakeRunFile] {
        list(json, at: label).compactMap { item, label in
            guard let members = value(item, at: label, kind: "an object", \.objectValue) else { return nil }
            problems += FakePractiTestAPI.unknownKeys(members, allowed: ["filename", "content_encoded"], at: label)
            let filename = value(members["filename"], at: "\(label).filename", kind: "a string", \.stringValue)
            if filename?.isEmpty ?? true { problems.append("\(label).filename is required") }
            let encoded = value(
                members["content_encoded"], at: "\(label).content_encoded", kind: "a string", \.stringValue)
            guard let encoded else {
                problems.append("\(label).content_encoded is required")
                return nil
            }
            guard let content = Data(base64Encoded: encoded) else {
                problems.append("\(label).content_encoded is not valid Base64")
                return nil
            }
            return FakeRunFile(filename: filename ?? "", content: content)
        }
    }
}
