// dbt's cross-database macros give dbt's answers on a real PostgreSQL server: datediff counts
// part boundaries crossed (not elapsed time), last_day of a quarter, listagg with a limit,
// split_part from the end (date_part() answers in double precision, hence the casts). flowc's earlier versions answered some of these wrongly (a quarter's
// datediff counted days, an hour's counted elapsed hours, listagg ignored its limit).
import FlowcTestSupport
import Testing

@Suite struct CrossDatabaseMacroTests {
    @Test func datePartsAndStringsOnPostgreSQL() throws {
        let h = try RunHarness(.postgres, [
            "models/dates.sql": """
                {{ config(materialized='table') }}
                with t as (select '2023-12-31 23:59:00'::timestamp as a, '2024-01-01 00:01:00'::timestamp as b)
                select
                  {{ dbt.datediff('a', 'b', 'year') }} as years,
                  {{ dbt.datediff('a', 'b', 'quarter') }} as quarters,
                  {{ dbt.datediff('a', 'b', 'month') }} as months,
                  {{ dbt.datediff('a', 'b', 'day') }} as days,
                  {{ dbt.datediff('a', 'b', 'hour') }} as hours,
                  {{ dbt.datediff('a', 'b', 'minute') }} as minutes,
                  {{ dbt.datediff('a', 'b', 'second') }} as seconds,
                  {{ dbt.dateadd('hour', 2, 'a') }} as plus_two_hours,
                  {{ dbt.last_day('a', 'quarter') }} as quarter_end,
                  {{ dbt.last_day('b', 'month') }} as month_end
                from t
                """,
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
        #expect(try h.rows("select years::int, quarters::int, months::int, days, hours::int, minutes::int, seconds::int from \(h.rel("dates"))")
                == [["1", "1", "1", "1", "1", "2", "120"]])
        #expect(try h.column("select plus_two_hours::text from \(h.rel("dates"))") == ["2024-01-01 01:59:00"])
        #expect(try h.column("select quarter_end::text || ' ' || month_end::text from \(h.rel("dates"))")
                == ["2023-12-31 2024-01-31"])
        #expect(try h.rows("select first_only, joined, last_part, right_two, comma_at, any_s from \(h.rel("strings"))")
                == [["a,b,c", "a,b,c|x,y", "c", ",c", "2", "a,b,c"]])
    }
}
