// A minimal HTTP/1.1 server on a free loopback port, for tests of what flowc POSTs: it accepts
// one request per connection, records method, path, headers and body, answers with a fixed
// status and `Connection: close`. POSIX sockets only, no dependencies.
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class TinyHTTPServer: Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        /// Header names lowercased.
        var headers: [String: String]
        var body: String
    }

    let port: UInt16
    private let fd: Int32
    private let status: Int
    /// Read requests but never answer (the connections stay open until `stop`).
    private let hang: Bool
    private let held = Mutex<[Int32]>([])
    private let received = Mutex<[Request]>([])
    private let stopped = Mutex(false)

    init(status: Int = 200, hang: Bool = false) throws {
        self.status = status
        self.hang = hang
        let (fd, port) = try Self.listenOnLoopback()
        self.fd = fd
        self.port = port
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    var requests: [Request] { received.withLock { $0 } }
    var url: String { "http://127.0.0.1:\(port)" }

    /// Closes the listening socket once (a second close could hit a reused descriptor).
    func stop() {
        guard stopped.withLock({ s in defer { s = true }; return !s }) else { return }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        for c in held.withLock({ $0 }) { close(c) }
    }

    /// A loopback port nothing listens on (bound, then closed): connecting to it is refused.
    static func deadPort() throws -> UInt16 {
        let (fd, port) = try listenOnLoopback()
        close(fd)
        return port
    }

    private static func listenOnLoopback() throws -> (Int32, UInt16) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw HarnessError("socket() failed") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw HarnessError("cannot listen on 127.0.0.1")
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return (fd, UInt16(bigEndian: addr.sin_port))
    }

    private func acceptLoop() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { return }
            if let request = Self.read(client) {
                received.withLock { $0.append(request) }
            }
            if hang {
                held.withLock { $0.append(client) }
                continue
            }
            let answer = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            _ = answer.utf8CString.withUnsafeBufferPointer { send(client, $0.baseAddress, $0.count - 1, 0) }
            close(client)
        }
    }

    /// Reads the head, then as many body bytes as Content-Length says.
    private static func read(_ client: Int32) -> Request? {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headEnd: Int?
        var contentLength = 0
        var head = ""
        while true {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if headEnd == nil, let end = find([13, 10, 13, 10], in: data) {
                headEnd = end + 4
                head = String(decoding: data[0..<end], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        contentLength = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
            }
            if let headEnd, data.count >= headEnd + contentLength { break }
        }
        guard let headEnd else { return nil }
        let lines = head.split(separator: "\r\n")
        let first = lines.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        let body = String(decoding: data[headEnd..<min(data.count, headEnd + contentLength)], as: UTF8.self)
        return Request(method: first.first.map(String.init) ?? "", path: first.dropFirst().first.map(String.init) ?? "",
                       headers: headers, body: body)
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }
}
