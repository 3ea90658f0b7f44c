/// XCTest's lines, as swift-corelibs-xctest (Linux) and Xcode's XCTest (macOS) print them: suites, test
/// cases, assertion failures, skips and the `Executed …` summary.
extension SwiftTestOutputParser {
    /// An open `Test Suite`, with the output printed in it outside any test.
    struct SuiteFrame {
        var name: String
        var stdout = BoundedText()
    }

    /// An XCTest test that started and has not ended.
    struct RunningXCTest {
        var classname: String?
        var name: String
        /// Printed as `-[Module.Suite test]` (Darwin) rather than `Suite.test` (Linux).
        var isDarwinForm: Bool
        var suitePath: [String]
        var file: String?
        var failures: [Failure] = []
        var extraFailures = 0
        var skipReason: String?
        var stdout = BoundedText()

        /// The name as the log prints it.
        var printedName: String {
            guard let classname else { return name }
            return isDarwinForm ? "-[\(classname) \(name)]" : "\(classname).\(name)"
        }

        /// `Suite/test`, the same for `Module.Suite.test`, `Suite.test` and `-[Module.Suite test]`.
        var parallelKey: String { "\(lastComponent(classname ?? ""))/\(name)" }

        /// Whether `printed` names this test.
        func isNamed(_ printed: ByteSlice) -> Bool {
            let (classname, name, isDarwinForm) = RunningXCTest.split(printed)
            guard isDarwinForm == self.isDarwinForm, name.equals(text: self.name) else { return false }
            guard let classname else { return self.classname == nil }
            return self.classname.map { classname.equals(text: $0) } ?? false
        }

        /// `-[Module.Suite test]` → (`Module.Suite`, `test`); `Suite.test()` → (`Suite`, `test`).
        static func split(_ printed: ByteSlice) -> (classname: ByteSlice?, name: ByteSlice, isDarwinForm: Bool) {
            if let inner = printed.dropping("-[")?.droppingSuffix("]") {
                guard let space = inner.lastIndex(of: " ") else { return (nil, inner, true) }
                return (inner[..<space], inner[(space + 1)...], true)
            }
            let name = printed.droppingSuffix("()") ?? printed
            guard let dot = name.lastIndex(of: ".") else { return (nil, name, false) }
            return (name[..<dot], name[(dot + 1)...], false)
        }
    }

    /// One assertion failure of an XCTest test.
    struct Failure {
        var location: Location?
        var message: String
        /// The assertion, `XCTAssertEqual`, or `thrown error`.
        var kind: String?
    }
}

extension SwiftTestOutputParser.Machine {
    /// The root suites XCTest prints around every run, left out of suite paths so that a plain
    /// and a parallel run give the same identities.
    static func isRootSuite(_ name: String) -> Bool {
        name == "All tests" || name == "Selected tests" || name.hasSuffix(".xctest")
    }

    /// `Test Suite 'Name' started at …` / `passed at …` / `failed at …`.
    mutating func consumeTestSuite(_ rest: ByteSlice) -> Bool {
        guard let quote = rest.firstIndex(of: "' ") else { return false }
        let name = rest[..<quote].text
        let verb = rest[(quote + 2)...]
        if verb.starts(with: "started") {
            settleCrash()
            // A new run: the suites of a run that crashed never closed.
            if name == "All tests" || name == "Selected tests" {
                suites.removeAll()
                suitePath.removeAll()
            }
            if suites.isEmpty { xctestTally = Parser.Tally() }
            suites.append(Parser.SuiteFrame(name: name))
            if !Self.isRootSuite(name) { suitePath.append(name) }
        } else if verb.starts(with: "passed") || verb.starts(with: "failed") {
            settleCrash()
            guard let position = suites.lastIndex(where: { $0.name == name }) else { return true }
            for (offset, frame) in suites[position...].enumerated().reversed() {
                guard let stdout = frame.stdout.nonEmptyText else { continue }
                let path = suites[..<(position + offset + 1)].map(\.name).filter { !Self.isRootSuite($0) }
                emit(.suite(TestSuiteRecord(path: path, stdout: stdout)))
            }
            suites.removeSubrange(position...)
            suitePath = suites.map(\.name).filter { !Self.isRootSuite($0) }
            if suites.isEmpty { summaryDue = true }
        } else {
            return false
        }
        sawTestOutput = true
        return true
    }

