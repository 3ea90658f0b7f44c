/// How test results become PractiTest runs. Every default is documented in `ptupload upload --help`.
public struct RunOptions: Sendable {
    /// `case`: one test and run per test case. `suite`: one test and run per suite (or class), each
    /// case a step, as PractiTest's own uploader does.
    public enum Granularity: String, Sendable, CaseIterable {
        case `case`, suite
    }

    /// What becomes of skipped tests: `na` posts a run with one `N/A` step carrying the reason;
    /// `omit` posts nothing for them.
    public enum SkippedPolicy: String, Sendable, CaseIterable {
        case na, omit
    }

    /// Which runs get the full output attached as a text file.
    public enum AttachPolicy: String, Sendable, CaseIterable {
        case failures, always, never
    }

    public var granularity = Granularity.case
    public var nameTemplate = NameTemplate.standard
    public var skipped = SkippedPolicy.na
    public var attach = AttachPolicy.failures
    /// The most bytes of text attached to one run, before Base64.
    public var attachmentLimit = 1 << 20
    /// The most bytes of a step's actual results.
    public var stepTextLimit = 64 * 1024
    public var runVersion: String?
    /// `--custom-field ID=VALUE` pairs, in order; several values for one id make an array.
    public var customFields: [(id: String, value: String)] = []
    /// The CI job's page, linked from each run's output when it fits and from its attachment.
    public var jobURL: String?
    /// A custom field id that receives the job URL.
    public var jobURLField: String?

    public init() {}

    /// The `custom-fields` attribute: `---f-ID` keys.
    var customFieldValues: [String: CustomFieldValue] {
        var values: [String: [String]] = [:]
        var pairs = customFields
        if let jobURL, let jobURLField { pairs.append((jobURLField, jobURL)) }
        for (id, value) in pairs { values["---f-\(id)", default: []].append(value) }
        return values.mapValues { $0.count == 1 ? .single($0[0]) : .multiple($0) }
    }
}
