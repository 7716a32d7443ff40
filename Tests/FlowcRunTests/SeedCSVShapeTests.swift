// Seeds with blank lines and short rows load as dbt 1.11 loads them (Python's csv, then agate;
// the counts were checked with dbt-postgres): each blank line after the header is a row of
// NULLs, a short row is padded with NULLs, and a whitespace-only cell is NULL.
import FlowcRun
import Foundation
import Testing

@Suite("Seed CSV shapes")
struct SeedCSVShapeTests {
    @Test("blank lines are rows of NULLs and short rows are padded, as dbt's seeds", arguments: WarehouseKind.allCases)
    func blankLinesAndShortRows(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "seeds/trailing.csv": "a,b\n1,1\n\n",
            "seeds/spaces.csv": "a,b\n1,1\n   \n2,2\n",
            "seeds/many.csv": "a,b\n1,1\n\n\n2,2\n\n\n",
            "seeds/crlf.csv": "a,b\r\n1,1\r\n\r\n2,2\r\n",
            "seeds/plain.csv": "a,b\n1,1\n2,2\n",
        ])
        let report = try h.runOK(.seed)
        #expect(report.results.count == 5)
        // (rows, rows with a non-NULL a), as dbt 1.11.16 + dbt-postgres 1.11.0 loaded them
        let expected = ["trailing": (2, 1), "spaces": (3, 2), "many": (6, 2), "crlf": (3, 2), "plain": (2, 2)]
        for (seed, counts) in expected {
            #expect(try h.int("select count(*) from \(h.rel(seed))") == counts.0, "\(seed)")
            #expect(try h.int("select count(a) from \(h.rel(seed))") == counts.1, "\(seed)")
        }
    }

    /// dbt-codegen's integration tests seed mixed-case headers unquoted: PostgreSQL folds the
    /// created columns to lower case, and the rows must go in under those names (dbt loaded 2).
    @Test("a seed with quote_columns false and mixed-case headers loads", arguments: WarehouseKind.allCases)
    func unquotedMixedCaseColumns(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "seeds/mixed.csv": "col_A,col_B\n1,2\n3,4\n",
            "seeds/props.yml": "seeds:\n  - name: mixed\n    config:\n      quote_columns: false\n",
        ])
        try h.runOK(.seed)
        #expect(try h.int("select count(*) from \(h.rel("mixed"))") == 2)
        #expect(try h.int("select sum(col_b) from \(h.rel("mixed"))") == 6)
        try h.runOK(.seed)  // reloaded into the same table
        #expect(try h.int("select count(*) from \(h.rel("mixed"))") == 2)
    }
}
