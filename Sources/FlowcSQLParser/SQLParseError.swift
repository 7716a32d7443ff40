// A syntax error in SQL text: a message, the byte range it concerns, and a hint. Line and column
// are computed from the text on demand (`SQLSourceText`), so the lexer and parser carry only
// byte offsets.

public struct SQLParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var span: SQLSpan
    public var hint: String?

    public init(_ message: String, at span: SQLSpan, hint: String?) {
        self.message = message
        self.span = span
        self.hint = hint
    }

    public var description: String { message + (hint.map { " (\($0))" } ?? "") }
}

/// Maps byte offsets of a SQL text to 1-based line and column (columns count characters).
public struct SQLSourceText: Sendable {
    public let text: String
    private let lineStarts: [Int]
    private let bytes: [UInt8]
    /// No byte past ASCII: a column is then a byte count, found without walking the line (a
    /// generated line can be tens of kilobytes, each with its findings).
    public let isASCII: Bool

    public init(_ text: String) {
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        // one pass over the bytes for both: every compiled model's text is read so
        var starts = [0]
        var high: UInt8 = 0
        bytes.withUnsafeBufferPointer { buffer in
            for k in buffer.indices {
                let b = buffer[k]
                high |= b
                if b == 0x0A { starts.append(k + 1) }
            }
        }
        self.lineStarts = starts
        isASCII = high < 0x80
    }

    public func location(of offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        if isASCII { return (lo + 1, offset - start + 1) }
        // Count characters, not bytes: UTF-8 continuation bytes do not start a character.
        var column = 1
        for b in bytes[start..<offset] where b & 0xC0 != 0x80 { column += 1 }
        return (lo + 1, column)
    }

    /// The text of 1-based line `line`, without its newline.
    public func line(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    public func slice(_ span: SQLSpan) -> String {
        let s = max(0, min(span.start, bytes.count)), e = max(s, min(span.end, bytes.count))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }
}
