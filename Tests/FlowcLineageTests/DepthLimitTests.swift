import FlowcTestSupport
import Testing
import Glibc
import FlowcLineage
import FlowcSQLParser

/// Regression tests for inputs found by the FuzzSQL target (Fuzz/): resolving deep trees on a
/// small stack gives incomplete lineage without findings instead of a stack overflow, and nested
/// recursive CTEs no longer take time exponential in their depth.
@Suite struct LineageDepthTests {
    let catalog = DictionaryCatalog([
        "orders": LineageRelation(id: "orders", columns: ["id", "customer_id", "amount", "status"]),
    ])

    func analyze(_ sql: String, _ syntax: SQLSyntax = .postgres) throws -> QueryLineage {
        try ColumnLineage.analyze(sql: sql, syntax: syntax, catalog: catalog).get()
    }

    /// 900 chained casts and 900 `+` links (under the parser's 1000-level tree cap), plus an
    /// unknown column: on a normal stack everything resolves and the finding is reported.
    static let deepSQL = "select amout, amount" + String(repeating: "::int", count: 900) + ", 1"
        + String(repeating: " + amount", count: 900) + " from orders"

    @Test func deepTreesResolveOnALargeStack() throws {
        let lineage = onThread(stackSize: 64 * 1024 * 1024) { try? analyze(Self.deepSQL) }
        let l = try #require(lineage)
        #expect(l.complete)
        #expect(l.columns.count == 3)
        #expect(l.columns.dropFirst().allSatisfy { $0.sources == [ColumnSource(relation: "orders", column: "amount")] })
        #expect(l.diagnostics.map(\.message) == ["column 'amout' does not exist in the relations this query reads"])
    }

    /// A stack too small for the tree (here 300 KiB, of which the guard keeps 256 KiB in
    /// reserve): the resolver stops descending; the lineage is incomplete, unresolved and has
    /// no findings, since the skipped part could have changed them. Before the fix: overflow.
    @Test func deepTreesOnASmallStackGiveUnknownLineage() throws {
        let query = try SQLParser.parse(Self.deepSQL, syntax: .postgres)
        let text = SQLSourceText(Self.deepSQL)
        let lineage = onThread(stackSize: 300 * 1024) {
            ColumnLineage.analyze(query, text: text, syntax: .postgres, catalog: catalog)
        }
        #expect(!lineage.complete)
        #expect(lineage.diagnostics.isEmpty)
        #expect(lineage.columns.allSatisfy { !$0.resolved })
        #expect(lineage.columns.first?.name == "amout")
    }

    /// Each recursive CTE nested in another's anchor doubled the work: 30 levels took 2^30
    /// passes (a fuzz timeout). Now deep levels get an opaque seed and the time is polynomial.
    @Test func nestedRecursiveCTEsStayFast() throws {
        var sql = "select id from orders"
        for i in 0..<30 {
            sql = "with recursive r\(i) as ((\(sql)) union all select id + 1 from r\(i) where id < 3) select id from r\(i)"
        }
        let lineage = try analyze(sql)
        #expect(lineage.columns.map(\.name) == ["id"])
        #expect(lineage.columns.first?.sources == [ColumnSource(relation: "orders", column: "id")])
        #expect(lineage.diagnostics.isEmpty)
        #expect(lineage.relations == ["orders"])
    }
}
