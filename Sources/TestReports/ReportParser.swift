/// A parser of one report format. Parsers stream: each result is handed to `emit` as soon as it
/// is complete, so memory does not grow with the report.
///
/// `emit` may be kept by the parser until `parse` returns, never after. (It is escaping so that a
/// parser's state machine can hold it: `withoutActuallyEscaping` wraps it in a thunk that copies
/// every event, a twentieth of the TAP parser's time.)
///
/// When a report is broken part-way, the results before the break have been emitted and the parser
/// throws `ReportError.malformed` with the place of the break.
public protocol ReportParser {
    func parse(_ source: ReportSource, emit: @escaping (ParseEvent) -> Void) throws(ReportError)
}
