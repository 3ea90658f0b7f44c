/// What reading one report file gave.
public struct ReportFileSummary: Sendable, Equatable {
    public var path: String
    /// The format the file was read as; `nil` when it could not be told.
    public var format: ReportFormat?
    /// Counts of the results read, including those read before an error.
    public var counts: ResultCounts
    public var error: ReportError?
}

/// Reads report files and directories of them, in any format, into one stream of events.
public struct ReportReader {
    /// The format to read every file as; `nil` tells it from each file's content.
    public var format: ReportFormat?

    public init(format: ReportFormat? = nil) {
        self.format = format
    }

    /// Reads every report under `paths` (files, directories, `-` for standard input), handing each
    /// event on with the file it came from. A file that fails does not stop the others.
    public func read(_ paths: [String], emit: @escaping (_ file: String, ParseEvent) -> Void) -> [ReportFileSummary] {
        var files: [String]
        do {
            files = try ReportPaths.expand(paths)
        } catch {
            return [ReportFileSummary(path: error.location.file, counts: ResultCounts(), error: error)]
        }
        var summaries: [ReportFileSummary] = []
        while !files.isEmpty {
            let path = files.removeFirst()
            summaries.append(readFile(path, emit: emit))
            // A given XUnit file of `swift test` brings its Swift Testing sibling along.
            if paths.contains(path), let sibling = ReportPaths.swiftTestingSibling(of: path), !files.contains(sibling),
                !summaries.contains(where: { $0.path == sibling })
            {
                emit(sibling, .warning("\(sibling): also read, the Swift Testing results written beside \(path)"))
                summaries.append(readFile(sibling, emit: emit))
            }
        }
        return summaries
    }

    private func readFile(_ path: String, emit: @escaping (_ file: String, ParseEvent) -> Void) -> ReportFileSummary {
        var summary = ReportFileSummary(path: path == "-" ? "<stdin>" : path, counts: ResultCounts())
        do throws(ReportError) {
            let source = try ReportSource(path: path)
            let format = try format(of: source)
            summary.format = format
            try format.parser.parse(source) { event in
                if let status = event.resultStatus { summary.counts.add(status) }
                emit(source.name, event)
            }
        } catch {
            summary.error = error
        }
        return summary
    }

    /// The format asked for, else the one the content shows.
    private func format(of source: ReportSource) throws(ReportError) -> ReportFormat {
        if let format { return format }
        return try ReportFormat.detect(source.peek(4096), file: source.name)
    }
}
