// Minimal file helpers on Glibc (read, write, mkdir -p, temporary directories) so the
// benchmark does not pull in Foundation.

import Glibc

struct FileError: Error, CustomStringConvertible {
    let description: String
}

enum FileIO {
    static func write(_ path: String, _ text: String) throws {
        guard let f = fopen(path, "wb") else { throw FileError(description: "cannot write \(path)") }
        defer { fclose(f) }
        var text = text
        let ok = text.withUTF8 { buf in
            buf.isEmpty || fwrite(buf.baseAddress, 1, buf.count, f) == buf.count
        }
        if !ok { throw FileError(description: "short write to \(path)") }
    }

    /// The file's bytes as UTF-8 text, or nil when it cannot be opened.
    static func read(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw FileError(description: "cannot create directory \(prefix)")
            }
            prefix += "/"
        }
    }

    /// A new empty directory under /tmp.
    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/flowc-bench-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { throw FileError(description: "mkdtemp failed") }
        return String(cString: p)
    }

    /// Quotes a path for /bin/sh.
    static func shellQuote(_ s: String) -> String {
        "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
