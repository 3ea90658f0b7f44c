extension TAPParser {
    /// A YAML value, as far as `YAMLReader` understands YAML.
    indirect enum YAMLValue: Equatable {
        case scalar(String)
        case list([YAMLValue])
        case map([YAMLEntry])

        var scalar: String? {
            if case .scalar(let text) = self { text } else { nil }
        }

        subscript(key: String) -> YAMLValue? {
            if case .map(let entries) = self { entries.first { $0.key == key }?.value } else { nil }
        }
    }

    /// One `key: value` of a map.
    struct YAMLEntry: Equatable {
        var key: String
        var value: YAMLValue
        /// The lines the entry spans in the block, for quoting it as written.
        var lines: Range<Int>
    }

    /// Reads the part of YAML that TAP producers write in diagnostic blocks: nested maps, lists,
    /// plain and quoted scalars, `|` and `>` block scalars. Flow collections (`[a, b]`, `{a: b}`)
    /// are kept as text. Anything else makes `readMap` return `nil`, so the caller can keep the
    /// block as text; it never traps.
    struct YAMLReader {
        private static let maximumDepth = 64
        private var lines: [Substring]
        private var index = 0
        private var depth = 0

        /// `lines` is a block with its own indentation taken off, without `---` and `...`.
        init(lines: [Substring]) {
            self.lines = lines
        }

        /// The block as a map, or `nil` when it is not a map this reader understands.
        static func readMap(_ lines: [Substring]) -> [YAMLEntry]? {
            var reader = YAMLReader(lines: lines)
            reader.skipBlankLines()
            guard reader.index < lines.count, case .map(let entries)? = reader.map(indent: reader.indentation()),
                reader.skippingBlankLinesReachesEnd()
            else { return nil }
            return entries
        }

        // MARK: Nodes

        private mutating func map(indent: Int) -> YAMLValue? {
            guard enter() else { return nil }
            defer { depth -= 1 }
            var entries: [YAMLEntry] = []
            while true {
                skipBlankLines()
                guard index < lines.count else { break }
                let lineIndent = indentation()
                if lineIndent < indent { break }
                guard lineIndent == indent, let (key, rest) = Self.keyAndValue(content()) else { return nil }
                let first = index
                index += 1
                guard let value = value(rest, parentIndent: indent) else { return nil }
                var end = index
                while end > first + 1, Self.isBlank(lines[end - 1]) { end -= 1 }
                entries.append(YAMLEntry(key: key, value: value, lines: first..<end))
            }
            return .map(entries)
        }

        private mutating func list(indent: Int) -> YAMLValue? {
            guard enter() else { return nil }
            defer { depth -= 1 }
            var items: [YAMLValue] = []
            while true {
                skipBlankLines()
                guard index < lines.count, indentation() == indent else { break }
                let text = content()
                guard Self.isListItem(text) else { break }
                let item = Self.droppingSpaces(text.dropFirst())
                if !item.isEmpty, Self.keyAndValue(item) != nil {
                    // `- key: value`: a map whose first key stands after the dash.
                    let column = indent + (text.count - item.count)
                    lines[index] = Substring(String(repeating: " ", count: column) + item)
                    guard let map = map(indent: column) else { return nil }
                    items.append(map)
                } else {
                    index += 1
                    guard let value = value(item, parentIndent: indent) else { return nil }
                    items.append(value)
                }
            }
            return .list(items)
        }

        /// The value after `key:` or `-`: `rest` is what follows on the same line.
        private mutating func value(_ rest: Substring, parentIndent: Int) -> YAMLValue? {
            if rest.isEmpty {
                skipBlankLines()
                guard index < lines.count else { return .scalar("") }
                let next = indentation()
                if next > parentIndent { return node(indent: next) }
                if next == parentIndent, Self.isListItem(content()) {
                    return list(indent: parentIndent)
                }
                return .scalar("")
            }
            switch rest.utf8.first {
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                return .scalar(blockScalar(header: rest, parentIndent: parentIndent))
            case UInt8(ascii: "'"), UInt8(ascii: "\""): return .scalar(quotedScalar(rest, parentIndent: parentIndent))
            case UInt8(ascii: "["), UInt8(ascii: "{"): return .scalar(String(rest))
            default: return .scalar(plainScalar(rest, parentIndent: parentIndent))
            }
        }

        /// A nested block: a map, a list or a multi-line plain scalar.
        private mutating func node(indent: Int) -> YAMLValue? {
            let text = content()
            if Self.isListItem(text) { return list(indent: indent) }
            if Self.keyAndValue(text) != nil { return map(indent: indent) }
            index += 1
            return .scalar(plainScalar(text, parentIndent: indent - 1))
        }

        // MARK: Scalars

        /// `|` keeps line breaks, `>` folds them into spaces; `-` strips the final break, `+` keeps
        /// every trailing one.
        private mutating func blockScalar(header: Substring, parentIndent: Int) -> String {
            let folded = header.first == ">"
            let chomping = header.dropFirst().first { $0 == "-" || $0 == "+" }
            var body: [Substring] = []
            var contentIndent: Int?
            while index < lines.count {
                let line = lines[index]
                if Self.isBlank(line) {
                    body.append("")
                    index += 1
                    continue
                }
                let lineIndent = indentation()
                guard lineIndent > parentIndent, lineIndent >= (contentIndent ?? 0) else { break }
                if contentIndent == nil { contentIndent = lineIndent }
                body.append(line.dropFirst(contentIndent ?? 0))
                index += 1
            }
            var trailingBlanks = 0
            while let last = body.last, last.isEmpty {
                body.removeLast()
                trailingBlanks += 1
            }
            var text = ""
            for (offset, line) in body.enumerated() {
                if offset > 0 {
                    let previous = body[offset - 1]
                    if !folded || line.isEmpty || line.first == " " || previous.first == " " {
                        text += "\n"
                    } else if !previous.isEmpty {
                        // Folding: a single line break is a space; a blank line is the break itself.
                        text += " "
                    }
                }
                text += line
            }
            switch chomping {
            case "-": return text
            case "+": return text + String(repeating: "\n", count: trailingBlanks + 1)
            default: return body.isEmpty ? "" : text + "\n"
            }
        }

        /// A `'…'` or `"…"` scalar, which may go on over the following, deeper lines.
        private mutating func quotedScalar(_ start: Substring, parentIndent: Int) -> String {
            var text = String(start)
            let quote = start.first!
            while Self.closingQuote(in: text.dropFirst(), quote: quote) == nil, index < lines.count,
                Self.isBlank(lines[index]) || indentation() > parentIndent
            {
                let line = content()
                text += line.isEmpty ? "\n" : " " + line
                index += 1
            }
            return Self.unquote(Substring(text))
        }

        /// A plain scalar and the deeper lines that continue it, joined with spaces.
        private mutating func plainScalar(_ start: Substring, parentIndent: Int) -> String {
            var text = String(Self.droppingComment(start))
            while index < lines.count, !Self.isBlank(lines[index]), indentation() > parentIndent {
                text += " " + content()
                index += 1
            }
            return text
        }

        // MARK: Helpers

        private mutating func enter() -> Bool {
            guard depth < Self.maximumDepth else { return false }
            depth += 1
            return true
        }

        private mutating func skipBlankLines() {
            while index < lines.count {
                let text = content()
                guard text.isEmpty || text.utf8.first == UInt8(ascii: "#") else { return }
                index += 1
            }
        }

        private mutating func skippingBlankLinesReachesEnd() -> Bool {
            skipBlankLines()
            return index == lines.count
        }

        /// The number of spaces that begin the current line.
        private func indentation() -> Int {
            lines[index].utf8.prefix { $0 == 0x20 }.count
        }

        /// The current line without its indentation and trailing white space.
        private func content() -> Substring {
            let line = lines[index]
            let start = line.utf8.firstIndex { !$0.isTAPWhitespace } ?? line.endIndex
            return line[start...].tapDroppingTrailingWhitespace()
        }
    }
}
