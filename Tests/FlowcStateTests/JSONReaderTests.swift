// The artifact reader: key order kept, escapes, numbers, and errors with line:column.
import FlowcGraph
@testable import FlowcState
import Testing

@Suite struct JSONReaderTests {
    @Test func keepsKeyOrderAndValues() throws {
        let v = try JSONReader.parse(Array(#"{"z": 1, "a": [true, null, -2.5e1, "x\"\u00e9\ud83d\ude00"], "m": {}}"#.utf8))
        #expect(v.objectValue?.map(\.0) == ["z", "a", "m"])
        #expect(v["a"] == .array([.bool(true), .null, .double(-25), .string("x\"é😀")]))
        #expect(v["z"] == .int(1))
    }

    @Test func errorsNameLineAndColumn() {
        for (text, line, column) in [("{\n  \"a\": ,\n}", 2, 8), ("[1, 2", 1, 6), ("{\"a\" 1}", 1, 6), ("nul", 1, 1), ("1 2", 1, 3)] {
            #expect {
                _ = try JSONReader.parse(Array(text.utf8))
            } throws: { error in
                guard let e = error as? JSONSyntaxError else { return false }
                return e.line == line && e.column == column
            }
        }
        // deep nesting is an error, not a stack overflow
        #expect(throws: JSONSyntaxError.self) { _ = try JSONReader.parse(Array(String(repeating: "[", count: 100_000).utf8)) }
    }
}
