// dbt's cross-database macros give dbt-postgres's answers, on a real PostgreSQL server and on
// SQLite (which writes them with its own date functions): datediff counts
// part boundaries crossed (not elapsed time), last_day of a quarter, listagg with a limit,
// split_part from the end (date_part() answers in double precision, hence the casts). flowc's earlier versions answered some of these wrongly (a quarter's
// datediff counted days, an hour's counted elapsed hours, listagg ignored its limit).
import FlowcTestSupport
import Testing

@Suite struct CrossDatabaseMacroTests {
    @Test(arguments: WarehouseKind.allCases)
    func dateParts(_ kind: WarehouseKind) throws {
        func ts(_ text: String) -> String { kind == .postgres ? "'\(text)'::timestamp" : "'\(text)'" }
        let h = try RunHarness(kind, [
            "models/dates.sql": """
                {{ config(materialized='table') }}
                with t as (select \(ts("2023-12-31 23:59:00")) as a, \(ts("2024-01-01 00:01:00")) as b)
                select
                  {{ dbt.datediff('a', 'b', 'year') }} as years,
                  {{ dbt.datediff('a', 'b', 'quarter') }} as quarters,
                  {{ dbt.datediff('a', 'b', 'month') }} as months,
                  {{ dbt.datediff('a', 'b', 'week') }} as weeks,
                  {{ dbt.datediff('a', 'b', 'day') }} as days,
                  {{ dbt.datediff('a', 'b', 'hour') }} as hours,
                  {{ dbt.datediff('a', 'b', 'minute') }} as minutes,
                  {{ dbt.datediff('a', 'b', 'second') }} as seconds,
                  {{ dbt.dateadd('hour', 2, 'a') }} as plus_two_hours,
                  {{ dbt.dateadd('day', -1, 'b') }} as day_before,
                  {{ dbt.dateadd('month', 2, 'b') }} as two_months_on,
                  {{ dbt.date_trunc('week', 'a') }} as week_start,
                  {{ dbt.date_trunc('quarter', 'b') }} as quarter_start,
                  {{ dbt.last_day('a', 'quarter') }} as quarter_end,
                  {{ dbt.last_day('b', 'month') }} as month_end
                from t
                """,
        ])
        try h.runOK(.run)
        let counts = "cast(years as integer), cast(quarters as integer), cast(months as integer), cast(weeks as integer), "
            + "cast(days as integer), cast(hours as integer), cast(minutes as integer), cast(seconds as integer)"
        #expect(try h.rows("select \(counts) from \(h.rel("dates"))") == [["1", "1", "1", "0", "1", "1", "2", "120"]])
        let times = ["plus_two_hours", "day_before", "two_months_on", "week_start", "quarter_start", "quarter_end", "month_end"]
            .map { "substr(cast(\($0) as text), 1, 19)" }.joined(separator: ", ")
        #expect(try h.rows("select \(times) from \(h.rel("dates"))")
                == [["2024-01-01 01:59:00", "2023-12-31 00:01:00", "2024-03-01 00:01:00", "2023-12-25" + (kind == .postgres ? " 00:00:00" : ""),
                     "2024-01-01" + (kind == .postgres ? " 00:00:00" : ""), "2023-12-31", "2024-01-31"]])
    }

    @Test func stringsOnPostgreSQL() throws {
        let h = try RunHarness(.postgres, [
            "models/strings.sql": """
                {{ config(materialized='table') }}
                with t as (select 'a,b,c' as s union all select 'x,y')
                select
                  {{ dbt.listagg('s', "'|'", 'order by s', 1) }} as first_only,
                  {{ dbt.listagg('s', "'|'", 'order by s') }} as joined,
                  min({{ dbt.split_part('s', "','", -1) }}) as last_part,
                  min({{ dbt.right('s', 2) }}) as right_two,
                  min({{ dbt.position("','", 's') }}) as comma_at,
                  {{ dbt.any_value('s') }} as any_s
                from t
                """,
        ])
        try h.runOK(.run)
        #expect(try h.rows("select first_only, joined, last_part, right_two, comma_at, any_s from \(h.rel("strings"))")
                == [["a,b,c", "a,b,c|x,y", "c", ",c", "2", "a,b,c"]])
    }
}
