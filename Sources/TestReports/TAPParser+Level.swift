extension TAPParser {
    /// The document, or one subtest in it: its plan, the numbering of its points so far, the point
    /// still open for a YAML block, comments or a `{` block, and, for a subtest, its finished results.
    ///
    /// Numbering keeps only the last number, not the set of numbers, so memory stays flat: a repeated
    /// or out-of-order number shows as a number that does not follow the one before.
    struct Level {
        /// A subtest keeps at most this many results; the rest are counted and dropped.
        static let maximumResults = 10_000
        static let maximumProblems = 5

        /// Columns of indentation; `nil` for a `{` block whose first line has not come yet.
        var indent: Int?
        /// A `{` block, closed by `}` rather than by the test point after it.
        let isBraced: Bool
        /// From `# Subtest: name`; names a closing point that has no description.
        var name: String?
        /// A `# Subtest:` heading read at this level, naming the next deeper block.
        var pendingSubtest: String?
        private(set) var plan: Plan?
        private(set) var planLine = 0
        private var planIsTrailing = false
        private var reportedPointAfterPlan = false
        private(set) var pointCount = 0
        private var lastNumber: Int?
        private var firstNumber: Int?
        private var problems: [String] = []
        private var problemCount = 0
        var current: OpenPoint?
        /// Finished results of a subtest; the document hands its results on instead.
        var results: [TestResult] = []
        var droppedResults = 0

        init(indent: Int?, isBraced: Bool = false, name: String? = nil) {
            self.indent = indent
            self.isBraced = isBraced
            self.name = name
        }

        mutating func setPlan(_ plan: Plan, line: Int) {
            if let existing = self.plan {
                note("a second plan \(plan.text) at line \(line) after \(existing.text) at line \(planLine)")
                return
            }
            self.plan = plan
            planLine = line
            planIsTrailing = pointCount > 0
        }

        /// Counts a test point and returns its number: the one it gives, else the one after the last.
        mutating func register(_ point: TestPoint, line: Int) -> Int {
            if planIsTrailing, !reportedPointAfterPlan {
                reportedPointAfterPlan = true
                note("test point at line \(line) comes after the plan at line \(planLine)")
            }
            let expected = (lastNumber ?? ((plan?.start ?? 1) - 1)) + 1
            let number = point.number ?? expected
            if let last = lastNumber, number != expected {
                note(
                    number == last
                        ? "test \(number) appears twice (line \(line))"
                        : "test \(number) at line \(line) comes after test \(last)")
            }
            if firstNumber == nil { firstNumber = number }
            lastNumber = number
            pointCount += 1
            return number
        }

        mutating func keep(_ result: TestResult) {
            if results.count < Self.maximumResults {
                results.append(result)
            } else {
                droppedResults += 1
            }
        }

        private mutating func note(_ problem: String) {
            problemCount += 1
            if problems.count < Self.maximumProblems { problems.append(problem) }
        }

        /// An errored result that says what is wrong with the plan and the numbering, or `nil` when
        /// nothing is. `requiresPlan` for the document: a subtest may leave its plan out.
        func planResult(suitePath: [String], requiresPlan: Bool, bailedOut: Bool) -> TestResult? {
            var found: [String] = []
            if let plan {
                if plan.skipsAll {
                    if pointCount > 0 {
                        found.append(
                            "the plan \(plan.text) at line \(planLine) skips every test, but \(pointCount) ran")
                    }
                } else {
                    if pointCount > plan.count || (pointCount < plan.count && !bailedOut) {
                        found.append(
                            "planned \(plan.count) \(plan.count == 1 ? "test" : "tests") (\(plan.text) at line \(planLine)) but \(pointCount) ran"
                        )
                    }
                    if let firstNumber, firstNumber != plan.start {
                        found.append("the first test is number \(firstNumber), but the plan starts at \(plan.start)")
                    }
                }
            } else if requiresPlan, !bailedOut, pointCount > 0 {
                found.append(
                    "no plan: the output ended after \(pointCount) \(pointCount == 1 ? "test" : "tests") without a 1..N line"
                )
            }
            found += problems
            if problemCount > problems.count { found.append("and \(problemCount - problems.count) more problems") }
            guard !found.isEmpty else { return nil }
            return TestResult(
                suitePath: suitePath, name: "TAP plan", status: .errored, message: found.joined(separator: "; "),
                failureType: "TAP plan")
        }
    }

    /// A test point whose YAML block, comments and `{` block may still come. Its result is made
    /// once, when it is finished. The fields few points have live in `extras`, allocated when first
    /// needed, so that a plain point is small and cheap to move.
    struct OpenPoint {
        var name: String
        var status: TestStatus
        var message: String?
        var duration: Double?
        /// The source line of the point, for messages.
        let line: Int
        private(set) var extras: Extras?

        /// The fields of a point that has a YAML block, comments, sub-results or a TODO.
        final class Extras {
            var file: String?
            var line: Int?
            var failureType: String?
            var detail: String?
            var properties: [TestProperty] = []
            var subResults: [TestResult] = []
            /// Comments after the point.
            var output: BoundedText?
            /// The description with its ` {`, for when no `{` block follows after all.
            var descriptionWithBrace: String?
        }

        init(name: String, status: TestStatus, message: String? = nil, duration: Double?, line: Int) {
            self.name = name
            self.status = status
            self.message = message
            self.duration = duration
            self.line = line
        }

        private mutating func more() -> Extras {
            if let extras { return extras }
            let extras = Extras()
            self.extras = extras
            return extras
        }

        var subResults: [TestResult] { extras?.subResults ?? [] }
        var isTODO: Bool { extras?.properties.contains { $0.name == "todo" } ?? false }
        var descriptionWithBrace: String? { extras?.descriptionWithBrace }

        mutating func setDescriptionWithBrace(_ text: String) {
            more().descriptionWithBrace = text
        }

        mutating func addSubResults(_ results: [TestResult]) {
            guard !results.isEmpty else { return }
            more().subResults += results
        }

        mutating func addProperty(_ name: String, _ value: String) {
            more().properties.append(TestProperty(name: name, value: value))
        }

        mutating func addOutput(_ text: String) {
            let extras = more()
            if extras.output == nil {
                extras.output = BoundedText()
            } else {
                extras.output?.append("\n")
            }
            extras.output?.append(text)
        }

        mutating func apply(_ diagnostics: Diagnostics) {
            message = message ?? diagnostics.message
            duration = diagnostics.duration ?? duration
            let extras = more()
            extras.file = extras.file ?? diagnostics.file
            extras.line = extras.line ?? diagnostics.line
            extras.failureType = extras.failureType ?? diagnostics.failureType
            if let severity = diagnostics.severity {
                extras.properties.append(TestProperty(name: "severity", value: severity))
            }
            if let detail = diagnostics.detail {
                extras.detail = extras.detail.map { $0 + "\n" + detail } ?? detail
            }
        }

        /// The point's result, its fields moved rather than copied, since this runs for every point.
        /// (Inlined: otherwise the optimizer builds the result in a temporary and copies it, which
        /// costs a seventh of the parse.)
        @inline(__always) consuming func result(suitePath: [String]) -> TestResult {
            guard let extras else {
                return TestResult(
                    suitePath: suitePath, name: name, status: status, duration: duration, message: message)
            }
            return TestResult(
                suitePath: suitePath, name: name, file: extras.file, line: extras.line, status: status,
                duration: duration, message: message, failureType: extras.failureType, detail: extras.detail,
                stdout: extras.output?.tapText, properties: extras.properties, subResults: extras.subResults)
        }
    }
}

extension BoundedText {
    /// The text as collected, or `nil` when there is none.
    var tapText: String? { isEmpty ? nil : text }
}

extension TAPParser {
    /// A YAML block being read, kept up to `maximumBytes`.
    struct YAMLBlock {
        static let maximumBytes = 1 << 20
        /// The columns of the `---` line, taken off every line.
        let indent: Int
        /// The lines so far, each ended by LF, in one buffer: one allocation per block.
        private var bytes: [UInt8] = []
        private(set) var cutBytes = 0

        init(indent: Int) {
            self.indent = indent
        }

        mutating func append(_ line: ByteSlice) {
            let size = line.count + 1
            if cutBytes > 0 || bytes.count + size > Self.maximumBytes {
                cutBytes += size
            } else {
                // Most blocks are a few short lines: one allocation, not one per doubling.
                if bytes.isEmpty { bytes.reserveCapacity(512) }
                bytes.append(contentsOf: line.buffer)
                bytes.append(0x0A)
            }
        }

        var text: YAMLText { YAMLText(bytes) }
    }
}
