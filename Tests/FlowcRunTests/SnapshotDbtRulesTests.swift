// Snapshot rules of dbt's snapshot macros that flowc's native snapshots follow (each checked
// against dbt 1.11.16 / dbt-postgres 1.11.0 on the same steps): a checked column the snapshot
// never had versions every row; the check strategy stamps with `updated_at` when configured;
// configured names find the query's columns whatever their case; a source string column grown
// wider widens the snapshot's; a new_record deletion keeps only the query's columns and hashes
// the version it replaces; a project's snapshot_get_time is the snapshot's time.
import Foundation
import Testing

@Suite struct SnapshotDbtRulesTests {
    func rows(_ h: RunHarness, _ table: String, _ columns: String) throws -> [String] {
        try h.rows("""
            select \(columns), case when dbt_valid_to is null then 'current' else 'closed' end
            from \(h.rel(table)) order by 1, dbt_valid_from, 2
            """).map { $0.joined(separator: " ") }
    }

    @Test("check_cols all versions every row when the query gains a column; updated_at stamps check versions",
          arguments: WarehouseKind.allCases)
    func checkStrategy(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/src.sql": "{{ config(materialized='table') }}\nselect 1 as id, 'x' as v, '2024-01-01' as updated_at",
            "snapshots/s.sql": """
                {% snapshot all_cols %}{{ config(unique_key='ID', strategy='check', check_cols='all') }}
                select * from {{ ref('src') }}{% endsnapshot %}
                {% snapshot stamped %}{{ config(unique_key='id', strategy='check', check_cols=['V'], updated_at='updated_at') }}
                select * from {{ ref('src') }}{% endsnapshot %}
                """,
        ])
        try h.runOK(.build)
        try h.write("models/src.sql", "{{ config(materialized='table') }}\nselect 1 as id, 'y' as v, '2024-02-01' as updated_at, 'new' as c")
        try h.runOK(.build)
        #expect(try rows(h, "all_cols", "id, v") == ["1 x closed", "1 y current"])
        // the versions start and end at the row's updated_at, not at the snapshot's time
        #expect(try h.column("select cast(dbt_valid_from as text) from \(h.rel("stamped")) order by 1") == ["2024-01-01", "2024-02-01"])
        #expect(try h.column("select cast(dbt_valid_to as text) from \(h.rel("stamped")) where v = 'x'") == ["2024-02-01"])
        // a third run with only a new column versions everything again (check_cols all)
        try h.write("models/src.sql", "{{ config(materialized='table') }}\nselect 1 as id, 'y' as v, '2024-02-01' as updated_at, 'new' as c, 1 as d")
        try h.runOK(.build)
        #expect(try rows(h, "all_cols", "id, v") == ["1 x closed", "1 y closed", "1 y current"])
    }

    @Test("both hard-delete configs are dbt's error", arguments: [WarehouseKind.sqlite])
    func bothHardDeleteConfigs(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "snapshots/s.sql": """
                {% snapshot s %}{{ config(unique_key='id', strategy='check', check_cols='all', invalidate_hard_deletes=true,
                                          hard_deletes='ignore') }}
                select 1 as id{% endsnapshot %}
                """,
        ])
        let out = try h.run(.snapshot)
        #expect(out.status("s") == .error)
        #expect(out.result("s")?.message?.contains("You cannot set both the invalidate_hard_deletes and hard_deletes config properties") == true)
    }

    @Test("wider strings, new_record deletions and a project's snapshot time", arguments: [WarehouseKind.postgres])
    func postgresRules(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "macros/time.sql": "{% macro postgres__snapshot_get_time() %}cast('2030-06-15 12:00:00' as timestamp){% endmacro %}",
            "snapshots/s.sql": """
                {% snapshot s %}{{ config(unique_key='id', strategy='check', check_cols='all', hard_deletes='new_record') }}
                select * from raw.src{% endsnapshot %}
                """,
        ])
        try h.execute("create schema raw")
        try h.execute("create table raw.src (id int, v varchar(3), extra text)")
        try h.execute("insert into raw.src values (1, 'abc', 'e1'), (2, 'def', 'e2')")
        try h.runOK(.snapshot)
        try h.execute("alter table raw.src alter column v type varchar(10)")
        try h.execute("update raw.src set v = 'abcdefgh' where id = 1")
        try h.runOK(.snapshot)
        #expect(try h.int("select character_maximum_length from information_schema.columns where table_schema = '\(h.schema)' "
                          + "and table_name = 's' and column_name = 'v'") == 10)
        try h.execute("alter table raw.src drop column extra")
        try h.execute("delete from raw.src where id = 2")
        try h.runOK(.snapshot)
        // the deletion record: the dropped column NULL, its scd id md5(replaced scd id | time)
        #expect(try h.rows("""
            select coalesce(d.extra, 'null'), cast(d.dbt_valid_from as text),
                   cast(d.dbt_scd_id = md5(coalesce(cast(p.dbt_scd_id as varchar), '') || '|' || '2030-06-15 12:00:00') as text)
            from \(h.rel("s")) d join \(h.rel("s")) p on p.id = d.id and p.dbt_is_deleted = 'False'
            where d.dbt_is_deleted = 'True'
            """) == [["null", "2030-06-15 12:00:00", "true"]])
    }
}
