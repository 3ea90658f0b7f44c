/// Swift Testing's console lines (swift-testing's `Event.HumanReadableOutputRecorder`): one glyph,
/// which differs between macOS, Linux and Windows and may be coloured, then the event in words.
extension SwiftTestOutputParser {
    /// A Swift Testing test that started and has not ended.
    struct SwiftTest {
        /// The name as printed: `failsTwice()`, or `"adds two numbers"` with its quotes.
        var printedName: String
        var function: String?
        var startLine: Int
        var issues: [Issue] = []
        var extraIssues = 0
        var cases: [TestCase] = []
        var extraCases = 0
        var stdout = BoundedText()

        /// The name without the quotes of a display name.
        var name: String { SwiftTest.unquoted(printedName) }

        /// `"adds two numbers"` → `adds two numbers`; text not in quotes as it is.
        static func unquoted(_ text: String) -> String {
            let bytes = text.utf8
            guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else {
                return text
            }
            return String(text.dropFirst().dropLast())
        }
    }

    /// One `recorded an issue` (or a known issue, or a warning) of a test.
    struct Issue {
        enum Kind: String {
            case failure = "issue"
            case known = "known issue"
            case warning

            /// A known issue is expected and a warning is no failure: neither fails the test.
            var status: TestStatus {
                switch self {
                case .failure: .failed
                case .known: .skipped
                case .warning: .passed
                }
            }
        }

        var kind: Kind
        /// The argument values of the test case, for a parameterized test.
        var arguments: String?
        var location: Location?
        var message: String
        var detail = BoundedText()

        /// `File.swift:14:9: message`, a kind other than a failure named, then the detail lines.
        var text: String {
            var text = (location.map { "\($0.description): " } ?? "") + (kind == .failure ? "" : "(\(kind.rawValue)) ")
            text += message
            if let detail = detail.nonEmptyText { text += "\n" + detail }
            return text
        }
    }
}

extension SwiftTestOutputParser.Machine {
    /// The words after the glyph of a Swift Testing event line, or `nil` for any other line.
    static func swiftTestingEvent(_ line: ByteSlice) -> ByteSlice? {
        guard let body = swiftTestingBody(line) else { return nil }
        let isEvent =
            body.starts(with: "Test ") || body.starts(with: "Suite ") || body.starts(with: "Passing ")
            || body.starts(with: "Iteration ")
        return isEvent ? body : nil
    }

    /// The text after a leading glyph (any non-ASCII or escape-coloured token) and its spaces.
    private static func swiftTestingBody(_ line: ByteSlice) -> ByteSlice? {
        guard let first = line.first, first >= 0x80 || first == 0x1B, let space = line.firstIndex(of: " "),
            space - line.startIndex <= 24
        else { return nil }
        return line[space...].trimmingLeading()
    }

    /// A line that begins with a glyph: an event, or the detail of the last issue.
    mutating func consumeSwiftTesting(_ line: ByteSlice) -> Bool {
        guard let body = Self.swiftTestingEvent(line) else {
            guard let body = Self.swiftTestingBody(line), issueContext != nil || commentsFollow else { return false }
            if issueContext != nil { appendIssueDetail(body) }
            return true
        }
        sawTestOutput = true
        issueContext = nil
        commentsFollow = false
        if let rest = body.dropping("Test case passing ") {
            consumeTestCaseLine(rest, hasTail: true)
        } else if let rest = body.dropping("Passing ") {
            consumeTestCaseLine(rest, hasTail: false)
        } else if body.starts(with: "Test run started") {
            settleCrash()
            flushParallel()
            swiftTestingTally = Parser.Tally()
            swiftTestingRunOpen = true
            commentsFollow = true
        } else if let rest = body.dropping("Test run with ") {
            consumeRunSummary(rest)
        } else if let rest = body.dropping("Test ") {
            consumeTest(rest)
        } else if let rest = body.dropping("Suite ") {
            consumeSuite(rest)
        }
        return true
    }

    /// `NAME started.`, `NAME passed after …` …: the name as printed and the words after it. A display
    /// name in quotes may hold spaces; the name ends at the first space before a known verb.
    private static func splitName(_ rest: ByteSlice) -> (name: ByteSlice, tail: ByteSlice)? {
        let quoted = rest.first == UInt8(ascii: "\"")
        var from = rest.startIndex
        while let space = rest.firstIndex(of: " ", from: from) {
            let tail = rest[(space + 1)...]
            if space > rest.startIndex, !quoted || rest[space - 1] == UInt8(ascii: "\""),
                tail.starts(with: "started") || tail.starts(with: "passed after ") || tail.starts(with: "failed after ")
                    || tail.starts(with: "skipped") || tail.starts(with: "recorded a") || tail.starts(with: "with ")
                    || tail.starts(with: "(aka '")
            {
                return (rest[..<space], tail)
            }
            from = space + 1
        }
        return nil
    }

