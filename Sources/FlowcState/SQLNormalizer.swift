// The form of SQL that state comparison compares: comments gone (SQL `--` and `/* */` unless
// they hold Jinja, which still runs there; Jinja `{# #}`), whitespace runs reduced to nothing,
// or to one space where two words would otherwise merge, and unquoted text lower-cased. String
// literals and quoted identifiers are kept byte for byte. So a reformatted model (new
// indentation, line breaks, comments, keyword case) compares equal, and any change of what the
// SQL says does not.
//
// Works on UTF-8 bytes; never fails (an unterminated literal or comment runs to the end).

public enum SQLNormalizer {
    public static func normalize(_ sql: String) -> String {
        let b = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var pendingSpace = false
        var i = 0
        var jinjaDepth = 0
        /// Appends `bytes`, first a single space if whitespace separated two word characters.
        func emit(_ bytes: ArraySlice<UInt8>) {
            guard let first = bytes.first else { return }
            if pendingSpace, let last = out.last, isWord(last), isWord(first) { out.append(0x20) }
            pendingSpace = false
            out.append(contentsOf: bytes)
        }
        while i < b.count {
            let c = b[i]
            let next: UInt8 = i + 1 < b.count ? b[i + 1] : 0
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                pendingSpace = true
                i += 1
            case UInt8(ascii: "-") where next == UInt8(ascii: "-") && jinjaDepth == 0:
                var end = i
                while end < b.count, b[end] != 0x0A { end += 1 }
                // Jinja in a SQL comment still runs (`-- {% set n = 2 %}`): such a comment is
                // compared as written
                if hasJinja(b[i..<end]) { emit(b[i..<end]) }
                i = end
                pendingSpace = true
            case UInt8(ascii: "/") where next == UInt8(ascii: "*") && jinjaDepth == 0:
                let end = skip(b, from: i + 2, until: [UInt8(ascii: "*"), UInt8(ascii: "/")])
                if hasJinja(b[i..<end]) { emit(b[i..<end]) }
                i = end
                pendingSpace = true
            case UInt8(ascii: "{") where next == UInt8(ascii: "#"):
                i = skip(b, from: i + 2, until: [UInt8(ascii: "#"), UInt8(ascii: "}")])
                pendingSpace = true
            case UInt8(ascii: "{") where next == UInt8(ascii: "{") || next == UInt8(ascii: "%"):
                // Jinja: case matters inside (variable names), so it is kept as written,
                // apart from whitespace; `{{-`/`-}}` whitespace control is kept too.
                jinjaDepth += 1
                emit(b[i...(i + 1)])
                i += 2
            case UInt8(ascii: "}") where next == UInt8(ascii: "}") && jinjaDepth > 0,
                 UInt8(ascii: "%") where next == UInt8(ascii: "}") && jinjaDepth > 0:
                jinjaDepth -= 1
                emit(b[i...(i + 1)])
                i += 2
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                let end = skipQuoted(b, from: i, backslashEscapes: jinjaDepth > 0)
                emit(b[i..<end])
                i = end
            case UInt8(ascii: "["):
                // SQLite and SQL Server also quote identifiers with [...]; outside Jinja only
                if jinjaDepth == 0, let close = b[(i + 1)...].firstIndex(of: UInt8(ascii: "]")),
                   !b[(i + 1)..<close].contains(0x0A) {
                    emit(b[i...close])
                    i = close + 1
                } else {
                    emit(b[i...i])
                    i += 1
                }
            default:
                var lowered = c
                if jinjaDepth == 0, c >= 0x41, c <= 0x5A { lowered = c + 0x20 }
                if pendingSpace, let last = out.last, isWord(last), isWord(lowered) { out.append(0x20) }
                pendingSpace = false
                out.append(lowered)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the run holds a Jinja expression or statement opening.
    static func hasJinja(_ run: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for c in run {
            if previous == UInt8(ascii: "{") && (c == UInt8(ascii: "{") || c == UInt8(ascii: "%")) { return true }
            previous = c
        }
        return false
    }

    static func isWord(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x24
            || c >= 0x80 || c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "`")
    }

    /// The index after the two-byte terminator `end` found from `start` (or the end of input).
    static func skip(_ b: [UInt8], from start: Int, until end: [UInt8]) -> Int {
        var i = start
        while i + 1 < b.count {
            if b[i] == end[0], b[i + 1] == end[1] { return i + 2 }
            i += 1
        }
        return b.count
    }

    /// The index after the quoted run starting at `start`; a doubled quote is an escaped one,
    /// and inside Jinja a backslash escapes the next byte (Python string rules).
    static func skipQuoted(_ b: [UInt8], from start: Int, backslashEscapes: Bool) -> Int {
        let q = b[start]
        var i = start + 1
        while i < b.count {
            if backslashEscapes, b[i] == UInt8(ascii: "\\") { i += 2; continue }
            if b[i] == q {
                if i + 1 < b.count, b[i + 1] == q { i += 2; continue }
                return i + 1
            }
            i += 1
        }
        return b.count
    }
}
