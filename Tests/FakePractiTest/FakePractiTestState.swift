import Foundation

/// Everything the fake project holds: tests, sets, instances and runs, with their id counters.
///
/// System ids of each kind start in their own range (tests 1000001, sets 2000001, instances 3000001,
/// runs 4000001) and display ids at 1, so an id of the wrong kind never names anything. Ids only grow.
/// Not thread-safe: `FakePractiTestServer` holds it behind its lock.
struct FakePractiTestState: Sendable {
    private(set) var tests: [FakeTest] = []
    private(set) var sets: [FakeSet] = []
    private(set) var instances: [FakeInstance] = []
    private(set) var runs: [FakeRun] = []

    private var testIndex: [Int: Int] = [:]
    private var setIndex: [Int: Int] = [:]
    private var instanceIndex: [Int: Int] = [:]
    private var instanceCountBySet: [Int: Int] = [:]
    private var nextTestID = 1_000_001
    private var nextSetID = 2_000_001
    private var nextInstanceID = 3_000_001
    private var nextRunID = 4_000_001

    func test(id: Int) -> FakeTest? { testIndex[id].map { tests[$0] } }
    func set(id: Int) -> FakeSet? { setIndex[id].map { sets[$0] } }
    func instance(id: Int) -> FakeInstance? { instanceIndex[id].map { instances[$0] } }

    mutating func addTest(name: String, testType: String = "ApiTest") -> FakeTest {
        let test = FakeTest(id: nextTestID, displayID: tests.count + 1, name: name, testType: testType)
        nextTestID += 1
        testIndex[test.id] = tests.count
        tests.append(test)
        return test
    }

    mutating func addSet(name: String) -> FakeSet {
        let set = FakeSet(id: nextSetID, displayID: sets.count + 1, name: name)
        nextSetID += 1
        setIndex[set.id] = sets.count
        sets.append(set)
        return set
    }

    /// Places a test in a set; `nil` when either is unknown.
    mutating func addInstance(setID: Int, testID: Int) -> FakeInstance? {
        guard let set = set(id: setID), let test = test(id: testID) else { return nil }
        let position = (instanceCountBySet[setID] ?? 0) + 1
        instanceCountBySet[setID] = position
        let instance = FakeInstance(
            id: nextInstanceID, setID: setID, testID: testID, displayID: "\(set.displayID):\(position)",
            name: test.name)
        nextInstanceID += 1
        instanceIndex[instance.id] = instances.count
        instances.append(instance)
        return instance
    }

    /// Stores a validated run, giving it the next id; its instance must exist.
    mutating func addRun(_ draft: RunDraft, at date: Date) -> FakeRun {
        let instance = instance(id: draft.instanceID)!
        let run = FakeRun(
            id: nextRunID, instanceID: instance.id, testID: instance.testID, setID: instance.setID,
            status: draft.status, exitCode: draft.exitCode, runDuration: draft.runDuration, output: draft.output,
            steps: draft.steps, files: draft.files, customFields: draft.customFields, version: draft.version,
            createdAt: date)
        nextRunID += 1
        runs.append(run)
        return run
    }

    /// How many instances a set holds.
    func instanceCount(setID: Int) -> Int { instanceCountBySet[setID] ?? 0 }
}
