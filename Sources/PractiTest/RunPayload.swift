/// One run as PractiTest's `POST /runs.json` takes it (JSON:API, kebab-case attributes); see
/// `CONTRACT.md`. The instance id is filled in once the result is mapped to an instance.
public struct RunPayload: Encodable, Equatable, Sendable {
    public var instanceID: Int?
    /// 0 passed, 1 failed; PractiTest ignores it when steps are sent, so the steps agree with it.
    public var exitCode: Int
    /// `HH:MM:SS`; absent when the duration is unknown.
    public var runDuration: String?
    /// At most 255 characters.
    public var executionOutput: String?
    public var version: String?
    public var customFields: [String: CustomFieldValue]
    public var steps: [RunStep]
    public var files: [RunFile]

    public init(
        instanceID: Int? = nil, exitCode: Int, runDuration: String? = nil, executionOutput: String? = nil,
        version: String? = nil, customFields: [String: CustomFieldValue] = [:], steps: [RunStep] = [],
        files: [RunFile] = []
    ) {
        self.instanceID = instanceID
        self.exitCode = exitCode
        self.runDuration = runDuration
        self.executionOutput = executionOutput
        self.version = version
        self.customFields = customFields
        self.steps = steps
        self.files = files
    }

    private enum CodingKeys: String, CodingKey { case type, attributes, steps, files }
    private enum AttributeKeys: String, CodingKey {
        case instanceID = "instance-id"
        case exitCode = "exit-code"
        case runDuration = "run-duration"
        case executionOutput = "automated-execution-output"
        case version
        case customFields = "custom-fields"
    }
    private enum ListKeys: String, CodingKey { case data }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("instances", forKey: .type)
        var attributes = container.nestedContainer(keyedBy: AttributeKeys.self, forKey: .attributes)
        try attributes.encode(instanceID, forKey: .instanceID)
        try attributes.encode(exitCode, forKey: .exitCode)
        try attributes.encodeIfPresent(runDuration, forKey: .runDuration)
        try attributes.encodeIfPresent(executionOutput, forKey: .executionOutput)
        try attributes.encodeIfPresent(version, forKey: .version)
        if !customFields.isEmpty { try attributes.encode(customFields, forKey: .customFields) }
        if !steps.isEmpty {
            var list = container.nestedContainer(keyedBy: ListKeys.self, forKey: .steps)
            try list.encode(steps, forKey: .data)
        }
        if !files.isEmpty {
            var list = container.nestedContainer(keyedBy: ListKeys.self, forKey: .files)
            try list.encode(files, forKey: .data)
        }
    }
}

/// The value of a custom field: one value, or several for a multi-value field.
public enum CustomFieldValue: Encodable, Equatable, Sendable {
    case single(String)
    case multiple([String])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .single(let value): try container.encode(value)
        case .multiple(let values): try container.encode(values)
        }
    }
}

/// A step of a run (`data.steps.data[]`).
public struct RunStep: Encodable, Equatable, Sendable {
    /// `PASSED`, `FAILED`, `BLOCKED`, `NO RUN` or `N/A`.
    public enum Status: String, Encodable, Sendable {
        case passed = "PASSED"
        case failed = "FAILED"
        case blocked = "BLOCKED"
        case noRun = "NO RUN"
        case notApplicable = "N/A"
    }

    /// At most 255 characters.
    public var name: String
    public var actualResults: String?
    public var status: Status

    public init(name: String, actualResults: String? = nil, status: Status) {
        self.name = name
        self.actualResults = actualResults
        self.status = status
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case actualResults = "actual-results"
        case status
    }
}

/// A file attached to a run (`data.files.data[]`), its content Base64-encoded.
public struct RunFile: Encodable, Equatable, Sendable {
    public var filename: String
    public var contentEncoded: String

    public init(filename: String, contentEncoded: String) {
        self.filename = filename
        self.contentEncoded = contentEncoded
    }

    private enum CodingKeys: String, CodingKey {
        case filename
        case contentEncoded = "content_encoded"
    }
}

/// The body of one `POST /runs.json`: up to 20 runs, never the same instance twice.
public struct RunsRequestBody: Encodable, Sendable {
    public var data: [RunPayload]

    public init(data: [RunPayload]) {
        self.data = data
    }
}
