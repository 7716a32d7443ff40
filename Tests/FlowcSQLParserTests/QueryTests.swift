import Testing
@testable import FlowcSQLParser

/// Whole queries: every clause and FROM form parses into the expected structure.
@Suite struct QueryTests {
    func parse(_ sql: String, _ syntax: SQLSyntax = .postgres) throws -> SQLQuery {
        try SQLParser.parse(sql, syntax: syntax)
    }

    func select(_ q: SQLQuery) -> SQLSelect? {
        if case .select(let s) = q.body { return s }
        return nil
    }

    func aliases(_ s: SQLSelect) -> [String] {
        s.items.map { item in
            switch item {
            case .expr(let e, let alias): return alias?.name ?? e.debugDescription
            case .star(let q, _): return (q.map(\.name) + ["*"]).joined(separator: ".")
            }
        }
    }

    @Test func selectListAliasesAndStars() throws {
        let q = try parse("select a, b as bee, c cee, t.*, * , \"Mixed Case\" from t;")
        let s = try #require(select(q))
        #expect(aliases(s) == ["a", "bee", "cee", "t.*", "*", "\"Mixed Case\""])
        #expect(try aliases(#require(select(parse("select a 'x' from t", .sqlite)))) == ["x"])
    }

    @Test func withChainsAndRecursive() throws {
        let q = try parse("""
            with recursive a (n) as (select 1 union all select n + 1 from a where n < 10),
            b as not materialized (select * from a)
            select n from b order by n desc nulls last limit 5 offset 1
            """)
        let with = try #require(q.with)
        #expect(with.recursive)
        #expect(with.ctes.map(\.name.name) == ["a", "b"])
        #expect(with.ctes[0].columns.map(\.name) == ["n"])
        #expect(q.orderBy.count == 1 && q.orderBy[0].descending && q.orderBy[0].nullsFirst == false)
        #expect(q.limit?.debugDescription == "5" && q.offset?.debugDescription == "1")
        let lite = try parse("select a from t limit 10, 20", .sqlite)
        #expect(lite.offset?.debugDescription == "10" && lite.limit?.debugDescription == "20")
        let fetch = try parse("select a from t offset 2 rows fetch first 3 rows only")
        #expect(fetch.limit?.debugDescription == "3")
    }

    @Test func setOperationsAssociateAndIntersectBindsTighter() throws {
        let q = try parse("select a from x union all select a from y intersect select a from z except select 1")
        guard case .setOperation(.except, false, let left, _, _) = q.body,
              case .setOperation(.union, true, _, let right, _) = left,
              case .setOperation(.intersect, false, _, _, _) = right else {
            Issue.record("unexpected shape")
            return
        }
        _ = try parse("(select 1) union (select 2 order by 1 limit 1)")
        _ = try parse("values (1, 'a'), (2, 'b')")
    }

    @Test func everyJoinKind() throws {
        let q = try parse("""
            select * from a
            join b on a.id = b.id
            inner join c using (id)
            left outer join d on true
            right join e on e.x = a.x
            full join f on f.y = a.y
            cross join g
            natural join h
            , i
            """)
        let s = try #require(select(q))
        #expect(s.from.count == 2)
        var kinds: [String] = []
        var ref = s.from[0]
        while case .join(let j) = ref {
            var kind = j.kind.rawValue
            if case .natural = j.condition { kind = "natural " + kind }
            if case .using(let cols) = j.condition { kind += " using " + cols.map(\.name).joined() }
            kinds.insert(kind, at: 0)
            ref = j.left
        }
        #expect(kinds == ["inner", "inner using id", "left", "right", "full", "cross", "natural inner"])
        _ = try parse("select * from a join b", .sqlite)
        #expect(throws: SQLParseError.self) { try parse("select * from a join b") }
    }

