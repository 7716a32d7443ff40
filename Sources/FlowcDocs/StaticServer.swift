// `flowc docs serve`: a small HTTP/1.1 static file server, on 127.0.0.1 unless told otherwise
// (the docs are for the person at this machine; binding other interfaces publishes the
// project's SQL, which `--host 0.0.0.0` in a container asks for). GET and
// HEAD, one request per connection (`Connection: close`), content types by extension, 404 for
// what is not there, and no path outside the root: `..` segments and NUL bytes are refused
// before the path touches the file system.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public struct ServerError: Error, CustomStringConvertible {
    public var description: String
}

public final class StaticServer: Sendable {
    public let root: String
    /// The port bound (the one asked for, or the one the system chose for port 0).
    public let port: Int
    private let fd: Int32

    /// Binds `host`:`port` (an IPv4 address; port 0: any free port) and listens; `serve()` then
    /// answers requests.
    public init(root: String, port: Int, host: String = "127.0.0.1") throws {
        guard (0...65535).contains(port) else { throw ServerError(description: "port \(port) is not between 0 and 65535") }
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        var address = in_addr()
        guard inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address) == 1 else {
            throw ServerError(description: "'\(host)' is not an IPv4 address (e.g. 127.0.0.1, or 0.0.0.0 for every interface)")
        }
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw ServerError(description: "cannot create a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr = address
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(s, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(s)
            throw ServerError(description: "cannot listen on \(host):\(port): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) }
        }
        self.fd = s
        self.port = Int(UInt16(bigEndian: actual.sin_port))
    }

    /// Accepts connections until `stop()`; each is answered on its own thread.
    public func serve() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return  // the listening socket was closed
            }
            let root = self.root
            Thread.detachNewThread { Self.answer(client, root: root) }
        }
    }

    public func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    static func answer(_ client: Int32, root: String) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // Read the request head (we need only its first line); bounded so a client cannot make us grow.
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while head.count < 16384 {
            let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            head += buffer[0..<n]
            if head.count >= 4, head.suffix(from: max(0, head.count - n - 3)).containsCRLFCRLF { break }
        }
        let line = String(decoding: head.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            send(client, status: "400 Bad Request", type: "text/plain; charset=utf-8", body: Array("bad request\n".utf8), head: false)
            return
        }
        let method = String(parts[0])
        guard method == "GET" || method == "HEAD" else {
            send(client, status: "405 Method Not Allowed", type: "text/plain; charset=utf-8", body: Array("only GET and HEAD\n".utf8),
                 head: method == "HEAD", extra: "Allow: GET, HEAD\r\n")
            return
        }
        let isHead = method == "HEAD"
        guard let path = resolve(String(parts[1]), root: root), let body = FileManager.default.contents(atPath: path) else {
            send(client, status: "404 Not Found", type: "text/plain; charset=utf-8", body: Array("not found\n".utf8), head: isHead)
            return
        }
        send(client, status: "200 OK", type: contentType(path), body: Array(body), head: isHead)
    }

    /// The file a request target names under `root`, or nil when it is outside, hidden or absent.
    static func resolve(_ target: String, root: String) -> String? {
        var path = target
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        guard path.hasPrefix("/"), let decoded = path.removingPercentEncoding, !decoded.contains("\0") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        var file = root + (segments.isEmpty ? "" : "/" + segments.joined(separator: "/"))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            file += "/index.html"
            guard FileManager.default.fileExists(atPath: file) else { return nil }
        }
        // A symbolic link could still lead out of the root.
        let real = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        guard real == realRoot || real.hasPrefix(realRoot + "/") else { return nil }
        return file
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "txt", "sql", "md": return "text/plain; charset=utf-8"
        case "ico": return "image/x-icon"
        default: return "application/octet-stream"
        }
    }

    static func send(_ client: Int32, status: String, type: String, body: [UInt8], head: Bool, extra: String = "") {
        let header = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
            + "Cache-Control: no-cache\r\n\(extra)Connection: close\r\n\r\n"
        var bytes = Array(header.utf8)
        if !head { bytes += body }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }
}

extension ArraySlice where Element == UInt8 {
    var containsCRLFCRLF: Bool {
        var i = startIndex
        while i + 3 < endIndex {
            if self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 { return true }
            i += 1
        }
        return false
    }
}
