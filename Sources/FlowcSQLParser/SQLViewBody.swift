// The query of a `create view … as <query>` statement, as SQLite keeps it in sqlite_master:
// SQLite cannot rename a view, so renaming one is creating it again under the new name from
// this text and dropping the old.

public enum SQLViewBody {
    /// The text after the `as` that follows `view` (outside parentheses: a column list may
    /// precede it), or nil when `statement` is not a create view statement.
    public static func query(of statement: String, syntax: SQLSyntax) -> String? {
        var lexer = SQLLexer(statement, syntax: syntax)
        guard let tokens = try? lexer.tokenize() else { return nil }
        var sawView = false, depth = 0
        for token in tokens {
            switch token.kind {
            case .leftParen: depth += 1
            case .rightParen: depth -= 1
            case .word where token.isWord(.view): sawView = true
            case .word where sawView && depth == 0 && token.isWord(.as):
                let bytes = Array(statement.utf8)
                guard token.span.end <= bytes.count else { return nil }
                return String(decoding: bytes[token.span.end...], as: UTF8.self)
            default: break
            }
        }
        return nil
    }
}