    @Test func fromForms() throws {
        let q = try parse("""
            select * from (select 1 as x) as s,
              lateral (select s.x + 1 as y) l,
              generate_series(1, 3) as g(n),
              (values (1, 'a')) as v(id, name),
              raw."Orders" o,
              (a join b on a.id = b.id)
            """)
        let s = try #require(select(q))
        #expect(s.from.count == 6)
        if case .derived(_, let alias, let lateral, _) = s.from[1] {
            #expect(alias?.name.name == "l" && lateral)
        } else { Issue.record("lateral") }
        if case .function(let f, let alias, _, _) = s.from[2] {
            #expect(f.baseName == "generate_series" && alias?.columns.map(\.name) == ["n"])
        } else { Issue.record("table function") }
        if case .table(let name, let alias, _) = s.from[4] {
            #expect(name.map(\.name) == ["raw", "Orders"] && name[1].quoted && alias?.name.name == "o")
        } else { Issue.record("table") }
    }

    @Test func groupingHavingWindowsDistinctOn() throws {
        let q = try parse("""
            select distinct on (a) a, b, sum(c) over w, rank() over (w order by b)
            from t where c > 0
            group by rollup (a, b), cube (c), grouping sets ((a), ()), d
            having count(*) > 1
            window w as (partition by a)
            order by a, b desc
            """)
        let s = try #require(select(q))
        if case .distinctOn(let on) = s.distinct { #expect(on.count == 1) } else { Issue.record("distinct on") }
        #expect(s.groupBy.count == 4)
        #expect(s.having != nil && s.windows.map(\.name.name) == ["w"])
    }

    @Test func commentsAndSpans() throws {
        let sql = "-- header\nselect /* inline */ amount -- trailing\n  , \"x\" from t /* /* nested */ */"
        let q = try parse(sql)
        let s = try #require(select(q))
        guard case .expr(let e, _) = s.items[0] else { Issue.record("item"); return }
        let text = SQLSourceText(sql)
        #expect(text.slice(e.span) == "amount")
        #expect(text.location(of: e.span.start) == (2, 21))
        #expect(text.line(2) == "select /* inline */ amount -- trailing" && text.isASCII)
        let wide = SQLSourceText("select 1\r\n  , 'é', ünï from t")
        #expect(wide.location(of: 20) == (2, 10) && wide.line(1) == "select 1" && wide.line(2) == "  , 'é', ünï from t" && !wide.isASCII)
        #expect(throws: SQLParseError.self) { try parse("select 1 /* open", .sqlite) }
    }

    @Test func errorsPointAtTheProblem() throws {
        let cases: [(String, String, Int)] = [
            ("select a from t where", "expected an expression, found the end of the query", 21),
            ("select a from t group x", "expected BY, found 'x'", 22),
            ("select a, from t", "expected an expression, found 'from'", 10),
            ("select a from t; select b from u", "unexpected 'select' after the end of the query", 17),
            ("with x as select 1 select * from x", "expected '(' to open the CTE's query, found 'select'", 10),
            ("select (a + b from t", "expected ')', found 'from'", 14),
        ]
        for (sql, message, offset) in cases {
            do {
                _ = try parse(sql)
                Issue.record("no error for \(sql)")
            } catch let error as SQLParseError {
                #expect(error.message == message, "\(sql)")
                #expect(error.span.start == offset, "\(sql)")
            }
        }
    }

    @Test func dbtCompiledModelParses() throws {
        let sql = """
            with  __dbt__cte__stg_payments as (
            select id as payment_id, order_id, amount / 100.0 as amount from "main"."raw_payments"
            ), orders as (
              select * from "main"."stg_orders" where status not in ('returned', 'return_pending')
            ), final as (
              select o.order_id, o.customer_id,
                     coalesce(sum(p.amount), 0) as total,
                     row_number() over (partition by o.customer_id order by o.ordered_at) as nth
              from orders o left join __dbt__cte__stg_payments p on p.order_id = o.order_id
              group by 1, 2, o.ordered_at
            )
            select * from final
            """
        for syntax in [SQLSyntax.postgres, .sqlite] {
            let q = try parse(sql, syntax)
            #expect(q.with?.ctes.count == 3)
        }
    }
}
