import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few BSD socket calls the server makes, with the Glibc/Darwin differences in one place.
enum Socket {
    /// A socket bound to 127.0.0.1:`port` (0: any free port) and listening; returns it and its port.
    static func listenOnLoopback(port: Int) throws -> (descriptor: Int32, port: Int) {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw FakeServerError.socket("socket", errno) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 128) == 0 else {
            let code = errno
            close(descriptor)
            throw FakeServerError.socket("bind 127.0.0.1:\(port)", code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Waits until `listener` has a connection or `wake` is readable; the accepted socket, or `nil` when
    /// woken (the server is stopping).
    static func accept(_ listener: Int32, orWakeOn wake: Int32) -> Int32? {
        while true {
            var descriptors = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 || descriptors[1].revents != 0 { return nil }
            let connection = acceptConnection(listener)
            if connection >= 0 {
                var yes: Int32 = 1
                setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
                #if canImport(Darwin)
                    setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
                #endif
                return connection
            }
            if errno == EINTR || errno == ECONNABORTED || errno == EAGAIN { continue }
            return nil
        }
    }

    /// `send` that never raises SIGPIPE.
    static func send(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            return Glibc.send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
        #else
            return Darwin.send(descriptor, bytes, count, 0)
        #endif
    }

    /// Wakes a thread blocked reading or writing `descriptor`, without closing it (the owner closes).
    static func shutDown(_ descriptor: Int32) {
        #if canImport(Glibc)
            shutdown(descriptor, Int32(SHUT_RDWR))
        #else
            shutdown(descriptor, SHUT_RDWR)
        #endif
    }

    static func close(_ descriptor: Int32) {
        #if canImport(Glibc)
            _ = Glibc.close(descriptor)
        #else
            _ = Darwin.close(descriptor)
        #endif
    }

    /// A pipe whose write end wakes `accept(_:orWakeOn:)`.
    static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw FakeServerError.socket("pipe", errno) }
        return (ends[0], ends[1])
    }

    private static func acceptConnection(_ listener: Int32) -> Int32 {
        #if canImport(Glibc)
            return Glibc.accept(listener, nil, nil)
        #else
            return Darwin.accept(listener, nil, nil)
        #endif
    }
}
