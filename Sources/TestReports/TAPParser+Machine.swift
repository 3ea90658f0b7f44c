extension TAPParser {
    /// The parser's state machine: `consume(_:lineNumber:)` every line, then `finish()`.
    ///
    /// It keeps a stack of levels, the document and the subtests open in it, and routes each line
    /// by its indentation: a line as deep as the deepest level belongs to it; a deeper test point,
    /// plan or `# Subtest:` heading opens a subtest; a shallower test point closes the subtests
    /// deeper than it and takes their points as its sub-results. A YAML block, once open, takes
    /// every line until its `...` or a shallower line.
    struct Machine {
        /// Subtests nest at most this deep; deeper lines count as lines of the deepest level.
        static let maximumDepth = 32
        /// A bail-out reports at most this many planned tests one by one, then the rest as one.
        static let maximumNotRunResults = 1_000

        let file: String
        let suitePath: [String]
        let emit: (ParseEvent) -> Void
        var levels = [Level(indent: 0)]
        var yaml: YAMLBlock?
        var version: String?
        var bailedOut = false
        /// A test point, plan or bail-out was seen: the input is TAP.
        var sawTAP = false
        var emittedResults = 0
        var lineNumber = 0
        /// Comments before the first test point and after the last one.
        var documentOutput = BoundedText()

        init(file: String, suitePath: [String], emit: @escaping (ParseEvent) -> Void) {
            self.file = file
            self.suitePath = suitePath
            self.emit = emit
        }

        mutating func consume(_ line: ByteSlice, lineNumber: Int) {
            guard !bailedOut else { return }
            self.lineNumber = lineNumber
            var line = line
            if lineNumber == 1, line.starts(with: "\u{FEFF}") { line = line.dropFirst(3) }
            let (indent, content) = Line.splitIndentation(line)
            if yaml != nil, continueYAML(line, indent: indent, content: content) { return }
            if indent == 0, levels.count == 1, let first = content.first,
                first == UInt8(ascii: "o") || first == UInt8(ascii: "n"),
                let point = TestPoint(content.trimmingTrailing())
            {
                // The common case, a test point of the document, without the detour through `Line`.
                receive(point, at: 0, closing: nil)
                return
            }
            route(Line(content), indent: indent)
        }

        mutating func finish() throws(ReportError) {
            closeYAML()
            if !bailedOut {
                while levels.count > 1 {
                    closeUnfinishedLevel(message: "the subtest ended without a test point for it")
                }
                finishCurrent(at: 0)
            }
            guard sawTAP else {
                throw .malformed(SourceLocation(file: file, line: 1), reason: "no TAP test points or plan found")
            }
            let document = levels[0]
            if let result = document.planResult(
                suitePath: suitePath, requiresPlan: emittedResults > 0, bailedOut: bailedOut)
            {
                emit(.result(result))
            }
            var properties: [TestProperty] = []
            if let version { properties.append(TestProperty(name: "TAP version", value: version)) }
            if let plan = document.plan {
                properties.append(TestProperty(name: "plan", value: plan.text))
                if plan.skipsAll { properties.append(TestProperty(name: "skip", value: plan.skipReason ?? "")) }
            }
            emit(.suite(TestSuiteRecord(path: suitePath, properties: properties, stdout: documentOutput.tapText)))
        }

        // MARK: Routing

        mutating func route(_ line: Line, indent: Int) {
            switch line {
            case .blank, .other, .pragma, .yamlEnd:
                return
            case .version(let text):
                if version == nil { version = text }
                return
            case .bailOut(let reason):
                bailOut(reason: reason)
                return
            default:
                break
            }
            let target = targetLevel(for: indent)
            if target < levels.count - 1 {
                routeShallow(line, indent: indent, target: target)
            } else {
                routeToDeepest(line, indent: indent)
            }
        }

        /// The deepest level a line of `indent` columns belongs to. The first line of a `{` block
        /// that is deeper than the block's parent sets the block's indentation.
        mutating func targetLevel(for indent: Int) -> Int {
            var index = levels.count - 1
            while index > 0 {
                if let levelIndent = levels[index].indent {
                    if indent >= levelIndent { break }
                } else {
                    let parentIndent = levels[index - 1].indent ?? 0
                    if indent > parentIndent {
                        levels[index].indent = Self.childIndent(for: indent, parent: parentIndent)
                        break
                    }
                }
                index -= 1
            }
            return index
        }

        /// A line as deep as the deepest level, or deeper.
        mutating func routeToDeepest(_ line: Line, indent: Int) {
            let index = levels.count - 1
            let levelIndent = levels[index].indent ?? 0
            if indent > levelIndent {
                switch line {
                case .yamlStart:
                    if levels[index].current != nil { yaml = YAMLBlock(indent: indent) }
                    return
                case .testPoint, .plan, .subtest:
                    if levels.count < Self.maximumDepth {
                        openSubtest(line, indent: indent)
                        return
                    }
                case .comment:
                    break
                default:
                    return
                }
            }
            switch line {
            case .testPoint(let point):
                receive(point, at: index, closing: nil)
            case .plan(let plan):
                sawTAP = true
                levels[index].setPlan(plan, line: lineNumber)
                // A plan after the points ends them: later comments are the document's.
                if levels[index].pointCount > 0 { finishCurrent(at: index) }
            case .subtest(let name):
                finishCurrent(at: index)
                levels[index].pendingSubtest = name
            case .comment(let text):
                addOutput(text, at: index)
            case .openBrace:
                if levels[index].current != nil, levels.count < Self.maximumDepth {
                    levels.append(Level(indent: nil, isBraced: true))
                }
            default:
                break
            }
        }

        /// A line shallower than the deepest open subtest.
        mutating func routeShallow(_ line: Line, indent: Int, target: Int) {
            switch line {
            case .testPoint(let point):
                closeLevels(deeperThan: target + 1)
                var child: Level? = popLevel()
                if child?.isBraced == true {
                    // No `}` came: the ` {` belonged to the description, and the block is an
                    // ordinary subtest of this point.
                    restoreBrace(at: target)
                    if child?.indent == nil { child = nil }
                }
                receive(point, at: target, closing: child.map { ($0.name, $0.results) })
            case .closeBrace:
                guard let braced = levels.indices.last(where: { $0 > target && levels[$0].isBraced }) else { return }
                closeLevels(deeperThan: braced)
                attachBlock(popLevel())
            case .plan, .subtest:
                if let braced = levels.indices.first(where: { $0 > target && levels[$0].isBraced }) {
                    guard levels[braced].indent == nil else { return }  // misplaced inside a `{` block
                    levels.removeLast()
                    restoreBrace(at: braced - 1)
                    route(line, indent: indent)
                    return
                }
                closeLevels(deeperThan: target)
                routeToDeepest(line, indent: indent)
            case .comment(let text):
                addOutput(text, at: target)
            default:
                break
            }
        }

        // MARK: Test points

        /// Opens a point at level `index`; `child` is the subtest it closes. (Not the subtest's `Level`:
        /// passing even a `nil` one copies its 240 bytes for every point.)
        mutating func receive(
            _ point: consuming TestPoint, at index: Int, closing child: (name: String?, results: [TestResult])?
        ) {
            finishCurrent(at: index)
            sawTAP = true
            levels[index].pendingSubtest = nil
            let number = levels[index].register(point, line: lineNumber)
            var name = point.takeDescription()
            if let child {
                if name.hasPrefix("Subtest: ") { name.removeFirst(9) }
                if name.isEmpty, let childName = child.name { name = childName }
            }
            if name.isEmpty { name = "test \(number)" }
            var status: TestStatus = point.ok ? .passed : .failed
            var message: String?
            switch point.directive {
            case .skip(let reason):
                status = .skipped
                message = reason
            case .todo(let reason) where !point.ok:
                status = .skipped
                message = reason.map { "TODO: \($0)" } ?? "TODO"
            default:
                break
            }
            // Built in place: a plain point, the common case, never touches its extras.
            levels[index].current = OpenPoint(
                name: name, status: status, message: message, duration: point.duration, line: lineNumber)
            if case .todo(let reason) = point.directive { levels[index].current!.addProperty("todo", reason ?? "") }
            if let text = point.descriptionWithBrace { levels[index].current!.setDescriptionWithBrace(text) }
            if let child { levels[index].current!.addSubResults(child.results) }
            if point.opensBlock, levels.count < Self.maximumDepth {
                levels.append(Level(indent: nil, isBraced: true))
            }
        }

        /// Hands on the open point of a level: emitted from the document, kept by a subtest.
        mutating func finishCurrent(at index: Int) {
            guard let point = levels[index].current.take() else { return }
            if point.extras != nil { warnIfSubtestsFailed(point) }
            add(point.result(suitePath: index == 0 ? suitePath : []), at: index)
        }

        /// Warns when a point says ok although some of its subtests failed: the producer's word is
        /// kept, but the user should know.
        func warnIfSubtestsFailed(_ point: OpenPoint) {
            guard point.status == .passed, !point.isTODO else { return }
            let failed = point.subResults.count { $0.status == .failed || $0.status == .errored }
            if failed > 0 {
                emit(
                    .warning("\(file):\(point.line): test \"\(point.name)\" is ok but \(failed) of its subtests failed")
                )
            }
        }

        /// Emits a result of the document (its suite path already set); keeps a subtest's. (Inlined:
        /// otherwise the optimizer passes the result borrowed and copies it to emit it.)
        @inline(__always) mutating func add(_ result: consuming TestResult, at index: Int) {
            guard index == 0 else {
                levels[index].keep(result)
                return
            }
            emittedResults += 1
            if !result.subResults.isEmpty { Self.placeSubResults(of: &result) }
            emit(.result(result))
        }

        mutating func addOutput(_ text: String, at index: Int) {
            if levels[index].current != nil {
                levels[index].current?.addOutput(text)
            } else if index == 0 {
                if !documentOutput.isEmpty { documentOutput.append("\n") }
                documentOutput.append(text)
            }
        }

        mutating func restoreBrace(at index: Int) {
            if let text = levels[index].current?.descriptionWithBrace { levels[index].current?.name = text }
        }

        /// Puts the sub-results of `result`, and theirs, under the suite path `suite path + name`.
        static func placeSubResults(of result: inout TestResult) {
            let path = result.suitePath + [result.name]
            for index in result.subResults.indices {
                result.subResults[index].suitePath = path
                if !result.subResults[index].subResults.isEmpty { placeSubResults(of: &result.subResults[index]) }
            }
        }
    }
}
