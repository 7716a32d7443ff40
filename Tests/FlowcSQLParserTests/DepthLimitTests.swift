import FlowcTestSupport
import Testing
import Glibc
@testable import FlowcSQLParser

/// Regression tests for inputs found by the FuzzSQL target (Fuzz/): every deep shape ends in
/// an error, never a stack overflow, including on a 512 KiB secondary-thread stack.
@Suite struct DepthLimitTests {
    func parse(_ sql: String, _ syntax: SQLSyntax = .postgres) -> Result<SQLQuery, SQLParseError> {
        Result { () throws(SQLParseError) in try SQLParser.parse(sql, syntax: syntax) }
    }

    func message(_ r: Result<SQLQuery, SQLParseError>) -> String? {
        if case .failure(let e) = r { return e.message }
        return nil
    }

    func repeated(_ prefix: String, _ unit: String, _ n: Int, _ suffix: String = "") -> String {
        prefix + String(repeating: unit, count: n) + suffix
    }

    /// `array[[[[…` recursed without counting a level (stack overflow before the fix).
    @Test func nestedArrayLiteralsAreCapped() {
        let sql = "select array" + String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000)
        #expect(message(parse(sql)) == "query nested too deeply (more than 200 levels)")
        #expect(message(parse("select array[[1, 2], [3, 4]]")) == nil)
    }

    /// `grouping sets (grouping sets (…` recursed without counting a level.
    @Test func nestedGroupingSetsAreCapped() {
        let deep = repeated("select a from t group by ", "grouping sets (", 3000, "a" + String(repeating: ")", count: 3000))
        #expect(message(parse(deep))?.hasPrefix("query nested too deeply") == true)
        #expect(message(parse("select a from t group by grouping sets ((a), grouping sets ((b), ()))")) == nil)
    }

    /// Chains parse in loops but build left-deep trees that lineage, `children` and deinit
    /// recurse over: `1+1+…`, `x::int::int…`, `t join t join …`, `select 1 union select 1 …`.
    @Test func longChainsAreCappedByTreeDepth() {
        let cap = "query nested too deeply (more than 1000 levels, counting chained operators, joins and set operations)"
        let chains: [(String, String, String)] = [
            ("select 1", "+1", ""), ("select 1", "::int", ""), ("select * from t", " join t on true", ""),
            ("select 1", " union select 1", ""), ("select 1 from t where a = 1", " or a = 1", ""),
        ]
        for (prefix, unit, suffix) in chains {
            #expect(message(parse(repeated(prefix, unit, 1200, suffix))) == cap, "\(unit) × 1200")
            #expect(message(parse(repeated(prefix, unit, 900, suffix))) == nil, "\(unit) × 900")
        }
        // Chains inside parentheses end with them: the depth counts the tree, not the text.
        let side = "(" + repeated("1", " + 1", 600) + ")"
        #expect(message(parse("select " + side + " * " + side)) == nil)
    }

    /// Nesting within the 200-level cap overflowed a 512 KiB stack in sanitizer builds; now the
    /// stack guard makes it an error there, and on a big stack the cap is what applies.
    @Test func nestingWithinTheCapOnSmallAndLargeStacks() {
        let shapes = [
            repeated("select ", "(", 195, "1" + String(repeating: ")", count: 195)),
            repeated("select ", "(select ", 99, "1" + String(repeating: ")", count: 99)),
            repeated("select * from ", "(select * from ", 99, "t" + String(repeating: ") x", count: 99)),
            repeated("select ", "f(", 195, "1" + String(repeating: ")", count: 195)),
            repeated("select ", "case when 1 then ", 66, "1" + String(repeating: " end", count: 66)),
        ]
        for sql in shapes {
            let small = onThread(stackSize: 512 * 1024) { message(parse(sql)) }
            #expect(small == nil || small?.hasPrefix("query nested too deeply") == true, "\(small ?? "")")
            let large = onThread(stackSize: 64 * 1024 * 1024) { message(parse(sql)) }
            #expect(large == nil, "\(large ?? "")")
        }
        let tooDeep = repeated("select ", "(", 201, "1" + String(repeating: ")", count: 201))
        #expect(onThread(stackSize: 64 * 1024 * 1024) { message(parse(tooDeep)) }
                == "query nested too deeply (more than 200 levels)")
    }
}
