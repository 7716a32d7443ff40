import Testing
import FlowcProject

/// Sorting by UTF-8 bytes gives Python's code-point order (what dbt's sorted() gives), and the
/// same order as Swift's `<` on the ASCII ids flowc sorts most.
@Suite struct ByteOrderTests {
    @Test func bytesOrderLikePythonsSorted() {
        let words = ["b", "a", "ab", "", "B", "é", "z", "a_b", "a.b", "model.x.b", "model.x.a_long_name", "ä", "🙂", "Z"]
        // sorted(words) in Python 3
        let python = ["", "B", "Z", "a", "a.b", "a_b", "ab", "b", "model.x.a_long_name", "model.x.b", "z", "ä", "é", "🙂"]
        #expect(words.sortedByBytes() == python)
        #expect(!utf8Precedes("a", "a"))
        #expect(utf8Precedes("a", "ab") && !utf8Precedes("ab", "a"))
    }

    @Test func asciiOrderIsStringOrder() {
        var ids: [String] = []
        var seed: UInt64 = 42
        for _ in 0..<500 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let n = Int(seed >> 59) + 1
            var s = "model.project."
            for k in 0..<n { s.append(Character(UnicodeScalar(UInt8(0x21 + (seed >> UInt64(k * 3)) % 90)))) }
            ids.append(s)
        }
        #expect(ids.sortedByBytes() == ids.sorted())
    }
}

/// The ASCII byte searches agree with the String's own searches, on text with characters
/// outside ASCII around the byte.
@Suite struct ByteSearchTests {
    @Test func asciiSearchesAgreeWithStringSearches() {
        let texts = ["", ".", "a.b", "dbt_utils.expression_is_true", "no dot", "é.ü/ß", "models/staging/x.sql", "a..", "..a", "🙂.🙂"]
        for text in texts {
            for byte in [UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "\"")] {
                let scalar = Character(UnicodeScalar(byte))
                #expect(text.containsBytes(String(scalar)) == text.contains(scalar), "\(text) \(byte)")
                let index = text.lastIndex(ofASCII: byte)
                #expect(index == text.lastIndex(of: scalar), "\(text) \(byte)")
                if let index { #expect(text[index] == scalar) }
            }
        }
    }
}
