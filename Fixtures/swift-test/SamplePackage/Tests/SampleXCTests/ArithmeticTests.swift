import Foundation
import Sample
import XCTest

/// XCTest cases that pass, fail, skip and (when asked) crash.
final class ArithmeticTests: XCTestCase {
    func testAddsTwoNumbers() {
        XCTAssertEqual(Sample.add(2, 3), 5)
    }

    func testFailsThreeAssertions() {
        XCTAssertEqual(Sample.add(1, 1), 3, "one plus one")
        XCTAssertTrue(Sample.isEven(3), "three is odd")
        XCTAssertNil(Optional(1), "not nil")
    }

    func testSkippedWithReason() throws {
        throw XCTSkip("needs a network connection")
    }

    func testPrintsToStandardOutput() {
        print("hello from testPrintsToStandardOutput")
        XCTAssertEqual(Sample.add(0, 0), 0)
    }

    func testCrashesWhenAsked() {
        if ProcessInfo.processInfo.environment["SAMPLE_CRASH"] == "xctest" {
            let missing: Int? = nil
            print("about to unwrap nil")
            XCTAssertEqual(missing!, 1)
        }
    }
}

/// A second XCTest class, so the log has two suites.
final class StringTests: XCTestCase {
    func testShouts() {
        XCTAssertEqual(Sample.shout("hi"), "HI!")
    }

    func testFailsOnce() {
        XCTAssertEqual(Sample.shout("hi"), "hi", "shout keeps the case")
    }

    struct SampleError: Error {}

    func testThrowsError() throws {
        throw SampleError()
    }
}
