import Foundation
import PractiTest

/// How to reach PractiTest, from the settings shared by `upload`, `check` and `runs`.
struct ConnectionSettings {
    static let defaultAPIURL = "https://api.practitest.com"
    static let valueOptions: Set<String> = ["api-url", "project-id", "token-file", "rate-limit", "timeout", "config"]
    static let flags: Set<String> = ["verbose", "quiet"]

    var configuration: PractiTestClient.Configuration
    var verbose: Bool
    var quiet: Bool

    /// Reads the settings and the token. The token comes only from `PRACTITEST_TOKEN` or
    /// `--token-file`: flags end up in CI logs and `ps`.
    init(_ options: OptionSource) throws(UsageError) {
        let apiText = options.value("api-url") ?? Self.defaultAPIURL
        guard let apiURL = URL(string: apiText), let scheme = apiURL.scheme?.lowercased(), let host = apiURL.host else {
            throw UsageError(description: "'\(apiText)' is not a URL (--api-url)")
        }
        guard scheme == "https" || (scheme == "http" && Self.isLoopback(host)) else {
            throw UsageError(
                description: "refusing \(scheme):// for \(host): the token would cross the network unencrypted "
                    + "(http:// is allowed only for 127.0.0.1, ::1 and localhost)")
        }
        guard let projectText = options.value("project-id") else {
            throw UsageError(description: "no project: pass --project-id or set PRACTITEST_PROJECT_ID")
        }
        guard let projectID = Int(projectText), projectID > 0 else {
            throw UsageError(description: "project id '\(projectText)' is not a number (--project-id)")
        }
        configuration = PractiTestClient.Configuration(
            baseURL: apiURL, projectID: projectID, token: try Self.token(options))
        if let text = options.value("rate-limit") {
            guard let limit = RateLimit(text) else {
                throw UsageError(description: "rate limit '\(text)' is not N or N/DURATION such as 30/1m or 30/2s")
            }
            configuration.rateLimit = limit
        }
        if let seconds = try options.number("timeout", minimum: 1) { configuration.timeout = Double(seconds) }
        verbose = options.isOn("verbose")
        quiet = options.isOn("quiet")
    }

    private static func token(_ options: OptionSource) throws(UsageError) -> String {
        if let path = options.flags.value("token-file") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UsageError(description: "cannot read the token file \(path) (--token-file)")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw UsageError(description: "the token file \(path) is empty") }
            return token
        }
        guard let token = options.environment["PRACTITEST_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines),
            !token.isEmpty
        else {
            throw UsageError(description: "no token: set PRACTITEST_TOKEN or pass --token-file PATH")
        }
        return token
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }

    /// The web app's page of a test set, for the summary; `nil` for hosts other than PractiTest's.
    func setURL(_ setID: Int) -> String? {
        let app: String
        switch configuration.baseURL.host {
        case "api.practitest.com": app = "https://app.practitest.com"
        case "eu1-prod-api.practitest.app": app = "https://eu1-prod.practitest.app"
        default: return nil
        }
        return "\(app)/p/\(configuration.projectID)/sets/\(setID)/edit"
    }

    /// A client on the real network, tracing to `diagnostics` with `--verbose`.
    func client(diagnostics: OutputStream) -> PractiTestClient {
        PractiTestClient(
            configuration: configuration, transport: URLSessionTransport(),
            trace: verbose ? { diagnostics.line("http: \($0)") } : nil)
    }
}
