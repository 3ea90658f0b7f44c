/// Why an upload, or one call of it, did not go through. Messages name the setting to check and
/// never contain the token.
public enum UploadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A setting is missing or wrong before any call is made.
    case configuration(String)
    /// 401: the token was refused.
    case unauthorized
    /// 403: the token's user may not do this.
    case forbidden(path: String)
    /// 404: the project, set or path does not exist.
    case notFound(path: String)
    /// Another 4xx answer, with the server's error titles (422: wrong or missing values).
    case rejected(status: Int, titles: [String])
    /// A 5xx answer that lasted through every retry.
    case server(status: Int, titles: [String])
    /// The network failed through every retry.
    case transport(String)
    /// A POST got no usable answer: it may or may not have been carried out.
    case noAnswer(String)
    /// `--timeout` ran out.
    case timedOut(seconds: Double)
    /// The answer was not the JSON the contract describes.
    case unexpectedResponse(String)
    /// The journal file cannot be used: corrupt, foreign, or belonging to another upload.
    case journal(String)

    public var description: String {
        switch self {
        case .configuration(let message):
            message
        case .unauthorized:
            "PractiTest refused the token (401): check PRACTITEST_TOKEN or --token-file"
        case .forbidden(let path):
            "the token's user may not use \(path) (403): check the token's permissions and --project-id"
        case .notFound(let path):
            "PractiTest has no \(path) (404): check --project-id, --set-id and --api-url"
        case .rejected(let status, let titles):
            "PractiTest refused the request (\(status)): \(Self.joined(titles))"
        case .server(let status, let titles):
            "PractiTest kept failing (\(status)) through every retry: \(Self.joined(titles))"
        case .transport(let message):
            "could not reach PractiTest through every retry: \(message)"
        case .noAnswer(let message):
            "no answer from PractiTest: \(message)"
        case .timedOut(let seconds):
            "gave up after \(Int(seconds)) s (--timeout)"
        case .unexpectedResponse(let message):
            "unexpected answer from PractiTest: \(message)"
        case .journal(let message):
            message
        }
    }

    /// Whether the settings are wrong, so that nothing later can succeed either.
    public var stopsEverything: Bool {
        switch self {
        case .configuration, .unauthorized, .forbidden, .notFound, .timedOut, .journal: true
        default: false
        }
    }

    private static func joined(_ titles: [String]) -> String {
        titles.isEmpty ? "no reason given" : titles.joined(separator: "; ")
    }
}
