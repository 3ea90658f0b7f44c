import Foundation

/// A JSON value read strictly: integers apart from other numbers, booleans apart from numbers, so the
/// fake server can refuse `"exit-code": 1.5` or `"exit-code": true` as PractiTest would.
enum FakeJSON: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([FakeJSON])
    case object([String: FakeJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([FakeJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: FakeJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses a request or response body.
    static func parse(_ data: Data) throws -> FakeJSON {
        try JSONDecoder().decode(FakeJSON.self, from: data)
    }

    /// The compact JSON text, keys sorted so answers are byte-for-byte repeatable.
    func serialized() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    subscript(key: String) -> FakeJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    subscript(index: Int) -> FakeJSON? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var objectValue: [String: FakeJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var arrayValue: [FakeJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// An id given as a JSON integer or as a string of digits (PractiTest takes both).
    var idValue: Int? {
        switch self {
        case .int(let value): return value
        case .string(let text) where !text.isEmpty && text.allSatisfy(\.isASCIIDigit): return Int(text)
        default: return nil
        }
    }

    /// What kind of value this is, for error titles (`expected an integer, got a string`).
    var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension FakeJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByBooleanLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: FakeJSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, FakeJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    init(nilLiteral: ()) { self = .null }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    /// `.string(value)`, or `.null` when there is no value.
    static func optional(_ value: String?) -> FakeJSON { value.map { .string($0) } ?? .null }

    /// `.int(value)`, or `.null` when there is no value.
    static func optional(_ value: Int?) -> FakeJSON { value.map { .int($0) } ?? .null }
}

extension Character {
    /// `0`-`9` only (`Character.isNumber` also takes other scripts' digits and fractions).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
