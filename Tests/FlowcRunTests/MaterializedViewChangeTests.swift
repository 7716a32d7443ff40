// `on_configuration_change` on PostgreSQL materialized views, against a real server, with the
// outcomes dbt-postgres 1.11 gives for the same steps (checked side by side): `apply` drops
// and creates the indexes that changed, `continue` warns and builds nothing, `fail` fails the
// model and skips its children; unchanged indexes (in any order or case) mean a refresh.
@testable import FlowcRun
import FlowcWarehouse
import Testing

@Suite("Materialized views: on_configuration_change")
struct MaterializedViewChangeTests {
    static func model(_ onChange: String, _ indexes: String) -> String {
        "{{ config(materialized='materialized_view', on_configuration_change='\(onChange)', indexes=\(indexes)) }}\nselect id, name from {{ ref('base') }}"
    }

    static func indexes(_ h: RunHarness) throws -> [String] {
        try h.column("select regexp_replace(indexdef, 'INDEX \\S+ ON', 'INDEX ON') from pg_indexes where schemaname = 'analytics' and tablename = 'mv' order by 1")
    }

    @Test("PostgreSQL: apply, continue and fail, as dbt-postgres")
    func postgres() throws {
        let h = try RunHarness(.postgres, [
            "models/base.sql": "{{ config(materialized='table') }}\nselect 1 as id, 'a' as name",
            "models/mv.sql": Self.model("apply", "[{'columns': ['id'], 'unique': true}, {'columns': ['name']}]"),
            "models/child.sql": "select * from {{ ref('mv') }}",
            "models/other.sql": "select 2 as x",
        ])
        try h.runOK(.run)
        #expect(try Self.indexes(h) == ["CREATE INDEX ON analytics.mv USING btree (name)", "CREATE UNIQUE INDEX ON analytics.mv USING btree (id)"])

        // the same indexes, written in another order and case with the default method named: a refresh
        try h.write("models/mv.sql", Self.model("fail", "[{'columns': ['NAME']}, {'columns': ['ID'], 'unique': true, 'type': 'btree'}]"))
        let same = try h.runOK(.run, select: ["mv"])
        #expect(same.result("mv")?.adapterCode == "REFRESH MATERIALIZED VIEW")

        // continue: a warning, nothing built, dbt's `skip` response
        try h.write("models/mv.sql", Self.model("continue", "[{'columns': ['id']}]"))
        let kept = try h.runOK(.run, select: ["mv"])
        let mv = try #require(kept.result("mv")?.relationName)  // "<database>"."analytics"."mv"
        #expect(kept.result("mv")?.message == "skip \(mv)", "\(kept.summary)")
        #expect(kept.result("mv")?.adapterCode == "skip")
        #expect(kept.warnings == ["Configuration changes were identified and `on_configuration_change` was set to `continue` for `\(mv)`"])
        #expect(try Self.indexes(h).count == 2)

        // fail: the model errors with dbt's message, its child is skipped, the rest runs
        try h.write("models/mv.sql", Self.model("fail", "[{'columns': ['id']}]"))
        let failed = try h.run(.run, select: ["mv+", "other"])
        #expect(failed.status("mv") == .error)
        #expect(failed.result("mv")?.message == "FailFast Error in model mv (models/mv.sql)\n  Configuration changes were identified and "
                + "`on_configuration_change` was set to `fail` for `\(mv)`")
        #expect(failed.status("child") == .skipped)
        #expect(failed.status("other") == .success)
        #expect(try Self.indexes(h).count == 2)

        // apply: the unique index and the one on name go, a plain one on id comes; the data is not refreshed
        try h.execute("insert into \(h.rel("base")) values (2, 'b')")
        try h.write("models/mv.sql", Self.model("apply", "[{'columns': ['id']}]"))
        let applied = try h.runOK(.run, select: ["mv"])
        #expect(applied.result("mv")?.adapterCode == "CREATE INDEX")
        #expect(try Self.indexes(h) == ["CREATE INDEX ON analytics.mv USING btree (id)"])
        #expect(try h.int("select count(*) from \(h.rel("mv"))") == 1)

        // no indexes left in the config: the last statement is the drop
        try h.write("models/mv.sql", Self.model("apply", "[]"))
        let dropped = try h.runOK(.run, select: ["mv"])
        #expect(dropped.result("mv")?.adapterCode == "DROP INDEX")
        #expect(try Self.indexes(h).isEmpty)
    }

    @Test("index changes: sets of lower-cased columns, unique and method; drops by name, creates in config order")
    func changes() {
        let existing = [
            IndexChanges.Existing(name: "b", key: IndexChanges.key(columns: ["id"], unique: true, type: "btree")),
            IndexChanges.Existing(name: "a", key: IndexChanges.key(columns: ["x", "y"], unique: false, type: "hash")),
        ]
        let same = IndexChanges.between(existing: existing, configured: [(["Y", "X"], false, "HASH"), (["ID"], true, nil)])
        #expect(same.isEmpty)
        let changed = IndexChanges.between(existing: existing, configured: [(["z"], false, nil), (["id"], true, nil), (["z"], false, "btree")])
        #expect(changed.drops == ["a"])
        #expect(changed.creates == [IndexChanges.Wanted(columns: ["z"], unique: false, method: "btree")])
        let rows: [[SQLValue]] = [[.text("i1"), .text("gin"), .bool(false), .text("Tags")], [.text("short")]]
        #expect(IndexChanges.existing(rows: rows) == [IndexChanges.Existing(name: "i1", key: IndexChanges.key(columns: ["tags"], unique: false, type: "gin"))])
    }
}
