import Foundation

/// A test of the fake project's library. `id` is the system id the API takes; `displayID` what the UI
/// shows. The two never coincide, so a client that mixes them up is caught.
public struct FakeTest: Sendable, Equatable {
    public var id: Int
    public var displayID: Int
    public var name: String
    public var testType: String
}

/// A test set of the fake project.
public struct FakeSet: Sendable, Equatable {
    public var id: Int
    public var displayID: Int
    public var name: String
}

/// A test placed in a set. Its `name` is its test's name; its `displayID` looks like `"117:3"` (the
/// set's display id, then the instance's position in the set).
public struct FakeInstance: Sendable, Equatable {
    public var id: Int
    public var setID: Int
    public var testID: Int
    public var displayID: String
    public var name: String
}

/// A run stored by `POST runs.json`.
public struct FakeRun: Sendable, Equatable {
    public var id: Int
    public var instanceID: Int
    public var testID: Int
    public var setID: Int
    /// Computed as the brief says: from the steps when there are any (a `FAILED` step makes it `FAILED`,
    /// all `N/A` makes it `N/A`, anything else `PASSED`), otherwise `PASSED` for exit code 0 or none,
    /// `FAILED` for any other.
    public var status: String
    public var exitCode: Int?
    public var runDuration: String?
    public var output: String?
    public var steps: [FakeRunStep]
    public var files: [FakeRunFile]
    public var customFields: [String: FakeCustomFieldValue]
    public var version: String?
    /// The server's clock, to the second.
    public var createdAt: Date
}

/// A step of a stored run (`data.steps.data[]`).
public struct FakeRunStep: Sendable, Equatable {
    public var name: String
    public var status: String
    public var description: String?
    public var expectedResults: String?
    public var actualResults: String?
    public var files: [FakeRunFile]
}

/// A file attached to a run or a step, decoded from its Base64 `content_encoded`.
public struct FakeRunFile: Sendable, Equatable {
    public var filename: String
    public var content: Data
}

/// The value of a custom field (`"---f-123": value`).
public enum FakeCustomFieldValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case number(Double)
    case strings([String])
}

/// One request that reached the server, whatever became of it.
public struct FakeRequestRecord: Sendable, Equatable {
    public var method: String
    /// The path as sent, without the query.
    public var path: String
    /// The query as sent (still percent-encoded), without the `?`; empty when there is none.
    public var query: String
    /// The status answered; `nil` when the connection was dropped without an answer.
    public var status: Int?
    /// When the request was read in full (server clock).
    public var time: Date
    /// Which connection it came on: the same number for requests that shared a kept-alive connection.
    public var connectionID: Int
    /// The injected fault it met, if any.
    public var fault: FakeFault?
    /// The request's headers, names lower-cased (the last one wins when a name repeats).
    public var headers: [String: String]
}
