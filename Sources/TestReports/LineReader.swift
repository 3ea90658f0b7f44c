import Foundation

/// Splits a line-based report (TAP, `swift test` output) into lines in bounded memory, without
/// copying them: each line is lent to the caller as bytes inside the read buffer (a line that
/// spans two reads is gathered first). Parsers look at every line of logs that run to gigabytes,
/// and making an array and a `String` of each was a quarter of their time.
///
/// Lines end at LF, CRLF or a lone CR. A line longer than `maxLineLength` bytes is cut to that
/// length and the rest of it skipped, so one 200 MB line cannot exhaust memory.
public enum LineReader {
    public static let defaultMaxLineLength = 1 << 20

    /// Hands `body` each line of `source`: its bytes (valid only during the call), its 1-based
    /// number, and whether it was cut.
    public static func forEachLine(
        in source: ReportSource, maxLineLength: Int = defaultMaxLineLength,
        _ body: (UnsafeBufferPointer<UInt8>, _ number: Int, _ wasCut: Bool) -> Void
    ) throws(ReportError) {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: ReportSource.chunkSize, alignment: 1)
        defer { chunk.deallocate() }
        /// The start of a line the previous read ended in, at most `maxLineLength` bytes.
        var carry: [UInt8] = []
        var carrying = false
        var carryWasCut = false
        /// The previous read ended with CR: a LF that starts this one belongs to it.
        var pendingCR = false
        var lineNumber = 0

        func deliver(_ bytes: UnsafeBufferPointer<UInt8>, cut: Bool) {
            lineNumber += 1
            body(
                UnsafeBufferPointer(rebasing: bytes.prefix(maxLineLength)), lineNumber,
                cut || bytes.count > maxLineLength)
        }
        func keep(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
            let room = max(0, maxLineLength - carry.count)
            if bytes.count > room { carryWasCut = true }
            carry.append(contentsOf: bytes.prefix(room))
            carrying = true
        }
        func deliverCarry() {
            carry.withUnsafeBufferPointer { deliver($0, cut: carryWasCut) }
            carry.removeAll(keepingCapacity: carry.capacity <= 1 << 16)
            carrying = false
            carryWasCut = false
        }

        while true {
            let count = try source.read(into: chunk)
            guard count > 0, let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { break }
            let bytes = UnsafeBufferPointer(start: base, count: count)
            var start = 0
            if pendingCR {
                pendingCR = false
                if bytes[0] == 0x0A { start = 1 }
            }
            /// The next LF at or after `start`, or `count`; kept across lines that end at a lone CR,
            /// so CR-only files are not searched again and again.
            var lineFeed = -1
            while start < count {
                // The next LF, then a CR before it: `memchr` is fast, and a CR is rare.
                if lineFeed < start {
                    lineFeed =
                        memchr(base + start, 0x0A, count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
                        ?? count
                }
                let carriageReturn = memchr(base + start, 0x0D, lineFeed - start).map {
                    UnsafeRawPointer($0) - UnsafeRawPointer(base)
                }
                guard var end = carriageReturn ?? (lineFeed < count ? lineFeed : nil) else { break }
                let terminator = bytes[end]
                if carrying {
                    keep(bytes[start..<end])
                    deliverCarry()
                } else {
                    deliver(UnsafeBufferPointer(rebasing: bytes[start..<end]), cut: false)
                }
                end += 1
                if terminator == 0x0D {
                    if end < count {
                        if bytes[end] == 0x0A { end += 1 }
                    } else {
                        pendingCR = true
                    }
                }
                start = end
            }
            if start < count { keep(bytes[start..<count]) }
        }
        if carrying { deliverCarry() }
    }
}