    /// The status a test case line ends with: `passed`, `failed`, `skipped`; `nil` for any other word.
    static func status(ofVerb verb: ByteSlice) -> TestStatus? {
        if verb.starts(with: "passed") { return .passed }
        if verb.starts(with: "failed") { return .failed }
        if verb.starts(with: "skipped") { return .skipped }
        return nil
    }

    /// `Test Case 'Suite.test' started at …`, `… passed (0.001 seconds)`, `failed`, `skipped`.
    mutating func consumeTestCase(_ rest: ByteSlice) -> Bool {
        guard let quote = rest.firstIndex(of: "' ") else { return false }
        let printed = rest[..<quote]
        let verb = rest[(quote + 2)...]
        let status = Self.status(ofVerb: verb)
        guard status != nil || verb.starts(with: "started") else { return false }
        settleCrash()
        sawTestOutput = true
        summaryDue = false
        guard let status else {
            endUnfinishedXCTest()
            xctest = newXCTest(printed)
            return true
        }
        let test: Parser.RunningXCTest
        if xctest?.isNamed(printed) == true, let current = xctest.take() {
            test = current
        } else {
            endUnfinishedXCTest()
            test = newXCTest(printed)
        }
        emitXCTest(test, status: status, duration: Self.parenthesizedSeconds(verb))
        return true
    }

    /// A test named as printed, in the open suites. The classname and suite path of the test before
    /// are shared when they are the same: a log has many tests of one suite.
    mutating func newXCTest(_ printed: ByteSlice) -> Parser.RunningXCTest {
        let (classnameBytes, name, isDarwinForm) = Parser.RunningXCTest.split(printed)
        let classname = classnameBytes.map { bytes in
            lastClassname.flatMap { bytes.equals(text: $0) ? $0 : nil } ?? bytes.text
        }
        lastClassname = classname ?? lastClassname
        return Parser.RunningXCTest(
            classname: classname, name: name.text, isDarwinForm: isDarwinForm, suitePath: suitePath)
    }

    /// A test that started and gets no result line before the next one: errored.
    private mutating func endUnfinishedXCTest() {
        guard let test = xctest.take() else { return }
        warn("XCTest test \(test.printedName) started but printed no result: it is reported as errored")
        emitXCTest(test, status: .errored, duration: nil, crash: ("the test started but printed no result", nil))
    }

    /// The seconds in the last `(0.001 seconds)` of a line.
    static func parenthesizedSeconds(_ bytes: ByteSlice) -> Double? {
        guard let open = bytes.lastIndex(of: "(") else { return nil }
        return bytes[(open + 1)...].leadingSeconds()
    }

    /// The result of an XCTest test, its assertion failures as sub-results; classname from the
    /// parallel run's `[N/M]` line when there is one (it names the module).
    mutating func emitXCTest(
        _ test: Parser.RunningXCTest, status: TestStatus, duration: Double?,
        crash: (message: String, detail: String?)? = nil
    ) {
        var classname = test.classname
        if !parallel.index.isEmpty, let position = parallel.index[test.parallelKey], !parallel.entries[position].done {
            parallel.entries[position].done = true
            classname = parallel.entries[position].classname
        }
        var result = TestResult(
            suitePath: test.suitePath, classname: classname, name: test.name, file: test.file, status: status,
            duration: duration, stdout: test.stdout.nonEmptyText)
        var failureText: [String] = []
        if !test.failures.isEmpty {
            result.subResults = test.failures.enumerated().map { number, failure in
                TestResult(
                    suitePath: test.suitePath, classname: classname, name: "failure \(number + 1)",
                    file: failure.location?.file, line: failure.location?.line, status: .failed,
                    message: failure.message, failureType: failure.kind)
            }
            failureText = test.failures.map { ($0.location.map { "\($0.description): " } ?? "") + $0.message }
            if test.extraFailures > 0 { failureText.append("… and \(test.extraFailures) more failures") }
        }
        switch status {
        case .passed:
            break
        case .failed:
            result.message = test.failures.first?.message
            result.failureType = test.failures.first?.kind
            result.detail = failureText.isEmpty ? nil : failureText.joined(separator: "\n")
        case .skipped:
            result.message = test.skipReason
        case .errored:
            result.message = crash?.message.trimmingWhitespace()
            result.failureType = "crash"
            result.detail = ([crash?.detail].compactMap { $0 } + failureText).joined(separator: "\n")
        }
        xctestTally.tests += 1
        if status == .skipped { xctestTally.skipped += 1 }
        emitResult(result)
    }

