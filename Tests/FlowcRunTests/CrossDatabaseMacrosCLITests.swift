// dbt's cross-database macros that projects call as `dbt.<name>` (date_spine and the helpers it
// stands on, text and date helpers, data types, run_started_at), built and queried on a real
// SQLite file: date_spine asks the warehouse how many days lie between its bounds.
import Foundation
import Testing

@Suite struct CrossDatabaseMacrosCLITests {
    @Test func theyBuildAndGiveDbtsResultsOnSQLite() throws {
        let root = try CLITests.project([
            "models/spine.sql": "{{ config(materialized='table') }}\n{{ dbt.date_spine('day', \"'2020-01-01'\", \"'2020-01-10'\") }}",
            "models/weeks.sql": "{{ config(materialized='table') }}\n{{ dbt.date_spine('week', \"'2020-01-01'\", \"'2020-02-01'\") }}",
            "models/helpers.sql": """
                {{ config(materialized='table') }}
                select {{ dbt.right("'abcd'", 2) }} as r,
                       {{ dbt.cast_bool_to_text('1 = 1') }} as b,
                       {{ dbt.date(2020, 1, 2) }} as d,
                       '{{ dbt.type_string() }}|{{ dbt.type_numeric() }}|{{ dbt.type_int() }}|{{ dbt.type_timestamp() }}' as types,
                       '{{ run_started_at.strftime("%Y") == modules.datetime.datetime.utcnow().strftime("%Y") }}' as this_year,
                       '{{ run_started_at.tzinfo }}|{{ run_started_at.astimezone(modules.pytz.timezone("UTC")).year > 2000 }}' as tz,
                       {{ dbt.is_incremental() }} as incremental
                {{ dbt.intersect() }}
                select 'cd', '1', '2020-01-02', 'TEXT|numeric(28,6)|integer|timestamp', 'True', 'UTC|True', 0
                """,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let build = try CLITests.flowc(["build"], in: root)
        #expect(build.code == 0, Comment(rawValue: build.output))

        func rows(_ sql: String) throws -> [[String]] { try CLITests.targetRows(root, sql) }
        // dbt's date_spine stops before its end date
        #expect(try rows("select count(*), min(date_day), max(date_day) from main.spine") == [["9", "2020-01-01", "2020-01-09"]])
        // four weeks between them, as dbt-postgres's datediff counts (31 days, Wednesday to Saturday)
        #expect(try rows("select date_week from main.weeks order by 1")
                == [["2020-01-01"], ["2020-01-08"], ["2020-01-15"], ["2020-01-22"]])
        // the intersect keeps the row only when every value is what dbt gives
        #expect(try rows("select r, b, d, types, this_year, tz, incremental from main.helpers")
                == [["cd", "1", "2020-01-02", "TEXT|numeric(28,6)|integer|timestamp", "True", "UTC|True", "0"]])
    }
}
