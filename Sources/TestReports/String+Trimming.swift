extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The text without leading and trailing white space (space, tab, CR, LF, form feed, vertical
    /// tab). Works on UTF-8 directly: Foundation's `trimmingCharacters(in:)` goes through UTF-16
    /// and was most of the time spent on a large report.
    public func trimmingWhitespace() -> String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !Self.isWhitespace($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !Self.isWhitespace($0) })!
        return String(self[first...last])
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
