extension SwiftTestOutputParser {
    /// The Swift Testing tests that started and have not ended, in the order they started. Tests
    /// are found by name as printed without making a `String` of it: a hash of its bytes is held
    /// beside each test; ended tests leave a hole until the holes are half the table.
    struct RunningTests {
        private var tests: [SwiftTest?] = []
        /// The hash and the name of each test, apart, so that finding a test copies none.
        private var hashes: [Int] = []
        private var names: [String] = []
        /// Where the first running test is: tests end about in the order they start.
        private var head = 0
        private(set) var count = 0

        /// The running tests, first started first.
        var all: [SwiftTest] { tests.compactMap { $0 } }

        /// The one running test, when exactly one runs.
        var only: SwiftTest? { count == 1 ? tests[head...].first { $0 != nil } ?? nil : nil }

        mutating func start(_ test: consuming SwiftTest) {
            var name = test.printedName
            hashes.append(name.withUTF8 { Self.hash($0) })
            names.append(name)
            tests.append(test)
            count += 1
        }

        /// The first started of the running tests named `name`.
        func index(of name: ByteSlice) -> Int? {
            let hash = Self.hash(name.buffer)
            for index in head..<hashes.count where hashes[index] == hash {
                if name.equals(text: names[index]) { return index }
            }
            return nil
        }

        func index(of name: String) -> Int? {
            var name = name
            return name.withUTF8 { index(of: ByteSlice($0)) }
        }

        /// The first started test named `name`, to read or change in place.
        subscript(name: String) -> SwiftTest? {
            get { index(of: name).flatMap { tests[$0] } }
            _modify {
                if let index = index(of: name) {
                    yield &tests[index]
                } else {
                    var none: SwiftTest?
                    yield &none
                }
            }
        }

        /// Ends the first started test named `name`.
        mutating func remove(named name: ByteSlice) -> SwiftTest? {
            guard let index = index(of: name) else { return nil }
            let test = tests[index].take()
            hashes[index] = 0
            names[index] = ""
            count -= 1
            while head < tests.count, tests[head] == nil { head += 1 }
            if tests.count > 64, count * 2 < tests.count {
                let live = tests.indices.filter { tests[$0] != nil }
                tests = live.map { tests[$0] }
                hashes = live.map { hashes[$0] }
                names = live.map { names[$0] }
                head = 0
            }
            return test
        }

        mutating func removeAll() {
            tests.removeAll()
            hashes.removeAll()
            names.removeAll()
            head = 0
            count = 0
        }

        /// FNV-1a of the bytes.
        private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
            return Int(truncatingIfNeeded: hash | 1)
        }
    }
}
