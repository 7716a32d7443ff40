// dbt's table configs: `indexes` (created on the table a model or an incremental model's first
// run builds), dbt-postgres's `unlogged`, and `sql_header` (run before the create statement),
// on both warehouses.
import FlowcGraph
import FlowcRun
import FlowcWarehouse
import Foundation
import Testing

@Suite("Table configs: indexes, unlogged, sql_header")
struct TableConfigTests {
    @Test("indexes are created on the built table; unlogged and sql_header apply", arguments: WarehouseKind.allCases)
    func indexesUnloggedAndHeader(_ kind: WarehouseKind) throws {
        let header = kind == .postgres ? "create table if not exists analytics.header_ran (x int);"
                                       : "create table if not exists main.header_ran (x integer);"
        let h = try RunHarness(kind, [
            "models/t.sql": """
                {{ config(materialized='table', unlogged=true, sql_header="\(header)",
                          indexes=[{'columns': ['id'], 'unique': true}, {'columns': ['a'], 'type': 'hash' if target.type == 'postgres' else none}]) }}
                select 1 as id, 'x' as a
                """,
            "models/inc.sql": """
                {{ config(materialized='incremental', unique_key='id', indexes=[{'columns': ['id'], 'unique': true}]) }}
                select 1 as id
                """,
        ])
        try h.runOK(.run)
        try h.runOK(.run)  // a rebuild makes the table and its indexes again
        if kind == .postgres {
            let defs = try h.column("select indexdef from pg_indexes where schemaname = 'analytics' and tablename = 't' order by indexdef")
            #expect(defs.count == 2, "\(defs)")
            #expect(defs.contains { $0.hasPrefix("CREATE INDEX") && $0.hasSuffix("USING hash (a)") }, "\(defs)")
            #expect(defs.contains { $0.hasPrefix("CREATE UNIQUE INDEX") && $0.hasSuffix("USING btree (id)") }, "\(defs)")
            #expect(try h.column("select relpersistence from pg_class where relname = 't'") == ["u"])
            #expect(try h.column("select count(*) from pg_indexes where tablename = 'inc'") == ["1"])
        } else {
            let defs = try h.column("select sql from sqlite_master where type = 'index' and tbl_name = 't' order by sql")
            #expect(defs.count == 2, "\(defs)")
            #expect(defs.contains { $0.hasPrefix("CREATE UNIQUE INDEX") && $0.hasSuffix("(id)") }, "\(defs)")
            #expect(try h.column("select count(*) from sqlite_master where type = 'index' and tbl_name = 'inc'") == ["1"])
        }
        #expect(try h.int("select count(*) from \(h.rel("header_ran"))") == 0)
    }

    /// dbt's `{% call set_sql_header(config) %}` block (config.set('sql_header', caller())) sets
    /// the header at parse time, the way dbt projects usually write it.
    @Test("set_sql_header sets the header the create statement runs after", arguments: WarehouseKind.allCases)
    func setSQLHeader(_ kind: WarehouseKind) throws {
        let schema = kind == .postgres ? "analytics" : "main"
        let h = try RunHarness(kind, [
            "models/t.sql": """
                {{ config(materialized='table') }}
                {% call set_sql_header(config) %}
                create table if not exists \(schema).from_header (x integer);
                {% endcall %}
                select 1 as id
                """,
        ])
        try h.runOK(.run)
        #expect(try h.int("select count(*) from \(h.rel("from_header"))") == 0)
    }

    /// Where dbt 1.11.16 runs a model's sql_header (counted by a header that logs each run on
    /// PostgreSQL): before a view's create as before a table's, again before a merge (after the
    /// staging table's create), never for a materialized view; `show` runs it before its query.
    @Test("sql_header runs where dbt's macros write it", arguments: WarehouseKind.allCases)
    func sqlHeaderPlaces(_ kind: WarehouseKind) throws {
        let schema = kind == .postgres ? "analytics" : "main"
        func model(_ config: String, _ name: String) -> String {
            """
            {{ config(\(config)) }}
            {% call set_sql_header(config) %}insert into \(schema).hlog (m) values ('\(name)');{% endcall %}
            select 1 as id
            """
        }
        var files = [
            "flowc.yml": "name: shop\nversion: '1.0'\nprofile: shop\non-run-start: \"create table if not exists \(schema).hlog (m text)\"\n",
            "models/h_view.sql": model("materialized='view'", "view"),
            "models/h_table.sql": model("materialized='table'", "table"),
        ]
        if kind == .postgres {
            files["models/h_merge.sql"] = model("materialized='incremental', incremental_strategy='merge', unique_key='id'", "merge")
            files["models/h_mv.sql"] = model("materialized='materialized_view'", "mv")
        }
        let h = try RunHarness(kind, files)
        try h.runOK(.run)
        try h.runOK(.run)
        let counts = try h.rows("select m, count(*) from \(h.rel("hlog")) group by m order by m").map { $0.joined(separator: "=") }
        #expect(counts == (kind == .postgres ? ["merge=3", "table=2", "view=2"] : ["table=2", "view=2"]))
        let runner = try h.runner(.run, log: EventLog())
        _ = try Preview.rows(runner.context, nodeId: "model.shop.h_view", limit: 5)
        #expect(try h.int("select count(*) from \(h.rel("hlog")) where m = 'view'") == 3)
    }