    /// The words after a name: `(aka 'f()')` of verbose output and `with N test cases` dropped.
    private static func verb(_ tail: ByteSlice) -> (verb: ByteSlice, function: String?) {
        var tail = tail
        var function: String?
        if let aka = tail.dropping("(aka '"), let close = aka.firstIndex(of: "')") {
            function = aka[..<close].text
            tail = aka[(close + 2)...].trimmingLeading()
        }
        if let with = tail.dropping("with "), let count = with.leadingInteger(),
            let after = with[count.end...].dropping(" test cases ") ?? with[count.end...].dropping(" test case ")
        {
            tail = after
        }
        return (tail, function)
    }

    /// `Test NAME started.` / `passed after` / `failed after` / `skipped` / `recorded an issue`.
    private mutating func consumeTest(_ rest: ByteSlice) {
        guard let (name, tail) = Self.splitName(rest) else { return }
        let (verb, function) = Self.verb(tail)
        if verb.starts(with: "started") {
            running.start(Parser.SwiftTest(printedName: name.text, function: function, startLine: lineNumber))
        } else if let after = verb.dropping("passed after ") {
            emitSwiftTest(takeRunning(name, function: function), status: .passed, duration: after.leadingSeconds())
        } else if let after = verb.dropping("failed after ") {
            emitSwiftTest(takeRunning(name, function: function), status: .failed, duration: after.leadingSeconds())
            commentsFollow = true
        } else if let after = verb.dropping("skipped") {
            let test = Parser.SwiftTest(printedName: name.text, function: function, startLine: lineNumber)
            let reason = after.dropping(": ").map { Parser.SwiftTest.unquoted($0.text.trimmingWhitespace()) }
            emitSwiftTest(test, status: .skipped, duration: nil, message: reason)
        } else if let after = verb.dropping("recorded ") {
            consumeIssue(of: name.text, after)
        }
    }

    /// The running test of that name that started first, or a new one when its start was not seen.
    private mutating func takeRunning(_ name: ByteSlice, function: String?) -> Parser.SwiftTest {
        guard var test = running.remove(named: name) else {
            return Parser.SwiftTest(printedName: name.text, function: function, startLine: lineNumber)
        }
        test.function = test.function ?? function
        return test
    }

    /// Every running test becomes an errored result: the process crashed or the output ends.
    mutating func erroredRunningTests(message: String, detail: String?) {
        let tests = running.all
        running.removeAll()
        for test in tests {
            emitSwiftTest(test, status: .errored, duration: nil, message: message.trimmingWhitespace(), detail: detail)
        }
    }

    /// `Suite NAME started.` / `passed after` / `failed after` / `skipped` / `recorded an issue`.
    /// Suites give no result; an issue recorded on a suite becomes the suite's output.
    private mutating func consumeSuite(_ rest: ByteSlice) {
        guard let (name, tail) = Self.splitName(rest) else { return }
        let verb = Self.verb(tail).verb
        commentsFollow = verb.starts(with: "failed after ")
        guard let after = verb.dropping("recorded ") else { return }
        swiftTestingTally.failures += 1
        emit(.suite(TestSuiteRecord(path: [Parser.SwiftTest.unquoted(name.text)], stdout: "recorded " + after.text)))
    }

    /// `recorded an issue[ with N arguments ARGS][ at File.swift:1:2]: message`, also `a known
    /// issue` and `a warning`.
    private mutating func consumeIssue(of printed: String, _ after: ByteSlice) {
        let kind: Parser.Issue.Kind
        var rest = after
        if let tail = after.dropping("an issue") {
            (kind, rest) = (.failure, tail)
        } else if let tail = after.dropping("a known issue") {
            (kind, rest) = (.known, tail)
        } else if let tail = after.dropping("a warning") {
            (kind, rest) = (.warning, tail)
        } else {
            kind = .failure
        }
        swiftTestingTally.failures += 1
        if let with = rest.dropping(" with "), let count = with.leadingInteger(),
            let arguments = with[count.end...].dropping(" arguments ") ?? with[count.end...].dropping(" argument ")
        {
            if !resolveIssue(of: printed, kind: kind, arguments) {
                pending = Parser.Pending(kind: .issue(test: printed, kind: kind), text: arguments.text)
            }
        } else if let (at, location, message) = Self.splitLocation(rest), at == rest.startIndex {
            addIssue(Parser.Issue(kind: kind, location: location, message: message), to: printed)
        } else {
            let message = (rest.dropping(": ") ?? rest).text
            addIssue(Parser.Issue(kind: kind, message: message), to: printed)
        }
    }

