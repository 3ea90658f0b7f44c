import Foundation

extension SwiftTestOutputParser {
    /// A source location printed as `path:line` (XCTest) or `file:line:column` (Swift Testing).
    struct Location: Equatable {
        var file: String?
        var line: Int?
        var column: Int?

        /// Reads `path:line` or `path:line:column`; `<EXPR>:0` (a thrown error) has no place.
        init?(_ bytes: ByteSlice, column wantsColumn: Bool) {
            guard let last = bytes.lastIndex(of: ":"), last > bytes.startIndex,
                let tail = bytes[(last + 1)...].leadingInteger(), tail.end == bytes.endIndex
            else { return nil }
            var path = bytes[..<last]
            if wantsColumn {
                guard let middle = path.lastIndex(of: ":"), middle > path.startIndex,
                    let lineNumber = path[(middle + 1)...].leadingInteger(), lineNumber.end == path.endIndex
                else { return nil }
                line = lineNumber.value
                column = tail.value
                path = path[..<middle]
            } else {
                line = tail.value
            }
            let name = path.text
            if name == "<EXPR>" || name == "<unknown>" {
                file = nil
                line = nil
            } else {
                file = name
            }
        }

        var description: String {
            var text = file ?? ""
            if let line { text += ":\(line)" }
            if let column { text += ":\(column)" }
            return text
        }
    }

    /// `Module.Suite` → `Suite`.
    static func lastComponent(_ name: String) -> String {
        name.split(separator: ".").last.map(String.init) ?? name
    }
}