    /// dbt's show prints what psycopg2 and agate make of PostgreSQL's arrays, intervals and
    /// json (dbt 1.11.16 printed `["x", "y"]` and `1 day, 0:00:00`), as run_query's values.
    @Test("show prints arrays, intervals and json as dbt's")
    func showPythonText() throws {
        let h = try RunHarness(.postgres, [
            "models/m.sql": "select array['x', 'y'] as a, interval '1 day' as i, '{\"k\": [1]}'::jsonb as j, 5 as n",
        ])
        let runner = try h.runner(.run, log: EventLog())
        let (_, table) = try Preview.rows(runner.context, nodeId: "model.shop.m", limit: 5)
        #expect(table.rows.map { $0.map(\.text) } == [["[\"x\", \"y\"]", "1 day, 0:00:00", "{\"k\": [1]}", "5"]])
    }

    @Test("an index without columns is a clear error")
    func indexWithoutColumns() throws {
        let h = try RunHarness(.sqlite, ["models/t.sql": "{{ config(materialized='table', indexes=[{'unique': true}]) }}\nselect 1 as id"])
        let r = try h.run(.run)
        #expect(r.status("t") == .error)
        #expect(r.result("t")?.message?.contains("each entry of `indexes` needs `columns`") == true, "\(r.summary)")
    }
}

@Suite("Materialized views")
struct MaterializedViewTests {
    @Test("PostgreSQL: built with its indexes, refreshed on later runs, rebuilt by --full-refresh or over a table")
    func postgres() throws {
        let h = try RunHarness(.postgres, [
            "seeds/nums.csv": "n\n1\n2\n",
            "models/mv.sql": "{{ config(materialized='materialized_view', indexes=[{'columns': ['n']}]) }}\nselect n from {{ ref('nums') }}",
        ])
        let built = try h.runOK(.build)
        // the last statement's response, as dbt-postgres reports it: the index's
        #expect(built.result("mv")?.message == "CREATE INDEX")
        #expect(built.result("mv")?.rowsAffected == -1)
        #expect(try h.column("select relkind from pg_class where relname = 'mv'") == ["m"])
        #expect(try h.column("select count(*) from pg_indexes where tablename = 'mv'") == ["1"])
        try h.write("seeds/nums.csv", "n\n1\n2\n3\n")
        try h.runOK(.seed)
        let refreshed = try h.runOK(.run)
        #expect(refreshed.result("mv")?.adapterCode == "REFRESH MATERIALIZED VIEW")
        #expect(refreshed.result("mv")?.rowsAffected == -1)
        #expect(try h.int("select count(*) from \(h.rel("mv"))") == 3)
        // a changed query needs --full-refresh, as in dbt
        try h.write("models/mv.sql", "{{ config(materialized='materialized_view') }}\nselect n * 10 as n from {{ ref('nums') }}")
        let rebuilt = try h.runOK(.run, fullRefresh: true)
        #expect(rebuilt.result("mv")?.message == "SELECT 3")  // no indexes now: the create's response
        #expect(try h.column("select n from \(h.rel("mv")) order by n") == ["10", "20", "30"])
        // a table in its place is replaced
        try h.execute("drop materialized view \(h.rel("mv"))")
        try h.execute("create table \(h.rel("mv")) as select 1 as n")
        try h.runOK(.run)
        #expect(try h.column("select relkind from pg_class where relname = 'mv'") == ["m"])
    }

    @Test("SQLite has none: a clear error for the model")
    func sqlite() throws {
        let h = try RunHarness(.sqlite, ["models/mv.sql": "{{ config(materialized='materialized_view') }}\nselect 1 as n"])
        let r = try h.run(.run)
        #expect(r.status("mv") == .error)
        #expect(r.result("mv")?.message?.contains("materialized views are not available on sqlite") == true, "\(r.summary)")
    }
}

@Suite("Clone")
struct CloneTests {
    @Test("PostgreSQL: a view reading the state's relation, as dbt-postgres clones")
    func postgresClonesAsViews() throws {
        let h = try RunHarness(.postgres, ["models/m.sql": "select 1 as id", "models/other.sql": "select 2 as id"])
        try h.execute("create schema prod_s; create table prod_s.m as select 41 as id union all select 42")
        let (build, target, project) = try h.load()
        let options = RunOptions(command: .run, threads: 1, projectRoot: h.root, targetPath: project.config.targetPath,
                                 projectName: project.config.name)
        let context = RunContext(build: build, warehouse: try WarehouseFactory.make(target, projectRoot: h.root), options: options)
        let outcome = try CloneExecution.run(context: context, ids: ["model.shop.m", "model.shop.other"],
                                             stateRelations: ["model.shop.m": DeferredRelation(database: target.database,
                                                                                                schema: "prod_s", identifier: "m")]) { _ in }
        #expect(outcome.results.map(\.status) == [.success, .success])
        #expect(outcome.results[1].message == "No relation found in state manifest for model.shop.other")
        #expect(try h.column("select relkind from pg_class where relname = 'm' and relnamespace = 'analytics'::regnamespace") == ["v"])
        #expect(try h.column("select id from \(h.rel("m")) order by id") == ["41", "42"])
    }
}
