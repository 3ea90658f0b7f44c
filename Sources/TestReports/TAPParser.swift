import Foundation

/// Reads TAP, the Test Anything Protocol, in versions 12, 13 and 14, following
/// https://testanything.org/tap-specification.html,
/// https://testanything.org/tap-version-13-specification.html and
/// https://testanything.org/tap-version-14-specification.html, with the subtest styles of node's test
/// runner, node-tap and Perl's Test::More and Test2 (streamed `# Subtest:` blocks, buffered
/// `ok 1 - name {` … `}` blocks).
///
/// - Each top-level test point is one result, named by its description (a leading `- ` dropped) or
///   `test N`; its suite path is the file name without extension (`[]` for standard input).
/// - `ok` is passed, `not ok` failed, `# SKIP` skipped with the reason as message, `# TODO` that
///   fails skipped with the message `TODO: reason`, `# TODO` that passes passed.
/// - A YAML block after a point gives message, file and line, duration and detail; comments after a
///   point become its standard output.
/// - A subtest's points become sub-results of the point that closes it.
/// - Plan mismatches, a missing plan, repeated or out-of-order numbers and `Bail out!` become errored
///   results, never a silent success.
///
/// Each top-level result is handed on when the next line shows it complete, so memory stays flat
/// however long the stream is.
public struct TAPParser: ReportParser {
    public init() {}

    public func parse(_ source: ReportSource, emit: (ParseEvent) -> Void) throws(ReportError) {
        try withoutActuallyEscaping(emit) { emit throws(ReportError) in
            var machine = Machine(file: source.name, suitePath: Self.suitePath(forSource: source.name), emit: emit)
            var warnedAboutLongLine = false
            try Self.forEachLine(in: source) { line, lineNumber, wasCut in
                if wasCut, !warnedAboutLongLine {
                    warnedAboutLongLine = true
                    emit(
                        .warning(
                            "\(source.name):\(lineNumber): line longer than \(LineReader.defaultMaxLineLength) bytes, the rest of it was skipped"
                        ))
                }
                machine.consume(line, lineNumber: lineNumber)
            }
            try machine.finish()
        }
    }

    /// The suite path of a source's top-level results: its file name without the extension, so that
    /// identities are stable and differ from file to file; `[]` for standard input.
    static func suitePath(forSource name: String) -> [String] {
        guard name != "<stdin>" else { return [] }
        let fileName = name.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? name
        guard let dot = fileName.lastIndex(of: "."), dot > fileName.startIndex else { return [fileName] }
        return [String(fileName[..<dot])]
    }

    /// Hands `body` each line of `source` as bytes borrowed from the read buffer, with its 1-based
    /// number and whether it was cut. Lines end at LF, CRLF or a lone CR, as with `LineReader`,
    /// and are cut at `LineReader.defaultMaxLineLength` bytes; unlike `LineReader`, no line is
    /// copied into a `String`, which would cost half the time the parser may take.
    static func forEachLine(
        in source: ReportSource, maxLineLength: Int = LineReader.defaultMaxLineLength,
        _ body: (Bytes, Int, Bool) -> Void
    ) throws(ReportError) {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: ReportSource.chunkSize, alignment: 1)
        defer { chunk.deallocate() }
        /// The start of a line that began in an earlier chunk.
        var carry: [UInt8] = []
        var hasCarry = false
        var carryWasCut = false
        var pendingCR = false
        var lineNumber = 0

        func flushCarry() {
            lineNumber += 1
            carry.withUnsafeBufferPointer { body(Bytes($0), lineNumber, carryWasCut) }
            carry.removeAll(keepingCapacity: carry.capacity <= 1 << 16)
            hasCarry = false
            carryWasCut = false
        }

        func keep(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) {
            hasCarry = true
            let room = maxLineLength - carry.count
            if bytes.count > room { carryWasCut = true }
            if room > 0 { carry.append(contentsOf: bytes.prefix(room)) }
        }

        while true {
            let count = try source.read(into: chunk)
            guard count > 0 else { break }
            let bytes = UnsafeBufferPointer(start: chunk.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
            var start = 0
            if pendingCR {
                pendingCR = false
                if bytes[0] == 0x0A { start = 1 }
            }
            // Most input has no CR: then memchr finds the line ends, many bytes at a time.
            let hasCR = memchr(chunk.baseAddress! + start, 0x0D, count - start) != nil
            var index = start
            while index < count {
                if hasCR {
                    while index < count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
                } else if let newline = memchr(chunk.baseAddress! + index, 0x0A, count - index) {
                    index = chunk.baseAddress!.distance(to: newline)
                } else {
                    index = count
                }
                guard index < count else { break }
                let byte = bytes[index]
                if hasCarry {
                    keep(bytes[start..<index])
                    flushCarry()
                } else {
                    lineNumber += 1
                    let length = min(index - start, maxLineLength)
                    body(
                        Bytes(UnsafeBufferPointer(rebasing: bytes[start..<(start + length)])), lineNumber,
                        length < index - start)
                }
                if byte == 0x0D {
                    if index + 1 < count {
                        if bytes[index + 1] == 0x0A { index += 1 }
                    } else {
                        pendingCR = true
                    }
                }
                index += 1
                start = index
            }
            if start < count { keep(bytes[start..<count]) }
        }
        if hasCarry { flushCarry() }
    }
}
