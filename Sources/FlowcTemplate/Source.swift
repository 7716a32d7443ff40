// A template's text as UTF-8 bytes plus its name, and the mapping from byte offsets to
// line:column used by error messages. Offsets are computed lazily: only errors need them.

#if canImport(Glibc)
import Glibc  // memchr
#elseif canImport(Darwin)
import Darwin
#endif

public final class SourceFile: Sendable {
    public let name: String
    /// Normalised text: newlines as "\n", and (as Jinja2 with keep_trailing_newline=False) one
    /// trailing newline removed.
    public let bytes: [UInt8]

    public init(name: String, text: String) {
        self.name = name
        var b = Array(text.utf8)
        if SourceFile.containsCR(b) {
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var i = 0
            while i < b.count {
                if b[i] == 13 {
                    out.append(10)
                    if i + 1 < b.count && b[i + 1] == 10 { i += 1 }
                } else {
                    out.append(b[i])
                }
                i += 1
            }
            b = out
        }
        if b.last == 10 { b.removeLast() }
        self.bytes = b
    }

    /// Whether `b` has a `\r`: memchr, because every template is checked and few have one.
    private static func containsCR(_ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return false }
            return memchr(base, 13, p.count) != nil
        }
    }

    /// Line (1-based), column (1-based, in characters) and the text of the line at `offset`.
    public func location(of offset: Int) -> (line: Int, column: Int, text: String) {
        let off = max(0, min(offset, bytes.count))
        var line = 1
        var lineStart = 0
        var i = 0
        while i < off {
            if bytes[i] == 10 {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count && bytes[lineEnd] != 10 { lineEnd += 1 }
        let prefix = String(decoding: bytes[lineStart..<off], as: UTF8.self)
        let text = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        return (line, prefix.count + 1, text)
    }

    public func sourceLocation(of offset: Int) -> SourceLocation {
        let l = location(of: offset)
        return SourceLocation(file: name, line: l.line, column: l.column)
    }

    /// Attaches this file's place to an error that has none yet.
    func locate(_ error: TemplateError, at offset: Int) -> TemplateError {
        guard error.location == nil else { return error }
        var e = error
        let l = location(of: offset)
        e.location = SourceLocation(file: name, line: l.line, column: l.column)
        e.sourceLine = l.text
        return e
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
