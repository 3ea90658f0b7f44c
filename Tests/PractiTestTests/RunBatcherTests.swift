import Testing

@testable import PractiTest

@Suite("Run batcher")
struct RunBatcherTests {
    @Test(
        "keeps every item once, in batches of at most 20, never a key twice in a batch",
        arguments: [0, 1, 20, 21, 45, 100])
    func batches(count: Int) {
        // Keys repeat: item i has key i % 7, so many items share a key.
        let items = Array(0..<count)
        let batches = RunBatcher.batches(items) { $0 % 7 }
        #expect(batches.flatMap { $0 }.sorted() == items)
        for batch in batches {
            #expect(batch.count <= 20)
            #expect(Set(batch.map { $0 % 7 }).count == batch.count)
        }
    }

    @Test("fills batches in order when keys are distinct")
    func inOrder() {
        let batches = RunBatcher.batches(Array(0..<45)) { $0 }
        #expect(batches.map(\.count) == [20, 20, 5])
        #expect(batches.flatMap { $0 } == Array(0..<45))
    }

    @Test("moves a repeated key to the next batch with room")
    func repeatedKey() {
        #expect(RunBatcher.batches(["a", "a", "b", "a"], size: 2) { $0 } == [["a", "b"], ["a"], ["a"]])
    }
}
