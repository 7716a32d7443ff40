// Bytes a project's text files must not hold. Reading repairs invalid UTF-8 with U+FFFD, and a
// NUL ends the SQL as SQLite and libpq read it: either would change what runs without a word
// (a Latin-1 'café' loaded as 'caf\u{FFFD}', a WHERE after a NUL dropped). dbt fails to decode
// such a file; flowc says where the byte is.
import Foundation

enum TextFileCheck {
    /// An error at the first NUL or invalid UTF-8 byte of the file at `absolutePath` (read as
    /// `text`), or nil when there is none.
    static func problem(in text: String, path: String, absolutePath: String) -> Diagnostic? {
        // a NUL, or U+FFFD (the file spelled it, or reading repaired a bad byte)
        let hasNul = text.containsBytes("\u{0}")
        let mayBeRepaired = text.containsBytes("\u{FFFD}")
        guard hasNul || mayBeRepaired else { return nil }
        let bytes: [UInt8]
        if mayBeRepaired, let data = FileManager.default.contents(atPath: absolutePath) { bytes = [UInt8](data) } else { bytes = Array(text.utf8) }
        guard let (offset, what) = firstBadByte(bytes) else { return nil }
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return Diagnostic(.error, what, span: SourceSpan(file: path, line: line, column: column),
                          hint: what.hasPrefix("a NUL") ? "remove it: the database would stop reading the SQL there"
                              : "save the file as UTF-8; dbt reads project files as UTF-8")
    }

    /// The offset of the first NUL or byte that is not valid UTF-8, and what it is.
    static func firstBadByte(_ b: [UInt8]) -> (Int, String)? {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0 { return (i, "a NUL byte (\\0) in the file") }
            if c < 0x80 { i += 1; continue }
            let need: Int
            if c >= 0xC2 && c <= 0xDF { need = 1 } else if c >= 0xE0 && c <= 0xEF { need = 2 } else if c >= 0xF0 && c <= 0xF4 { need = 3 } else { need = -1 }
            var ok = need > 0 && i + need < b.count
            if ok {
                for k in 1...need where b[i + k] & 0xC0 != 0x80 { ok = false }
            }
            if ok {
                // overlong, surrogate and out-of-range forms
                let c1 = b[i + 1]
                if (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F) { ok = false }
            }
            if !ok { return (i, "the file is not valid UTF-8 (byte 0x\(String(c, radix: 16, uppercase: true)))") }
            i += need + 1
        }
        return nil
    }
}
