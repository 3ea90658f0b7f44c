extension TAPParser {
    /// A YAML value, as far as `YAMLReader` understands YAML.
    enum YAMLValue: Equatable {
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

    /// The lines of a YAML block, in one buffer of UTF-8 separated by LF.
    struct YAMLText {
        let bytes: [UInt8]
        /// Where each line is in `bytes`, without its LF.
        let lines: [Range<Int>]

        /// `bytes` split at LF; a final LF ends the last line rather than starting an empty one.
        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var lines: [Range<Int>] = []
            lines.reserveCapacity(16)
            var start = 0
            for (offset, byte) in bytes.enumerated() where byte == 0x0A {
                lines.append(start..<offset)
                start = offset + 1
            }
            if start < bytes.count || lines.isEmpty { lines.append(start..<bytes.count) }
            self.lines = lines
        }

        init(_ text: String) {
            self.init(Array(text.utf8))
        }

        /// The lines in `range` as written, without blank lines at either end; `nil` when that
        /// leaves nothing.
        func text(ofLines range: Range<Int>) -> String? {
            let isBlank = { (line: Range<Int>) in bytes[line].allSatisfy(\.isBlank) }
            guard let first = range.first(where: { !isBlank(lines[$0]) }),
                let last = range.last(where: { !isBlank(lines[$0]) })
            else { return nil }
            return String(decoding: bytes[lines[first].lowerBound..<lines[last].upperBound], as: UTF8.self)
        }
    }

    /// Reads the part of YAML that TAP producers write in diagnostic blocks: nested maps, lists,
    /// plain and quoted scalars, `|` and `>` block scalars. Flow collections (`[a, b]`, `{a: b}`)
    /// are kept as text. Anything else makes `readMap` return `nil`, so the caller can keep the
    /// block as text; it never traps.
    ///
    /// It reads the block's bytes in place and makes a `String` only of keys and values: blocks
    /// come after many failing test points, and a reader of `Substring`s took a third of the parse.
    struct YAMLReader {
        private static let maximumDepth = 64

        /// One line: its indentation in spaces, and its content without white space at either end.
        private struct Line {
            var indent: Int
            var content: ByteSlice
            /// The line as written.
            let whole: ByteSlice

            init(_ whole: ByteSlice) {
                self.whole = whole
                indent = whole.prefix { $0 == 0x20 }.count
                content = whole.trimmed()
            }
        }

        private var lines: [Line]
        private var index = 0
        private var depth = 0

        private init(lines: [Line]) {
            self.lines = lines
        }

        /// The block as a map, or `nil` when it is not a map this reader understands. `text` is a
        /// block with its own indentation taken off, without `---` and `...`.
        static func readMap(_ text: YAMLText) -> [YAMLEntry]? {
            text.bytes.withUnsafeBufferPointer { buffer in
                let whole = ByteSlice(buffer)
                var reader = YAMLReader(lines: text.lines.map { Line(whole[$0]) })
                reader.skipBlankLines()
                guard reader.index < reader.lines.count,
                    case .map(let entries)? = reader.map(indent: reader.lines[reader.index].indent),
                    reader.skippingBlankLinesReachesEnd()
                else { return nil }
                return entries
            }
        }

        // MARK: Nodes

        private mutating func map(indent: Int) -> YAMLValue? {
            guard enter() else { return nil }
            defer { depth -= 1 }
            var entries: [YAMLEntry] = []
            entries.reserveCapacity(8)
            while true {
                skipBlankLines()
                guard index < lines.count else { break }
                let lineIndent = lines[index].indent
                if lineIndent < indent { break }
                guard lineIndent == indent, let (key, rest) = Self.keyAndValue(lines[index].content) else { return nil }
                let first = index
                index += 1
                guard let value = value(rest, parentIndent: indent) else { return nil }
                var end = index
                while end > first + 1, lines[end - 1].content.isEmpty { end -= 1 }
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
                guard index < lines.count, lines[index].indent == indent else { break }
                let text = lines[index].content
                guard Self.isListItem(text) else { break }
                let item = Self.droppingSpaces(text.dropFirst())
                if !item.isEmpty, Self.keyAndValue(item) != nil {
                    // `- key: value`: a map whose first key stands where the item starts.
                    lines[index].indent = indent + (text.count - item.count)
                    lines[index].content = item
                    guard let map = map(indent: lines[index].indent) else { return nil }
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
        private mutating func value(_ rest: ByteSlice, parentIndent: Int) -> YAMLValue? {
            guard let first = rest.first else {
                skipBlankLines()
                guard index < lines.count else { return .scalar("") }
                let next = lines[index].indent
                if next > parentIndent { return node(indent: next) }
                if next == parentIndent, Self.isListItem(lines[index].content) {
                    return list(indent: parentIndent)
                }
                return .scalar("")
            }
            switch first {
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                return .scalar(blockScalar(header: rest, parentIndent: parentIndent))
            case UInt8(ascii: "'"), UInt8(ascii: "\""): return .scalar(quotedScalar(rest, parentIndent: parentIndent))
            case UInt8(ascii: "["), UInt8(ascii: "{"): return .scalar(rest.text)
            default: return .scalar(plainScalar(rest, parentIndent: parentIndent))
            }
        }

        /// A nested block: a map, a list or a multi-line plain scalar.
        private mutating func node(indent: Int) -> YAMLValue? {
            let text = lines[index].content
            if Self.isListItem(text) { return list(indent: indent) }
            if Self.keyAndValue(text) != nil { return map(indent: indent) }
            index += 1
            return .scalar(plainScalar(text, parentIndent: indent - 1))
        }

        // MARK: Scalars

        /// `|` keeps line breaks, `>` folds them into spaces; `-` strips the final break, `+` keeps
        /// every trailing one.
        private mutating func blockScalar(header: ByteSlice, parentIndent: Int) -> String {
            let folded = header.first == UInt8(ascii: ">")
            let chomping = header.dropFirst().buffer.first { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
            /// The lines of the scalar without its indentation; blank lines are empty.
            var body: [ByteSlice] = []
            var contentIndent: Int?
            while index < lines.count {
                let line = lines[index]
                if line.content.isEmpty {
                    body.append(line.content)
                    index += 1
                    continue
                }
                guard line.indent > parentIndent, line.indent >= (contentIndent ?? 0) else { break }
                if contentIndent == nil { contentIndent = line.indent }
                body.append(line.whole.dropFirst(contentIndent ?? 0))
                index += 1
            }
            var trailingBlanks = 0
            while let last = body.last, last.isEmpty {
                body.removeLast()
                trailingBlanks += 1
            }
            var text: [UInt8] = []
            for (offset, line) in body.enumerated() {
                if offset > 0 {
                    let previous = body[offset - 1]
                    if !folded || line.isEmpty || line.first == 0x20 || previous.first == 0x20 {
                        text.append(0x0A)
                    } else if !previous.isEmpty {
                        // Folding: a single line break is a space; a blank line is the break itself.
                        text.append(0x20)
                    }
                }
                text.append(contentsOf: line.buffer)
            }
            switch chomping {
            case UInt8(ascii: "-"): break
            case UInt8(ascii: "+"): text.append(contentsOf: repeatElement(0x0A, count: trailingBlanks + 1))
            default: if !body.isEmpty { text.append(0x0A) }
            }
            return String(decoding: text, as: UTF8.self)
        }

        /// A `'…'` or `"…"` scalar, which may go on over the following, deeper lines.
        private mutating func quotedScalar(_ start: ByteSlice, parentIndent: Int) -> String {
            let quote = start[start.startIndex]
            func continues(_ line: Line) -> Bool { line.content.isEmpty || line.indent > parentIndent }
            guard Self.closingQuote(in: start.dropFirst(), quote: quote) == nil, index < lines.count,
                continues(lines[index])
            else { return Self.unquote(start) }
            var text = Array(start.buffer)
            repeat {
                let line = lines[index].content
                // A blank line is a line break; otherwise lines are joined with a space.
                if line.isEmpty {
                    text.append(0x0A)
                } else {
                    if text.last != 0x0A { text.append(0x20) }
                    text.append(contentsOf: line.buffer)
                }
                index += 1
            } while index < lines.count && continues(lines[index])
                && text.withUnsafeBufferPointer({ Self.closingQuote(in: ByteSlice($0).dropFirst(), quote: quote) })
                    == nil
            return text.withUnsafeBufferPointer { Self.unquote(ByteSlice($0)) }
        }

        /// A plain scalar and the deeper lines that continue it, joined with spaces.
        private mutating func plainScalar(_ start: ByteSlice, parentIndent: Int) -> String {
            let first = Self.droppingComment(start)
            func continues(_ line: Line) -> Bool { !line.content.isEmpty && line.indent > parentIndent }
            guard index < lines.count, continues(lines[index]) else { return first.text }
            var text = Array(first.buffer)
            while index < lines.count, continues(lines[index]) {
                text.append(0x20)
                text.append(contentsOf: lines[index].content.buffer)
                index += 1
            }
            return String(decoding: text, as: UTF8.self)
        }

        // MARK: Helpers

        private mutating func enter() -> Bool {
            guard depth < Self.maximumDepth else { return false }
            depth += 1
            return true
        }

        /// Skips blank lines and comment lines.
        private mutating func skipBlankLines() {
            while index < lines.count {
                let content = lines[index].content
                guard content.isEmpty || content.first == UInt8(ascii: "#") else { return }
                index += 1
            }
        }

        private mutating func skippingBlankLinesReachesEnd() -> Bool {
            skipBlankLines()
            return index == lines.count
        }
    }
}
