/// Parallel runs: SwiftPM's `swift test --parallel` (`[3/7] Testing Module.Suite/test` progress
/// lines, XCTest output only for the tests that fail, one process per test) and xcodebuild's
/// clones (`Test case '…' passed on 'Clone 1 …'`) and restarts after a crash.
extension SwiftTestOutputParser {
    /// The tests `swift test --parallel` announced with `[N/M] Testing Module.Suite/test`; only the
    /// failed ones print their XCTest output, the others pass when the parallel run ends.
    struct ParallelRun {
        struct Entry {
            var classname: String
            var name: String
            var done = false
        }

        var announced: Int?
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        /// The `exited with unexpected signal code` line of each test whose process crashed, by key.
        var crashed: [String: String] = [:]
    }
}

extension SwiftTestOutputParser.Machine {
    /// `[3/7] Testing Module.Suite/test`: a test of a parallel run.
    mutating func consumeParallelProgress(_ line: ByteSlice) -> Bool {
        guard let close = line.firstIndex(of: "] Testing "), let slash = line[..<close].firstIndex(of: "/"),
            line[(line.startIndex + 1)..<slash].leadingInteger() != nil,
            let total = line[(slash + 1)..<close].leadingInteger(), total.end == close
        else { return false }
        let target = line[(close + 10)...]
        guard let separator = target.lastIndex(of: "/") else { return false }
        settleCrash()
        sawTestOutput = true
        let entry = Parser.ParallelRun.Entry(
            classname: target[..<separator].text, name: target[(separator + 1)...].text)
        let key = "\(Parser.lastComponent(entry.classname))/\(entry.name)"
        parallel.announced = total.value
        if parallel.index[key] == nil {
            parallel.index[key] = parallel.entries.count
            parallel.entries.append(entry)
        }
        return true
    }

    /// `error: Process '… Module.Suite/test' exited with unexpected signal code 4`: the process of
    /// one test of a parallel run crashed.
    mutating func consumeParallelCrash(_ line: ByteSlice) -> Bool {
        guard let open = line.firstIndex(of: "Process '"),
            let close = line.firstIndex(of: "' exited with unexpected signal"),
            close >= open + 9  // the two may overlap: "Process ' exited with unexpected signal"
        else { return false }
        let command = line[(open + 9)..<close]
        let test = command[((command.lastIndex(of: " ") ?? command.startIndex - 1) + 1)...]
        guard let separator = test.lastIndex(of: "/"), separator > test.startIndex, test.first != UInt8(ascii: "/"),
            test.first != UInt8(ascii: "-")
        else { return false }
        sawTestOutput = true
        parallel.crashed["\(Parser.lastComponent(test[..<separator].text))/\(test[(separator + 1)...].text)"] =
            line.text
        return true
    }

    /// At the end of a parallel run, the announced tests that printed nothing passed, or crashed.
    mutating func flushParallel() {
        guard !parallel.entries.isEmpty else { return }
        for entry in parallel.entries where !entry.done {
            let suite = Parser.lastComponent(entry.classname)
            var result = TestResult(suitePath: [suite], classname: entry.classname, name: entry.name, status: .passed)
            if let crash = parallel.crashed["\(suite)/\(entry.name)"]?.trimmingWhitespace() {
                warn(
                    "the test process of \(entry.classname)/\(entry.name) crashed (\(crash)): it is reported as errored"
                )
                result.status = .errored
                result.message = crash
                result.failureType = "crash"
            }
            emitResult(result)
        }
        if let announced = parallel.announced, parallel.entries.count < announced {
            warn(
                "the parallel run announced \(announced) XCTest tests but printed \(parallel.entries.count): "
                    + "the results of the others are missing")
        }
        parallel = Parser.ParallelRun()
    }

    /// xcodebuild's `Test case 'Suite.test()' passed on 'Clone 1 of …' (0.002 seconds)`.
    mutating func consumeCloneTestCase(_ rest: ByteSlice) -> Bool {
        guard let quote = rest.firstIndex(of: "' ") else { return false }
        let verb = rest[(quote + 2)...]
        guard let status = Self.status(ofVerb: verb) else { return false }
        sawTestOutput = true
        let (classname, name, _) = Parser.RunningXCTest.split(rest[..<quote])
        emitResult(
            TestResult(
                suitePath: classname.map { [Parser.lastComponent($0.text)] } ?? [], classname: classname?.text,
                name: name.text, status: status, duration: Self.parenthesizedSeconds(verb)))
        return true
    }

    /// xcodebuild's `Restarting after unexpected exit, crash, or test timeout in Suite.test(); …`.
    mutating func consumeRestart(_ line: ByteSlice) -> Bool {
        guard let rest = line.dropping("Restarting after unexpected exit, crash, or test timeout in ") else {
            return false
        }
        settleCrash()
        sawTestOutput = true
        let printed = rest[..<(rest.firstIndex(of: ";") ?? rest.endIndex)]
        let (classname, name, _) = Parser.RunningXCTest.split(printed)
        warn("xcodebuild restarted the tests after a crash or timeout in \(printed.text): it is reported as errored")
        emitResult(
            TestResult(
                suitePath: classname.map { [Parser.lastComponent($0.text)] } ?? [], classname: classname?.text,
                name: name.text, status: .errored, message: line.text, failureType: "crash"))
        return true
    }
}
