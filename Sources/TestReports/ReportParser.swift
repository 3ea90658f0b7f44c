/// A parser of one report format. Parsers stream: each result is handed to `emit` as soon as it
/// is complete, so memory does not grow with the report.
///
/// When a report is broken part-way, the results before the break have been emitted and the parser
/// throws `ReportError.malformed` with the place of the break.
public protocol ReportParser {
    func parse(_ source: ReportSource, emit: (ParseEvent) -> Void) throws(ReportError)
}
