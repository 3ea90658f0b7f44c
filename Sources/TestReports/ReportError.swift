/// A place in a report file; line and column are 1-based and absent when unknown.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        switch (line, column) {
        case (let line?, let column?): "\(file):\(line):\(column)"
        case (let line?, nil): "\(file):\(line)"
        default: file
        }
    }
}

/// Why a report could not be read, or could be read only in part.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file is empty.
    case empty(file: String)
    /// The file is broken at a place: results before that place were handed on.
    case malformed(SourceLocation, reason: String)
    /// The file is not a report ptupload reads; `looksLike` says what it seems to be.
    case unsupported(file: String, looksLike: String)

    public var location: SourceLocation {
        switch self {
        case .unreadable(let file, _), .empty(let file), .unsupported(let file, _):
            SourceLocation(file: file)
        case .malformed(let location, _):
            location
        }
    }

    /// The message without the location.
    public var reason: String {
        switch self {
        case .unreadable(_, let reason): "cannot read the file: \(reason)"
        case .empty: "the file is empty"
        case .malformed(_, let reason): reason
        case .unsupported(_, let looksLike): "not a test report ptupload reads: \(looksLike)"
        }
    }

    public var description: String { "\(location): \(reason)" }
}
