import Foundation

/// Turns the paths a user gives into the report files to read.
public enum ReportPaths {
    /// File name endings searched for in directories: JUnit XML and TAP.
    public static let reportExtensions: Set<String> = ["xml", "tap"]

    /// Each file as given, `-` as given, and each directory replaced by the report files below it,
    /// sorted so that the order is the same on every machine.
    public static func expand(_ paths: [String]) throws(ReportError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                files.append(path)
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw .unreadable(file: path, reason: "cannot list the directory")
            }
            let found = walker.compactMap { $0 as? String }
                .filter { reportExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
                .map { (path as NSString).appendingPathComponent($0) }
            files.append(contentsOf: found)
        }
        return files
    }

    /// `swift test --xunit-output X.xml` writes the Swift Testing results of the same run beside it,
    /// in `X-swift-testing.xml`: that file, when it exists.
    public static func swiftTestingSibling(of path: String) -> String? {
        guard path.hasSuffix(".xml"), !path.hasSuffix("-swift-testing.xml") else { return nil }
        let sibling = String(path.dropLast(4)) + "-swift-testing.xml"
        return FileManager.default.fileExists(atPath: sibling) ? sibling : nil
    }
}
