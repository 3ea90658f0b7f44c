import Foundation

/// A fake PractiTest API v2 on 127.0.0.1 for tests and benchmarks: real HTTP/1.1 over a socket (keep-alive,
/// one thread per connection), JSON:API bodies and paging as in `CONTRACT.md`, strict validation, a
/// sliding-window rate limit, and faults injected per request.
///
/// All state sits behind one lock; the seeding and inspection members may be used from any thread,
/// before or while the server runs.
public final class FakePractiTestServer: @unchecked Sendable {
    private var api: FakePractiTestAPI
    private let sendsRetryAfter: Bool
    private let lock = NSLock()
    private var state = FakePractiTestState()
    private var rateWindow: RateWindow
    private var faultRules: [FaultRule] = []
    private var records: [FakeRequestRecord] = []
    private var refusedCount = 0
    private var listener: Int32 = -1
    private var wakePipe: (read: Int32, write: Int32) = (-1, -1)
    private var boundPort = 0
    private var openConnections: Set<Int32> = []
    private var connectionCount = 0
    private var isStopped = false

    /// `rateLimit` calls in any `window` (PractiTest's documented limit is 30 a minute); `sendsRetryAfter`
    /// says whether 429 answers carry a `Retry-After` header.
    public init(
        token: String = "test-token", projectID: Int = 1, rateLimit: Int = 30, window: Duration = .seconds(60),
        sendsRetryAfter: Bool = true
    ) {
        self.token = token
        self.projectID = projectID
        self.api = FakePractiTestAPI(token: token, projectID: projectID)
        self.rateWindow = RateWindow(limit: rateLimit, window: window)
        self.sendsRetryAfter = sendsRetryAfter
    }

    deinit {
        stop()
    }

    /// Binds 127.0.0.1:`port` (0: any free port), accepts connections on a background thread, and returns
    /// the port.
    @discardableResult
    public func start(port: Int = 0) throws -> Int {
        let pipe = try Socket.makePipe()
        let (descriptor, actualPort) = try Socket.listenOnLoopback(port: port)
        let alreadyStarted = locked { () -> Bool in
            guard listener < 0, !isStopped else { return true }
            listener = descriptor
            wakePipe = pipe
            boundPort = actualPort
            api.baseURL = "http://127.0.0.1:\(actualPort)"
            return false
        }
        if alreadyStarted {
            [descriptor, pipe.read, pipe.write].forEach(Socket.close)
            throw FakeServerError.alreadyStarted
        }
        let thread = Thread { [self] in acceptLoop(listener: descriptor, wake: pipe.read) }
        thread.name = "FakePractiTest accept"
        thread.start()
        return actualPort
    }

    /// Stops accepting, drops every open connection, and frees the port. Idempotent.
    public func stop() {
        let (wake, connections) = locked { () -> (Int32, Set<Int32>) in
            guard !isStopped else { return (-1, []) }
            isStopped = true
            return (wakePipe.write, openConnections)
        }
        if wake >= 0 {
            var byte: UInt8 = 1
            _ = write(wake, &byte, 1)
            Socket.close(wake)
        }
        connections.forEach(Socket.shutDown)
    }

    /// `http://127.0.0.1:PORT` once started.
    public var baseURL: URL { URL(string: locked { api.baseURL })! }

    /// The bound port, 0 before `start()`.
    public var port: Int { locked { boundPort } }

    /// The token the server accepts.
    public let token: String
    /// The only project the server knows.
    public let projectID: Int

    // MARK: Seeding

    /// Adds a test to the library; returns its id.
    @discardableResult
    public func addTest(name: String) -> Int {
        locked { state.addTest(name: name).id }
    }

    /// Adds a set with an instance for each test (which must exist); returns the set's id.
    @discardableResult
    public func addSet(name: String, testIDs: [Int] = []) -> Int {
        locked {
            let set = state.addSet(name: name)
            for testID in testIDs {
                precondition(state.addInstance(setID: set.id, testID: testID) != nil, "addSet: no test \(testID)")
            }
            return set.id
        }
    }

    /// Places a test in a set (both must exist); returns the instance's id.
    @discardableResult
    public func addInstance(setID: Int, testID: Int) -> Int {
        locked {
            guard let instance = state.addInstance(setID: setID, testID: testID) else {
                preconditionFailure("addInstance: no set \(setID) or no test \(testID)")
            }
            return instance.id
        }
    }

    // MARK: Inspection

