extension TAPParser {
    /// One line of TAP without its indentation, told apart by its first characters.
    enum Line: Equatable {
        case blank
        /// `TAP version 13`.
        case version(String)
        case plan(Plan)
        case testPoint(TestPoint)
        case bailOut(reason: String?)
        /// `# Subtest: name`, or `# Subtest` alone (name `""`).
        case subtest(name: String)
        /// `# text`: the text after `#` and one space.
        case comment(String)
        case pragma
        /// `---`, the start of a YAML block.
        case yamlStart
        /// `...`, the end of a YAML block.
        case yamlEnd
        /// `{` alone: a buffered subtest of the point before.
        case openBrace
        /// `}` alone: the end of a buffered subtest.
        case closeBrace
        case other

        /// The indentation of a line in columns (a tab goes to the next multiple of 4) and the rest.
        static func splitIndentation(_ line: ByteSlice) -> (indent: Int, content: ByteSlice) {
            var content = line
            var indent = 0
            while let byte = content.first, byte.isBlank {
                indent = byte == 0x09 ? indent + 4 - indent % 4 : indent + 1
                content = content.dropFirst()
            }
            return (indent, content)
        }

        /// Classifies a line with its indentation already taken off.
        init(_ bytes: ByteSlice) {
            let bytes = bytes.trimmingTrailing()
            guard let first = bytes.first else {
                self = .blank
                return
            }
            switch first {
            case UInt8(ascii: "o"), UInt8(ascii: "n"):
                self = TestPoint(bytes).map(Line.testPoint) ?? .other
            case UInt8(ascii: "#"):
                self = Self.commentOrSubtest(bytes)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                self = Plan(bytes).map(Line.plan) ?? .other
            case UInt8(ascii: "B"), UInt8(ascii: "b"):
                guard bytes.starts(caseInsensitive: "bail out!") else {
                    self = .other
                    return
                }
                let reason = bytes.dropFirst(9).trimmed()
                self = .bailOut(reason: reason.isEmpty ? nil : reason.unescaped)
            case UInt8(ascii: "T"), UInt8(ascii: "t"):
                guard bytes.starts(caseInsensitive: "tap version ") else {
                    self = .other
                    return
                }
                self = .version(bytes.dropFirst(12).trimmed().text)
            case UInt8(ascii: "p"):
                self = bytes.starts(with: "pragma ") ? .pragma : .other
            case UInt8(ascii: "-"):
                self = bytes.equals("---") ? .yamlStart : .other
            case UInt8(ascii: "."):
                self = bytes.equals("...") ? .yamlEnd : .other
            case UInt8(ascii: "{"):
                self = bytes.count == 1 ? .openBrace : .other
            case UInt8(ascii: "}"):
                self = bytes.count == 1 ? .closeBrace : .other
            default:
                self = .other
            }
        }

        /// A `#` line: a subtest heading or a plain comment.
        private static func commentOrSubtest(_ bytes: ByteSlice) -> Line {
            var body = bytes.dropFirst()
            if body.first == UInt8(ascii: " ") { body = body.dropFirst() }
            let trimmed = body.trimmed()
            if trimmed.starts(with: "Subtest") {
                let rest = trimmed.dropFirst(7)
                if rest.isEmpty { return .subtest(name: "") }
                if rest.first == UInt8(ascii: ":") { return .subtest(name: rest.dropFirst().trimmed().text) }
            }
            return .comment(body.text)
        }
    }

    /// A plan, `1..N`, with the reason of `1..0 # SKIP reason`.
    struct Plan: Equatable {
        var start: Int
        var end: Int
        var skipReason: String?

        /// `1..0`: every test is skipped.
        var skipsAll: Bool { end == 0 }
        var count: Int { skipsAll ? 0 : end - start + 1 }
        var text: String { "\(start)..\(end)" }

        /// Reads `1..N`, optionally followed by `# comment`; `nil` for anything else, or for a range
        /// that runs backwards.
        init?(_ bytes: ByteSlice) {
            guard let (start, afterStart) = bytes.leadingInteger(), bytes[afterStart...].starts(with: ".."),
                let (end, afterEnd) = bytes[(afterStart + 2)...].leadingInteger()
            else { return nil }
            guard end == 0 ? start <= 1 : start <= end else { return nil }
            let rest = bytes[afterEnd...].trimmed()
            guard rest.isEmpty || rest.first == UInt8(ascii: "#") else { return nil }
            self.start = start
            self.end = end
            if end == 0, !rest.isEmpty {
                var reason = rest.dropFirst().trimmed()
                let word = reason.prefix { $0.isASCIILetter }
                if word.count >= 4, word.starts(caseInsensitive: "skip") {
                    reason = reason.dropFirst(word.count)
                    if reason.first == UInt8(ascii: ":") { reason = reason.dropFirst() }
                    reason = reason.trimmed()
                }
                skipReason = reason.isEmpty ? nil : reason.unescaped
            }
        }
    }
}

extension ByteSlice {
    /// The text with TAP's escapes undone: `\#` is `#` and `\\` is `\`; other backslashes stay.
    var unescaped: String {
        guard contains(UInt8(ascii: "\\")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var offset = startIndex
        while offset < endIndex {
            let byte = self[offset]
            offset += 1
            guard byte == UInt8(ascii: "\\"), offset < endIndex else {
                bytes.append(byte)
                continue
            }
            let next = self[offset]
            offset += 1
            if next != UInt8(ascii: "#"), next != UInt8(ascii: "\\") { bytes.append(byte) }
            bytes.append(next)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