    /// `ARGS at File.swift:1:2: message` → the issue of a test case; `false` while the location
    /// has not come (the values run over several lines).
    mutating func resolveIssue(of printed: String, kind: Parser.Issue.Kind, _ text: ByteSlice) -> Bool {
        guard let (at, location, message) = Self.splitLocation(text) else { return false }
        addIssue(
            Parser.Issue(kind: kind, arguments: text[..<at].text, location: location, message: message), to: printed)
        return true
    }

    /// The first ` at FILE:LINE:COLUMN: ` in the bytes: where it starts, the place, the message after it.
    private static func splitLocation(_ bytes: ByteSlice) -> (Int, Parser.Location, String)? {
        var from = bytes.startIndex
        while let at = bytes.firstIndex(of: " at ", from: from) {
            let place = bytes[(at + 4)...]
            if let colon = place.firstIndex(of: ": "), let location = Parser.Location(place[..<colon], column: true) {
                return (at, location, place[(colon + 2)...].text)
            }
            if let location = place.droppingSuffix(":").flatMap({ Parser.Location($0, column: true) }) {
                return (at, location, "")
            }
            from = at + 1
        }
        return nil
    }

    mutating func addIssue(_ issue: Parser.Issue, to printed: String) {
        guard let count = running[printed]?.issues.count else {
            appendOutput(issue.text)
            return
        }
        issueContext = printed
        if count < Self.maxSubResults {
            running[printed]?.issues.append(issue)
        } else {
            running[printed]?.extraIssues += 1
            issueContext = nil
        }
    }

    /// A `↳ …` or indented line after an issue: its detail.
    mutating func appendIssueDetail(_ line: ByteSlice) {
        guard let printed = issueContext, let last = running[printed]?.issues.indices.last else { return }
        running[printed]?.issues[last].detail.appendLine(line)
    }

    /// `Test run with N tests in M suites passed after …[ with K issues]`: held against what was found.
    private mutating func consumeRunSummary(_ rest: ByteSlice) {
        settleCrash()
        swiftTestingRunOpen = false
        guard let tests = rest.leadingInteger()?.value else { return }
        var issues = 0
        if let with = rest.lastIndex(of: " with "), let count = rest[(with + 6)...].leadingInteger() {
            issues = count.value
        }
        let found = swiftTestingTally
        guard tests != found.tests || issues != found.failures else { return }
        warn(
            "the Swift Testing summary counts \(Self.counted(tests, "test")) and \(Self.counted(issues, "issue")); "
                + "ptupload found \(Self.counted(found.tests, "test")) and \(Self.counted(found.failures, "issue"))")
    }

    /// The result of a Swift Testing test: its issues as sub-results, or its test cases with their issues.
    mutating func emitSwiftTest(
        _ test: Parser.SwiftTest, status: TestStatus, duration: Double?, message: String? = nil, detail: String? = nil
    ) {
        var result = TestResult(
            name: test.name, file: test.issues.first { $0.location?.file != nil }?.location?.file, status: status,
            duration: duration, message: message, stdout: test.stdout.nonEmptyText)
        if let function = test.function { result.properties = [TestProperty(name: "function", value: function)] }
        if status == .failed {
            result.message = (test.issues.first { $0.kind == .failure } ?? test.issues.first)?.message
        }
        if status == .errored { result.failureType = "crash" }
        if !test.issues.isEmpty || detail != nil {
            var details = [detail].compactMap { $0 } + test.issues.map(\.text)
            if test.extraIssues > 0 { details.append("… and \(test.extraIssues) more issues") }
            result.detail = details.joined(separator: "\n")
        }
        if test.extraCases > 0 {
            result.detail = (result.detail.map { $0 + "\n" } ?? "") + "… and \(test.extraCases) more test cases"
        }
        if !test.cases.isEmpty {
            result.subResults = caseResults(test, parentStatus: status)
        } else if !test.issues.isEmpty {
            result.subResults = issueResults(test.issues)
        }
        swiftTestingTally.tests += 1
        if status == .skipped { swiftTestingTally.skipped += 1 }
        emitResult(result)
    }

    /// `issue 1`, `issue 2`, `known issue 1`, `warning 1`.
    private func issueResults(_ issues: [Parser.Issue]) -> [TestResult] {
        var numbers: [Parser.Issue.Kind: Int] = [:]
        return issues.map { issue in
            numbers[issue.kind, default: 0] += 1
            return TestResult(
                name: issue.arguments ?? "\(issue.kind.rawValue) \(numbers[issue.kind]!)", file: issue.location?.file,
                line: issue.location?.line, status: issue.kind.status, message: issue.message,
                failureType: issue.kind.rawValue, detail: issue.detail.nonEmptyText)
        }
    }
}
