/// Reads the console output of `swift test` and `swift test --parallel`, as printed on Linux and
/// on macOS, in flat memory.
///
/// The formats followed are those of the tools that print the lines, none of them specified:
/// - XCTest (swift-corelibs-xctest on Linux, Xcode's XCTest on macOS): `Test Suite '…' started`,
///   `Test Case 'Suite.test' passed (0.1 seconds)` or `'-[Module.Suite test]'`, assertion failures
///   `path:line: error: Suite.test : message`, skips, `Executed N tests, with K failures`;
///   xcodebuild's `Test case '…' passed on 'Clone 1 …'` and `Restarting after unexpected exit`;
/// - Swift Testing (`Event.HumanReadableOutputRecorder`): a glyph (SF Symbols on macOS, Unicode
///   elsewhere, maybe coloured), then `Test run started.`, `Suite X started.`, `Test X passed after
///   0.1 seconds.`, `recorded an issue at File.swift:1:2: …`, parameterized test cases, the summary;
/// - SwiftPM: `[3/7] Testing Module.Suite/test` progress lines of `--parallel`, the crash of a test
///   process, compiler errors.
///
/// Swift Testing prints neither the suite a test belongs to nor its module, and runs tests in
/// parallel: its results carry the test name as printed and no classname.
public struct SwiftTestOutputParser: ReportParser {
    public init() {}

    public func parse(_ source: ReportSource, emit: @escaping (ParseEvent) -> Void) throws(ReportError) {
        var machine = Machine(file: source.name, emit: emit)
        try LineReader.forEachLine(in: source) { line, number, _ in
            machine.consume(ByteSlice(line), lineNumber: number)
        }
        try machine.finish()
    }
}

extension SwiftTestOutputParser {
    /// The state machine behind the parser: `consume(_:lineNumber:)` every line, then `finish()`.
    /// Each line is dispatched on its first bytes; lines that are no event are test output.
    struct Machine {
        typealias Parser = SwiftTestOutputParser

        /// At most this many failures, issues or test cases of one test become sub-results.
        static let maxSubResults = 1000

        let file: String
        let emit: (ParseEvent) -> Void
        var lineNumber = 0
        /// An XCTest or Swift Testing line was seen: this is test output, even with no test in it.
        var sawTestOutput = false
        var resultCount = 0
        /// The first compiler error (with a source location if any has one), kept in case no test runs.
        var firstCompilerError: (line: Int, text: String, located: Bool)?
        var crash: Crash?
        /// A crash was reported while no test was running; a second one goes unreported.
        var reportedIdleCrash = false

        // XCTest
        var suites: [SuiteFrame] = []
        /// The names of the open suites but the root ones: the suite path of a test that starts.
        var suitePath: [String] = []
        /// The classname of the last test, shared with the next when it is the same.
        var lastClassname: String?
        var xctestTally = Tally()
        /// The outermost suite just ended: its `Executed …` line, the run's summary, comes next.
        var summaryDue = false
        var xctest: RunningXCTest?
        var parallel = ParallelRun()

        // Swift Testing
        /// Swift Testing tests started and not ended; several with one name end first in, first out.
        var running = RunningTests()
        var swiftTestingTally = Tally()
        /// A Swift Testing run started and its summary line has not come.
        var swiftTestingRunOpen = false
        /// The test whose last issue takes the detail lines (`↳ …`, indented) that follow.
        var issueContext: String?
        /// The last Swift Testing event prints comments after it (the run's versions, a failed
        /// suite's or test's documentation) on `↳` lines, which are no output of a test.
        var commentsFollow = false
        /// A Swift Testing line whose argument values run over several lines.
        var pending: Pending?

        init(file: String, emit: @escaping (ParseEvent) -> Void) {
            self.file = file
            self.emit = emit
        }

        mutating func consume(_ line: ByteSlice, lineNumber: Int) {
            self.lineNumber = lineNumber
            if commentsFollow, Self.swiftTestingEvent(line) == nil, (line.first ?? 0) < 0x80 { commentsFollow = false }
            if pending != nil {
                if Self.swiftTestingEvent(line) == nil, !line.starts(with: "Test ") {
                    absorbIntoPending(line)
                    return
                }
                finishPending()
            }
            if dispatch(line) { return }
            consumeOutput(line)
        }

