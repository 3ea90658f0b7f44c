extension TAPParser.Machine {
    typealias Level = TAPParser.Level

    /// Opens a subtest for a test point, plan or `# Subtest:` heading deeper than the deepest level.
    /// The point before it is finished: a streamed subtest belongs to the point after it.
    mutating func openSubtest(_ line: TAPParser.Line, indent: Int) {
        let index = levels.count - 1
        finishCurrent(at: index)
        let childIndent = Self.childIndent(for: indent, parent: levels[index].indent ?? 0)
        if let pending = levels[index].pendingSubtest {
            // Perl and node: `# Subtest: name` at the parent's indentation names the block.
            levels[index].pendingSubtest = nil
            levels.append(Level(indent: childIndent, name: pending))
        } else if case .subtest(let name) = line, indent == childIndent {
            // TAP 14 and node-tap: the heading stands at the block's own indentation.
            levels.append(Level(indent: childIndent, name: name))
            return
        } else {
            // A bare subtest (TAP 14), named by the point that closes it.
            levels.append(Level(indent: childIndent))
        }
        route(line, indent: indent)
    }

    /// The indentation of a subtest whose first line is `indent` columns deep. Producers indent
    /// by four columns a level, so a first line eight columns deeper opens two levels at once
    /// (node-tap, `# Subtest:` headings of nested blocks); other depths are taken as they are.
    static func childIndent(for indent: Int, parent: Int) -> Int {
        let depth = indent - parent
        return depth > 4 && depth % 4 == 0 ? parent + 4 : indent
    }

    mutating func closeLevels(deeperThan index: Int) {
        while levels.count - 1 > index {
            closeUnfinishedLevel(message: "the subtest ended without a test point for it")
        }
    }

    /// Removes the deepest level, with its open point finished and its plan checked.
    mutating func popLevel() -> Level {
        finishCurrent(at: levels.count - 1)
        var level = levels.removeLast()
        if let problem = level.planResult(suitePath: [], requiresPlan: false, bailedOut: bailedOut) {
            level.results.append(problem)
        }
        if level.droppedResults > 0 {
            emit(
                .warning(
                    "\(file):\(lineNumber): a subtest has more than \(Level.maximumResults) results; \(level.droppedResults) of them were not kept"
                ))
        }
        return level
    }

    /// Closes the deepest level when no test point came to close it. A `{` block goes to its point,
    /// since a buffered subtest is printed after it ran; a streamed subtest with points becomes an
    /// errored result, as the output was cut short or mangled.
    mutating func closeUnfinishedLevel(message: String) {
        let level = popLevel()
        let parent = levels.count - 1
        if level.isBraced {
            attachBlock(level)
            return
        }
        guard level.pointCount > 0 else {
            // Only deeper unfinished subtests, if anything: hand them up as they are.
            for result in level.results { add(result, placedIn: parent) }
            return
        }
        finishCurrent(at: parent)
        let name = level.name.flatMap { $0.isEmpty ? nil : $0 } ?? "subtest"
        add(
            TestResult(
                suitePath: parent == 0 ? suitePath : [], name: name, status: .errored, message: message,
                failureType: "TAP subtest", subResults: level.results),
            at: parent)
    }

    /// Adds a result that moves up from a subtest, in the suite of its new level.
    mutating func add(_ result: TestResult, placedIn index: Int) {
        var result = result
        result.suitePath = index == 0 ? suitePath : []
        add(result, at: index)
    }

    /// Gives the results of a closed `{` block to the point that opened it.
    mutating func attachBlock(_ block: Level) {
        let owner = levels.count - 1
        guard block.indent != nil else {
            restoreBrace(at: owner)
            return
        }
        if levels[owner].current != nil {
            levels[owner].current?.addSubResults(block.results)
        } else {
            for result in block.results { add(result, placedIn: owner) }
        }
    }

    /// `Bail out!`: what ran is kept, every test the plan still expected is errored, and the rest
    /// of the input is ignored.
    mutating func bailOut(reason: String?) {
        closeYAML()
        sawTAP = true
        bailedOut = true
        let because = reason.map { "bailed out: \($0)" } ?? "bailed out"
        while levels.count > 1 { closeUnfinishedLevel(message: "the subtest did not finish: \(because)") }
        finishCurrent(at: 0)
        let document = levels[0]
        guard let plan = document.plan, plan.count > document.pointCount else {
            add(
                TestResult(
                    suitePath: suitePath, name: "Bail out!", status: .errored, message: because,
                    failureType: "TAP bail out"),
                at: 0)
            return
        }
        let missing = plan.count - document.pointCount
        let first = plan.end - missing + 1
        let listed = min(missing, Self.maximumNotRunResults)
        for number in first..<(first + listed) {
            add(
                TestResult(
                    suitePath: suitePath, name: "test \(number)", status: .errored, message: "not run: \(because)",
                    failureType: "TAP bail out"),
                at: 0)
        }
        if missing > listed {
            add(
                TestResult(
                    suitePath: suitePath, name: "tests \(first + listed)..\(plan.end)", status: .errored,
                    message: "\(missing - listed) tests not run: \(because)", failureType: "TAP bail out"),
                at: 0)
        }
    }

    // MARK: YAML blocks

    /// Feeds a line to the open YAML block; `false` when the line is shallower than the block, which
    /// ends it without `...`, and is then read as TAP.
    mutating func continueYAML(_ line: ByteSlice, indent: Int, content: ByteSlice) -> Bool {
        guard let blockIndent = yaml?.indent else { return false }
        let text = content.trimmingTrailing()
        if text.isEmpty {
            yaml?.append(text)
            return true
        }
        guard indent >= blockIndent else {
            closeYAML()
            return false
        }
        if text.equals("..."), indent == blockIndent {
            closeYAML()
        } else {
            yaml?.append(Self.dropColumns(blockIndent, from: line))
        }
        return true
    }

    mutating func closeYAML() {
        guard let block = yaml else { return }
        yaml = nil
        let diagnostics = TAPParser.Diagnostics(block.text, cutBytes: block.cutBytes)
        levels[levels.count - 1].current?.apply(diagnostics)
    }

    /// `line` without the white space of its first `columns` columns.
    static func dropColumns(_ columns: Int, from line: ByteSlice) -> ByteSlice {
        var width = 0
        var rest = line
        while width < columns, let byte = rest.first, byte.isBlank {
            width += byte == 0x09 ? 4 - width % 4 : 1
            rest = rest.dropFirst()
        }
        return rest
    }
}
