import Testing
import FlowcLineage
import FlowcSQLParser

/// Static checks: each fires where it must (with place and hint) and stays silent where the
/// inputs are not fully known.
@Suite struct CheckTests {
    let catalog = DictionaryCatalog([
        "orders": LineageRelation(id: "orders", columns: ["id", "customer_id", "amount", "status"]),
        "customers": LineageRelation(id: "customers", columns: ["id", "name", "country"]),
        "raw.events": LineageRelation(id: "raw.events", columns: nil),
    ])

    func findings(_ sql: String, _ syntax: SQLSyntax = .postgres) throws -> [(LineageCheck, String, String?, String)] {
        let lineage = try ColumnLineage.analyze(sql: sql, syntax: syntax, catalog: catalog).get()
        let text = SQLSourceText(sql)
        return lineage.diagnostics.map { ($0.check, $0.message, $0.hint, text.slice($0.span)) }
    }

    @Test func unknownColumnWithSuggestion() throws {
        let f = try findings("select id, amout from orders")
        #expect(f.count == 1)
        #expect(f.first?.0 == .unknownColumn)
        #expect(f.first?.1 == "column 'amout' does not exist in the relations this query reads")
        #expect(f.first?.2 == "did you mean 'amount'?")
        #expect(f.first?.3 == "amout")
    }

    @Test func qualifiedUnknownColumnAndRelation() throws {
        let f = try findings("select o.id, o.nmae, c.name, x.id from orders o join customers c on c.id = o.customer_id")
        #expect(f.map(\.1) == ["'o' has no column 'nmae'", "no relation named 'x' in this query"])
        #expect(f.first?.3 == "nmae")
        let cte = try findings("with t as (select id as order_id from orders) select t.id from t")
        #expect(cte.map(\.1) == ["'t' has no column 'id'"])
        #expect(cte.first?.2 == nil || cte.first?.2 == "did you mean 'order_id'?")
    }

    @Test func unknownColumnInWhereJoinGroupAndCTE() throws {
        let sql = """
            with a as (select id, amount from orders where statsu = 'paid')
            select a.id from a join customers c on c.idd = a.id group by a.id, c.countyr
            """
        let f = try findings(sql)
        #expect(f.map(\.3) == ["statsu", "idd", "countyr"])
    }

    @Test func ambiguousColumn() throws {
        let f = try findings("select id, name from orders o join customers c on c.id = o.customer_id")
        #expect(f.count == 1)
        #expect(f.first?.0 == .ambiguousColumn)
        #expect(f.first?.1 == "column 'id' is ambiguous: 2 relations in FROM have it")
        #expect(f.first?.2 == "qualify it, e.g. 'o.id'")
        // USING merges the column, so it is not ambiguous.
        #expect(try findings("select id from orders join customers using (id)").isEmpty)
    }

    @Test func setOperationColumnCount() throws {
        let f = try findings("select id, amount from orders union all select id from customers")
        #expect(f.count == 1)
        #expect(f.first?.0 == .setOperationColumns)
        #expect(f.first?.1 == "each UNION branch must have the same number of columns: 2 before, 1 here")
        #expect(f.first?.3 == "select id from customers")
    }

    @Test func silentWhereInputsAreUnknown() throws {
        // raw.events has no declared columns: anything may be in it.
        #expect(try findings("select whatever, e.other from raw.events e").isEmpty)
        #expect(try findings("select id, anything from orders o join raw.events e on e.order_id = o.id").isEmpty)
        #expect(try findings("select * from raw.events union all select id, amount from orders").isEmpty)
        // A table the catalog does not know at all is unknown too.
        #expect(try findings("select a, b from somewhere_else").isEmpty)
        // Table functions without a column list.
        #expect(try findings("select value from orders, json_each(orders.status)", .sqlite).isEmpty)
    }

    @Test func outputAliasesCorrelationAndPseudoColumns() throws {
        #expect(try findings("select amount * 2 as doubled from orders order by doubled").isEmpty)
        #expect(try findings("select status as s, count(*) from orders group by s having count(*) > 1").isEmpty)
        #expect(try findings("select amount as a from orders where a > 1", .sqlite).isEmpty)
        #expect(try findings("select id from customers c where exists (select 1 from orders o where o.customer_id = c.id)").isEmpty)
        #expect(try findings("select rowid, id from orders", .sqlite).isEmpty)
        // SQLite reads a double-quoted name that is no column as a string; PostgreSQL does not.
        #expect(try findings("select id from orders where status = \"paid\"", .sqlite).isEmpty)
        #expect(try findings("select id from orders where status = \"paid\"").map(\.1)
                == ["column 'paid' does not exist in the relations this query reads"])
        #expect(try findings("select current_date, id from orders").isEmpty)
        let whole = try ColumnLineage.analyze(sql: "select row_to_json(o) as doc from orders o", syntax: .postgres,
                                              catalog: catalog).get()
        #expect(whole.diagnostics.isEmpty)
        #expect(whole.columns.first?.sources.count == 4)
        #expect(try findings("select 1 from orders where not exists (select 1 from customers where country = status)").isEmpty)
    }

    @Test func lineageThroughUnknownSourceStar() throws {
        // The dbt staging pattern over a source with no declared columns still traces.
        let sql = """
            with source as (select * from raw.events),
            renamed as (select id as event_id, kind as event_kind, payload->>'x' as x from source)
            select * from renamed
            """
        let l = try ColumnLineage.analyze(sql: sql, syntax: .postgres, catalog: catalog).get()
        #expect(l.complete)
        #expect(l.columns.map(\.name) == ["event_id", "event_kind", "x"])
        #expect(l.columns.map { $0.sources.map(\.description) } == [["raw.events.id"], ["raw.events.kind"], ["raw.events.payload"]])
        #expect(l.columns.map(\.kind) == [.copy, .copy, .transform])
        let star = try ColumnLineage.analyze(sql: "select * from raw.events", syntax: .postgres, catalog: catalog).get()
        #expect(!star.complete)
    }

    @Test func unnamedColumnsAreNamedAsTheDatabaseNamesThem() throws {
        let sql = "select count(*), amount::int, cast(id as text), coalesce(status, 'x'), case when true then 1 end, 1 + 1 from orders"
        let pg = try ColumnLineage.analyze(sql: sql, syntax: .postgres, catalog: catalog).get()
        #expect(pg.columns.map(\.name) == ["count", "amount", "id", "coalesce", "case", "?column?"])
        let lite = try ColumnLineage.analyze(sql: "select count(*), amount + 1, id from orders", syntax: .sqlite, catalog: catalog).get()
        #expect(lite.columns.map(\.name) == ["count(*)", "amount + 1", "id"])
    }
}