        /// Handles the line when it is an event; `false` for output.
        private mutating func dispatch(_ line: ByteSlice) -> Bool {
            guard let first = line.first else { return false }
            switch first {
            case UInt8(ascii: "T"):
                if let rest = line.dropping("Test Case '") { return consumeTestCase(rest) }
                if let rest = line.dropping("Test Suite '") { return consumeTestSuite(rest) }
                if let rest = line.dropping("Test case '") { return consumeCloneTestCase(rest) }
                if line.starts(with: "Test suite '") {
                    sawTestOutput = true
                    return true
                }
                return false
            case UInt8(ascii: "["):
                return consumeParallelProgress(line)
            case UInt8(ascii: "R"):
                return consumeRestart(line)
            case UInt8(ascii: "E"), 0x20, 0x09:
                return consumeExecuted(line)
            case 0x80..., 0x1B:
                return consumeSwiftTesting(line)
            default:
                return false
            }
        }

        /// A line that is no event: an assertion failure or a skip of the running XCTest test, a
        /// crash, a compiler error, detail of the last Swift Testing issue, or test output.
        private mutating func consumeOutput(_ line: ByteSlice) {
            if crash != nil {
                if !consumeParallelCrash(line) { crash?.detail.appendLine(line) }
                return
            }
            if let errorMark = line.firstIndex(of: ": error: "), consumeXCTestFailure(line, errorMark: errorMark) {
                return
            }
            if xctest != nil, consumeXCTestSkip(line) { return }
            if consumeParallelCrash(line) { return }
            if Self.isCrash(line) {
                startCrash(line.text)
                return
            }
            if !sawTestOutput, let located = Self.compilerError(line) {
                if firstCompilerError == nil || (located && firstCompilerError?.located == false) {
                    firstCompilerError = (lineNumber, line.text, located)
                }
                return
            }
            if issueContext != nil, line.first == 0x20 || line.first == 0x09 {
                appendIssueDetail(line)
                return
            }
            appendOutput(line)
        }

        /// Output goes to the running test when there is exactly one, else to the innermost XCTest suite.
        mutating func appendOutput(_ line: ByteSlice) {
            if xctest != nil {
                xctest?.stdout.appendLine(line)
            } else if running.count == 1, let name = running.only?.printedName {
                running[name]?.stdout.appendLine(line)
            } else if !suites.isEmpty {
                suites[suites.count - 1].stdout.appendLine(line)
            }
        }

        /// `appendOutput(_:)` for text the parser made.
        mutating func appendOutput(_ text: String) {
            var text = text
            text.withUTF8 { appendOutput(ByteSlice($0)) }
        }

        mutating func finish() throws(ReportError) {
            finishPending()
            settleCrash()
            let warnedOfMissingResults = xctest != nil || running.count > 0 || reportedIdleCrash
            if let test = xctest.take() {
                warn(
                    "the output ends while XCTest test \(test.printedName) is running: it is reported as errored, "
                        + "and the results after it are missing")
                emitXCTest(
                    test, status: .errored, duration: nil, crash: ("the output ends before the test finished", nil))
            }
            if running.count > 0 {
                let names = running.all.map(\.printedName)
                let one = names.count == 1
                warn(
                    "the output ends while \(Self.list(names)) \(one ? "is" : "are") running: reported as errored; "
                        + "the results after \(one ? "it" : "them") are missing")
                erroredRunningTests(message: "the output ends before the test finished", detail: nil)
            }
            flushParallel()
            if warnedOfMissingResults {
                // Said already.
            } else if let suite = suites.last {
                warn("the output ends inside XCTest suite '\(suite.name)': it may be cut short, results may be missing")
            } else if swiftTestingRunOpen {
                warn("the Swift Testing run has no summary line: the output may be cut short, results may be missing")
            }
            if resultCount == 0, !sawTestOutput {
                if lineNumber == 0 { throw .empty(file: file) }
                if let error = firstCompilerError {
                    throw .malformed(
                        SourceLocation(file: file, line: error.line),
                        reason: "the build failed, no tests ran: \(error.text)")
                }
                throw .malformed(SourceLocation(file: file), reason: "no swift test output found")
            }
        }

