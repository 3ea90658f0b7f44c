import Foundation

extension SwiftTestOutputParser {
    /// A window on the UTF-8 bytes of one line, valid only while the buffer it looks into is (the
    /// read buffer, or a string's storage inside `withUTF8`). The parser looks at every line of a
    /// log that can run to gigabytes, so it compares bytes at integer offsets, with `memchr` to
    /// search, and makes a `String` only of the parts it keeps.
    struct Bytes {
        private let base: UnsafeBufferPointer<UInt8>
        let startIndex: Int
        let endIndex: Int

        init(_ base: UnsafeBufferPointer<UInt8>) {
            self.init(base: base, start: 0, end: base.count)
        }

        private init(base: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
            self.base = base
            startIndex = start
            endIndex = end
        }

        var isEmpty: Bool { startIndex >= endIndex }
        var first: UInt8? { isEmpty ? nil : base[startIndex] }
        subscript(offset: Int) -> UInt8 { base[offset] }
        subscript(range: Range<Int>) -> Bytes { Bytes(base: base, start: range.lowerBound, end: range.upperBound) }
        subscript(range: PartialRangeFrom<Int>) -> Bytes { Bytes(base: base, start: range.lowerBound, end: endIndex) }
        subscript(range: PartialRangeUpTo<Int>) -> Bytes { Bytes(base: base, start: startIndex, end: range.upperBound) }

