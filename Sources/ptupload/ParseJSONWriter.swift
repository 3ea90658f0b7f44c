import Foundation
import TestReports

/// Writes `ptupload parse --json` as one JSON document while the reports are read:
/// `{"tests": [...], "suites": [...], "files": [...], "summary": {...}}`. Tests stream out as they
/// are parsed, so memory does not grow with the reports. The keys are documented in the README.
final class ParseJSONWriter {
    private let output: OutputStream
    private let encoder: JSONEncoder
    private var testCount = 0
    private var suites: [JSONSuite] = []

    init(output: OutputStream) {
        self.output = output
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        output.write("{\"tests\":[")
    }

    func add(file: String, event: ParseEvent) {
        switch event {
        case .result(let result):
            output.write(testCount == 0 ? "\n" : ",\n")
            testCount += 1
            output.write(encode(JSONTest(result, report: file)))
        case .suite(let suite):
            if !suite.properties.isEmpty || suite.stdout != nil || suite.stderr != nil {
                suites.append(JSONSuite(report: file, suite: suite))
            }
        case .warning:
            break
        }
    }

    func finish(files: [ReportFileSummary]) {
        let total = ResultCounts(summing: files.map(\.counts))
        output.write("\n],\n\"suites\":")
        output.write(encode(suites))
        output.write(",\n\"files\":")
        output.write(encode(files.map(JSONFile.init)))
        output.write(",\n\"summary\":")
        output.write(encode(total))
        output.write("\n}\n")
    }

    private func encode(_ value: some Encodable) -> Data {
        // The wire types hold only strings, numbers and arrays of them: encoding cannot fail.
        (try? encoder.encode(value)) ?? Data("null".utf8)
    }
}

/// One result in `parse --json`; every key is always present, `null` when unknown.
private struct JSONTest: Encodable {
    var result: TestResult
    var report: String

    init(_ result: TestResult, report: String) {
        self.result = result
        self.report = report
    }

    enum CodingKeys: String, CodingKey {
        case report, suite, classname, name, file, line, status, duration, message, type, detail
        case stdout, stderr, properties, flaky, subresults
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(report, forKey: .report)
        try container.encode(result.suiteName, forKey: .suite)
        try container.encode(result.classname, forKey: .classname)
        try container.encode(result.name, forKey: .name)
        try container.encode(result.file, forKey: .file)
        try container.encode(result.line, forKey: .line)
        try container.encode(result.status, forKey: .status)
        try container.encode(result.duration, forKey: .duration)
        try container.encode(result.message, forKey: .message)
        try container.encode(result.failureType, forKey: .type)
        try container.encode(result.detail, forKey: .detail)
        try container.encode(result.stdout, forKey: .stdout)
        try container.encode(result.stderr, forKey: .stderr)
        try container.encode(result.properties, forKey: .properties)
        try container.encode(result.isFlaky, forKey: .flaky)
        try container.encode(result.subResults.map { JSONTest($0, report: report) }, forKey: .subresults)
    }
}

/// A suite that carries properties or output of its own, in `parse --json`.
private struct JSONSuite: Encodable {
    var report: String
    var path: [String]
    var properties: [TestProperty]
    var stdout: String?
    var stderr: String?

    init(report: String, suite: TestSuiteRecord) {
        self.report = report
        path = suite.path
        properties = suite.properties
        stdout = suite.stdout
        stderr = suite.stderr
    }

    enum CodingKeys: String, CodingKey { case report, path, properties, stdout, stderr }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(report, forKey: .report)
        try container.encode(path, forKey: .path)
        try container.encode(properties, forKey: .properties)
        try container.encode(stdout, forKey: .stdout)
        try container.encode(stderr, forKey: .stderr)
    }
}

/// One report file in `parse --json`.
private struct JSONFile: Encodable {
    var path: String
    var format: String?
    var summary: ResultCounts
    var error: JSONError?

    init(_ file: ReportFileSummary) {
        path = file.path
        format = file.format?.rawValue
        summary = file.counts
        error = file.error.map(JSONError.init)
    }

    enum CodingKeys: String, CodingKey { case path, format, summary, error }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(format, forKey: .format)
        try container.encode(summary, forKey: .summary)
        try container.encode(error, forKey: .error)
    }
}

/// Why a file could not be read, with where.
private struct JSONError: Encodable {
    var message: String
    var line: Int?
    var column: Int?

    init(_ error: ReportError) {
        message = error.reason
        line = error.location.line
        column = error.location.column
    }

    enum CodingKeys: String, CodingKey { case message, line, column }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(message, forKey: .message)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
}
