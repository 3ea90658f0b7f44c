// fake-practitest: the fake PractiTest API v2 of the test suite as a process, for the benchmark script.
import Dispatch
import FakePractiTest
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let help = """
    OVERVIEW: A fake PractiTest API v2 on 127.0.0.1, for benchmarks.

    USAGE: fake-practitest [options]

    OPTIONS:
      --port <n>                 Port to listen on; 0 picks a free one (default: 0).
      --token <token>            The API token to accept (default: test-token).
      --project-id <id>          The project id (default: 1).
      --rate-limit <n>[/<window>]
                                 At most n calls in any window; the window in seconds, or with a unit
                                 (500ms, 2s, 1m) (default: 30/60).
      --no-retry-after           Answer 429 without a Retry-After header.
      --seed-set <name>=<count>  Create a set of count new tests named bench.Case.test_00001... with an
                                 instance each; repeatable.
      -h, --help                 Show this help.

    OUTPUT:
      The first line is "listening on 127.0.0.1:<port>"; then "set <name>=<set id>" for each seeded set.
      On SIGTERM or SIGINT: "requests=<n> 429s=<n> max-calls-in-window=<n> runs=<n>", then exit 0.

    """

/// The options of one run.
struct Options {
    var port = 0
    var token = "test-token"
    var projectID = 1
    var rateLimit = 30
    var window: Duration = .seconds(60)
    var sendsRetryAfter = true
    var seedSets: [(name: String, count: Int)] = []
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\nrun fake-practitest --help for usage\n".utf8))
    exit(64)
}

/// `2`, `2s`, `500ms`, `1m`: a window length; plain numbers are seconds.
func parseWindow(_ text: String) -> Duration? {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
        guard let value = Double(text.dropLast(suffix.count)), value > 0 else { return nil }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }
    guard let value = Double(text), value > 0 else { return nil }
    return .milliseconds(Int64((value * 1000).rounded()))
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var remaining = arguments[...]
    func value(for flag: String) -> String {
        guard let value = remaining.popFirst() else { fail("\(flag) needs a value") }
        return value
    }
    while let argument = remaining.popFirst() {
        var flag = argument
        if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
            flag = String(argument[..<equals])
            remaining.insert(String(argument[argument.index(after: equals)...]), at: remaining.startIndex)
        }
        switch flag {
        case "-h", "--help":
            print(help, terminator: "")
            exit(0)
        case "--port":
            let text = value(for: flag)
            guard let port = Int(text), (0...65535).contains(port) else { fail("--port: not a port: \(text)") }
            options.port = port
        case "--token":
            options.token = value(for: flag)
        case "--project-id":
            let text = value(for: flag)
            guard let id = Int(text), id > 0 else { fail("--project-id: not an id: \(text)") }
            options.projectID = id
        case "--rate-limit":
            let text = value(for: flag)
            let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
            guard let limit = Int(parts[0]), limit > 0,
                let window = parts.count == 2 ? parseWindow(parts[1]) : .seconds(60)
            else { fail("--rate-limit: expected N or N/WINDOW (30/2, 30/2s), got \(text)") }
            (options.rateLimit, options.window) = (limit, window)
        case "--no-retry-after":
            options.sendsRetryAfter = false
        case "--seed-set":
            let text = value(for: flag)
            guard let equals = text.lastIndex(of: "="), let count = Int(text[text.index(after: equals)...]), count >= 0,
                equals > text.startIndex
            else { fail("--seed-set: expected NAME=COUNT, got \(text)") }
            options.seedSets.append((String(text[..<equals]), count))
        default:
            fail("unknown option \(argument)")
        }
    }
    return options
}

func writeLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
let server = FakePractiTestServer(
    token: options.token, projectID: options.projectID, rateLimit: options.rateLimit, window: options.window,
    sendsRetryAfter: options.sendsRetryAfter)
var seeded: [(name: String, id: Int)] = []
var testNumber = 0
for (name, count) in options.seedSets {
    let testIDs = (0..<count).map { _ in
        testNumber += 1
        let digits = String(testNumber)
        return server.addTest(
            name: "bench.Case.test_" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits)
    }
    seeded.append((name, server.addSet(name: name, testIDs: testIDs)))
}

do {
    let port = try server.start(port: options.port)
    writeLine("listening on 127.0.0.1:\(port)")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
for set in seeded { writeLine("set \(set.name)=\(set.id)") }

signal(SIGTERM, SIG_IGN)
signal(SIGINT, SIG_IGN)
let signalSources = [SIGTERM, SIGINT].map { number in
    let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
    source.setEventHandler {
        server.stop()
        writeLine(
            "requests=\(server.requests.count) 429s=\(server.tooManyRequestsCount) "
                + "max-calls-in-window=\(server.maximumCallsInAnyWindow) runs=\(server.runs.count)")
        exit(0)
    }
    source.resume()
    return source
}
withExtendedLifetime(signalSources) { dispatchMain() }
