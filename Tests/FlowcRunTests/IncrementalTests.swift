// Incremental models over several runs: the strategies, is_incremental(), {{ this }},
// --full-refresh and on_schema_change, on both warehouses.
import FlowcRun
import FlowcWarehouse
import Foundation
import Testing

@Suite("Incremental models")
struct IncrementalTests {
    @Test("append: a second run adds only the new source rows; is_incremental() is true only then",
          arguments: WarehouseKind.allCases)
    func append(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "seeds/events.csv": "id,what\n1,a\n2,b\n3,c\n",
            "models/events_log.sql": """
                {{ config(materialized='incremental') }}
                select id, what, '{{ is_incremental() }}' as inc_flag from {{ ref('events') }}
                {% if is_incremental() %}
                where id > (select max(id) from {{ this }})
                {% endif %}
                """,
        ])
        try h.runOK(.build)
        #expect(try h.rows("select id, inc_flag from \(h.rel("events_log")) order by id")
                == [["1", "False"], ["2", "False"], ["3", "False"]])

        try h.write("seeds/events.csv", "id,what\n1,a\n2,b\n3,c\n4,d\n5,e\n")
        try h.runOK(.seed)
        let second = try h.runOK(.run)
        #expect(second.result("events_log")?.rowsAffected == 2)
        let sql = try #require(second.result("events_log")?.compiledCode)
        #expect(sql.contains("select max(id) from"), "{{ this }} renders to the table: \(sql)")
        #expect(try h.rows("select id, inc_flag from \(h.rel("events_log")) order by id")
                == [["1", "False"], ["2", "False"], ["3", "False"], ["4", "True"], ["5", "True"]])

        // a third run with nothing new adds nothing
        try h.runOK(.run)
        #expect(try h.int("select count(*) from \(h.rel("events_log"))") == 5)

        // --full-refresh rebuilds from scratch: is_incremental() is false again
        try h.write("seeds/events.csv", "id,what\n7,x\n")
        try h.runOK(.seed)
        let refreshed = try h.runOK(.run, fullRefresh: true)
        #expect(refreshed.result("events_log")?.compiledCode?.contains("max(id)") == false)
        #expect(try h.rows("select id, inc_flag from \(h.rel("events_log"))") == [["7", "False"]])
    }

    static func keyedProject(strategy: String, key: String) -> [String: String] {
        [
            "seeds/prices.csv": "region,sku,price\neu,a,1\neu,b,2\nus,a,3\n",
            "models/current_prices.sql": """
                {{ config(materialized='incremental', incremental_strategy='\(strategy)', unique_key=\(key)) }}
                select region, sku, price from {{ ref('prices') }}
                """,
        ]
    }

    @Test("delete+insert and merge replace updated rows, with single and composite keys",
          arguments: WarehouseKind.allCases, ["delete+insert", "merge"])
    func keyed(_ kind: WarehouseKind, strategy: String) throws {
        // composite key: (region, sku)
        let h = try RunHarness(kind, Self.keyedProject(strategy: strategy, key: "['region', 'sku']"))
        try h.runOK(.build)
        #expect(try h.int("select count(*) from \(h.rel("current_prices"))") == 3)
        // eu/b changes, us/b is new; eu/a and us/a come again unchanged
        try h.write("seeds/prices.csv", "region,sku,price\neu,a,1\neu,b,20\nus,a,3\nus,b,4\n")
        try h.runOK(.seed)
        try h.runOK(.run)
        try h.runOK(.run)
        let rows = try h.rows("select region, sku, price from \(h.rel("current_prices")) order by region, sku")
        #expect(rows == [["eu", "a", "1"], ["eu", "b", "20"], ["us", "a", "3"], ["us", "b", "4"]])
        #expect(try h.int("select count(*) from (select region, sku from \(h.rel("current_prices")) group by region, sku having count(*) > 1) d") == 0)

        // single key: id
        let single = try RunHarness(kind, [
            "seeds/users.csv": "id,name\n1,ann\n2,bob\n",
            "models/users_latest.sql": """
                {{ config(materialized='incremental', incremental_strategy='\(strategy)', unique_key='id') }}
                select id, name from {{ ref('users') }}
                """,
        ])
        try single.runOK(.build)
        try single.write("seeds/users.csv", "id,name\n2,bobby\n3,cy\n")
        try single.runOK(.seed)
        try single.runOK(.run)
        try single.runOK(.run)
        #expect(try single.rows("select id, name from \(single.rel("users_latest")) order by id")
                == [["1", "ann"], ["2", "bobby"], ["3", "cy"]])
    }

    @Test("incremental_predicates narrow what merge and delete+insert touch; merge_update_columns and merge_exclude_columns choose what merge updates",
          arguments: WarehouseKind.allCases, ["delete+insert", "merge"])
    func predicatesAndUpdateColumns(_ kind: WarehouseKind, strategy: String) throws {
        // rows of region 'eu' only are replaced: a changed 'us' row is inserted again (merge: not
        // matched under the predicate; delete+insert: not deleted), as dbt's SQL does
        let model = { (extra: String) in
            "{{ config(materialized='incremental', incremental_strategy='\(strategy)', unique_key='id', "
                + "incremental_predicates=[\"DBT_INTERNAL_DEST.region = 'eu'\"]\(extra)) }}\n"
                + "select id, region, price, note from {{ ref('prices') }}"
        }
        let h = try RunHarness(kind, ["seeds/prices.csv": "id,region,price,note\n1,eu,1,x\n2,us,2,x\n",
                                      "models/p.sql": model("")])
        try h.runOK(.build)
        try h.write("seeds/prices.csv", "id,region,price,note\n1,eu,10,y\n2,us,20,y\n")
        try h.runOK(.seed)
        try h.runOK(.run)
        #expect(try h.rows("select id, region, price, note from \(h.rel("p")) order by id, price")
                == [["1", "eu", "10", "y"], ["2", "us", "2", "x"], ["2", "us", "20", "y"]])
        guard strategy == "merge" else { return }
        // merge_update_columns: only price changes on a matched row; merge_exclude_columns: all but price
        try h.write("models/p.sql", model(", merge_update_columns=['price']"))
        try h.write("seeds/prices.csv", "id,region,price,note\n1,eu,100,z\n")
        try h.runOK(.seed)
        try h.runOK(.run)
        #expect(try h.rows("select price, note from \(h.rel("p")) where id = 1") == [["100", "y"]])
        try h.write("models/p.sql", model(", merge_exclude_columns=['PRICE']"))
        try h.write("seeds/prices.csv", "id,region,price,note\n1,eu,1000,w\n")
        try h.runOK(.seed)
        try h.runOK(.run)
        #expect(try h.rows("select price, note from \(h.rel("p")) where id = 1") == [["100", "w"]])
        try h.write("models/p.sql", model(", merge_update_columns=['price'], merge_exclude_columns=['note']"))
        let both = try h.run(.run)
        #expect(both.status("p") == .error)
        #expect(both.result("p")?.message?.contains("cannot specify merge_update_columns and merge_exclude_columns") == true,
                "\(both.summary)")
    }

    /// dbt's merge and delete+insert without a unique_key match no row: each run appends (dbt
    /// 1.11 with dbt-postgres left two rows after two runs of each).
    /// With the project flag `enable_truthy_nulls_equals_macro`, dbt's equals() (and so a merge
    /// on a single unique key) matches NULL to NULL: the row with a NULL key is updated, not
    /// inserted again. Without the flag it is inserted again, as dbt's `=` does.
    @Test("enable_truthy_nulls_equals_macro: a merge matches a NULL key", arguments: WarehouseKind.allCases)
    func truthyNullsMerge(_ kind: WarehouseKind) throws {
        for flag in [true, false] {
            let h = try RunHarness(kind, [
                "flowc.yml": "name: shop\nversion: '1.0'\nprofile: shop\nflags:\n  enable_truthy_nulls_equals_macro: \(flag)\n",
                "models/m.sql": """
                    {{ config(materialized='incremental', incremental_strategy='merge', unique_key='k') }}
                    select cast(null as integer) as k, '{{ 'second' if is_incremental() else 'first' }}' as v,
                           '{{ dbt.equals('a', 'b') | trim }}' as eq
                    """,
            ])
            try h.runOK(.run)
            try h.runOK(.run)
            let rows = try h.rows("select v from \(h.rel("m")) order by v")
            #expect(rows == (flag ? [["second"]] : [["first"], ["second"]]), "flag \(flag): \(rows)")
            let eq = try h.column("select eq from \(h.rel("m")) limit 1").first ?? ""
            let truthy = kind == .postgres ? "(a IS NOT DISTINCT FROM b)" : "case when ((a = b) or (a is null and b is null))"
            #expect(flag ? eq.hasPrefix(truthy) : eq == "(a = b)", "\(eq)")
        }
    }

    /// dbt's incremental run widens the table's string columns to fit the new rows first
    /// (expand_target_column_types): varchar(3) fed varchar(8) becomes varchar(8), and text fed
    /// varchar(1000) becomes varchar(1000), as dbt-postgres 1.11 left them; the rows go in.
    @Test("an incremental run widens the table's string columns", arguments: [WarehouseKind.postgres])
    func widensStringColumns(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/m.sql": """
                {{ config(materialized='incremental') }}
                {% if is_incremental() %}
                select cast('abcdefgh' as varchar(8)) as v, cast('x' as varchar(1000)) as t
                {% else %}
                select cast('abc' as varchar(3)) as v, cast('x' as text) as t
                {% endif %}
                """,
        ])
        try h.runOK(.run)
        try h.runOK(.run)
        #expect(try h.rows("select v from \(h.rel("m")) order by v") == [["abc"], ["abcdefgh"]])
        let types = try h.rows("select column_name, data_type, coalesce(character_maximum_length, 0) from information_schema.columns "
                               + "where table_schema = '\(h.schema)' and table_name = 'm' order by column_name")
        #expect(types == [["t", "character varying", "1000"], ["v", "character varying", "8"]], "\(types)")
        // char(2) fed char(4) under sync_all_columns: widened to varchar(4), which is no type
        // change for dbt (its data_type of char(4) is varchar(4)), so the value is not padded
        try h.write("models/c.sql", """
            {{ config(materialized='incremental', on_schema_change='sync_all_columns') }}
            select cast('{{ 'ab' if is_incremental() else 'a' }}' as char({{ 4 if is_incremental() else 2 }})) as v
            """)
        try h.runOK(.run, select: ["c"])
        try h.runOK(.run, select: ["c"])
        #expect(try h.rows("select v, pg_typeof(v)::text from \(h.rel("c")) order by v") == [["a", "character varying"], ["ab", "character varying"]])
    }

    /// dbt pastes unique_key and merge_update_columns into the SQL as written: `ID` reaches
    /// column id, an expression key works, and a key naming a column exactly still works.
    @Test("unique_key and merge_update_columns as written", arguments: WarehouseKind.allCases)
    func keysAsWritten(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/d.sql": """
                {{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key="id || '-' || k") }}
                select 1 as id, 'a' as k, '{{ 'second' if is_incremental() else 'first' }}' as v
                """,
            "models/m.sql": """
                {{ config(materialized='incremental', incremental_strategy='merge', unique_key='ID', merge_update_columns=['V']) }}
                select 1 as id, '{{ 'second' if is_incremental() else 'first' }}' as v
                """,
        ])
        try h.runOK(.run)
        try h.runOK(.run)
        #expect(try h.rows("select v from \(h.rel("d"))") == [["second"]])
        #expect(try h.rows("select v from \(h.rel("m"))") == [["second"]])
    }

    @Test("merge and delete+insert without a unique_key append, as dbt's", arguments: WarehouseKind.allCases)
    func strategyWithoutKey(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/m.sql": "{{ config(materialized='incremental', incremental_strategy='merge') }}\nselect 1 as id",
            "models/d.sql": "{{ config(materialized='incremental', incremental_strategy='delete+insert') }}\nselect 1 as id",
        ])
        try h.runOK(.run)
        try h.runOK(.run)
        #expect(try h.int("select count(*) from \(h.rel("m"))") == 2)
        #expect(try h.int("select count(*) from \(h.rel("d"))") == 2)
    }

    // MARK: on_schema_change

    /// An incremental model with columns id, a on its first run; `then` is its SQL for the second.
    func schemaChange(_ kind: WarehouseKind, policy: String, then: String) throws -> (RunHarness, RunReport) {
        let config = "{{ config(materialized='incremental', on_schema_change='\(policy)') }}\n"
        let h = try RunHarness(kind, ["models/m.sql": config + "select 1 as id, 'x' as a"])
        try h.runOK(.run)
        try h.write("models/m.sql", config + then)
        return (h, try h.run(.run))
    }

    /// dbt compares column names as PostgreSQL spells them: a model whose `"Foo"` became `foo`
    /// has a new column and lost one (flowc compared without case and failed in the database).
    @Test("PostgreSQL: on_schema_change tells \"Foo\" from foo, as dbt", arguments: ["append_new_columns", "sync_all_columns", "fail"])
    func columnNamesKeepTheirCase(_ policy: String) throws {
        let config = "{{ config(materialized='incremental', on_schema_change='\(policy)') }}\n"
        let h = try RunHarness(.postgres, ["models/m.sql": config + "select 1 as \"Foo\""])
        try h.runOK(.run)
        try h.write("models/m.sql", config + "select 2 as foo")
        let report = try h.run(.run)
        let names = try h.column("select column_name from information_schema.columns where table_schema = '\(h.schema)' "
                                 + "and table_name = 'm' order by ordinal_position")
        switch policy {
        case "append_new_columns":
            #expect(report.status("m") == .success, "\(report.summary)")
            #expect(names == ["Foo", "foo"])
            #expect(try h.rows("select \"Foo\", foo from \(h.rel("m")) order by 1, 2") == [["1", ""], ["", "2"]])
        case "sync_all_columns":
            #expect(report.status("m") == .success, "\(report.summary)")
            #expect(names == ["foo"])
            #expect(try h.rows("select foo from \(h.rel("m")) order by 1") == [["2"], [""]])
        default:
            #expect(report.status("m") == .error)
            #expect(report.result("m")?.message?.contains("out of sync") == true, "\(report.summary)")
            #expect(names == ["Foo"])
        }
    }

    @Test("on_schema_change ignore: new columns are left out, rows still added", arguments: WarehouseKind.allCases)
    func ignore(_ kind: WarehouseKind) throws {
        let (h, report) = try schemaChange(kind, policy: "ignore", then: "select 2 as id, 'y' as a, 'z' as b")
        #expect(report.status("m") == .success, "\(report.summary)")
        #expect(try h.columns("m") == ["id", "a"])
        #expect(try h.rows("select id, a from \(h.rel("m")) order by id") == [["1", "x"], ["2", "y"]])
    }

    @Test("on_schema_change fail: the node errors clearly and the table is left as it was", arguments: WarehouseKind.allCases)
    func fail(_ kind: WarehouseKind) throws {
        let (h, report) = try schemaChange(kind, policy: "fail", then: "select 2 as id, 'y' as a, 'z' as b")
        let r = try #require(report.result("m"))
        #expect(r.status == .error)
        #expect(r.isFailure)
        let message = r.message ?? ""
        // dbt's materialization raises it as a compiler error with this text (dbt-postgres 1.11
        // wrote these lines for this model)
        #expect(message.hasPrefix("Compilation Error in model m (models/m.sql)\n  \n"
                                  + "                The source and target schemas on this incremental model are out of sync!\n"), "\(message)")
        #expect(message.contains("  - Re-run the incremental model with `full_refresh: True` to update the target schema.\n"))
        if kind == .postgres {
            #expect(message.contains("                   Source columns not in target: [PostgresColumn(column='b', dtype='text', char_size=None, "
                                     + "numeric_precision=None, numeric_scale=None)]\n                   Target columns not in source: []\n"
                                     + "                   New column types: []"), "\(message)")
        } else {
            #expect(message.contains("Source columns not in target: [Column(column='b'"), "\(message)")
        }
        #expect(try h.columns("m") == ["id", "a"])
        #expect(try h.rows("select id, a from \(h.rel("m"))") == [["1", "x"]])
        #expect(try h.relationKind("m__dbt_tmp") == nil, "the staging table is rolled back")
    }

    @Test("on_schema_change append_new_columns: the column is added, old rows get NULL", arguments: WarehouseKind.allCases)
    func appendNewColumns(_ kind: WarehouseKind) throws {
        let (h, report) = try schemaChange(kind, policy: "append_new_columns", then: "select 2 as id, 'y' as a, 'z' as b")
        #expect(report.status("m") == .success, "\(report.summary)")
        #expect(try h.columns("m") == ["id", "a", "b"])
        let rows = try h.query("select id, a, b from \(h.rel("m")) order by id")
        #expect(rows.map { $0.map(\.text) } == [["1", "x", ""], ["2", "y", "z"]])
        #expect(rows[0][2] == .null)
    }

    @Test("on_schema_change sync_all_columns: removed columns are dropped, new ones added", arguments: WarehouseKind.allCases)
    func syncAllColumns(_ kind: WarehouseKind) throws {
        let (h, report) = try schemaChange(kind, policy: "sync_all_columns", then: "select 2 as id, 'z' as b")
        #expect(report.status("m") == .success, "\(report.summary)")
        #expect(try h.columns("m") == ["id", "b"])
        #expect(try h.rows("select id, b from \(h.rel("m")) order by id") == [["1", ""], ["2", "z"]])
    }

    /// dbt's alter_column_type copies into a new column and drops the old one, so a retyped
    /// column moves to the end of the table; a shorter string type is no change. dbt 1.11.16 on
    /// PostgreSQL gives the same columns at each step.
    @Test("sync_all_columns: a retyped column keeps its values and moves to the end, as under dbt")
    func syncRetypeMovesColumn() throws {
        let (h, report) = try schemaChange(.postgres, policy: "sync_all_columns", then: "select 2 as id, 2::bigint as a_num, 'y' as a")
        #expect(report.status("m") == .success, "\(report.summary)")
        let config = "{{ config(materialized='incremental', on_schema_change='sync_all_columns') }}\n"
        try h.write("models/m.sql", config + "select 3 as id, 3::bigint as a_num, 'z'::varchar(20) as a")
        let third = try h.run(.run)
        #expect(third.status("m") == .success, "\(third.summary)")
        // a varchar(20) fits in the text column (dbt's can_expand_to): no change
        #expect(try h.columns("m") == ["id", "a", "a_num"])
        try h.write("models/m.sql", config + "select 4::bigint as id, 4::bigint as a_num, 'w'::varchar(20) as a")
        let fourth = try h.run(.run)
        #expect(fourth.status("m") == .success, "\(fourth.summary)")
        #expect(try h.columns("m") == ["a", "a_num", "id"])
        #expect(try h.rows("select id, a from \(h.rel("m")) order by id") == [["1", "x"], ["2", "y"], ["3", "z"], ["4", "w"]])
    }

    @Test("on_schema_change sync_all_columns changes a column's type on PostgreSQL")
    func syncRetypes() throws {
        let (h, report) = try schemaChange(.postgres, policy: "sync_all_columns", then: "select 2::bigint as id, 'y'::varchar(5) as a")
        #expect(report.status("m") == .success, "\(report.summary)")
        // id is retyped (and moves to the end); varchar(5) fits in the text column, which stays
        let columns = try h.conn().columns(schema: h.schema, name: "m")
        #expect(columns.map(\.name) == ["a", "id"])
        #expect(columns.map(\.dataType) == ["text", "bigint"])
        #expect(try h.rows("select id, a from \(h.rel("m")) order by id") == [["1", "x"], ["2", "y"]])
    }
}
