// Ephemeral models are not built; their compiled SQL is inlined into each model that uses
// them as `__dbt__cte__<name>` CTEs, placed exactly where dbt places them: after the first
// top-level `with` (followed by a comma), or in a new `with` before the first token.

public enum CTEInjection {
    /// The CTE text for one ephemeral model, as dbt spells it.
    public static func cte(name: String, compiledSQL: String) -> String {
        " __dbt__cte__\(name) as (\n\(compiledSQL)\n)"
    }

    public static func inject(_ ctes: [String], into sql: String) -> String {
        guard !ctes.isEmpty else { return sql }
        let joined = ctes.joined(separator: ", ")
        let bytes = Array(sql.utf8)
        if let withEnd = firstTopLevelWith(bytes).map({ afterRecursive(bytes, $0) }) {
            // dbt (sqlparse's insert_after, which skips whitespace) puts the CTEs after the
            // whitespace that follows `with` and ", " right before the query's first CTE:
            // "with\n\nsource as (" becomes "with\n\n __dbt__cte__x as (…), source as ("
            let first = skipSpace(bytes, from: withEnd)
            let head = String(decoding: bytes[..<first], as: UTF8.self)
            let tail = String(decoding: bytes[first...], as: UTF8.self)
            return head + joined + ", " + tail
        }
        let i = skipSpace(bytes, from: 0)
        let head = String(decoding: bytes[..<i], as: UTF8.self)
        let tail = String(decoding: bytes[i...], as: UTF8.self)
        return head + "with" + joined + " " + tail
    }

    /// The offset of the first byte at or after `start` that is not a space, tab or line break.
    static func skipSpace(_ b: [UInt8], from start: Int) -> Int {
        var i = start
        while i < b.count, b[i] == 32 || b[i] == 10 || b[i] == 9 || b[i] == 13 { i += 1 }
        return i
    }

    /// `with recursive`: the CTEs go after `recursive`, as dbt puts them (before, they would
    /// split the keyword from its `with`).
    static func afterRecursive(_ b: [UInt8], _ withEnd: Int) -> Int {
        let i = skipSpace(b, from: withEnd)
        let word = Array("recursive".utf8)
        guard i + word.count <= b.count, b[i..<(i + word.count)].map({ $0 | 0x20 }) == word else { return withEnd }
        let end = i + word.count
        if end < b.count {
            let c = b[end]
            if (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 { return withEnd }
        }
        return end
    }

    /// The byte offset just after the first `with` keyword outside parentheses, strings,
    /// quoted identifiers and comments.
    static func firstTopLevelWith(_ b: [UInt8]) -> Int? {
        var i = 0
        var depth = 0
        func isWord(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 }
        while i < b.count {
            let c = b[i]
            switch c {
            case 39, 34, 96:  // ' " `
                i += 1
                while i < b.count && b[i] != c { i += 1 }
                i += 1
            case 45 where i + 1 < b.count && b[i + 1] == 45:  // -- comment
                while i < b.count && b[i] != 10 { i += 1 }
            case 47 where i + 1 < b.count && b[i + 1] == 42:  // /* comment */
                i += 2
                while i + 1 < b.count && !(b[i] == 42 && b[i + 1] == 47) { i += 1 }
                i += 2
            case 40: depth += 1; i += 1
            case 41: depth -= 1; i += 1
            default:
                if isWord(c) {
                    let start = i
                    while i < b.count && isWord(b[i]) { i += 1 }
                    if depth == 0 && i - start == 4 {
                        let w = b[start..<i].map { $0 | 0x20 }
                        if w == [119, 105, 116, 104] { return i }
                    }
                } else {
                    i += 1
                }
            }
        }
        return nil
    }
}
