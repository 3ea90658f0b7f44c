import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads HTTP/1.1 requests one after another from a connected socket (keep-alive) and writes answers.
/// `Content-Length` and chunked bodies are both read; `Expect: 100-continue` is answered.
final class HTTPConnection {
    /// What one attempt to read a request gave.
    enum ReadResult {
        case request(HTTPRequest)
        /// The peer closed (or the socket failed) between requests.
        case closed
        /// Not a request this server can read; answer `status` and close.
        case malformed(status: Int, title: String)
    }

    static let maximumHeaderBytes = 64 * 1024
    static let maximumBodyBytes = 64 * 1024 * 1024
    /// How long a body may stall, in milliseconds, before the connection is closed without an answer.
    ///
    /// libcurl (URLSession on Linux) resends a request whose reused connection closed without a byte of
    /// answer, on a new connection, but FoundationNetworking cannot rewind a POST body: the resent request
    /// has headers and no body. Closing it soon turns what would be a hang until the client's timeout into
    /// a prompt "empty reply" error. Nothing of the resent request is processed or recorded.
    static let bodyStallLimit: Int32 = 1000

    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var isEOF = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func readRequest() -> ReadResult {
        guard let headerEnd = readUntilHeaderEnd() else {
            if buffer.isEmpty { return .closed }
            if buffer.count > Self.maximumHeaderBytes { return .malformed(status: 431, title: "header too large") }
            return .closed
        }
        let headText = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        buffer.removeFirst(headerEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            return .malformed(status: 400, title: "malformed request line")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else {
                return .malformed(status: 400, title: "malformed header line")
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((String(line[..<colon]), value))
        }
        var request = HTTPRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), version: String(requestLine[2]),
            headers: headers, body: Data())
        if request.header("Expect")?.lowercased() == "100-continue" {
            guard write(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return .closed }
        }
        if request.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            guard let body = readChunkedBody() else { return .malformed(status: 400, title: "malformed chunked body") }
            request.body = body
        } else if let lengthText = request.header("Content-Length") {
            guard let length = Int(lengthText), length >= 0 else {
                return .malformed(status: 400, title: "bad Content-Length \"\(lengthText)\"")
            }
            guard length <= Self.maximumBodyBytes else { return .malformed(status: 413, title: "body too large") }
            guard fill(upTo: length) else { return .closed }
            request.body = Data(buffer[..<length])
            buffer.removeFirst(length)
        }
        return .request(request)
    }

    /// Writes all of `data`; `false` when the peer is gone.
    @discardableResult
    func write(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            guard var pointer = raw.baseAddress else { return true }
            var left = raw.count
            while left > 0 {
                let sent = Socket.send(descriptor, pointer, left)
                if sent < 0 && errno == EINTR { continue }
                guard sent > 0 else { return false }
                pointer += sent
                left -= sent
            }
            return true
        }
    }

    /// The offset of the blank line ending the header, reading more as needed; `nil` at end of stream or
    /// when the header grows too large.
    private func readUntilHeaderEnd() -> Int? {
        var searchFrom = 0
        while true {
            if buffer.count >= 4 {
                for index in searchFrom...(buffer.count - 4)
                where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13
                    && buffer[index + 3] == 10
                {
                    return index
                }
                searchFrom = buffer.count - 3
            }
            if buffer.count > Self.maximumHeaderBytes || !receiveMore() { return nil }
        }
    }

    /// Reads a chunked body (RFC 9112 §7.1), trailers ignored.
    private func readChunkedBody() -> Data? {
        var body = Data()
        while true {
            guard let line = readLine(), let sizeText = line.split(separator: ";").first,
                let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0
            else {
                return nil
            }
            if size == 0 {
                while let trailer = readLine(), !trailer.isEmpty {}
                return body
            }
            guard body.count + size <= Self.maximumBodyBytes, fill(upTo: size + 2) else { return nil }
            body.append(contentsOf: buffer[..<size])
            buffer.removeFirst(size + 2)
        }
    }

    private func readLine() -> String? {
        while true {
            if let end = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 1)
                return line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
            guard buffer.count < Self.maximumHeaderBytes, receiveMore(stallLimit: Self.bodyStallLimit) else {
                return nil
            }
        }
    }

    private func fill(upTo count: Int) -> Bool {
        while buffer.count < count {
            guard receiveMore(stallLimit: Self.bodyStallLimit) else { return false }
        }
        return true
    }

    /// Reads what the peer sent next; `false` at end of stream, on error, or when nothing came within
    /// `stallLimit` milliseconds.
    private func receiveMore(stallLimit: Int32? = nil) -> Bool {
        guard !isEOF else { return false }
        if let stallLimit {
            var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            var ready: Int32
            repeat { ready = poll(&descriptors, 1, stallLimit) } while ready < 0 && errno == EINTR
            guard ready > 0 else {
                isEOF = true
                return false
            }
        }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received < 0 && errno == EINTR { continue }
            guard received > 0 else {
                isEOF = true
                return false
            }
            buffer.append(contentsOf: chunk[..<received])
            return true
        }
    }
}