        /// The bytes themselves, for `BoundedText`.
        var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: base[startIndex..<endIndex]) }

        /// The bytes as text.
        var text: String { String(decoding: buffer, as: UTF8.self) }

        private var address: UnsafePointer<UInt8>? { base.baseAddress.map { $0 + startIndex } }

        /// Compares byte by byte: the prefixes are short, and a call to `memcmp` costs more.
        @inline(__always)
        func starts(with literal: StaticString) -> Bool {
            let length = literal.utf8CodeUnitCount
            guard endIndex - startIndex >= length else { return false }
            let prefix = literal.utf8Start
            var offset = 0
            while offset < length {
                if base[startIndex + offset] != prefix[offset] { return false }
                offset += 1
            }
            return true
        }

        func ends(with literal: StaticString) -> Bool {
            let length = literal.utf8CodeUnitCount
            guard endIndex - startIndex >= length, let base = base.baseAddress else { return length == 0 }
            return memcmp(base + endIndex - length, literal.utf8Start, length) == 0
        }

        /// The bytes after `literal`, or `nil` when they do not start with it.
        @inline(__always)
        func dropping(_ literal: StaticString) -> Bytes? {
            starts(with: literal) ? self[(startIndex + literal.utf8CodeUnitCount)...] : nil
        }

        /// The bytes before `literal`, or `nil` when they do not end with it.
        func droppingSuffix(_ literal: StaticString) -> Bytes? {
            ends(with: literal) ? self[..<(endIndex - literal.utf8CodeUnitCount)] : nil
        }

        /// Where `literal` first occurs at or after `from`.
        func firstIndex(of literal: StaticString, from: Int? = nil) -> Int? {
            find(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount), from: from)
        }

        /// Where `string` first occurs. (Not an overload of `firstIndex(of:)`: a literal would pick it.)
        func firstIndex(ofText string: String) -> Int? {
            var string = string
            return string.withUTF8 { find(UnsafeRawBufferPointer($0), from: nil) }
        }

        /// Where `literal` last occurs.
        func lastIndex(of literal: StaticString) -> Int? {
            let length = literal.utf8CodeUnitCount
            guard length > 0, endIndex - startIndex >= length, let base = base.baseAddress else { return nil }
            var index = endIndex - length
            while index >= startIndex {
                if base[index] == literal.utf8Start.pointee, memcmp(base + index, literal.utf8Start, length) == 0 {
                    return index
                }
                index -= 1
            }
            return nil
        }

        func contains(_ literal: StaticString) -> Bool { firstIndex(of: literal) != nil }

        /// Whether the bytes are those of `string`.
        func equals(_ string: String) -> Bool {
            var string = string
            return string.withUTF8 { other in
                other.count == endIndex - startIndex
                    && (other.isEmpty || memcmp(other.baseAddress!, address!, other.count) == 0)
            }
        }

        /// The bytes without leading spaces and tabs.
        var trimmingLeadingBlanks: Bytes {
            var index = startIndex
            while index < endIndex, base[index] == 0x20 || base[index] == 0x09 { index += 1 }
            return self[index...]
        }

        /// The decimal number at the start, with the index after it.
        func leadingInteger() -> (value: Int, end: Int)? {
            var value = 0
            var index = startIndex
            while index < endIndex, (0x30...0x39).contains(base[index]), value < Int.max / 10 - 10 {
                value = value * 10 + Int(base[index] - 0x30)
                index += 1
            }
            return index > startIndex ? (value, index) : nil
        }

        /// The number (`0.003`, `12`) at the start, as seconds: one division of two exact integers,
        /// which rounds as `Double("0.003")` does, without its cost.
        func leadingSeconds() -> Double? {
            var end = startIndex
            var point: Int?
            while end < endIndex, (0x30...0x39).contains(base[end]) || (base[end] == 0x2E && point == nil) {
                if base[end] == 0x2E { point = end }
                end += 1
            }
            let digitCount = end - startIndex - (point == nil ? 0 : 1)
            guard digitCount > 0 else { return nil }
            guard digitCount <= 15 else { return Double(self[..<end].text) }
            var digits = 0
            for index in startIndex..<end where index != point { digits = digits * 10 + Int(base[index] - 0x30) }
            var scale = 1
            if let point { for _ in (point + 1)..<end { scale *= 10 } }
            return Double(digits) / Double(scale)
        }

        private func find(_ needle: UnsafeRawBufferPointer, from: Int?) -> Int? {
            let start = from ?? startIndex
            guard let needleStart = needle.baseAddress, needle.count > 0, let base = base.baseAddress,
                endIndex - start >= needle.count
            else { return nil }
            let first = Int32(needle[0])
            let last = endIndex - needle.count
            var index = start
            while index <= last {
                guard let found = memchr(base + index, first, last - index + 1) else { return nil }
                index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                if memcmp(base + index, needleStart, needle.count) == 0 { return index }
                index += 1
            }
            return nil
        }
    }

    /// A source location printed as `path:line` (XCTest) or `file:line:column` (Swift Testing).
    struct Location: Equatable {
        var file: String?
        var line: Int?
        var column: Int?

        /// Reads `path:line` or `path:line:column`; `<EXPR>:0` (a thrown error) has no place.
        init?(_ bytes: Bytes, column wantsColumn: Bool) {
            guard let last = bytes.lastIndex(of: ":"), last > bytes.startIndex,
                let tail = bytes[(last + 1)...].leadingInteger(), tail.end == bytes.endIndex
            else { return nil }
            var path = bytes[..<last]
            if wantsColumn {
                guard let middle = path.lastIndex(of: ":"), middle > path.startIndex,
                    let lineNumber = path[(middle + 1)...].leadingInteger(), lineNumber.end == path.endIndex
                else { return nil }
                line = lineNumber.value
                column = tail.value
                path = path[..<middle]
            } else {
                line = tail.value
            }
            let name = path.text
            if name == "<EXPR>" || name == "<unknown>" {
                file = nil
                line = nil
            } else {
                file = name
            }
        }

        var description: String {
            var text = file ?? ""
            if let line { text += ":\(line)" }
            if let column { text += ":\(column)" }
            return text
        }
    }

    /// `Module.Suite` → `Suite`.
    static func lastComponent(_ name: String) -> String {
        name.split(separator: ".").last.map(String.init) ?? name
    }
}
