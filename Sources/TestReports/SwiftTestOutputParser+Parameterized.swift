/// Swift Testing's parameterized tests: one `Test case passing N arguments … to test started.` line
/// per argument set (`Passing N arguments … to test` before Swift 6.1), issues that name the
/// arguments, and argument values that run over several lines.
extension SwiftTestOutputParser {
    /// One argument set of a parameterized test.
    struct TestCase {
        /// The values as printed: `value → 3`; verbose output adds the types, `value → 3 (Swift.Int)`.
        var arguments: String
        /// `arguments` without the types verbose output adds, as issue lines print them.
        var looseArguments: String
        var status: TestStatus?
        var duration: Double?

        init(arguments: String) {
            self.arguments = arguments
            looseArguments = TestCase.withoutTypes(arguments)
        }

        /// `a → 1 (Swift.Int), b → "x" (Swift.String)` → `a → 1, b → "x"`: drops each ` (…)` group
        /// that ends an argument.
        static func withoutTypes(_ arguments: String) -> String {
            let bytes = Array(arguments.utf8)
            guard bytes.count > 2, bytes.contains(UInt8(ascii: "(")) else { return arguments }
            var kept: [UInt8] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x20, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "(") {
                    var depth = 0
                    var end = index + 1
                    while end < bytes.count {
                        if bytes[end] == UInt8(ascii: "(") { depth += 1 }
                        if bytes[end] == UInt8(ascii: ")") { depth -= 1 }
                        end += 1
                        if depth == 0 { break }
                    }
                    let endsArgument = end == bytes.count || bytes[end...].starts(with: ", ".utf8)
                    if depth == 0, endsArgument {
                        index = end
                        continue
                    }
                }
                kept.append(bytes[index])
                index += 1
            }
            return String(decoding: kept, as: UTF8.self)
        }
    }

    /// An issue or test case line whose argument values run over several lines.
    struct Pending {
        enum Kind {
            case issue(test: String, kind: Issue.Kind)
            /// `Test case passing …` (with a `started.`/`passed after …` tail) or the older `Passing …`.
            case testCase(hasTail: Bool)
        }

        var kind: Kind
        var text: String
        var lines = 1
    }
}

extension SwiftTestOutputParser.Machine {
    /// `N arguments ARGS to NAME started.` (or `passed after …`/`failed after …` when verbose), or the
    /// older `Passing N arguments ARGS to NAME`.
    mutating func consumeTestCaseLine(_ rest: ByteSlice, hasTail: Bool) {
        guard let count = rest.leadingInteger(),
            let arguments = rest[count.end...].dropping(" arguments ") ?? rest[count.end...].dropping(" argument ")
        else { return }
        if !resolveTestCase(arguments, hasTail: hasTail) {
            pending = Parser.Pending(kind: .testCase(hasTail: hasTail), text: arguments.text)
        }
    }

    /// Finds ` to NAME` of a running test from the end; `false` while it has not come.
    private mutating func resolveTestCase(_ text: ByteSlice, hasTail: Bool) -> Bool {
        var head = text
        var status: TestStatus?
        var duration: Double?
        if hasTail {
            if let before = text.droppingSuffix(" started.") {
                head = before
            } else if let mark = text.lastIndex(of: " passed after ") {
                (head, status, duration) = (text[..<mark], .passed, text[(mark + 14)...].leadingSeconds())
            } else if let mark = text.lastIndex(of: " failed after ") {
                (head, status, duration) = (text[..<mark], .failed, text[(mark + 14)...].leadingSeconds())
            } else {
                return false
            }
        }
        var end = head.endIndex
        while let to = head[..<end].lastIndex(of: " to ") {
            let printed = head[(to + 4)...].text
            if running.index(of: printed) != nil {
                recordTestCase(of: printed, arguments: head[..<to].text, status: status, duration: duration)
                return true
            }
            end = to + 3
        }
        return false
    }

    private mutating func recordTestCase(of printed: String, arguments: String, status: TestStatus?, duration: Double?)
    {
        if status != nil,
            let position = running[printed]?.cases.lastIndex(where: { $0.arguments == arguments })
        {
            running[printed]?.cases[position].status = status
            running[printed]?.cases[position].duration = duration
            return
        }
        guard let count = running[printed]?.cases.count, count < Self.maxSubResults else {
            running[printed]?.extraCases += 1
            return
        }
        var testCase = Parser.TestCase(arguments: arguments)
        (testCase.status, testCase.duration) = (status, duration)
        running[printed]?.cases.append(testCase)
    }

    /// Adds a line to the pending multi-line event and resolves it when it is complete.
    mutating func absorbIntoPending(_ line: ByteSlice) {
        guard var pending else { return }
        self.pending = nil
        pending.text += "\n" + line.text
        pending.lines += 1
        var text = pending.text
        let resolved = text.withUTF8 { bytes -> Bool in
            switch pending.kind {
            case .issue(let test, let kind): resolveIssue(of: test, kind: kind, ByteSlice(bytes))
            case .testCase(let hasTail): resolveTestCase(ByteSlice(bytes), hasTail: hasTail)
            }
        }
        if resolved { return }
        self.pending = pending
        if pending.lines >= 500 || pending.text.utf8.count >= BoundedText.defaultLimit { finishPending() }
    }

    /// A pending event that never completed: an issue keeps its text without a place; a test case is dropped.
    mutating func finishPending() {
        guard let pending else { return }
        self.pending = nil
        if case .issue(let test, let kind) = pending.kind {
            addIssue(Parser.Issue(kind: kind, message: pending.text), to: test)
        }
    }

    /// One sub-result per argument set, failed when an issue names its arguments.
    func caseResults(_ test: Parser.SwiftTest, parentStatus: TestStatus) -> [TestResult] {
        var issuesByArguments: [String: [Parser.Issue]] = [:]
        for issue in test.issues {
            if let arguments = issue.arguments { issuesByArguments[arguments, default: []].append(issue) }
        }
        return test.cases.map { testCase in
            let issues = issuesByArguments[testCase.arguments] ?? issuesByArguments[testCase.looseArguments] ?? []
            let failure = issues.first { $0.kind == .failure }
            let status = testCase.status ?? (failure != nil ? .failed : parentStatus == .errored ? .errored : .passed)
            return TestResult(
                name: testCase.arguments, file: issues.first?.location?.file, line: issues.first?.location?.line,
                status: status, duration: testCase.duration, message: failure?.message,
                detail: issues.isEmpty ? nil : issues.map(\.text).joined(separator: "\n"))
        }
    }
}
