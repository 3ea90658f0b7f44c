import Foundation
import Testing

@testable import FakePractiTest

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("HTTP/1.1 connections")
struct KeepAliveTests {
    @Test("one URLSession sends request after request on one kept-alive connection")
    func reusesConnection() async throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 3)
        let client = FakeClient(server)
        for id in ids {
            _ = try await client.get("instances.json")
            #expect(try await client.post("runs.json", ["data": runItem(instanceID: id)]).status == 200)
        }
        #expect(server.requests.count == 6)
        #expect(Set(server.requests.map(\.connectionID)).count == 1)
    }

    @Test("pipelined requests, a chunked body, Expect: 100-continue and Connection: close on one raw socket")
    func rawSocket() throws {
        let server = try startServer()
        defer { server.stop() }
        let ids = seedSet(server, count: 1)
        let body = String(decoding: (["data": runItem(instanceID: ids[0])] as FakeJSON).serialized(), as: UTF8.self)
        let half = body.utf8.count / 2
        let chunks = [String(body.prefix(half)), String(body.dropFirst(half))]
            .map { String($0.utf8.count, radix: 16) + "\r\n" + $0 + "\r\n" }.joined()
        let requests =
            "GET /api/v2/projects/1/sets.json HTTP/1.1\r\nHost: x\r\nPTToken: test-token\r\n\r\n"
            + "POST /api/v2/projects/1/runs.json HTTP/1.1\r\nHost: x\r\nPTToken: test-token\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n"
            + "Connection: close\r\n\r\n" + chunks + "0\r\n\r\n"
        let answer = try exchange(port: server.port, send: requests)
        #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        #expect(answer.contains("HTTP/1.1 100 Continue\r\n\r\n"))
        #expect(answer.contains("Connection: close\r\n"))
        #expect(server.runs.count == 1)
        #expect(Set(server.requests.map(\.connectionID)).count == 1)
    }

    @Test("a request line that is not HTTP is answered 400 and the connection closed")
    func malformedRequest() throws {
        let server = try startServer()
        defer { server.stop() }
        let answer = try exchange(port: server.port, send: "HELLO\r\n\r\n")
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
    }

    @Test("stop frees the port and ends open connections")
    func stopEndsConnections() async throws {
        let server = try startServer()
        let client = FakeClient(server)
        _ = try await client.get("sets.json")
        server.stop()
        await #expect(throws: URLError.self) { try await client.get("sets.json") }
    }

    /// Writes `text` to a new connection and reads until the server closes it.
    private func exchange(port: Int, send text: String) throws -> String {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        let bytes = Array(text.utf8)
        try #require(write(descriptor, bytes, bytes.count) == bytes.count)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
