import Foundation

extension TAPParser {
    /// A window on the UTF-8 bytes of one line, valid only while the line's storage is borrowed
    /// (inside `withUTF8`). Classifying lines on raw bytes with integer offsets, rather than on
    /// `Substring` indices, is what keeps the parser above 100 MB/s.
    struct Bytes {
        private let base: UnsafeBufferPointer<UInt8>
        private(set) var start: Int
        private(set) var end: Int

        init(_ base: UnsafeBufferPointer<UInt8>) {
            self.base = base
            start = 0
            end = base.count
        }

        var isEmpty: Bool { start >= end }
        var count: Int { end - start }
        var first: UInt8? { start < end ? base[start] : nil }
        var last: UInt8? { start < end ? base[end - 1] : nil }
        subscript(offset: Int) -> UInt8 { base[offset] }

        func dropFirst(_ count: Int = 1) -> Bytes {
            var bytes = self
            bytes.start = Swift.min(start + count, end)
            return bytes
        }

        func dropLast(_ count: Int = 1) -> Bytes {
            var bytes = self
            bytes.end = Swift.max(end - count, start)
            return bytes
        }

        /// The bytes before `offset`.
        func prefix(upTo offset: Int) -> Bytes {
            var bytes = self
            bytes.end = offset
            return bytes
        }

        /// The bytes from `offset` on.
        func suffix(from offset: Int) -> Bytes {
            var bytes = self
            bytes.start = offset
            return bytes
        }

        /// The leading run of bytes that satisfy `predicate`.
        func prefix(while predicate: (UInt8) -> Bool) -> Bytes {
            var bytes = self
            bytes.end = start
            while bytes.end < end, predicate(base[bytes.end]) { bytes.end += 1 }
            return bytes
        }

        /// Without spaces and tabs at either end.
        func trimmed() -> Bytes {
            trimmingLeading().trimmingTrailing()
        }

        func trimmingLeading() -> Bytes {
            var bytes = self
            while bytes.start < bytes.end, base[bytes.start].isTAPWhitespace { bytes.start += 1 }
            return bytes
        }

        func trimmingTrailing() -> Bytes {
            var bytes = self
            while bytes.end > bytes.start, base[bytes.end - 1].isTAPWhitespace { bytes.end -= 1 }
            return bytes
        }

        func starts(with prefix: StaticString) -> Bool {
            guard prefix.utf8CodeUnitCount <= count else { return false }
            for offset in 0..<prefix.utf8CodeUnitCount where base[start + offset] != prefix.utf8Start[offset] {
                return false
            }
            return true
        }

        /// Whether the bytes begin with `prefix`, which is lower case, ASCII letters compared
        /// without case.
        func starts(caseInsensitive prefix: StaticString) -> Bool {
            guard prefix.utf8CodeUnitCount <= count else { return false }
            for offset in 0..<prefix.utf8CodeUnitCount
            where base[start + offset].tapLowercased != prefix.utf8Start[offset] {
                return false
            }
            return true
        }

        func equals(_ text: StaticString) -> Bool {
            count == text.utf8CodeUnitCount && starts(with: text)
        }

        func contains(_ byte: UInt8) -> Bool {
            firstOffset(of: byte, from: start) != nil
        }

        /// The offset of the first `byte` at or after `offset`.
        func firstOffset(of byte: UInt8, from offset: Int) -> Int? {
            guard offset < end, let address = base.baseAddress else { return nil }
            guard let found = memchr(address + offset, Int32(byte), end - offset) else { return nil }
            return UnsafeRawPointer(address).distance(to: found)
        }

        /// Takes a run of up to 18 digits off the front and returns its value; `nil`, taking
        /// nothing, when there is no digit or too many.
        mutating func takeNumber() -> Int? {
            var offset = start
            var value = 0
            while offset < end, base[offset] >= UInt8(ascii: "0"), base[offset] <= UInt8(ascii: "9") {
                guard offset - start < 18 else { return nil }
                value = value * 10 + Int(base[offset] - UInt8(ascii: "0"))
                offset += 1
            }
            guard offset > start else { return nil }
            start = offset
            return value
        }

        func appendTo(_ array: inout [UInt8]) {
            array.append(contentsOf: UnsafeBufferPointer(rebasing: base[start..<end]))
        }

        var string: String {
            String(decoding: UnsafeBufferPointer(rebasing: base[start..<end]), as: UTF8.self)
        }

        /// The text with TAP's escapes undone: `\#` is `#` and `\\` is `\`; other backslashes stay.
        var unescaped: String {
            guard contains(UInt8(ascii: "\\")) else { return string }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            var offset = start
            while offset < end {
                let byte = base[offset]
                offset += 1
                guard byte == UInt8(ascii: "\\"), offset < end else {
                    bytes.append(byte)
                    continue
                }
                let next = base[offset]
                offset += 1
                if next != UInt8(ascii: "#"), next != UInt8(ascii: "\\") { bytes.append(byte) }
                bytes.append(next)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension UInt8 {
    var isTAPWhitespace: Bool { self == 0x20 || self == 0x09 }
    var isTAPLetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    var tapLowercased: UInt8 { self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self | 0x20 : self }
}

extension Substring {
    /// The text without spaces and tabs at its end.
    func tapDroppingTrailingWhitespace() -> Substring {
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            guard utf8[before].isTAPWhitespace else { break }
            end = before
        }
        return self[..<end]
    }
}
