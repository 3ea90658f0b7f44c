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
}
