import Foundation

/// A window on UTF-8 bytes, valid only while the buffer it looks into is (a line lent by
/// `LineReader`, or a string's storage inside `withUTF8`).
///
/// The line-based parsers (TAP, `swift test` output) look at every line of logs that run to
/// gigabytes, so they compare bytes at integer offsets, search with `memchr`, and make a `String`
/// only of the parts they keep: this, rather than `Substring` indices, is what keeps them above
/// 100 MB/s.
struct ByteSlice {
    private let base: UnsafeBufferPointer<UInt8>
    private(set) var startIndex: Int
    private(set) var endIndex: Int

    init(_ base: UnsafeBufferPointer<UInt8>) {
        self.init(base: base, start: 0, end: base.count)
    }

    private init(base: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.base = base
        startIndex = start
        endIndex = end
    }

    var isEmpty: Bool { startIndex >= endIndex }
    var count: Int { endIndex - startIndex }
    var first: UInt8? { isEmpty ? nil : base[startIndex] }
    var last: UInt8? { isEmpty ? nil : base[endIndex - 1] }
    subscript(offset: Int) -> UInt8 { base[offset] }
    subscript(range: Range<Int>) -> ByteSlice { ByteSlice(base: base, start: range.lowerBound, end: range.upperBound) }
    subscript(range: PartialRangeFrom<Int>) -> ByteSlice {
        ByteSlice(base: base, start: range.lowerBound, end: endIndex)
    }
    subscript(range: PartialRangeUpTo<Int>) -> ByteSlice {
        ByteSlice(base: base, start: startIndex, end: range.upperBound)
    }

    /// The bytes themselves.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: base[startIndex..<endIndex]) }

    /// The bytes as text.
    var text: String { String(decoding: buffer, as: UTF8.self) }

    func dropFirst(_ count: Int = 1) -> ByteSlice {
        ByteSlice(base: base, start: Swift.min(startIndex + count, endIndex), end: endIndex)
    }

    func dropLast(_ count: Int = 1) -> ByteSlice {
        ByteSlice(base: base, start: startIndex, end: Swift.max(endIndex - count, startIndex))
    }

    /// The leading run of bytes that satisfy `predicate`.
    func prefix(while predicate: (UInt8) -> Bool) -> ByteSlice {
        var end = startIndex
        while end < endIndex, predicate(base[end]) { end += 1 }
        return self[..<end]
    }

    // MARK: White space (spaces and tabs)

    func trimmed() -> ByteSlice {
        trimmingLeading().trimmingTrailing()
    }

    func trimmingLeading() -> ByteSlice {
        var start = startIndex
        while start < endIndex, base[start].isBlank { start += 1 }
        return self[start...]
    }

    func trimmingTrailing() -> ByteSlice {
        var end = endIndex
        while end > startIndex, base[end - 1].isBlank { end -= 1 }
        return self[..<end]
    }

    // MARK: Comparing

    /// Compares byte by byte: the prefixes are short, and a call to `memcmp` costs more.
    @inline(__always)
    func starts(with literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard count >= length else { return false }
        let prefix = literal.utf8Start
        var offset = 0
        while offset < length {
            if base[startIndex + offset] != prefix[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Whether the bytes begin with `literal`, which is lower case, ASCII letters compared
    /// without case.
    func starts(caseInsensitive literal: StaticString) -> Bool {
        guard literal.utf8CodeUnitCount <= count else { return false }
        for offset in 0..<literal.utf8CodeUnitCount
        where base[startIndex + offset].lowercased != literal.utf8Start[offset] {
            return false
        }
        return true
    }

    func ends(with literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard count >= length, let base = base.baseAddress else { return length == 0 }
        return memcmp(base + endIndex - length, literal.utf8Start, length) == 0
    }

    func equals(_ literal: StaticString) -> Bool {
        count == literal.utf8CodeUnitCount && starts(with: literal)
    }

    /// Whether the bytes are those of `string`.
    func equals(text string: String) -> Bool {
        var string = string
        return string.withUTF8 { other in
            other.count == count
                && (other.isEmpty || memcmp(other.baseAddress!, base.baseAddress! + startIndex, count) == 0)
        }
    }

    /// The bytes after `literal`, or `nil` when they do not start with it.
    @inline(__always)
    func dropping(_ literal: StaticString) -> ByteSlice? {
        starts(with: literal) ? self[(startIndex + literal.utf8CodeUnitCount)...] : nil
    }

    /// The bytes before `literal`, or `nil` when they do not end with it.
    func droppingSuffix(_ literal: StaticString) -> ByteSlice? {
        ends(with: literal) ? self[..<(endIndex - literal.utf8CodeUnitCount)] : nil
    }

    // MARK: Searching

    /// Where `byte` first occurs at or after `from`.
    func firstIndex(of byte: UInt8, from: Int? = nil) -> Int? {
        let start = from ?? startIndex
        guard start < endIndex, let address = base.baseAddress else { return nil }
        guard let found = memchr(address + start, Int32(byte), endIndex - start) else { return nil }
        return UnsafeRawPointer(address).distance(to: found)
    }

    func contains(_ byte: UInt8) -> Bool { firstIndex(of: byte) != nil }

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
        guard length > 0, count >= length, let base = base.baseAddress else { return nil }
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

    // MARK: Numbers

    /// The decimal number at the start, with the index after it. A run of digits too long for an
    /// `Int` stops early, so the byte at `end` is then a digit.
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
}

extension UInt8 {
    /// A space or a tab.
    var isBlank: Bool { self == 0x20 || self == 0x09 }
    var isASCIILetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    var lowercased: UInt8 { self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self | 0x20 : self }
}
