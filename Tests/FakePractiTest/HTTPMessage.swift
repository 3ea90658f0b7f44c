import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One HTTP/1.1 request as read from the socket (RFC 9112).
struct HTTPRequest: Sendable {
    var method: String
    /// The request target as sent: path and query, still percent-encoded.
    var target: String
    var version: String
    /// Header fields in the order sent, names as sent.
    var headers: [(name: String, value: String)]
    var body: Data

    /// The path part of the target.
    var path: String { String(target.prefix(while: { $0 != "?" })) }

    /// The query part of the target without the `?`, empty when there is none.
    var rawQuery: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    /// The first value of a header, its name compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })?.value
    }

    /// Whether the client asked to keep the connection open after this request.
    var keepsAlive: Bool {
        let connection = header("Connection")?.lowercased() ?? ""
        if version == "HTTP/1.0" { return connection.contains("keep-alive") }
        return !connection.contains("close")
    }
}

/// An answer: always JSON, with `Content-Type`, `Content-Length` and `Date`.
struct HTTPResponse: Sendable {
    var status: Int
    var body: Data
    var extraHeaders: [(name: String, value: String)] = []

    init(status: Int, json: FakeJSON, extraHeaders: [(name: String, value: String)] = []) {
        self.status = status
        self.body = json.serialized()
        self.extraHeaders = extraHeaders
    }

    /// `{"errors": [{"title": ...}, ...]}` as PractiTest answers failures.
    static func errors(_ status: Int, _ titles: [String], extraHeaders: [(name: String, value: String)] = [])
        -> HTTPResponse
    {
        let errors = titles.map { FakeJSON.object(["title": .string($0)]) }
        return HTTPResponse(status: status, json: ["errors": .array(errors)], extraHeaders: extraHeaders)
    }

    static func error(_ status: Int, _ title: String) -> HTTPResponse { errors(status, [title]) }

    /// The bytes on the wire, with `Connection: close` when the server closes after writing them.
    func serialized(date: Date, closing: Bool) -> Data {
        var head = "HTTP/1.1 \(status) \(Self.reason(for: status))\r\n"
        head += "Content-Type: application/json; charset=utf-8\r\n"
        head += "Content-Length: \(body.count)\r\n"
        head += "Date: \(HTTPDate.imfFixdate(date))\r\n"
        for header in extraHeaders { head += "\(header.name): \(header.value)\r\n" }
        if closing { head += "Connection: close\r\n" }
        head += "\r\n"
        return Data(head.utf8) + body
    }

    static func reason(for status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}

/// The server clock as HTTP (RFC 7231 IMF-fixdate) and as PractiTest's `created-at` (ISO 8601 with an
/// offset, to the second). Formatted by hand from `gmtime_r`: thread-safe and locale-proof.
enum HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT`
    static func imfFixdate(_ date: Date) -> String {
        let parts = utc(date)
        return "\(weekdays[Int(parts.tm_wday)]), \(pad(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
            + "\(parts.tm_year + 1900) \(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)) GMT"
    }

    /// `2026-12-03T16:04:00+00:00`
    static func iso8601(_ date: Date) -> String {
        let parts = utc(date)
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))+00:00"
    }

    /// The date cut to a whole second, as the API reports it.
    static func wholeSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    private static func utc(_ date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }

    private static func pad(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