    public var runs: [FakeRun] { locked { state.runs } }
    public var tests: [FakeTest] { locked { state.tests } }
    public var sets: [FakeSet] { locked { state.sets } }
    public var instances: [FakeInstance] { locked { state.instances } }
    /// Every request that reached the server, refused ones included, in arrival order.
    public var requests: [FakeRequestRecord] { locked { records } }
    /// The most requests (429s included) that arrived within any span of the rate window.
    public var maximumCallsInAnyWindow: Int { locked { rateWindow.maximumInAnyWindow } }
    /// How many 429 answers the rate limit sent (injected `.status(429)` faults not included).
    public var tooManyRequestsCount: Int { locked { refusedCount } }

    // MARK: Faults

    /// Queues a fault for the next `times` requests whose method (case-insensitive) and path (without the
    /// query) match; `nil` matches any. Rules are consumed in the order injected, the first match wins.
    public func inject(_ fault: FakeFault, on method: String? = nil, pathSuffix: String? = nil, times: Int = 1) {
        guard times > 0 else { return }
        locked { faultRules.append(FaultRule(fault: fault, method: method, pathSuffix: pathSuffix, remaining: times)) }
    }

    /// Faults injected but not yet met.
    public var pendingFaultCount: Int { locked { faultRules.reduce(0) { $0 + $1.remaining } } }

    // MARK: Connections

    private func acceptLoop(listener: Int32, wake: Int32) {
        while let connection = Socket.accept(listener, orWakeOn: wake) {
            let id = locked { () -> Int? in
                guard !isStopped else { return nil }
                connectionCount += 1
                openConnections.insert(connection)
                return connectionCount
            }
            guard let id else {
                Socket.close(connection)
                break
            }
            let thread = Thread { [self] in serve(connection, id: id) }
            thread.name = "FakePractiTest connection \(id)"
            thread.start()
        }
        [listener, wake].forEach(Socket.close)
    }

    /// Answers requests on one connection until the peer closes, a fault drops it, or the server stops.
    private func serve(_ descriptor: Int32, id: Int) {
        let connection = HTTPConnection(descriptor: descriptor)
        serving: while true {
            switch connection.readRequest() {
            case .closed:
                break serving
            case .malformed(let status, let title):
                connection.write(HTTPResponse.error(status, title).serialized(date: Date(), closing: true))
                break serving
            case .request(let request):
                let outcome = handle(request, connectionID: id)
                if let delay = outcome.delay { Thread.sleep(forTimeInterval: delay.timeInterval) }
                guard let response = outcome.response else { break serving }
                let closing = !request.keepsAlive
                guard connection.write(response.serialized(date: Date(), closing: closing)), !closing else {
                    break serving
                }
            }
        }
        locked { _ = openConnections.remove(descriptor) }
        Socket.close(descriptor)
    }

    /// What to do with one request: the answer (none: drop the connection) and how long to wait first.
    private struct Outcome {
        var response: HTTPResponse?
        var delay: Duration?
    }

    /// Records the request, applies the rate limit and any fault, and lets the API answer: all under the lock,
    /// so requests are processed one at a time in arrival order.
    private func handle(_ request: HTTPRequest, connectionID: Int) -> Outcome {
        locked {
            let now = Date()
            var record = FakeRequestRecord(
                method: request.method, path: request.path, query: request.rawQuery, status: nil, time: now,
                connectionID: connectionID, fault: nil,
                headers: Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }) { _, last in last })
            defer { records.append(record) }
            if let wait = rateWindow.arrive(at: .now) {
                refusedCount += 1
                record.status = 429
                let retryAfter = sendsRetryAfter ? [(name: "Retry-After", value: "\(wait)")] : []
                return Outcome(response: .errors(429, ["rate limit exceeded"], extraHeaders: retryAfter))
            }
            let fault = faultRules.consume(method: request.method, path: request.path)
            record.fault = fault
            switch fault {
            case .status(let status, let retryAfter):
                record.status = status
                let headers = retryAfter.map { [(name: "Retry-After", value: "\($0)")] } ?? []
                return Outcome(response: .errors(status, ["injected fault: HTTP \(status)"], extraHeaders: headers))
            case .closeBeforeProcessing:
                return Outcome(response: nil)
            case .closeAfterProcessing:
                _ = api.respond(to: request, state: &state, now: now)
                return Outcome(response: nil)
            case .delay(let delay):
                let response = api.respond(to: request, state: &state, now: now)
                record.status = response.status
                return Outcome(response: response, delay: delay)
            case nil:
                let response = api.respond(to: request, state: &state, now: now)
                record.status = response.status
                return Outcome(response: response)
            }
        }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

extension Duration {
    /// The duration in seconds, for `Thread.sleep`.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