        // MARK: Emitting

        mutating func emitResult(_ result: consuming TestResult) {
            resultCount += 1
            emit(.result(result))
        }

        /// Emits a warning that names the line it is about.
        func warn(_ text: String, line: Int? = nil) {
            emit(.warning("\(file):\(line ?? lineNumber): \(text)"))
        }

        /// `1 test`, `2 tests`.
        static func counted(_ count: Int, _ noun: String) -> String {
            "\(count) \(noun)\(count == 1 ? "" : "s")"
        }

        /// `a`, `a and b`, `a, b and c`; long lists cut short.
        static func list(_ names: [String]) -> String {
            let shown = names.prefix(5)
            let rest = names.count - shown.count
            var items = Array(shown)
            if rest > 0 { items.append("\(rest) more") }
            guard items.count > 1 else { return items.first ?? "" }
            return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }

        // MARK: Crashes

        /// A line that says the test process died: a Swift runtime trap, a signal, the backtracer.
        static func isCrash(_ line: ByteSlice) -> Bool {
            if line.starts(with: "Fatal error: ") || line.contains(": Fatal error: ") { return true }
            if line.starts(with: "Precondition failed: ") || line.contains(": Precondition failed: ") { return true }
            return line.contains("xited with unexpected signal code") || line.contains("*** Program crashed: ")
                || line.starts(with: "Child process terminated with signal")
        }

        /// Whether the line is `path:line:column: error: …` from the compiler (`true`) or a bare
        /// `error: …` from the build system (`false`); `nil` for any other line.
        static func compilerError(_ line: ByteSlice) -> Bool? {
            if line.starts(with: "error: ") || line.starts(with: "fatal error: ") { return false }
            guard let mark = line.firstIndex(of: ": error: "), Location(line[..<mark], column: true) != nil else {
                return nil
            }
            return true
        }

        /// Starts collecting the crash text; the tests running when it came are its victims.
        mutating func startCrash(_ text: String) {
            crash = Crash(message: text, line: lineNumber)
        }

        /// Ends the crash: the running tests become errored results with the crash text, and a
        /// warning says which results may be missing.
        mutating func settleCrash() {
            guard let crash else { return }
            self.crash = nil
            let detail = crash.detail.isEmpty ? crash.message : crash.message + "\n" + crash.detail.text
            let quoted = crash.message.trimmingWhitespace()
            if let test = xctest.take() {
                let inParallelRun = !parallel.entries.isEmpty || !parallel.crashed.isEmpty
                warn(
                    "the test process crashed in XCTest test \(test.printedName) (\(quoted)): it is reported as errored"
                        + (inParallelRun
                            ? "; the other tests of the parallel run ran in their own processes"
                            : ", and the XCTest tests after it did not run, so their results are missing"),
                    line: crash.line)
                emitXCTest(test, status: .errored, duration: nil, crash: (crash.message, detail))
                suites.removeAll()
                suitePath.removeAll()
            } else if running.count > 0 {
                let names = running.all.map(\.printedName)
                warn(
                    "the test process crashed while Swift Testing ran \(Self.list(names)) (\(quoted)): "
                        + "\(names.count == 1 ? "it is" : "they are") reported as errored, "
                        + "and the tests that had not started are missing",
                    line: crash.line)
                erroredRunningTests(message: crash.message, detail: detail)
                swiftTestingRunOpen = false
            } else if !reportedIdleCrash {
                reportedIdleCrash = true
                warn(
                    "the test process crashed while no test was running (\(quoted)): results after it may be missing",
                    line: crash.line)
            }
        }
    }

    /// Counts of one XCTest or Swift Testing run, to hold against the run's own summary line.
    struct Tally {
        var tests = 0
        var skipped = 0
        /// XCTest failure lines, or Swift Testing issues of every kind.
        var failures = 0
    }

    /// The text of a crash, from its first line to the next event.
    struct Crash {
        var message: String
        var line: Int
        var detail = BoundedText()
    }
}

extension BoundedText {
    /// Appends the bytes and a line feed.
    mutating func appendLine(_ line: ByteSlice) {
        append(line.buffer)
        var newline = "\n"
        newline.withUTF8 { append($0) }
    }
}
