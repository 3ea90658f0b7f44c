extension TAPParser {
    /// What a YAML diagnostic block (`  ---` … `  ...`) says about the test point before it.
    ///
    /// Known keys fill fields: `message` (or node's `error`), `severity`, `at` (node-tap's map of
    /// file and line, or a `file:line:column` string), node's `location`, `file`, `line`,
    /// `duration_ms`, `duration`, `failureType` (else `operator`). Everything else is detail text,
    /// quoted as written, with `got`/`actual`/`found` and `expected`/`wanted` first. A block the
    /// reader does not understand is detail text as a whole.
    struct Diagnostics: Equatable {
        var message: String?
        var severity: String?
        var file: String?
        var line: Int?
        /// Seconds.
        var duration: Double?
        var failureType: String?
        var detail: String?

        /// Reads a block whose lines have the block's indentation taken off; `cutBytes` bytes of it
        /// were not kept.
        init(_ text: YAMLText, cutBytes: Int = 0) {
            guard let entries = YAMLReader.readMap(text) else {
                detail = text.text(ofLines: text.lines.indices).map { Self.noting(cutBytes, after: $0) }
                return
            }
            var error: (text: String, entry: Int)?
            var operatorName: (text: String, entry: Int)?
            var location: String?
            var fileKey: String?
            var lineKey: String?
            var milliseconds: Double?
            /// Entries quoted in the detail: `got`/`expected` and their kin first, then the rest
            /// that no field took, each in the block's order.
            var comparison: [Int] = []
            var others: [Int] = []
            for (index, entry) in entries.enumerated() {
                guard let value = entry.value.scalar, !value.isEmpty else {
                    if entry.key == "at" {
                        file = entry.value["file"]?.scalar
                        line = entry.value["line"]?.scalar.flatMap { Int($0) }
                    } else {
                        others.append(index)
                    }
                    continue
                }
                switch entry.key {
                case "message" where message == nil: message = value
                case "error" where error == nil: error = (value, index)
                case "severity" where severity == nil: severity = value
                case "at": (file, line) = Self.location(value)
                case "location" where location == nil: location = value
                case "file" where fileKey == nil: fileKey = value
                case "line" where lineKey == nil: lineKey = value
                case "duration_ms" where milliseconds == nil: milliseconds = Double(value)
                case "duration" where duration == nil: duration = Self.seconds(value)
                case "failureType" where failureType == nil: failureType = value
                case "operator" where operatorName == nil: operatorName = (value, index)
                case "got", "actual", "found", "expected", "wanted": comparison.append(index)
                default: others.append(index)
                }
            }
            if file == nil, let location { (file, line) = Self.location(location) }
            file = file ?? fileKey
            line = line ?? lineKey.flatMap { Int($0) }
            if let milliseconds { duration = Self.validSeconds(milliseconds / 1000) }
            // `error` and `operator` fill `message` and `failureType` only when those are missing;
            // otherwise they are detail.
            if let error {
                if message == nil { message = error.text } else { others.append(error.entry) }
            }
            if let operatorName {
                if failureType == nil { failureType = operatorName.text } else { others.append(operatorName.entry) }
            }
            guard !comparison.isEmpty || !others.isEmpty || cutBytes > 0 else { return }
            let quoted = (comparison + others.sorted()).compactMap { text.text(ofLines: entries[$0].lines) }
            let detail = Self.noting(cutBytes, after: quoted.joined(separator: "\n"))
            self.detail = detail.isEmpty ? nil : detail
        }

        /// `text`, followed by a line that says how many bytes were cut, if any were.
        private static func noting(_ cutBytes: Int, after text: String) -> String {
            cutBytes > 0 ? text + "\n[… \(cutBytes) bytes cut …]" : text
        }

        /// File and line from `file:line`, `file:line:column` or a stack frame
        /// `function (file:line:column)`; a `file://` prefix is dropped.
        static func location(_ text: String) -> (file: String?, line: Int?) {
            var text = Substring(text)
            if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
                text = text[text.index(after: open)..<text.index(before: text.endIndex)]
            }
            if text.hasPrefix("file://") { text = text.dropFirst(7) }
            var parts = text.split(separator: ":", omittingEmptySubsequences: false)
            var numbers: [Int] = []
            while parts.count > 1, numbers.count < 2, let number = Int(parts.last!) {
                numbers.insert(number, at: 0)
                parts.removeLast()
            }
            let file = parts.joined(separator: ":")
            return (file.isEmpty ? nil : file, numbers.first)
        }

        /// Seconds from `1.5`, `1.5s` or `1500ms`; a bare number is seconds.
        static func seconds(_ text: String) -> Double? {
            let text = text.lowercased()
            if text.hasSuffix("ms") { return Double(text.dropLast(2)).flatMap { validSeconds($0 / 1000) } }
            if text.hasSuffix("s") { return Double(text.dropLast()).flatMap(validSeconds) }
            return Double(text).flatMap(validSeconds)
        }

        private static func validSeconds(_ value: Double) -> Double? {
            value.isFinite && value >= 0 ? value : nil
        }
    }
}
