import Foundation

/// The parts of PractiTest's JSON:API answers ptupload reads. Ids come as strings or numbers.
struct EntityList: Decodable {
    var data: [Entity]
    var links: Links?
    var meta: Meta?

    struct Links: Decodable {
        var next: String?
    }

    struct Meta: Decodable {
        var totalCount: Int?

        private enum CodingKeys: String, CodingKey { case totalCount = "total-count" }
    }
}

/// `{"data": entity}` or `{"data": [entities]}`, as POSTs answer.
struct EntityAnswer: Decodable {
    var entities: [Entity]

    private enum CodingKeys: String, CodingKey { case data }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let list = try? container.decode([Entity].self, forKey: .data) {
            entities = list
        } else {
            entities = [try container.decode(Entity.self, forKey: .data)]
        }
    }
}

/// One entity of an answer: its system id and the attributes ptupload reads.
public struct Entity: Decodable, Sendable {
    public var id: Int
    public var attributes: Attributes

    private enum CodingKeys: String, CodingKey { case id, attributes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(FlexibleInt.self, forKey: .id).value
        attributes = try container.decodeIfPresent(Attributes.self, forKey: .attributes) ?? Attributes()
    }

    public struct Attributes: Decodable, Sendable {
        public var name: String?
        public var setID: Int?
        public var testID: Int?
        public var instanceID: Int?
        public var displayID: String?
        public var createdAt: String?
        public var exitCode: Int?
        public var output: String?
        public var runDuration: String?
        public var status: String?

        init() {}

        private enum CodingKeys: String, CodingKey {
            case name, status
            case setID = "set-id"
            case testID = "test-id"
            case instanceID = "instance-id"
            case displayID = "display-id"
            case createdAt = "created-at"
            case exitCode = "exit-code"
            case output = "automated-execution-output"
            case runDuration = "run-duration"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try? container.decodeIfPresent(String.self, forKey: .name)
            status = try? container.decodeIfPresent(String.self, forKey: .status)
            setID = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .setID))?.value
            testID = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .testID))?.value
            instanceID = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .instanceID))?.value
            displayID = (try? container.decodeIfPresent(FlexibleString.self, forKey: .displayID))?.value
            createdAt = try? container.decodeIfPresent(String.self, forKey: .createdAt)
            exitCode = (try? container.decodeIfPresent(FlexibleInt.self, forKey: .exitCode))?.value
            output = try? container.decodeIfPresent(String.self, forKey: .output)
            runDuration = try? container.decodeIfPresent(String.self, forKey: .runDuration)
        }
    }
}

/// `{"errors": [{"title": "..."}]}`.
struct ErrorList: Decodable {
    var errors: [Item]

    struct Item: Decodable {
        var title: String?
        var detail: String?
    }

    /// The titles of an error body, else its raw text (cut short).
    static func titles(in data: Data) -> [String] {
        if let list = try? JSONDecoder().decode(ErrorList.self, from: data) {
            let titles = list.errors.compactMap { $0.title ?? $0.detail }
            if !titles.isEmpty { return titles }
        }
        let text = String(decoding: data.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? [] : [text]
    }
}

/// An integer written as a number or a string.
struct FlexibleInt: Decodable {
    var value: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = Int(text) {
            value = number
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an integer")
        }
    }
}

/// A string written as a string or a number (display ids).
struct FlexibleString: Decodable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else {
            value = String(try container.decode(Int.self))
        }
    }
}
