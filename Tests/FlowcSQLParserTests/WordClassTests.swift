import Testing
@testable import FlowcSQLParser

/// The lexer's word classes (a speed-up of the parser's Set lookups) must agree with the sets
/// that define them, for every word in them and for words that are in none.
@Suite struct WordClassTests {
    func classes(_ word: String) -> SQLWordClass? {
        var lexer = SQLLexer(word, syntax: .postgres)
        guard let tokens = try? lexer.tokenize(), tokens.count == 2, tokens[0].kind == .word else { return nil }
        return tokens[0].classes
    }

    @Test func classesAgreeWithTheirSets() {
        let sets: [(Set<String>, SQLWordClass)] = [
            (SQLParser.reserved, .reserved), (SQLWordTable.infixWords, .infix), (SQLParser.joinWords, .joinWord),
            (SQLWordTable.primaryWords, .primary), (SQLWordTable.niladicWords, .niladic),
        ]
        let all = sets.reduce(into: Set<String>()) { $0.formUnion($1.0) }
        for word in all {
            let expected = sets.reduce(into: SQLWordClass()) { if $1.0.contains(word) { $0.insert($1.1) } }
            #expect(classes(word) == expected, "\(word)")
            #expect(classes(word.uppercased()) == expected, "\(word.uppercased())")
        }
        for word in ["orders", "amount", "current_timestampx", "current_timestam", "selec", "selects", "a", "émile",
                     "credit_card_paid", "bank_transfer_paid_total_amount"] {
            #expect(classes(word) == [], "\(word)")
        }
        #expect(SQLSyntax.all.allSatisfy { $0.niladicFunctions.isSubset(of: SQLWordTable.niladicWords) })
    }

    /// Every word the parser asks for by name gets its keyword from the lexer, in any case;
    /// a quoted identifier or a string with the same text, or another word, gets none.
    @Test func keywordsAreSetOnTheirWordsOnly() throws {
        func tokens(_ text: String) throws -> [SQLToken] {
            var lexer = SQLLexer(text, syntax: .postgres)
            return try lexer.tokenize()
        }
        for keyword in SQLKeyword.allCases.dropFirst() {
            for text in [keyword.text, keyword.text.uppercased()] {
                let t = try tokens(text)
                #expect(t.count == 2 && t[0].kind == .word && t[0].keyword == keyword, "\(text)")
            }
            let quoted = try tokens("\"\(keyword.text)\" '\(keyword.text)' \(keyword.text)x")
            #expect(quoted.prefix(3).allSatisfy { $0.keyword == .notKeyword }, "\(keyword.text)")
        }
        // a query still reads with its keywords in mixed case
        let q = try SQLParser.parse("SeLeCt a FrOm t UnIoN aLl select b from u ORDER by 1", syntax: .postgres)
        #expect(q.orderBy.count == 1)
        guard case .setOperation(.union, all: true, _, _, _) = q.body else {
            Issue.record("expected UNION ALL, got \(q.body)")
            return
        }
    }

    /// A dialect with a niladic function the table does not know still gets it from its set.
    @Test func customDialectNiladicFunctions() throws {
        var syntax = SQLSyntax.sqlite
        syntax.niladicFunctions.insert("sysdate")
        let q = try SQLParser.parse("select sysdate, other from t", syntax: syntax)
        guard case .select(let s) = q.body, case .expr(let e, _) = s.items[0] else {
            Issue.record("unexpected shape")
            return
        }
        #expect(e.debugDescription == "(sysdate)")
        let plain = try SQLParser.parse("select sysdate from t", syntax: .sqlite)
        guard case .select(let p) = plain.body, case .expr(let column, _) = p.items[0] else {
            Issue.record("unexpected shape")
            return
        }
        #expect(column.debugDescription == "sysdate")
    }
}
