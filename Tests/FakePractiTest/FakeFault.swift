/// A misbehaviour the fake server shows to the next request that matches it (see
/// `FakePractiTestServer.inject(_:on:pathSuffix:times:)`).
public enum FakeFault: Sendable, Equatable {
    /// Answers with this status and `{"errors":[{"title":"injected fault: HTTP 503"}]}`, stores nothing, and
    /// sends `Retry-After: retryAfter` when given. The connection stays open.
    case status(Int, retryAfter: Int? = nil)
    /// Reads the whole request, stores nothing, and closes the connection without a byte of answer.
    case closeBeforeProcessing
    /// Processes the request (a valid `POST` stores its runs, tests, sets or instances), then closes the
    /// connection without a byte of answer: the client cannot know that it worked.
    case closeAfterProcessing
    /// Processes the request at once, then waits this long before answering: a slow answer, whose
    /// effects are visible to other requests while the client is still waiting.
    case delay(Duration)
}

/// A fault waiting for the requests it matches, with how many more it will affect.
struct FaultRule: Sendable {
    var fault: FakeFault
    var method: String?
    var pathSuffix: String?
    var remaining: Int

    func matches(method requestMethod: String, path: String) -> Bool {
        if let method, method.uppercased() != requestMethod.uppercased() { return false }
        if let pathSuffix, !path.hasSuffix(pathSuffix) { return false }
        return true
    }
}

extension [FaultRule] {
    /// Takes one use of the first rule that matches, dropping the rule once it is used up.
    mutating func consume(method: String, path: String) -> FakeFault? {
        guard let index = firstIndex(where: { $0.matches(method: method, path: path) }) else { return nil }
        let fault = self[index].fault
        self[index].remaining -= 1
        if self[index].remaining <= 0 { remove(at: index) }
        return fault
    }
}
