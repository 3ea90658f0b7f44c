/// Text limits of PractiTest's fields, kept without ever breaking a character.
public enum PractiTestText {
    /// PractiTest's limit for execution output and step names.
    public static let fieldLimit = 255

    /// Whether `text` has at most `limit` Unicode scalars and at most `limit` UTF-16 units: the
    /// server may count either.
    public static func fits(_ text: some StringProtocol, limit: Int = fieldLimit) -> Bool {
        text.utf16.count <= limit && text.unicodeScalars.count <= limit
    }

    /// `text` cut at a grapheme boundary to fit `limit` with `marker` appended; `text` itself when it
    /// fits. A single grapheme longer than the limit (a long run of combining marks) is dropped whole.
    public static func fitted(_ text: String, limit: Int = fieldLimit, marker: String = "…") -> String {
        guard !fits(text, limit: limit) else { return text }
        let budget = limit - max(marker.utf16.count, marker.unicodeScalars.count)
        var end = text.startIndex
        var units = 0
        var scalars = 0
        while end < text.endIndex {
            let next = text.index(after: end)
            units += text[end..<next].utf16.count
            scalars += text[end..<next].unicodeScalars.count
            guard units <= budget, scalars <= budget else { break }
            end = next
        }
        return text[..<end] + marker
    }

    /// `text` cut to at most `maxBytes` of UTF-8, never inside a Unicode scalar, ending with a note of
    /// the size before the cut.
    public static func capped(_ text: String, maxBytes: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > maxBytes else { return text }
        let note = "\n[… \(utf8.count) bytes in all, cut to \(maxBytes) …]"
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, maxBytes - note.utf8.count))
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        return text[..<end] + note
    }
}
