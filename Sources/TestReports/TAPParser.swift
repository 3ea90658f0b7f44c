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

    public func parse(_ source: ReportSource, emit: @escaping (ParseEvent) -> Void) throws(ReportError) {
        var machine = Machine(file: source.name, suitePath: Self.suitePath(forSource: source.name), emit: emit)
        var warnedAboutLongLine = false
        try LineReader.forEachLine(in: source) { line, lineNumber, wasCut in
            if wasCut, !warnedAboutLongLine {
                warnedAboutLongLine = true
                emit(
                    .warning(
                        "\(source.name):\(lineNumber): line longer than \(LineReader.defaultMaxLineLength) bytes, the rest of it was skipped"
                    ))
            }
            machine.consume(ByteSlice(line), lineNumber: lineNumber)
        }
        try machine.finish()
    }

    /// The suite path of a source's top-level results: its file name without the extension, so that
    /// identities are stable and differ from file to file; `[]` for standard input.
    static func suitePath(forSource name: String) -> [String] {
        guard name != "<stdin>" else { return [] }
        let fileName = name.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? name
        guard let dot = fileName.lastIndex(of: "."), dot > fileName.startIndex else { return [fileName] }
        return [String(fileName[..<dot])]
    }
}
