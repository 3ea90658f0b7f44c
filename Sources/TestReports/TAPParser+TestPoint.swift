extension TAPParser {
    /// A test point line: `ok`/`not ok`, an optional number, an optional description, an optional
    /// `# SKIP`/`# TODO` directive (TAP 14 "Test Points", "Directives" and "Escaping").
    struct TestPoint: Equatable {
        /// `# SKIP reason` or `# TODO reason`.
        enum Directive: Equatable {
            case skip(reason: String?)
            case todo(reason: String?)
        }

        var ok: Bool
        var number: Int?
        /// The description with escapes undone; empty when the point has none.
        var description: String
        var directive: Directive?
        /// Seconds, from node-tap's `# time=12.3ms` comment.
        var duration: Double?
        /// The line ends in ` {`: a buffered subtest follows (Test2, node-tap).
        var opensBlock = false
        /// The description with its ` {`, for when no block follows after all.
        var descriptionWithBrace: String?

        /// The description, moved out and left empty.
        mutating func takeDescription() -> String {
            var text = ""
            swap(&text, &description)
            return text
        }

        /// Reads a test point; `nil` when the line is not one (`okay`, `ok:`).
        init?(_ line: ByteSlice) {
            var bytes = line
            if bytes.starts(with: "ok") {
                ok = true
                bytes = bytes.dropFirst(2)
            } else if bytes.starts(with: "not ok") {
                ok = false
                bytes = bytes.dropFirst(6)
            } else {
                return nil
            }
            if let next = bytes.first, !next.isBlank, next != UInt8(ascii: "-") { return nil }
            bytes = bytes.trimmed()
            if let (number, end) = bytes.leadingInteger() {
                let next = end < bytes.endIndex ? bytes[end] : nil
                if next == nil || next!.isBlank || next == UInt8(ascii: "-") || next == UInt8(ascii: "#") {
                    self.number = number
                    bytes = bytes[end...].trimmingLeading()
                }
            }
            if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst().trimmingLeading() }

            if bytes.last == UInt8(ascii: "{") {
                let before = bytes.dropLast()
                if before.isEmpty || before.last!.isBlank {
                    opensBlock = true
                    bytes = before.trimmingTrailing()
                }
            }

            var descriptionBytes = bytes
            if let hash = Self.directiveDelimiter(in: bytes) {
                let comment = bytes[(hash + 1)...].trimmed()
                let word = comment.prefix { $0.isASCIILetter }
                if word.count >= 4, word.starts(caseInsensitive: "skip") {
                    directive = .skip(reason: Self.reason(after: word, in: comment))
                    descriptionBytes = bytes[..<hash]
                } else if word.count == 4, word.starts(caseInsensitive: "todo") {
                    directive = .todo(reason: Self.reason(after: word, in: comment))
                    descriptionBytes = bytes[..<hash]
                } else if let duration = Self.time(comment) {
                    self.duration = duration
                    descriptionBytes = bytes[..<hash]
                }
            }
            description = descriptionBytes.trimmed().unescaped
            if opensBlock, !description.isEmpty { descriptionWithBrace = description + " {" }
        }

        /// The offset of the first `#` that is not escaped and stands at the start, after white
        /// space or after an escaped backslash (TAP 14: `\\# todo` is a directive, `\# todo` and
        /// `a#todo` are not).
        private static func directiveDelimiter(in bytes: ByteSlice) -> Int? {
            guard bytes.contains(UInt8(ascii: "\\")) else {
                // No escapes: the first `#` at the start or after white space.
                var from = bytes.startIndex
                while let hash = bytes.firstIndex(of: UInt8(ascii: "#"), from: from) {
                    if hash == bytes.startIndex || bytes[hash - 1].isBlank { return hash }
                    from = hash + 1
                }
                return nil
            }
            var offset = bytes.startIndex
            var mayDelimit = true
            while offset < bytes.endIndex {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\\") {
                    guard offset + 1 < bytes.endIndex else { return nil }
                    mayDelimit = bytes[offset + 1] == UInt8(ascii: "\\")
                    offset += 2
                    continue
                }
                if byte == UInt8(ascii: "#"), mayDelimit { return offset }
                mayDelimit = byte.isBlank
                offset += 1
            }
            return nil
        }

        /// The text after a directive word and an optional `:`; `nil` when there is none.
        private static func reason(after word: ByteSlice, in comment: ByteSlice) -> String? {
            var rest = comment.dropFirst(word.count)
            if rest.first == UInt8(ascii: ":") { rest = rest.dropFirst() }
            rest = rest.trimmed()
            return rest.isEmpty ? nil : rest.unescaped
        }

        /// Seconds from node-tap's `time=12.3ms` (or `time=1.2s`).
        private static func time(_ comment: ByteSlice) -> Double? {
            guard comment.starts(with: "time=") else { return nil }
            let value = comment.dropFirst(5).text
            if value.hasSuffix("ms") { return Double(value.dropLast(2)).map { $0 / 1000 } }
            if value.hasSuffix("s") { return Double(value.dropLast()) }
            return Double(value).map { $0 / 1000 }
        }
    }
}
