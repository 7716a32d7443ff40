// A syntax error in SQL text: a message, the byte range it concerns, and a hint. Line and column
// are computed from the text on demand (`SQLSourceText`), so the lexer and parser carry only
// byte offsets.
import Synchronization

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
    private let bytes: [UInt8]
    /// Line starts and ASCII-ness, found on first use: every compiled model's text is made
    /// into one, and only those with findings are asked for a place.
    private let index = LineIndex()
    private var lineStarts: [Int] { index.get(bytes).starts }
    /// No byte past ASCII: a column is then a byte count, found without walking the line (a
    /// generated line can be tens of kilobytes, each with its findings).
    public var isASCII: Bool { index.get(bytes).isASCII }

    public init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    public func location(of offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        let (lineStarts, isASCII) = index.get(bytes)
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
        let lineStarts = self.lineStarts
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

/// A text's line starts and whether it is all ASCII, computed once, when first asked for.
private final class LineIndex: Sendable {
    private let state = Mutex<(starts: [Int], isASCII: Bool)?>(nil)

    func get(_ bytes: [UInt8]) -> (starts: [Int], isASCII: Bool) {
        state.withLock { state in
            if let state { return state }
            // one pass over the bytes for both
            var starts = [0]
            var high: UInt8 = 0
            bytes.withUnsafeBufferPointer { buffer in
                for k in buffer.indices {
                    let b = buffer[k]
                    high |= b
                    if b == 0x0A { starts.append(k + 1) }
                }
            }
            let made = (starts: starts, isASCII: high < 0x80)
            state = made
            return made
        }
    }
}
