// The docs server over a real socket: a file with its content type, index.html for "/", HEAD
// without a body, 404 for a missing file and for a path climbing out of the root, 405 for POST.
import FlowcDocs
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct StaticServerTests {
    /// Sends `request` to 127.0.0.1:port and returns the whole response.
    func exchange(_ port: Int, _ request: String) throws -> String {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(s >= 0)
        defer { close(s) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(ok == 0)
        _ = request.withCString { send(s, $0, strlen($0), 0) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(s, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func servesFilesAnd404s() throws {
        let root = NSTemporaryDirectory() + "flowc-serve-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/sql", withIntermediateDirectories: true)
        try Data("<h1>docs</h1>".utf8).write(to: URL(fileURLWithPath: root + "/index.html"))
        try Data("flowcSQL(0, []);".utf8).write(to: URL(fileURLWithPath: root + "/sql/0.js"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: root + "/../flowc-serve-secret.txt"))
        defer { try? FileManager.default.removeItem(atPath: root) }

        let server = try StaticServer(root: root, port: 0)
        #expect(server.port > 0)
        Thread.detachNewThread { server.serve() }
        defer { server.stop() }

        let index = try exchange(server.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(index.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(index.contains("Content-Type: text/html; charset=utf-8\r\n"))
        #expect(index.hasSuffix("\r\n\r\n<h1>docs</h1>"))

        let js = try exchange(server.port, "GET /sql/0.js?v=1 HTTP/1.1\r\n\r\n")
        #expect(js.contains("Content-Type: text/javascript"))
        #expect(js.contains("Content-Length: 16\r\n"))
        #expect(js.hasSuffix("flowcSQL(0, []);"))

        let head = try exchange(server.port, "HEAD /sql/0.js HTTP/1.1\r\n\r\n")
        #expect(head.hasPrefix("HTTP/1.1 200 OK"))
        #expect(head.hasSuffix("\r\n\r\n"))

        #expect(try exchange(server.port, "GET /missing.js HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404 Not Found"))
        #expect(try exchange(server.port, "GET /../flowc-serve-secret.txt HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404"))
        #expect(try exchange(server.port, "GET /sql/%2e%2e/%2e%2e/flowc-serve-secret.txt HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404"))
        #expect(try exchange(server.port, "POST / HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 405"))
        #expect(try exchange(server.port, "garbage\r\n\r\n").hasPrefix("HTTP/1.1 400"))
        try? FileManager.default.removeItem(atPath: root + "/../flowc-serve-secret.txt")
    }

    @Test func refusesABadPort() {
        #expect(throws: ServerError.self) { try StaticServer(root: "/tmp", port: 70000) }
    }

    /// `--host`: another IPv4 address to listen on (0.0.0.0: every interface); a name that is
    /// not an address is refused before anything is bound.
    @Test func listensOnTheHostAsked() throws {
        let server = try StaticServer(root: "/tmp", port: 0, host: "0.0.0.0")
        defer { server.stop() }
        #expect(server.port > 0)
        #expect(throws: ServerError.self) { try StaticServer(root: "/tmp", port: 0, host: "docs.example") }
        let local = try StaticServer(root: "/tmp", port: 0, host: "localhost")
        defer { local.stop() }
        #expect(local.port > 0)
    }
}
