import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Calls PractiTest's API v2 (see `CONTRACT.md`). Every call, GETs included, is paced by the rate
/// limiter; 429s are waited out; 5xx answers and network failures of GETs are retried with
/// backoff. A POST is never sent twice here: when it gets no usable answer the caller is told
/// (`UploadError.noAnswer`) and must look before posting again.
public final class PractiTestClient {
    /// Where and how to call.
    public struct Configuration: Sendable {
        public var baseURL: URL
        public var projectID: Int
        public var token: String
        public var rateLimit = RateLimit.practiTestDefault
        public var retry = RetryPolicy.standard
        /// Seconds the whole upload may take; `nil` for no limit.
        public var timeout: Double?

        public init(baseURL: URL, projectID: Int, token: String) {
            self.baseURL = baseURL
            self.projectID = projectID
            self.token = token
        }
    }

    public let configuration: Configuration
    private let transport: any HTTPTransport
    private let clock: any UploadClock
    private let limiter: RateLimiter
    private let random: @Sendable () -> Double
    private let started: Double
    /// Receives one line per request and answer, never with the token.
    private let trace: ((String) -> Void)?

    /// Calls sent, 429s and retries included.
    public private(set) var callCount = 0
    public private(set) var tooManyRequestsCount = 0
    /// The server's clock (`Date` header) at its latest answer.
    public private(set) var lastServerDate: Date?

    public init(
        configuration: Configuration, transport: any HTTPTransport, clock: any UploadClock = SystemClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, trace: ((String) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.random = random
        self.trace = trace
        limiter = RateLimiter(limit: configuration.rateLimit, clock: clock)
        started = clock.now()
    }

    /// The path of a project resource, `/api/v2/projects/{id}/{resource}.json`.
    func path(_ resource: String) -> String { "/api/v2/projects/\(configuration.projectID)/\(resource).json" }

    /// Sends one call and returns the body of its 2xx answer.
    func send(method: String, path: String, query: [(String, String)] = [], body: Data? = nil)
        async throws(UploadError) -> Data
    {
        var failures = 0
        while true {
            try checkDeadline(waiting: 0)
            do {
                try await limiter.acquire()
            } catch {
                throw .timedOut(seconds: configuration.timeout ?? 0)
            }
            callCount += 1
            let request = makeRequest(method: method, path: path, query: query, body: body)
            trace?("→ \(method) \(Self.redacted(request.url))")
            let data: Data
            let response: HTTPURLResponse
            do {
                (data, response) = try await transport.send(request)
                limiter.finished()
            } catch {
                limiter.finished()
                trace?("← no answer: \(error.localizedDescription)")
                if method != "GET" { throw .noAnswer(error.localizedDescription) }
                failures += 1
                guard failures < configuration.retry.maxAttempts else { throw .transport(error.localizedDescription) }
                try await pause(configuration.retry.delay(afterAttempt: failures, unit: random()))
                continue
            }
            if let date = response.value(forHTTPHeaderField: "Date") { lastServerDate = Self.httpDate(date) }
            trace?("← \(response.statusCode) (\(data.count) bytes)")
            switch response.statusCode {
            case 200..<300:
                return data
            case 429:
                tooManyRequestsCount += 1
                let retryAfter = response.value(forHTTPHeaderField: "Retry-After").flatMap { Double($0) }
                try checkDeadline(waiting: retryAfter ?? configuration.rateLimit.window)
                do {
                    try await limiter.backOff(retryAfter: retryAfter)
                } catch {
                    throw .timedOut(seconds: configuration.timeout ?? 0)
                }
            case 401:
                throw .unauthorized
            case 403:
                throw .forbidden(path: path)
            case 404:
                throw .notFound(path: path)
            case 500..<600:
                let titles = serverText(data)
                if method != "GET" { throw .noAnswer("HTTP \(response.statusCode): \(titles.joined(separator: "; "))") }
                failures += 1
                guard failures < configuration.retry.maxAttempts else {
                    throw .server(status: response.statusCode, titles: titles)
                }
                try await pause(configuration.retry.delay(afterAttempt: failures, unit: random()))
            default:
                throw .rejected(status: response.statusCode, titles: serverText(data))
            }
        }
    }

    /// The error titles of an answer, with the token taken out: a server that echoes the request
    /// back must not make ptupload print it.
    private func serverText(_ data: Data) -> [String] {
        ErrorList.titles(in: data).map { $0.replacingOccurrences(of: configuration.token, with: "[redacted]") }
    }

    /// Every entity of a list, following `links.next` page by page (100 a page).
    func listAll(_ resource: String, query: [(String, String)]) async throws(UploadError) -> [Entity] {
        var entities: [Entity] = []
        var nextQuery: [(String, String)]? = query + [("page[size]", "100")]
        var page = 1
        while let currentQuery = nextQuery {
            let data = try await send(method: "GET", path: path(resource), query: currentQuery)
            let list: EntityList = try decode(data)
            entities += list.data
            // Follow `links.next`, but only its query: the token never goes to another host.
            if let next = list.links?.next, let components = URLComponents(string: next) {
                page += 1
                nextQuery = (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
                if !nextQuery!.contains(where: { $0.0 == "page[number]" }) {
                    nextQuery!.append(("page[number]", String(page)))
                }
            } else {
                nextQuery = nil
            }
        }
        return entities
    }

    func decode<Value: Decodable>(_ data: Data) throws(UploadError) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: data)
        } catch {
            throw .unexpectedResponse("\(Value.self): \(error)")
        }
    }

    private func makeRequest(method: String, path: String, query: [(String, String)], body: Data?) -> URLRequest {
        var components = URLComponents(url: configuration.baseURL, resolvingAgainstBaseURL: false)!
        components.percentEncodedPath = components.percentEncodedPath.trimmingSuffix("/") + path
        if !query.isEmpty {
            components.percentEncodedQuery = query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }
                .joined(separator: "&")
        }
        var request = URLRequest(url: components.url!)
        request.httpMethod = method
        request.setValue(configuration.token, forHTTPHeaderField: "PTToken")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        return request
    }

    private func pause(_ seconds: Double) async throws(UploadError) {
        try checkDeadline(waiting: seconds)
        do {
            try await clock.sleep(seconds: seconds)
        } catch {
            throw .timedOut(seconds: configuration.timeout ?? 0)
        }
    }

    /// Throws when `--timeout` has run out, or would before a wait of `seconds` ends.
    private func checkDeadline(waiting seconds: Double) throws(UploadError) {
        guard let timeout = configuration.timeout else { return }
        if clock.now() + seconds - started > timeout { throw .timedOut(seconds: timeout) }
    }

    /// Query values encoded so that brackets and commas survive (`page%5Bnumber%5D=2`).
    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? text
    }

    private static let queryAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~,")
        return set
    }()

    /// A URL for traces: any `api_token` in the query hidden.
    static func redacted(_ url: URL?) -> String {
        guard let url, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "?" }
        components.queryItems = components.queryItems?.map {
            $0.name == "api_token" ? URLQueryItem(name: $0.name, value: "[redacted]") : $0
        }
        return components.string ?? "?"
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
