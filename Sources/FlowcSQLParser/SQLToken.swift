// Tokens of SQL text. Words are not classified as keywords here: SQL keywords are mostly
// non-reserved, so the parser decides from context whether `year` is a column or a keyword.

/// A byte range in the SQL text, `start ..< end`.
public struct SQLSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    public static func + (a: SQLSpan, b: SQLSpan) -> SQLSpan {
        SQLSpan(start: min(a.start, b.start), end: max(a.end, b.end))
    }
}

public enum SQLTokenKind: UInt8, Sendable {
    /// An unquoted word; `text` is folded to lower case.
    case word
    /// A quoted identifier; `text` is its unescaped content, case kept.
    case quotedIdentifier
    /// A string literal; `text` is its unescaped content, `prefix` says E/X/B/N/U& or $tag$.
    case string
    case number
    /// An operator or punctuation other than the ones below.
    case symbol
    case leftParen, rightParen, leftBracket, rightBracket, comma, dot, semicolon
    case parameter
    case end
}

public struct SQLToken: Sendable {
    public var kind: SQLTokenKind
    public var text: String
    public var span: SQLSpan
    /// For strings: the letter prefix (`e`, `x`, `b`, `n`) or `$` for dollar quoting, as its
    /// ASCII byte; 0 otherwise (a byte, not a String: a token array is released token by token).
    public var prefix: UInt8 = 0
    /// For words: what the parser's word sets say of this one (set by the lexer).
    var classes = SQLWordClass()
    /// For words: which of the words the parser asks for by name this one is (set by the lexer).
    var keyword = SQLKeyword.notKeyword

    // The length test first: most mismatches end there, before a string comparison.
    func isWord(_ w: SQLKeyword) -> Bool { keyword == w }
    func isSymbol(_ s: String) -> Bool { kind == .symbol && text.utf8.count == s.utf8.count && text == s }
    var isReservedWord: Bool { kind == .word && classes.contains(.reserved) }
}
