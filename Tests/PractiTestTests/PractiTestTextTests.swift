import Testing

@testable import PractiTest

@Suite("PractiTest text limits")
struct PractiTestTextTests {
    /// Texts made of one kind of character, long enough to cross the 255 limit at every alignment.
    static let kinds: [(String, String)] = [
        ("ASCII", "a"), ("CJK", "漢"), ("4-byte emoji", "😀"), ("combining sequence", "e\u{301}\u{302}"),
        ("emoji family", "👨‍👩‍👧‍👦"), ("flag", "🇫🇷"), ("Hangul jamo", "\u{1100}\u{1161}\u{11A8}"),
    ]

    static func check(_ fitted: String, from original: String, marker: String) {
        #expect(fitted.unicodeScalars.count <= 255, "\(fitted.unicodeScalars.count) scalars")
        #expect(fitted.utf16.count <= 255, "\(fitted.utf16.count) UTF-16 units")
        if fitted != original {
            #expect(fitted.hasSuffix(marker))
            // Every character kept is a whole character of the original, in order.
            let kept = Array(fitted.dropLast(marker.count))
            #expect(kept == Array(original.prefix(kept.count)))
        }
    }

    @Test("cuts every kind of text within 255 scalars and UTF-16 units, never inside a grapheme", arguments: kinds)
    func cutsAtGraphemes(kind: String, unit: String) {
        for count in 1...300 {
            let text = String(repeating: unit, count: count)
            Self.check(PractiTestText.fitted(text, marker: " […]"), from: text, marker: " […]")
        }
    }

    @Test("cuts mixed text at every offset around the limit")
    func mixedText() {
        let units = Self.kinds.map(\.1)
        for offset in 0..<40 {
            let text = String(repeating: "x", count: 230 + offset) + units.joined() + units.joined()
            Self.check(PractiTestText.fitted(text), from: text, marker: "…")
        }
    }

    @Test("leaves text that fits as it is, and cuts text one past the limit")
    func boundary() {
        let exact = String(repeating: "😀", count: 127) + "a"  // 255 UTF-16 units
        #expect(PractiTestText.fitted(exact) == exact)
        let over = exact + "b"
        #expect(PractiTestText.fitted(over) == String(repeating: "😀", count: 127) + "…")
    }

    @Test("drops a single grapheme longer than the limit rather than breaking it")
    func hugeGrapheme() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 300)
        #expect(PractiTestText.fitted(zalgo) == "…")
    }

    @Test("caps long text by UTF-8 bytes with a note, never inside a scalar")
    func capped() {
        let text = String(repeating: "é😀", count: 1000)  // 6000 bytes
        let capped = PractiTestText.capped(text, maxBytes: 1000)
        #expect(capped.utf8.count <= 1000)
        #expect(capped.hasSuffix("[… 6000 bytes in all, cut to 1000 …]"))
        #expect(!capped.contains("\u{FFFD}"))
        #expect(PractiTestText.capped("short", maxBytes: 1000) == "short")
    }
}
