import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the fake server could not start.
public enum FakeServerError: Error, CustomStringConvertible {
    case socket(String, Int32)
    case alreadyStarted

    public var description: String {
        switch self {
        case .socket(let call, let code): return "\(call) failed: \(String(cString: strerror(code)))"
        case .alreadyStarted: return "the fake server is already started"
        }
    }
}
