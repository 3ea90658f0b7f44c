/// Collects text of any length in bounded memory: the first `headLimit` and the last `tailLimit`
/// bytes are kept, with a marker of how much was cut between them.
struct BoundedText {
    static let defaultLimit = 64 * 1024

    let headLimit: Int
    let tailLimit: Int
    private var head: [UInt8] = []
    /// The bytes after the head; trimmed to the last `tailLimit` bytes now and then.
    private var tail: [UInt8] = []
    private(set) var byteCount = 0

    init(headLimit: Int = defaultLimit, tailLimit: Int = defaultLimit) {
        self.headLimit = headLimit
        self.tailLimit = tailLimit
    }

    var isEmpty: Bool { byteCount == 0 }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        byteCount += bytes.count
        var rest = bytes[...]
        if head.count < headLimit {
            let taken = rest.prefix(headLimit - head.count)
            head.append(contentsOf: taken)
            rest = rest.dropFirst(taken.count)
        }
        guard !rest.isEmpty else { return }
        if rest.count >= tailLimit {
            tail = Array(rest.suffix(tailLimit))
        } else {
            tail.append(contentsOf: rest)
            if tail.count > 2 * tailLimit { tail.removeFirst(tail.count - tailLimit) }
        }
    }

    /// Empties the text, keeping the memory for the next use.
    mutating func removeAll() {
        guard byteCount > 0 else { return }
        head.removeAll(keepingCapacity: true)
        tail.removeAll(keepingCapacity: true)
        byteCount = 0
    }

    mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    /// The text, with `[… N bytes cut …]` where the middle was dropped; cuts never split a character.
    var text: String {
        let tailBytes = tail.suffix(tailLimit)
        let cut = byteCount - head.count - tailBytes.count
        guard cut > 0 else { return String(decoding: head + tailBytes, as: UTF8.self) }
        let headEnd = Self.endOfLastCompleteCharacter(in: head[...])
        var tailBegin = tailBytes.startIndex
        while tailBegin < tailBytes.endIndex, tailBytes[tailBegin] & 0xC0 == 0x80 { tailBegin += 1 }
        let dropped = cut + (head.count - headEnd) + (tailBegin - tailBytes.startIndex)
        return String(decoding: head[..<headEnd], as: UTF8.self)
            + "\n[… \(dropped) bytes cut …]\n"
            + String(decoding: tailBytes[tailBegin...], as: UTF8.self)
    }

    /// The end index of `bytes` without a UTF-8 sequence that the end cuts short.
    static func endOfLastCompleteCharacter(in bytes: ArraySlice<UInt8>) -> Int {
        var index = bytes.endIndex
        while index > bytes.startIndex, bytes.endIndex - index < 4 {
            index -= 1
            let byte = bytes[index]
            guard byte & 0xC0 == 0x80 else {
                let length = byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                return index + length <= bytes.endIndex ? bytes.endIndex : index
            }
        }
        return bytes.endIndex
    }

    /// The text without surrounding white space, or `nil` when nothing is left.
    var nonEmptyText: String? {
        guard byteCount > 0 else { return nil }
        let text = self.text.trimmingWhitespace()
        return text.isEmpty ? nil : text
    }
}
