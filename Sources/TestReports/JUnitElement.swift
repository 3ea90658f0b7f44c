/// The JUnit elements the parser acts on; every other element is `other`.
enum JUnitElement: String {
    case testsuites, testsuite, testcase, properties, property
    case systemOut = "system-out"
    case systemErr = "system-err"
    case failure, error, skipped
    case rerunFailure, rerunError, flakyFailure, flakyError
    case other
}

/// The attributes of one JUnit element that the parser reads; empty values count as absent.
struct JUnitAttributes {
    var name: String?
    var classname: String?
    var time: String?
    var file: String?
    var line: String?
    var status: String?
    var message: String?
    var type: String?
    var value: String?

    /// The attribute names read, and the field each fills. Where two names fill one field (PHPUnit's
    /// `class`, `filepath`, `result`), the first spelling wins.
    enum Name: String {
        case name, classname, time, file, line, status, message, type, value
        case `class`, filepath, result
    }

    mutating func set(_ attribute: Name, to value: String) {
        guard !value.isEmpty else { return }
        switch attribute {
        case .name: name = value
        case .classname: classname = value
        case .class: classname = classname ?? value
        case .time: time = value
        case .file: file = value
        case .filepath: file = file ?? value
        case .line: line = value
        case .status: status = value
        case .result: status = status ?? value
        case .message: message = value
        case .type: type = value
        case .value: self.value = value
        }
    }
}
