/// Reads a line-based report (TAP, `swift test` output) one line at a time in bounded memory.
///
/// Lines end at LF, CRLF or a lone CR. Invalid UTF-8 is replaced, never fatal. A line longer
/// than `maxLineLength` bytes is cut to that length (the rest is skipped), so one 200 MB line
/// cannot exhaust memory.
public struct LineReader {
    public static let defaultMaxLineLength = 1 << 20

    private let source: ReportSource
    private let maxLineLength: Int
    private var chunk: [UInt8] = []
    private var position = 0
    private var reachedEnd = false
    /// The previous line ended with CR: a LF that follows belongs to it.
    private var pendingCR = false
    /// The number of the line `next()` returned last, 1-based.
    public private(set) var lineNumber = 0
    /// Whether the line `next()` returned last was cut to `maxLineLength`.
    public private(set) var lastLineWasCut = false

    public init(_ source: ReportSource, maxLineLength: Int = defaultMaxLineLength) {
        self.source = source
        self.maxLineLength = maxLineLength
    }

    /// The next line without its terminator; `nil` at the end of the input.
    public mutating func next() throws(ReportError) -> String? {
        var line: [UInt8] = []
        var cut = false
        var sawAnything = false
        while true {
            if position == chunk.count {
                if reachedEnd { break }
                if try !refill() { break }
            }
            if pendingCR {
                pendingCR = false
                if chunk[position] == 0x0A {
                    position += 1
                    continue
                }
            }
            sawAnything = true
            let start = position
            var end = start
            while end < chunk.count, chunk[end] != 0x0A, chunk[end] != 0x0D { end += 1 }
            let room = maxLineLength - line.count
            if room > 0 { line.append(contentsOf: chunk[start..<min(end, start + room)]) }
            if end - start > room { cut = true }
            position = end
            if end < chunk.count {
                pendingCR = chunk[end] == 0x0D
                position += 1
                return finish(line, cut: cut)
            }
        }
        return sawAnything ? finish(line, cut: cut) : nil
    }

    private mutating func finish(_ line: [UInt8], cut: Bool) -> String {
        lineNumber += 1
        lastLineWasCut = cut
        return String(decoding: line, as: UTF8.self)
    }

    /// Reads the next chunk; `false` at the end of the input.
    private mutating func refill() throws(ReportError) -> Bool {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ReportSource.chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        let count = try source.read(into: buffer)
        chunk = Array(buffer[..<count])
        position = 0
        if count == 0 { reachedEnd = true }
        return count > 0
    }
}
