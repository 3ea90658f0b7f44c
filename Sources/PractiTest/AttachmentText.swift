import TestReports

/// The text file attached to a run: everything ptupload knows of its results.
enum AttachmentText {
    static func describe(_ result: TestResult) -> String {
        var lines = [
            "Test: \(result.identity)", "Status: \(result.status.rawValue)\(result.isFlaky ? " (flaky)" : "")",
        ]
        if let duration = result.duration { lines.append("Duration: \(duration) s") }
        if let file = result.file { lines.append("File: \(file)" + (result.line.map { ":\($0)" } ?? "")) }
        for (title, text) in [("Message", result.message), ("Type", result.failureType), ("Detail", result.detail)] {
            if let text { lines.append("\(title):\n\(text)") }
        }
        for sub in result.subResults {
            lines.append("--- \(sub.name): \(sub.status.rawValue)")
            if let message = sub.message { lines.append(message) }
            if let detail = sub.detail { lines.append(detail) }
        }
        if let stdout = result.stdout { lines.append("Standard output:\n\(stdout)") }
        if let stderr = result.stderr { lines.append("Standard error:\n\(stderr)") }
        return lines.joined(separator: "\n")
    }

    /// A portable file name from a test name: letters, digits, `.`, `-`, `_`; at most 100 characters.
    static func fileName(for name: String) -> String {
        let safe = name.unicodeScalars.map { scalar -> Character in
            let allowed =
                scalar.isASCII
                && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || "._-".unicodeScalars.contains(scalar))
            return allowed ? Character(scalar) : "_"
        }
        let base = String(safe.prefix(100))
        return (base.isEmpty ? "output" : base) + ".txt"
    }
}
