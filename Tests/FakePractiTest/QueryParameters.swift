import Foundation

/// A request's query, decoded as Rails decodes it: percent-escapes, and `+` as a space (so a client that
/// leaves `+` unescaped in `name_exact=a+b` finds nothing, as against the real API).
struct QueryParameters: Sendable {
    /// Keys every endpoint takes: the token in the URL, and the `developer_email` of old examples.
    static let authenticationKeys: Set<String> = ["api_token", "developer_email"]
    static let pageNumberKey = "page[number]"
    static let pageSizeKey = "page[size]"
    static let maximumPageSize = 100
    /// Longer id lists get 414, modelling "keep lists to about 50 ids: longer URLs fail".
    static let maximumIDsPerFilter = 50

    private var pairs: [(key: String, value: String, raw: String)] = []

    /// `nil` when a percent-escape is malformed.
    init?(raw: String) {
        for piece in raw.split(separator: "&") where !piece.isEmpty {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                return nil
            }
            pairs.append((key, value, String(piece)))
        }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The value of a key (the last one when it repeats).
    subscript(key: String) -> String? { pairs.last(where: { $0.key == key })?.value }

    /// 422 for a key the endpoint does not take: a misspelt filter would otherwise be ignored and the
    /// whole list returned, which is worse than an error.
    func requireOnly(_ allowed: Set<String>, paged: Bool = false) throws(APIFailure) {
        let known = allowed.union(Self.authenticationKeys).union(paged ? [Self.pageNumberKey, Self.pageSizeKey] : [])
        let unknown = pairs.map(\.key).filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw APIFailure(422, titles: unknown.map { "unknown query parameter \"\($0)\"" })
        }
    }

    /// A comma-separated list of ids, or `nil` when the key is absent: 422 for a value that is not an id,
    /// 414 for more than `maximumIDsPerFilter` ids.
    func ids(_ key: String) throws(APIFailure) -> Set<Int>? {
        guard let text = self[key] else { return nil }
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard items.count <= Self.maximumIDsPerFilter else {
            throw APIFailure(414, "\(key) lists \(items.count) ids; at most \(Self.maximumIDsPerFilter) fit in a URL")
        }
        var ids = Set<Int>()
        for item in items {
            guard item.allSatisfy(\.isASCIIDigit), let id = Int(item) else {
                throw APIFailure(422, "\(key) must be a comma-separated list of ids, got \"\(text)\"")
            }
            ids.insert(id)
        }
        return ids
    }

    /// `page[number]` (default 1) and `page[size]` (default and maximum 100); 422 when out of range.
    func page() throws(APIFailure) -> (number: Int, size: Int) {
        func value(_ key: String, default fallback: Int) throws(APIFailure) -> Int {
            guard let text = self[key] else { return fallback }
            guard let number = Int(text), number >= 1 else {
                throw APIFailure(422, "\(key) must be a positive integer, got \"\(text)\"")
            }
            return number
        }
        let size = try value(Self.pageSizeKey, default: Self.maximumPageSize)
        guard size <= Self.maximumPageSize else {
            throw APIFailure(422, "\(Self.pageSizeKey) must be at most \(Self.maximumPageSize), got \(size)")
        }
        return (try value(Self.pageNumberKey, default: 1), size)
    }

    /// The pieces of the query as sent, paging left out, for building `links`.
    var rawPiecesWithoutPaging: [String] {
        pairs.filter { $0.key != Self.pageNumberKey && $0.key != Self.pageSizeKey }.map(\.raw)
    }
}

extension FakePractiTestAPI {
    /// One page of a list: `data`, `links` (`self`, `next` only while there is a next page, `last`; absolute,
    /// brackets percent-encoded, other parameters kept as sent) and `meta`. Items are in id order.
    func paged<Item>(
        _ items: [Item], request: HTTPRequest, query: QueryParameters, encode: (Item) -> FakeJSON
    ) throws(APIFailure) -> HTTPResponse {
        let (number, size) = try query.page()
        let totalPages = (items.count + size - 1) / size
        let start = min(items.count, (number - 1) * size)
        let page = items[start..<min(items.count, start + size)]
        let kept = query.rawPiecesWithoutPaging
        func link(_ page: Int) -> FakeJSON {
            let pieces = kept + ["page%5Bnumber%5D=\(page)", "page%5Bsize%5D=\(size)"]
            return .string(baseURL + request.path + "?" + pieces.joined(separator: "&"))
        }
        var links: [String: FakeJSON] = ["self": link(number), "last": link(max(1, totalPages))]
        if number < totalPages { links["next"] = link(number + 1) }
        let meta: FakeJSON = [
            "current-page": .int(number),
            "next-page": number < totalPages ? .int(number + 1) : .null,
            "prev-page": number > 1 ? .int(min(number - 1, max(1, totalPages))) : .null,
            "total-pages": .int(totalPages),
            "total-count": .int(items.count),
        ]
        return HTTPResponse(
            status: 200, json: ["data": .array(page.map(encode)), "links": .object(links), "meta": meta])
    }
}
