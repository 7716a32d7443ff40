// Plain dates in the project file's vars and in --vars are dates, as PyYAML reads them for dbt
// (`var('start_date').year`, `+ timedelta`); quoted ones stay text. The expected SQL is what
// dbt 1.11.16 compiled for the same project and --vars.
import Foundation
import Testing

@Suite struct VarDatesCLITests {
    @Test func plainDatesInVarsAreDates() throws {
        let repo = try Repo([
            "dbt_project.yml": """
                name: dq
                version: '1.0'
                vars:
                  start_date: 2024-01-31
                  quoted: '2024-01-31'
                  ts: 2024-01-31 10:00:00
                  tsz: 2024-01-31T10:00:00Z
                  lst: [2024-02-03, x]
                  nested: {a: 2024-03-04}

                """,
            "models/m.sql": """
                select
                '{{ var("start_date").year }}|{{ var("start_date") + modules.datetime.timedelta(days=1) }}|{{ var("start_date") }}' as a,
                '{{ var("quoted") }}|{{ var("quoted").year is defined }}' as b,
                '{{ var("ts") }}|{{ var("ts").hour }}|{{ var("tsz") }}' as c,
                '{{ var("lst")[0].month }}|{{ var("lst") }}|{{ var("nested").a.day }}' as d,
                '{{ var("d").day }}|{{ var("d2") }}' as e
                """,
        ])
        let r = try repo.flowc("compile", "-q", "--vars", "{d: 2024-05-06, d2: \"2024-05-07\"}")
        #expect(r.status == 0, "\(r.stderr)")
        let sql = try String(contentsOfFile: repo.root + "/target/compiled/dq/models/m.sql", encoding: .utf8)
        #expect(sql == """
            select
            '2024|2024-02-01|2024-01-31' as a,
            '2024-01-31|False' as b,
            '2024-01-31 10:00:00|10|2024-01-31 10:00:00+00:00' as c,
            '2|[datetime.date(2024, 2, 3), 'x']|4' as d,
            '6|2024-05-07' as e
            """)
        // the run's arguments keep --vars as written text
        let results = try String(contentsOfFile: repo.root + "/target/run_results.json", encoding: .utf8)
        #expect(results.contains("\"d\": \"2024-05-06\"") || results.contains("\"d\":\"2024-05-06\""), "\(results.prefix(600))")
    }
}
