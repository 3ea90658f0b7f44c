import Testing

@testable import TestReports

@Suite("Bounded text")
struct BoundedTextTests {
    func collect(_ pieces: [String], head: Int, tail: Int) -> BoundedText {
        var text = BoundedText(headLimit: head, tailLimit: tail)
        for piece in pieces { text.append(piece) }
        return text
    }

    @Test("keeps short text whole")
    func short() {
        let text = collect(["hello ", "world"], head: 8, tail: 8)
        #expect(text.text == "hello world")
        #expect(text.byteCount == 11)
    }

    @Test("keeps head and tail of long text with a marker of the bytes cut")
    func long() {
        let text = collect(["0123456789", "abcdefghij", "KLMNOPQRST"], head: 5, tail: 5)
        #expect(text.text == "01234\n[… 20 bytes cut …]\nPQRST")
        #expect(text.byteCount == 30)
    }

    @Test("the tail follows appends of every size")
    func tailAcrossAppends() {
        var text = BoundedText(headLimit: 2, tailLimit: 4)
        for character in "abcdefghijklmnopqrstuvwxyz" { text.append(String(character)) }
        #expect(text.text == "ab\n[… 20 bytes cut …]\nwxyz")
    }

    @Test("never cuts inside a multi-byte character")
    func characterBoundaries() {
        // "é" is 2 bytes, "😀" 4: the limits fall inside them.
        let text = collect([String(repeating: "é", count: 10), String(repeating: "😀", count: 10)], head: 5, tail: 6)
        let result = text.text
        #expect(result.hasPrefix("éé\n[…"))
        #expect(result.hasSuffix("…]\n😀"))
        #expect(!result.contains("\u{FFFD}"))
        #expect(result.contains("[… 52 bytes cut …]"))
    }
}