    /// `XCTAssertEqual failed: …` → `XCTAssertEqual`; `threw error "…"` → `thrown error`.
    static func assertionKind(_ message: ByteSlice) -> String? {
        if message.starts(with: "threw error") || message.starts(with: "failed: caught error") { return "thrown error" }
        guard message.starts(with: "XCT") else { return nil }
        var end = message.startIndex
        while end < message.endIndex, message[end] != 0x20, message[end] != UInt8(ascii: ":") { end += 1 }
        return message[..<end].text
    }

    /// `path:line: error: Suite.test : message`: an assertion failure, counted in the run's failures.
    mutating func consumeXCTestFailure(_ line: ByteSlice, errorMark: Int) -> Bool {
        let after = line[(errorMark + 9)...]
        guard sawTestOutput || xctest != nil, let separator = after.firstIndex(of: " : ") else { return false }
        let name = after[..<separator]
        let looksLikeTest = name.starts(with: "-[") ? name.ends(with: "]") : !name.contains(" ")
        guard looksLikeTest, !name.isEmpty else { return false }
        let place = line[..<errorMark]
        let location = Parser.Location(place, column: false)
        guard location != nil || place.contains("<EXPR>") else { return false }
        xctestTally.failures += 1
        guard xctest != nil else {
            appendOutput(line)
            return true
        }
        let message = after[(separator + 3)...]
        let failure = Parser.Failure(location: location, message: message.text, kind: Self.assertionKind(message))
        if xctest!.failures.count < Self.maxSubResults {
            xctest?.failures.append(failure)
        } else {
            xctest?.extraFailures += 1
        }
        if xctest?.file == nil { xctest?.file = location?.file }
        return true
    }

    /// `path:line: Suite.test : Test skipped - reason` before the `skipped` line.
    mutating func consumeXCTestSkip(_ line: ByteSlice) -> Bool {
        guard xctest != nil, let skipped = line.firstIndex(of: "Test skipped"), skipped >= line.startIndex + 3,
            line[(skipped - 3)..<skipped].starts(with: " : ")
        else { return false }
        let rest = line[(skipped + 12)...]
        let reason = rest.dropping(" - ") ?? rest.dropping(": ")
        xctest?.skipReason = reason.map { $0.text.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        if xctest?.file == nil, let printedName = xctest?.printedName,
            let nameMark = line.firstIndex(ofText: ": " + printedName),
            let location = Parser.Location(line[..<nameMark], column: false)
        {
            xctest?.file = location.file
        }
        return true
    }

    /// `Executed N tests, with K failures (U unexpected) in …`, after the outermost suite: the
    /// run's own summary, held against what was found.
    mutating func consumeExecuted(_ line: ByteSlice) -> Bool {
        guard let rest = line.trimmingLeading().dropping("Executed ") else { return false }
        guard summaryDue else { return true }
        summaryDue = false
        guard let tests = rest.leadingInteger(), let with = rest.firstIndex(of: ", with ", from: tests.end) else {
            return true
        }
        var counts = rest[(with + 7)...]
        var skipped: Int?
        if let number = counts.leadingInteger(),
            let after = counts[number.end...].dropping(" tests skipped and ")
                ?? counts[number.end...].dropping(" test skipped and ")
        {
            skipped = number.value
            counts = after
        }
        guard let failures = counts.leadingInteger()?.value else { return true }
        let found = xctestTally
        guard tests.value != found.tests || failures != found.failures || (skipped.map { $0 != found.skipped } ?? false)
        else { return true }
        func describe(_ tests: Int, _ skipped: Int?, _ failures: Int) -> String {
            Self.counted(tests, "test") + (skipped.map { ", \($0) skipped" } ?? "") + ", "
                + Self.counted(failures, "failure")
        }
        warn(
            "the XCTest summary says \(describe(tests.value, skipped, failures)); ptupload found "
                + describe(found.tests, skipped.map { _ in found.skipped }, found.failures))
        return true
    }
}
