// What the parser asks of a word token again and again (is it reserved? can it continue an
// expression as an operator?), answered once per word by the lexer from a small open-addressing
// table keyed by the word's bytes, instead of by Set<String> hashing and string comparisons in
// the parser's hot paths. The sets themselves stay the definition (SQLParser.reserved, …).

struct SQLWordClass: OptionSet, Sendable {
    let rawValue: UInt8
    /// In `SQLParser.reserved`: ends an expression or FROM item rather than naming an alias.
    static let reserved = SQLWordClass(rawValue: 1)
    /// A word `SQLParser.infixPrecedence` may give a binding power (`and`, `in`, `is`, …).
    static let infix = SQLWordClass(rawValue: 2)
    /// In `SQLParser.joinWords`.
    static let joinWord = SQLWordClass(rawValue: 4)
    /// A word `parseWordPrimary` gives its own syntax (`case`, `cast`, `null`, …).
    static let primary = SQLWordClass(rawValue: 8)
    /// In the built-in dialects' `niladicFunctions` (a dialect with others is checked by its set).
    static let niladic = SQLWordClass(rawValue: 16)
}

enum SQLWordTable {
    /// Words `infixPrecedence` switches on; any other word is not an infix operator.
    static let infixWords: Set<String> = [
        "or", "and", "is", "isnull", "notnull", "in", "between", "like", "ilike", "glob", "match", "regexp",
        "similar", "not", "collate", "at", "escape",
    ]
    /// Words `parseWordPrimary` switches on.
    static let primaryWords: Set<String> = [
        "null", "true", "false", "case", "cast", "try_cast", "exists", "array", "row", "interval", "extract",
        "substring", "position", "trim", "overlay",
    ]
    static let niladicWords: Set<String> = SQLSyntax.all.reduce(into: Set<String>()) { $0.formUnion($1.niladicFunctions) }

    /// Words held with no class, so the lexer hands out their String rather than making one
    /// per token: names of functions and types most SQL uses.
    static let commonWords: [String] = [
        "sum", "count", "min", "max", "avg", "coalesce", "nullif", "round", "abs", "lower", "upper", "length",
        "substr", "replace", "date", "numeric", "decimal", "integer", "int", "bigint", "text", "varchar",
        "boolean", "timestamp", "real", "float", "double", "by", "row_number", "rank", "partition", "rows",
        "recursive", "first", "last", "ifnull", "strftime", "datetime", "julianday", "date_trunc", "concat",
    ]

    /// Three UInt64s per slot: the word's first 8 bytes, its next 8 bytes (little-endian,
    /// zero-padded) and `length | classes << 8 | keyword << 16` (0 for an empty slot), and the
    /// word's String in `slotWords`. Words of the sets longer than 16 bytes are in `longWords`
    /// (no keyword is that long).
    static let slotCount = 512
    static let slots: SQLWordSlots = {
        var table = [UInt64](repeating: 0, count: slotCount * 3)
        var words = [String](repeating: "", count: slotCount)
        for (word, classes) in allWords() where word.count <= 16 {
            let (lo, hi) = pack(word[...])
            var k = index(lo, hi, word.count)
            while table[3 * k + 2] != 0 && (table[3 * k] != lo || table[3 * k + 1] != hi
                                            || Int(table[3 * k + 2] & 0xFF) != word.count) {
                k = (k + 1) & (slotCount - 1)
            }
            table[3 * k] = lo
            table[3 * k + 1] = hi
            let keyword = SQLKeyword.byText[String(decoding: word, as: UTF8.self)] ?? .notKeyword
            table[3 * k + 2] = UInt64(word.count) | UInt64(classes.rawValue) << 8 | UInt64(keyword.rawValue) << 16
            words[k] = String(decoding: word, as: UTF8.self)
        }
        return SQLWordSlots(table: table, words: words)
    }()
    private static let longWords: [([UInt8], SQLWordClass)] = allWords().filter { $0.0.count > 16 }

    private static func allWords() -> [([UInt8], SQLWordClass)] {
        var merged: [String: SQLWordClass] = [:]
        for w in SQLParser.reserved { merged[w, default: []].insert(.reserved) }
        for w in infixWords { merged[w, default: []].insert(.infix) }
        for w in SQLParser.joinWords { merged[w, default: []].insert(.joinWord) }
        for w in primaryWords { merged[w, default: []].insert(.primary) }
        for w in niladicWords { merged[w, default: []].insert(.niladic) }
        for w in commonWords where merged[w] == nil { merged[w] = [] }
        for k in SQLKeyword.allCases.dropFirst() where merged[k.text] == nil { merged[k.text] = [] }
        return merged.map { (Array($0.key.utf8), $0.value) }
    }

    @inline(__always)
    private static func pack<C: Collection<UInt8>>(_ word: C) -> (UInt64, UInt64) {
        var lo: UInt64 = 0, hi: UInt64 = 0
        var shift: UInt64 = 0
        for (n, b) in word.enumerated() {
            if n < 8 { lo |= UInt64(b) << shift } else { hi |= UInt64(b) << (shift - 64) }
            shift += 8
        }
        return (lo, hi)
    }

    @inline(__always)
    static func index(_ lo: UInt64, _ hi: UInt64, _ length: Int) -> Int {
        let h = (lo &* 0x9E37_79B9_7F4A_7C15) ^ (hi &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        return Int(truncatingIfNeeded: h >> 55) & (slotCount - 1)
    }

    /// The classes of a lower-case word longer than 16 bytes (shorter ones are in `slots`).
    static func longWordClasses(_ word: UnsafeBufferPointer<UInt8>) -> SQLWordClass {
        for (w, c) in longWords where w.count == word.count && w.elementsEqual(word) { return c }
        return []
    }
}

/// The word table's slots (see `SQLWordTable`); a lexer keeps them at hand, since reaching a
/// static constant costs a once-check on every word.
struct SQLWordSlots: Sendable {
    let table: [UInt64]
    let words: [String]

    /// The entry for a lower-case word of at most 16 bytes, packed as `SQLWordTable.pack`
    /// packs it: its classes, keyword and String. Nil for a word the table does not hold.
    @inline(__always)
    func entry(lo: UInt64, hi: UInt64, length: Int) -> (classes: SQLWordClass, keyword: SQLKeyword, word: String)? {
        let mask = SQLWordTable.slotCount - 1
        var k = SQLWordTable.index(lo, hi, length)
        let found: Int? = table.withUnsafeBufferPointer { t in
            while true {
                let meta = t[3 * k + 2]
                if meta == 0 { return nil }
                if t[3 * k] == lo && t[3 * k + 1] == hi && Int(meta & 0xFF) == length { return k }
                k = (k + 1) & mask
            }
        }
        guard let found else { return nil }
        let meta = table[3 * found + 2]
        return (SQLWordClass(rawValue: UInt8(truncatingIfNeeded: meta >> 8)),
                SQLKeyword(rawValue: UInt8(truncatingIfNeeded: meta >> 16)) ?? .notKeyword, words[found])
    }
}
