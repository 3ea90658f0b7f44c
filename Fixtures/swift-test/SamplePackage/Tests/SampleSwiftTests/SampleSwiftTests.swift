import Foundation
import Sample
import Testing

/// Swift Testing tests that pass, fail, skip, know an issue, take arguments and (when asked) crash.
@Suite("Arithmetic suite")
struct ArithmeticSuite {
    @Test("adds two numbers")
    func adds() {
        #expect(Sample.add(2, 3) == 5)
    }

    @Test func failsTwice() {
        #expect(Sample.add(1, 1) == 3)
        #expect(Sample.isEven(3), "three is odd")
    }

    @Test(.disabled("waiting for the new API"))
    func disabledTest() {
        #expect(Bool(false))
    }

    @Test func knownIssue() {
        withKnownIssue("rounding is off by one") {
            #expect(Sample.add(1, 1) == 3)
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func isEven(value: Int) {
        #expect(Sample.isEven(value))
    }

    @Test(arguments: ["a", "b"], [1, 2])
    func twoArguments(text: String, count: Int) {
        #expect(!text.isEmpty && count > 0)
    }
}

/// A nested suite, to show how the console names tests in inner types.
struct OuterSuite {
    @Suite struct InnerSuite {
        @Test func innerPasses() {
            print("printed by innerPasses")
            #expect(Sample.shout("a") == "A!")
        }
    }
}

@Test func topLevelPasses() {
    #expect(Sample.add(0, 1) == 1)
}

@Test func crashesWhenAsked() {
    if ProcessInfo.processInfo.environment["SAMPLE_CRASH"] == "swift-testing" {
        print("about to call fatalError")
        fatalError("crashed on purpose")
    }
    #expect(true)
}

/// Issues of other kinds: a warning (not a failure), a thrown error, a comment of two lines.
@Suite struct IssueKinds {
    struct SampleError: Error {}

    @Test func recordsWarning() {
        Issue.record("slow path taken", severity: .warning)
    }

    @Test func throwsError() throws {
        throw SampleError()
    }

    @Test func multilineComment() {
        #expect(Sample.add(2, 2) == 5, "first line\nsecond line")
    }
}

@Suite(.disabled("the whole suite is off"))
struct DisabledSuite {
    @Test func neverRuns() {}
}
