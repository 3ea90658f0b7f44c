import Foundation

/// The line-level syntax of the YAML subset: blank lines, list items, `key: value`, comments and
/// quoted scalars.
extension TAPParser.YAMLReader {
    static func isBlank(_ line: Substring) -> Bool {
        line.utf8.allSatisfy(\.isTAPWhitespace)
    }

    /// `-` alone or `- item`.
    static func isListItem(_ text: Substring) -> Bool {
        text == "-" || text.utf8.starts(with: "- ".utf8)
    }

    static func droppingSpaces(_ text: Substring) -> Substring {
        text[(text.utf8.firstIndex { $0 != 0x20 } ?? text.endIndex)...]
    }

    /// `key: value` or `key:`; keys may be quoted.
    static func keyAndValue(_ text: Substring) -> (key: String, value: Substring)? {
        var keyEnd: Substring.Index
        var key: String
        if let quote = text.utf8.first, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
            let quote = Character(Unicode.Scalar(quote))
            guard let close = closingQuote(in: text.dropFirst(), quote: quote) else { return nil }
            keyEnd = text.index(after: close)
            key = unquote(text[..<keyEnd])
            guard keyEnd < text.endIndex, text[keyEnd] == ":" else { return nil }
        } else {
            guard let first = text.utf8.first, first != UInt8(ascii: "-"), first != UInt8(ascii: "["),
                first != UInt8(ascii: "{"), first != UInt8(ascii: "#")
            else { return nil }
            var search = text.startIndex
            while true {
                guard let colon = text.utf8[search...].firstIndex(of: UInt8(ascii: ":")) else { return nil }
                let after = text.utf8.index(after: colon)
                if after == text.endIndex || text.utf8[after] == 0x20 {
                    keyEnd = colon
                    break
                }
                search = after
            }
            key = String(text[..<keyEnd])
        }
        let value = droppingSpaces(text[text.utf8.index(after: keyEnd)...])
        return (key, droppingComment(value))
    }

    /// A plain value without its ` # comment`; quoted values keep their `#`.
    static func droppingComment(_ text: Substring) -> Substring {
        guard let first = text.utf8.first, first != UInt8(ascii: "'"), first != UInt8(ascii: "\"") else {
            return text
        }
        var previous: UInt8 = 0x20
        var index = text.utf8.startIndex
        while index < text.utf8.endIndex {
            let byte = text.utf8[index]
            if byte == UInt8(ascii: "#"), previous == 0x20 { return text[..<index].tapDroppingTrailingWhitespace() }
            previous = byte
            index = text.utf8.index(after: index)
        }
        return text
    }

    /// The index of the quote that closes a scalar whose opening quote is already dropped.
    static func closingQuote(in text: Substring, quote: Character) -> Substring.Index? {
        // Quotes and backslashes are ASCII: scalars are enough, and far cheaper than characters.
        let scalars = text.unicodeScalars
        let quoteScalar = quote.unicodeScalars.first!
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if quoteScalar == "\"", scalar == "\\" {
                index = scalars.index(after: index)
                if index < scalars.endIndex { index = scalars.index(after: index) }
                continue
            }
            if scalar == quoteScalar {
                let next = scalars.index(after: index)
                if quoteScalar == "'", next < scalars.endIndex, scalars[next] == "'" {
                    index = scalars.index(after: next)
                    continue
                }
                return index
            }
            index = scalars.index(after: index)
        }
        return nil
    }

    /// The text of a quoted scalar: `''` is `'` in single quotes, backslash escapes in double.
    /// Text without a closing quote is returned as written.
    static func unquote(_ text: Substring) -> String {
        guard let quote = text.first, let close = closingQuote(in: text.dropFirst(), quote: quote) else {
            return String(text)
        }
        let inner = text[text.index(after: text.startIndex)..<close]
        if quote == "'" {
            guard inner.utf8.contains(UInt8(ascii: "'")) else { return String(inner) }
            return inner.replacingOccurrences(of: "''", with: "'")
        }
        var result = ""
        var characters = inner.makeIterator()
        while let character = characters.next() {
            guard character == "\\", let escaped = characters.next() else {
                result.append(character)
                continue
            }
            switch escaped {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "0": result.append("\0")
            case "u", "x", "U":
                let length = escaped == "x" ? 2 : escaped == "u" ? 4 : 8
                var hex = ""
                for _ in 0..<length { if let digit = characters.next() { hex.append(digit) } }
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "\\\(escaped)\(hex)"
                }
            default: result.append(escaped)
            }
        }
        return result
    }
}
