import Foundation

/// `runs.json`.
extension FakePractiTestAPI {
    /// The most runs one `POST runs.json` takes (documented).
    static let maximumRunsPerRequest = 20

    /// `GET runs.json`: `instance-ids`, `set-ids`, `test-ids` (at most 50 each, else 414), `run-type`
    /// (`AutomatedRun` or `ManualRun`; every fake run is automated).
    func listRuns(_ request: HTTPRequest, query: QueryParameters, state: FakePractiTestState) throws(APIFailure)
        -> HTTPResponse
    {
        try query.requireOnly(["instance-ids", "set-ids", "test-ids", "run-type"], paged: true)
        let instanceIDs = try query.ids("instance-ids")
        let setIDs = try query.ids("set-ids")
        let testIDs = try query.ids("test-ids")
        let runType = query["run-type"]
        if let runType, runType != "AutomatedRun", runType != "ManualRun" {
            throw APIFailure(422, "run-type must be AutomatedRun or ManualRun, got \"\(runType)\"")
        }
        let runs = state.runs.filter { run in
            instanceIDs.map { $0.contains(run.instanceID) } != false && setIDs.map { $0.contains(run.setID) } != false
                && testIDs.map { $0.contains(run.testID) } != false && runType != "ManualRun"
        }
        return try paged(runs, request: request, query: query, encode: entity)
    }

    /// `POST runs.json`: one run or an array of 1 to 20, validated strictly and stored all or nothing; see
    /// `RunValidator` for the rules. Answers the created runs in the shape sent (one entity or an array).
    func createRuns(_ data: FakeJSON, state: inout FakePractiTestState, now: Date) throws(APIFailure)
        -> HTTPResponse
    {
        let (items, labels) = try Self.items(of: data, noun: "runs", limit: Self.maximumRunsPerRequest)
        var validator = RunValidator(state: state)
        let drafts = zip(items, labels).compactMap { validator.validate($0, at: $1) }
        validator.checkDistinctInstances()
        guard validator.problems.isEmpty else { throw APIFailure(422, titles: validator.problems) }
        let date = HTTPDate.wholeSecond(now)
        let entities = drafts.map { entity(state.addRun($0, at: date)) }
        return HTTPResponse(status: 200, json: ["data": data.arrayValue == nil ? entities[0] : .array(entities)])
    }
}
