// Writes large, realistic test reports for the benchmarks.
//
//   generate junit CASES OUTPUT
//   generate upload-junit CASES OUTPUT
//
// junit: suites of 100 cases; about 10% fail with a long message and a stack trace, 3% are
// skipped, 5% carry system-out. upload-junit: one suite whose cases are named as the tests that
// `fake-practitest --seed-set` creates (bench.Case.test_00001, …), every tenth failing. The
// content is deterministic, so runs compare.
import Foundation

struct Generator {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// A small deterministic pseudo-random number generator (SplitMix64).
    mutating func next(_ bound: Int) -> Int {
        seed &+= 0x9E37_79B9_7F4A_7C15
        var z = seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    func uploadJUnit(cases: Int, into output: FileHandle) {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"bench\">\n"
        for index in 1...max(cases, 1) where index <= cases {
            let name = "test_" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index)
            text += "  <testcase classname=\"bench.Case\" name=\"\(name)\" time=\"0.\(index % 10)\">"
            text += index % 10 == 0 ? "<failure message=\"expected \(index)\">trace</failure>" : ""
            text += "</testcase>\n"
        }
        output.write(Data((text + "</testsuite>\n").utf8))
    }

    mutating func junit(cases: Int, into output: FileHandle) {
        var buffer = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"benchmark\">\n"
        let suiteSize = 100
        for suite in 0..<((cases + suiteSize - 1) / suiteSize) {
            let classname = "com.example.module\(suite % 50).feature\(suite).FeatureTest\(suite)"
            buffer += "  <testsuite name=\"\(classname)\" tests=\"\(suiteSize)\" time=\"12.5\">\n"
            buffer += "    <properties><property name=\"java.version\" value=\"21.0.2\"/></properties>\n"
            for index in 0..<min(suiteSize, cases - suite * suiteSize) {
                let name = "test\(index)_behaviour\(next(100_000))_whenConditionHolds"
                let time = "\(next(5)).\(next(1000))"
                let roll = next(100)
                if roll < 10 {
                    buffer += "    <testcase classname=\"\(classname)\" name=\"\(name)\" time=\"\(time)\">\n"
                    buffer += "      <failure message=\"expected:&lt;\(next(1000))&gt; but was:&lt;\(next(1000))&gt; in \(name) after checking the response body of the request\" type=\"java.lang.AssertionError\">java.lang.AssertionError: expected:&lt;1&gt; but was:&lt;2&gt;\n"
                    for frame in 0..<22 {
                        buffer += "\tat \(classname).helper\(frame)(FeatureTest\(suite).java:\(100 + frame))\n"
                    }
                    buffer += "</failure>\n    </testcase>\n"
                } else if roll < 13 {
                    buffer += "    <testcase classname=\"\(classname)\" name=\"\(name)\" time=\"0\"><skipped message=\"disabled on this platform\"/></testcase>\n"
                } else if roll < 18 {
                    buffer += "    <testcase classname=\"\(classname)\" name=\"\(name)\" time=\"\(time)\"><system-out><![CDATA["
                    for line in 0..<12 { buffer += "[INFO] step \(line) of \(name): request sent, 200 OK received\n" }
                    buffer += "]]></system-out></testcase>\n"
                } else {
                    buffer += "    <testcase classname=\"\(classname)\" name=\"\(name)\" time=\"\(time)\"/>\n"
                }
                if buffer.utf8.count > 1 << 20 {
                    output.write(Data(buffer.utf8))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            buffer += "  </testsuite>\n"
        }
        buffer += "</testsuites>\n"
        output.write(Data(buffer.utf8))
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let cases = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: generate junit|upload-junit CASES OUTPUT\n".utf8))
    exit(64)
}
_ = FileManager.default.createFile(atPath: arguments[3], contents: nil)
guard let output = FileHandle(forWritingAtPath: arguments[3]) else { exit(73) }
var generator = Generator()
switch arguments[1] {
case "junit": generator.junit(cases: cases, into: output)
case "upload-junit": generator.uploadJUnit(cases: cases, into: output)
default:
    FileHandle.standardError.write(Data("unknown format \(arguments[1])\n".utf8))
    exit(64)
}
try output.close()
