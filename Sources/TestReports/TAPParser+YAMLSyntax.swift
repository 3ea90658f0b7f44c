/// The line-level syntax of the YAML subset: list items, `key: value`, comments and quoted
/// scalars, read on a line's content (its white space at either end already taken off).
extension TAPParser.YAMLReader {
    /// `-` alone or `- item`.
    static func isListItem(_ text: ByteSlice) -> Bool {
        text.equals("-") || text.starts(with: "- ")
    }

    static func droppingSpaces(_ text: ByteSlice) -> ByteSlice {
        text[(text.startIndex + text.prefix { $0 == 0x20 }.count)...]
    }

    /// `key: value` or `key:`; keys may be quoted.
    static func keyAndValue(_ text: ByteSlice) -> (key: String, value: ByteSlice)? {
        guard let first = text.first else { return nil }
        let keyEnd: Int
        let key: String
        if first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") {
            guard let close = closingQuote(in: text.dropFirst(), quote: first) else { return nil }
            keyEnd = close + 1
            key = unquote(text[..<keyEnd])
            guard keyEnd < text.endIndex, text[keyEnd] == UInt8(ascii: ":") else { return nil }
        } else {
            guard first != UInt8(ascii: "-"), first != UInt8(ascii: "["), first != UInt8(ascii: "{"),
                first != UInt8(ascii: "#")
            else { return nil }
            var search = text.startIndex
            while true {
                guard let colon = text.firstIndex(of: UInt8(ascii: ":"), from: search) else { return nil }
                if colon + 1 == text.endIndex || text[colon + 1] == 0x20 {
                    keyEnd = colon
                    break
                }
                search = colon + 1
            }
            key = text[..<keyEnd].text
        }
        return (key, droppingComment(droppingSpaces(text[(keyEnd + 1)...])))
    }

    /// A plain value without its ` # comment`; quoted values keep their `#`.
    static func droppingComment(_ text: ByteSlice) -> ByteSlice {
        guard let first = text.first, first != UInt8(ascii: "'"), first != UInt8(ascii: "\"") else { return text }
        var search = text.startIndex
        while let hash = text.firstIndex(of: UInt8(ascii: "#"), from: search) {
            if hash == text.startIndex || text[hash - 1] == 0x20 { return text[..<hash].trimmingTrailing() }
            search = hash + 1
        }
        return text
    }

    /// The offset of the quote that closes a scalar whose opening quote is already dropped. (Quotes
    /// and backslashes are ASCII: a byte that is one of them is never part of another character.)
    static func closingQuote(in text: ByteSlice, quote: UInt8) -> Int? {
        var offset = text.startIndex
        while offset < text.endIndex {
            let byte = text[offset]
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                offset += 2
                continue
            }
            if byte == quote {
                if quote == UInt8(ascii: "'"), offset + 1 < text.endIndex, text[offset + 1] == quote {
                    offset += 2
                    continue
                }
                return offset
            }
            offset += 1
        }
        return nil
    }

    /// The text of a quoted scalar: `''` is `'` in single quotes, backslash escapes in double.
    /// Text without a closing quote is returned as written.
    static func unquote(_ text: ByteSlice) -> String {
        guard let quote = text.first, let close = closingQuote(in: text.dropFirst(), quote: quote) else {
            return text.text
        }
        let inner = text[(text.startIndex + 1)..<close]
        let escape = quote == UInt8(ascii: "'") ? quote : UInt8(ascii: "\\")
        guard inner.contains(escape) else { return inner.text }
        var result: [UInt8] = []
        result.reserveCapacity(inner.count)
        var offset = inner.startIndex
        while offset < inner.endIndex {
            let byte = inner[offset]
            offset += 1
            guard byte == escape, offset < inner.endIndex else {
                result.append(byte)
                continue
            }
            let escaped = inner[offset]
            offset += 1
            guard quote == UInt8(ascii: "\"") else {
                result.append(escaped)  // `''`
                continue
            }
            switch escaped {
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "0"): result.append(0)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let length = escaped == UInt8(ascii: "x") ? 2 : escaped == UInt8(ascii: "u") ? 4 : 8
                let hex = inner[offset..<min(offset + length, inner.endIndex)]
                offset = hex.endIndex
                if let value = UInt32(hex.text, radix: 16), let scalar = Unicode.Scalar(value) {
                    result.append(contentsOf: String(scalar).utf8)
                } else {
                    result.append(contentsOf: [byte, escaped])
                    result.append(contentsOf: hex.buffer)
                }
            default: result.append(escaped)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
