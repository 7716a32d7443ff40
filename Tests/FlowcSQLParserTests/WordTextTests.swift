// The lexer folds words to lower case eight bytes at a time and hands out keyword and repeated
// name Strings from tables: every word must still come out as its own text, lower-cased.
import Testing
@testable import FlowcSQLParser

@Suite struct WordTextTests {
    func words(_ sql: String) throws -> [(String, SQLWordClass)] {
        var lexer = SQLLexer(sql, syntax: .postgres)
        return try lexer.tokenize().filter { $0.kind == .word }.map { ($0.text, $0.classes) }
    }

    /// ASCII A-Z folded, every other byte (digits, _, $, UTF-8) kept.
    func folded(_ word: String) -> String {
        String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    @Test func everyLengthAndPlaceFolds() throws {
        let letters = Array("aBcDeFgHiJkLmNoPqRsTuVwXyZ_0$Q")
        for length in 1...20 {
            let word = "W" + String(letters.prefix(length - 1))
            // at the end of the text (fewer than eight bytes after it) and inside it
            for sql in [word, "\(word) + 1 + 22222222222222222222", "x,\(word)"] {
                let found = try words(sql).map(\.0)
                #expect(found.contains(folded(word)), "\(sql)")
            }
        }
        #expect(try words("ÉMILE émile Ünïcode_NAME") .map(\.0) == ["Émile", "émile", "Ünïcode_name"])
        #expect(try words("SELECT Sum(Amount) FROM T").map(\.0) == ["select", "sum", "amount", "from", "t"])
    }

    /// More names than the name cache has slots, each seen twice: a replaced slot never hands
    /// out another word's String.
    @Test func manyNamesKeepTheirOwnText() throws {
        let names = (0..<600).map { "Col_\($0)_X" }
        let sql = (names + names.reversed()).joined(separator: ", ")
        #expect(try words(sql).map(\.0) == (names + names.reversed()).map(folded))
    }

    /// Frequent function and type names come from the keyword table with no class of their own.
    @Test func commonWordsHaveNoClass() throws {
        for word in SQLWordTable.commonWords where !SQLParser.reserved.contains(word) && !SQLWordTable.niladicWords.contains(word)
            && !SQLWordTable.infixWords.contains(word) && !SQLWordTable.primaryWords.contains(word) && !SQLParser.joinWords.contains(word) {
            let found = try words(word.uppercased())
            #expect(found.count == 1 && found[0].0 == word && found[0].1 == [], "\(word)")
        }
    }
}
