// Hooks (pre_hook / post_hook, on-run-start / on-run-end) and templates that read the live
// warehouse (run_query, statement + load_result, adapter.get_columns_in_relation).
import FlowcRun
import FlowcWarehouse
import Foundation
import Testing

@Suite("Hooks and run-time introspection")
struct HookAndIntrospectionTests {
    static let hookProject: [String: String] = [
        "flowc.yml": """
            name: shop
            version: '1.0'
            profile: shop
            on-run-start:
              - "create table if not exists {{ target.schema }}.audit_log (phase varchar(20), item varchar(100))"
              - "insert into {{ target.schema }}.audit_log values ('start', '{{ target.name }}')"
              - "insert into {{ target.schema }}.audit_log values ('this', '{{ this }}')"
            on-run-end:
              - "{% for r in results %}insert into {{ target.schema }}.audit_log values ('end', '{{ r.node.name }}={{ r.status }}');{% endfor %}"
            models:
              shop:
                +post-hook: "insert into {{ target.schema }}.audit_log values ('post', '{{ this.identifier }}')"

            """,
        "models/orders.sql": """
            {{ config(materialized='table',
                      pre_hook="insert into " ~ target.schema ~ ".audit_log values ('pre', '{{ this.identifier }}')") }}
            select 1 as id
            """,
        "models/broken.sql": "{{ config(materialized='table') }}\nselect * from missing_table_xyz",
    ]

    @Test("pre/post hooks and on-run-start/on-run-end run, and on-run-end sees the results",
          arguments: WarehouseKind.allCases)
    func hooks(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.hookProject)
        let report = try h.run(.run)
        #expect(report.status("orders") == .success, "\(report.summary)")
        #expect(report.status("broken") == .error)
        // as in dbt's run_results, hooks are results too: on-run-start's, the nodes, on-run-end's
        #expect(report.results.map(\.uniqueId) == ["operation.shop.shop-on-run-start-0", "operation.shop.shop-on-run-start-1",
                                                    "operation.shop.shop-on-run-start-2"]
                + report.results.dropFirst(3).dropLast().map(\.uniqueId) + ["operation.shop.shop-on-run-end-0"], "\(report.summary)")
        #expect(report.results.count == 6, "\(report.summary)")
        #expect(report.results.first?.message == "shop.on-run-start.0 passed")
        #expect(report.hooks.map(\.name) == ["shop.on-run-start.0", "shop.on-run-start.1", "shop.on-run-start.2", "shop.on-run-end.0"])
        #expect(report.hooks.allSatisfy { $0.result.status == .success }, "\(report.hooks.map { $0.result.message ?? "" })")

        let log = try h.rows("select phase, item from \(h.rel("audit_log"))")
        #expect(log.first == ["start", "dev"])
        // a run hook has no relation: dbt's `this` is None there
        #expect(log.contains(["this", "None"]), "\(log)")
        let phases = log.map { $0[0] }
        // pre before post for orders; broken never got to its post-hook
        let pre = try #require(log.firstIndex(of: ["pre", "orders"]))
        let post = try #require(log.firstIndex(of: ["post", "orders"]))
        #expect(pre < post)
        #expect(!log.contains(["post", "broken"]))
        #expect(Set(log.filter { $0[0] == "end" }.map { $0[1] }) == ["orders=success", "broken=error"])
        #expect(phases.last == "end")
    }

    /// Numeric and float columns reach templates as Python Decimals, as dbt-postgres's agate
    /// tables hand them over (dbt 1.11.16 printed these lines for the same query).
    /// A hook's is_incremental() is the warehouse's answer when the hook runs, as dbt's: the
    /// first build's pre-hook says false and its post-hook true (its table is there by then);
    /// the next run's pre-hook true.
    @Test("is_incremental() in an incremental model's hooks", arguments: [WarehouseKind.sqlite])
    func isIncrementalInHooks(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/log.sql": "{{ config(materialized='table') }}\nselect 'x' as phase, 'x' as inc where false",
            "models/m.sql": """
                {{ config(materialized='incremental',
                          pre_hook="insert into {{ ref('log') }} values ('pre', '{{ is_incremental() }}')",
                          post_hook="insert into {{ ref('log') }} values ('post', '{{ is_incremental() }}')") }}
                select 1 as id
                """,
        ])
        try h.runOK(.run, select: ["log"])
        try h.runOK(.run, select: ["m"])
        try h.runOK(.run, select: ["m"])
        #expect(try h.rows("select phase, inc from \(h.rel("log"))") == [["pre", "False"], ["post", "True"], ["pre", "True"], ["post", "True"]])
    }

    @Test("PostgreSQL numerics are Decimals in templates")
    func numericsAreDecimals() throws {
        let h = try RunHarness(.postgres, [
            "models/nums.sql": """
                {% set r = run_query("select 12.50::numeric(10,2) as a, 1.0/3 as b, 12345678901234567890.12 as c, 2.5::float8 as e, 7::bigint as f, avg(x) as av from (values (1), (2), (4)) t(x)") if execute %}
                {% set row = r[0] if execute else [] %}
                select '{{ row | list | string | replace("'", "") }}' as listed, '{{ [row[0] * 2, row[1] * 2, row[2] * 2, row[3] * 2, row[5] * 3] | join(" ") if execute }}' as doubled
                """,
        ])
        _ = try h.runOK(.run)
        #expect(try h.rows("select listed, doubled from \(h.rel("nums"))") == [[
            "[Decimal(12.50), Decimal(0.33333333333333333333), Decimal(12345678901234567890.12), Decimal(2.5), 7, "
                + "Decimal(2.3333333333333333)]",
            "25.00 0.66666666666666666666 24691357802469135780.24 5.0 6.9999999999999999"]])
    }

    /// `%`-formatting a Decimal goes through float() (and int() for %d), as Python's does
    /// (python3 printed '2.5 00012.4 12 1.24e+01' for these).
    @Test("a Decimal in %-formatting", arguments: [WarehouseKind.postgres])
    func decimalPercentFormatting(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/p.sql": """
                {% set d = run_query("select 12.45::numeric(10,2) as a").columns[0].values()[0] if execute %}
                select '{{ ("%.1f %07.1f %d %.2e" % (d / 5, d, d, d)) if execute }}' as v
                """,
        ])
        _ = try h.runOK(.run)
        #expect(try h.rows("select v from \(h.rel("p"))") == [["2.5 00012.4 12 1.24e+01"]])
    }

    /// A PostgreSQL float reaches templates as Decimal(repr(float)), as psycopg2 and agate hand
    /// it over: a whole float8 prints `12.0` (PostgreSQL's own text is `12`); dbt 1.11.16 printed
    /// this line for the same query (dbt_date's get_intervals_between returns such a float).
    @Test("PostgreSQL floats are Decimals of their Python repr in templates")
    func postgresFloatsAreReprDecimals() throws {
        let h = try RunHarness(.postgres, [
            "models/f.sql": """
                {% set r = run_query("select 12::float8 as f, 240::float4 as g, 1e15::float8 as h, 0.1::float4 as i, 2.5::float8 * 2 as j") if execute %}
                {% set row = r[0] if execute else [] %}
                select '{{ row | join("|") if execute }}' as rendered
                """,
        ])
        _ = try h.runOK(.run)
        #expect(try h.rows("select rendered from \(h.rel("f"))") == [["12.0|240.0|1000000000000000.0|0.1|5.0"]])
    }

    /// SQLite REALs reach templates as Decimal(repr(float)), as dbt-sqlite 1.10.0's agate
    /// tables hand them over (it printed these lines for the same query).
    @Test("SQLite floats are Decimals in templates")
    func sqliteFloatsAreDecimals() throws {
        let h = try RunHarness(.sqlite, [
            "models/nums.sql": """
                {% set r = run_query("select 2.5 as a, 1 as b, 0.1 + 0.2 as c, 12.50 as d, cast(3 as real) as e, 1e20 as f, 'x' as s, 1.0/3 as g, avg(v) as h from (select 1 as v union all select 2)") if execute %}
                {% set row = r[0] if execute else [] %}
                select '{{ row | list | string | replace("'", "") }}' as listed,
                  '{{ [row[0] * 2, row[2], row[3], row[4] * 2, row[7] * 3] | join(" ") if execute }}' as computed
                """,
        ])
        _ = try h.runOK(.run)
        #expect(try h.rows("select listed, computed from \(h.rel("nums"))") == [[
            "[Decimal(2.5), 1, Decimal(0.30000000000000004), Decimal(12.5), Decimal(3.0), Decimal(1E+20), x, "
                + "Decimal(0.3333333333333333), Decimal(1.5)]",
            "5.0 0.30000000000000004 12.5 6.0 0.9999999999999999"]])
    }

    /// What dbt_artifacts-like macros read of on-run-end's results, as dbt 1.11.16 gave it on
    /// PostgreSQL for a table model: status, adapter_response, timing, the node's manifest
    /// fields, a config it does not have as None; and `schemas`/`database_schemas`, visible
    /// inside the macro, of what was built.
    @Test("on-run-end's results carry what dbt's do, and its macros see schemas", arguments: WarehouseKind.allCases)
    func resultsAsDbtsAre(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "flowc.yml": "name: shop\nversion: '1.0'\nprofile: shop\non-run-end:\n  - \"{{ record(results) }}\"\n",
            "macros/record.sql": """
                {% macro record(results) %}
                  {% set lines = [] %}
                  {% for r in results | sort(attribute='node.unique_id') %}
                    {% do lines.append(r.node.name ~ ':' ~ r.status ~ ':' ~ r.adapter_response.get('code') ~ ':'
                        ~ r.adapter_response.get('rows_affected') ~ ':' ~ (r.timing | map(attribute='name') | join('+')) ~ ':'
                        ~ r.timing[0].started_at.year ~ ':' ~ r.node.resource_type ~ ':' ~ r.node.config.materialized ~ ':'
                        ~ r.node.original_file_path ~ ':' ~ (r.execution_time > 0) ~ ':' ~ (r.node.config.no_such_config is none) ~ ':'
                        ~ (r.node.compiled_code | trim if r.node.resource_type != 'seed' else '-')) %}
                  {% endfor %}
                  {% do lines.append((schemas | join(',')) ~ ':' ~ (database_schemas | length)) %}
                  create table {{ target.schema }}.run_log as select '{{ lines | join("|") }}' as line
                {% endmacro %}
                """,
            "models/orders.sql": "{{ config(materialized='table') }}\nselect 1 as id union all select 2",
            "models/broken.sql": "select * from missing_table_xyz",
            "seeds/codes.csv": "id\n1\n",
        ])
        let report = try h.run(.build)
        // a hook is timed as dbt times it: compile, then execute
        #expect(report.hooks.first?.result.timing.map(\.name) == ["compile", "execute"])
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date()).year ?? 0
        // flowc's SQLite reports a created table as CREATE TABLE, with no row count
        let code = kind == .postgres ? "SELECT:2" : "CREATE TABLE:0"
        #expect(try h.column("select line from \(h.rel("run_log"))") == [
            "broken:error:None:None:compile+execute:\(year):model:view:models/broken.sql:True:True:select * from missing_table_xyz|"
            + "orders:success:\(code):compile+execute:\(year):model:table:models/orders.sql:True:True:select 1 as id union all select 2|"
            // a seed's timing has dbt's compile step too (dbt_artifacts' uploads expect one)
            + "codes:success:INSERT:1:compile+execute:\(year):seed:seed:seeds/codes.csv:True:True:-|"
            + "\(h.schema):1"])
    }

    @Test("installed packages' on-run-start/on-run-end run after the root project's, with the package's vars",
          arguments: [WarehouseKind.sqlite])
    func packageHooks(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "flowc.yml": """
                name: shop
                version: '1.0'
                profile: shop
                vars: {pkgx: {who: root_for_pkgx}}
                on-run-start: ["create table if not exists {{ target.schema }}.audit_log (phase varchar(20), item varchar(100))"]
                on-run-end: ["insert into {{ target.schema }}.audit_log values ('end', 'shop')"]

                """,
            "dbt_packages/zpkg/dbt_project.yml": """
                name: zpkg
                on-run-start: ["insert into {{ target.schema }}.audit_log values ('start', 'zpkg')"]

                """,
            "dbt_packages/pkgx/dbt_project.yml": """
                name: pkgx
                vars: {who: pkgx}
                on-run-start: ["insert into {{ target.schema }}.audit_log values ('start', '{{ var('who') }}')"]
                on-run-end: ["insert into {{ target.schema }}.audit_log values ('end', 'pkgx')"]

                """,
            "models/orders.sql": "select 1 as id",
        ])
        let report = try h.run(.run)
        #expect(report.status("orders") == .success, "\(report.summary)")
        #expect(report.hooks.map(\.name) == ["shop.on-run-start.0", "pkgx.on-run-start.0", "zpkg.on-run-start.0",
                                             "shop.on-run-end.0", "pkgx.on-run-end.0"])
        #expect(try h.rows("select phase, item from \(h.rel("audit_log"))")
                == [["start", "root_for_pkgx"], ["start", "zpkg"], ["end", "shop"], ["end", "pkgx"]])
    }

    /// As dbt 1.11 (checked side by side): the nodes still run after a failing on-run-start
    /// (its behaviour flag skip_nodes_if_on_run_start_fails is off by default), and so does
    /// on-run-end; the hook's failure is reported.
    @Test("a failing on-run-start is reported and the nodes still run", arguments: WarehouseKind.allCases)
    func failingStartHook(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "flowc.yml": "name: shop\nversion: '1.0'\nprofile: shop\non-run-start: [\"select * from missing_xyz\"]\n"
                + "on-run-end: [\"create table {{ target.schema }}.end_ran as select 1 as one\"]\n",
            "models/m.sql": "{{ config(materialized='table') }}\nselect 1 as id",
        ])
        let report = try h.run(.run)
        #expect(report.status("m") == .success, "\(report.summary)")
        #expect(try h.rows("select id from \(h.rel("m"))") == [["1"]])
        #expect(try h.rows("select one from \(h.rel("end_ran"))") == [["1"]])
        let hook = try #require(report.results.first { $0.uniqueId.contains("on-run-start") })
        #expect(hook.status == .error)
        #expect(hook.isFailure)
        #expect(hook.message?.contains("missing_xyz") == true, "\(hook.message ?? "")")
    }

    @Test("flags: skip_nodes_if_on_run_start_fails skips every node after a failing on-run-start",
          arguments: [WarehouseKind.sqlite])
    func failingStartHookSkipsUnderTheFlag(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "flowc.yml": "name: shop\nversion: '1.0'\nprofile: shop\non-run-start: [\"select * from missing_xyz\"]\n"
                + "flags:\n  skip_nodes_if_on_run_start_fails: true\n",
            "models/m.sql": "select 1 as id",
        ])
        let report = try h.run(.run)
        #expect(report.status("m") == .skipped)
        #expect(report.results.first { $0.uniqueId.contains("on-run-start") }?.status == .error)
    }

    @Test("a failing post-hook fails its model", arguments: WarehouseKind.allCases)
    func failingPostHook(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/m.sql": "{{ config(materialized='table', post_hook='insert into nowhere_xyz values (1)') }}\nselect 1 as id",
        ])
        let report = try h.run(.run)
        let m = try #require(report.result("m"))
        #expect(m.status == .error)
        #expect(m.message?.contains("nowhere_xyz") == true, "\(m.message ?? "")")
    }

    @Test("run_query, statement/load_result and get_columns_in_relation render with live data",
          arguments: WarehouseKind.allCases)
    func introspection(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "seeds/src.csv": "id,label,price\n1,a,2.5\n2,b,3.5\n7,c,1\n",
            "models/summary.sql": """
                {{ config(materialized='table') }}
                -- depends_on: {{ ref('src') }}
                {% if execute %}
                  {% set counted = run_query("select count(*) as n from " ~ ref('src')) %}
                  {% set n = counted.rows[0][0] %}
                  {% set first_column = counted.columns[0].values()[0] %}
                  {% call statement('top', fetch_result=True) %}
                    select max(id) as top_id, min(label) as first_label from {{ ref('src') }}
                  {% endcall %}
                  {% set top = load_result('top') %}
                  {% set top_id = top['data'][0][0] %}
                  {% set first_label = top['table'].rows[0]['first_label'] %}
                  {% set cols = adapter.get_columns_in_relation(ref('src')) %}
                {% endif %}
                select {{ n }} as n, {{ first_column }} as n_again, {{ top_id }} as top_id,
                       '{{ first_label }}' as first_label,
                       '{{ cols | map(attribute="name") | join(",") }}' as column_names,
                       {{ cols | length }} as column_count,
                       '{{ cols[1].char_size }}|{{ cols[1].numeric_precision is none }}|{{ cols[1].numeric_scale }}' as label_sizes,
                       '{{ cols[0].numeric_precision }},{{ cols[0].numeric_scale }}' as id_precision
                """,
        ])
        let report = try h.runOK(.build)
        let sql = try #require(report.result("summary")?.compiledCode)
        #expect(sql.contains("select 3 as n, 3 as n_again, 7 as top_id"), "\(sql)")
        // a text column has no size, precision or scale: None, as dbt's Column says
        #expect(sql.contains("'None|True|None' as label_sizes"), "\(sql)")
        // dbt-postgres reads an integer's precision from information_schema; SQLite's catalog has none
        #expect(sql.contains(kind == .postgres ? "'32,0' as id_precision" : "'None,None' as id_precision"), "\(sql)")
        #expect(try h.rows("select n, top_id, first_label, column_names, column_count from \(h.rel("summary"))")
                == [["3", "7", "a", "id,label,price", "3"]])
    }

    /// adapter.execute(sql, fetch=…) gives dbt's (response, table) pair; a response prints as
    /// its message and reads its fields as attributes or items, as dbt's AdapterResponse (the
    /// expected text is what dbt 1.11.16 with dbt-postgres printed for the same model).
    @Test("adapter.execute and an AdapterResponse", arguments: WarehouseKind.allCases)
    func adapterExecute(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/probe.sql": """
                {% if execute %}
                  {% set res, tbl = adapter.execute("select 1 as a union all select 2", fetch=True) %}
                  {% set res2, tbl2 = adapter.execute("select 1 as a") %}
                  {% call statement('s', fetch_result=True) %}select 3{% endcall %}
                  {% set r = load_result('s')['response'] %}
                  {% set dup = run_query("select 1 as a, 2 as a") %}
                  {% set text = dup.column_names | join(',') ~ '|' ~ res ~ '|' ~ res.rows_affected ~ '|' ~ res['code'] ~ '|' ~ (tbl.rows | length) ~ '|'
                     ~ (tbl2.rows | length) ~ '|' ~ r ~ '|' ~ [r] %}
                {% endif %}
                select {{ "'" ~ text | replace("'", "''") ~ "'" }} as v
                """,
        ])
        _ = try h.runOK(.run)
        #expect(try h.rows("select v from \(h.rel("probe"))")
                == [["a,a_2|SELECT 2|2|SELECT|2|0|SELECT 1|[AdapterResponse(_message='SELECT 1', code='SELECT', rows_affected=1, query_id=None)]"]])
    }

    /// PostgreSQL intervals, arrays and json in a run_query result are the text Python makes of
    /// what psycopg2 reads (str of a timedelta, json.dumps of a list or dict), as dbt's agate
    /// holds them; the expected lines are what dbt 1.11.16 with dbt-postgres compiled.
    @Test("intervals, arrays and json read as dbt's agate holds them", arguments: [WarehouseKind.postgres])
    func pythonTextValues(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/probe.sql": #"""
                {% set q %}
                select interval '-1 hour' as a, interval '2 mons 3 days' as b, interval '1.5 seconds' as c,
                 interval '1 year -2 days 03:00:00' as d, array['a b', 'x"y', null, 'z,w'] as f, array[[1,2],[3,4]] as g,
                 array[1.5, 2]::numeric[] as h, array[true, false] as i, '{}'::int[] as j,
                 '{"é": [1, 2.5, null], "k": {"z": true}}'::jsonb as k, '[1,"two"]'::json as l
                {% endset %}
                {% set r = run_query(q) if execute %}
                select $${% for c in (r.columns if execute else []) %}{{ c.name }}={{ c.values()[0] }};{% endfor %}$$ as v
                """#,
        ])
        // json scalars stay Python values; timestamps in arrays are isoformat; an interval far
        // past what microseconds hold (timedelta's limit is 999,999,999 days)
        try h.write("models/scalars.sql", #"""
            {% set q %}
            select '"abc"'::json as a, 'null'::jsonb as b, '12.5'::json as c, 'true'::jsonb as d,
             array['2024-01-01 10:00:00.5'::timestamp, '2024-01-02 00:00:00'::timestamp] as e,
             array['{"a": 1}'::jsonb, 'null'::jsonb] as g,
             interval '2000000 years' as h
            {% endset %}
            {% set r = run_query(q) if execute %}
            select $${% for c in (r.columns if execute else []) %}{{ c.name }}={{ c.values()[0] }},{{ c.values()[0] is string }};{% endfor %}$$ as v
            """#)
        _ = try h.runOK(.run)
        #expect(try h.rows("select v from \(h.rel("scalars"))").first?.first
                == #"a=abc,True;b=None,False;c=12.5,False;d=True,False;"#
                + #"e=["2024-01-01T10:00:00.500000", "2024-01-02T00:00:00"],True;"#
                + #"g=[{"a": 1}, null],True;h=730000000 days, 0:00:00,True;"#)
        let v = try h.rows("select v from \(h.rel("probe"))").first?.first ?? ""
        #expect(v == #"a=-1 day, 23:00:00;b=63 days, 0:00:00;c=0:00:01.500000;d=363 days, 3:00:00;"#
                + #"f=["a b", "x\"y", null, "z,w"];g=[[1, 2], [3, 4]];h=[1.5, 2.0];i=[true, false];j=[];"#
                + #"k={"k": {"z": true}, "\u00e9": [1, 2.5, null]};l=[1, "two"];"#, "\(v)")
    }

    /// agate's Table.rename (by list or dict, as Elementary renames every result) and the
    /// columns of a temporary relation make_temp_relation made (no schema), as dbt 1.11 printed
    /// them on PostgreSQL.
    @Test("result tables rename; a temporary relation has columns", arguments: WarehouseKind.allCases)
    func renameAndTempColumns(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/probe.sql": """
                {% if execute %}
                  {% set t = run_query("select 1 as a, 'x' as b") %}
                  {% set listed = t.rename(['aa', 'bb']).column_names %}
                  {% set mapped = t.rename({'a': 'A b'}, slug_columns=true).column_names %}
                  {% set tmp = make_temp_relation(this, '__probe') %}
                  {% do run_query(get_create_table_as_sql(true, tmp, "select 1 as a, 'x' as b")) %}
                  {% set cols = adapter.get_columns_in_relation(tmp) | map(attribute='name') | list %}
                {% endif %}
                select '{{ listed | join(",") }}|{{ mapped | join(",") }}|{{ cols | join(",") }}' as v
                """,
        ])
        _ = try h.runOK(.run)
        #expect(try h.rows("select v from \(h.rel("probe"))") == [["aa,bb|a_b,b|a,b"]])
    }

    /// agate's Table methods as packages call them (dbt_constraints' group_by, dbt_profiler's
    /// exclude, Row.dict() and data_type.jsonify()); expected values are agate's.
    @Test("agate table methods", arguments: WarehouseKind.allCases)
    func agateTableMethods(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/probe.sql": """
                {% if execute %}
                  {% set t = run_query("select 1 as k, 'a' as c, 2.5 as n union all select 1, 'b', null union all select 2, 'c', 1.0 order by 1, 2") %}
                  {% set groups = [] %}
                  {% for g in t.group_by('k') %}{% do groups.append(g.columns['c'].values() | join('+')) %}{% endfor %}
                  {% set keys = t.group_by('k').keys() | join(',') %}
                  {% set shapes = [t.exclude(['c']).column_names | join(','), t.select(['n', 'k']).column_names | join(','),
                                   t.limit(1).rows | length, t.limit(1, 3).rows | length] %}
                  {% set up = t.order_by('n').columns['c'].values() | join('') %}
                  {% set down = t.order_by('n', reverse=true).columns['c'].values() | join('') %}
                  {% set row = t.rows[0] %}
                  {% set more = [row.dict()['c'], row.get('zz', 'dflt'), t.columns.get('n').data_type.jsonify(row['n']),
                                 t.column_types | length] %}
                {% endif %}
                select '{{ groups | join(";") }}|{{ keys }}|{{ shapes | join(";") }}|{{ up }};{{ down }}|{{ more | join(";") }}' as v
                """,
        ])
        _ = try h.runOK(.run)
        #expect(try h.rows("select v from \(h.rel("probe"))") == [["a+b;c|1,2|k,n;n,k;1;2|cab;bac|a;dflt;2.5;3"]])
    }

    /// run_query sends dbt's statement-block text (the SQL on its own indented line), so a
    /// database error's `LINE n` is the one dbt reports.
    @Test("run_query sends dbt's text", arguments: [WarehouseKind.postgres])
    func runQueryText(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/probe.sql": """
                {% if execute %}{% set q = run_query("select current_query() as q").columns[0].values()[0] %}{% endif %}
                select {{ "'ok'" if q.split('*/')[-1] == '\\n\\n    select current_query() as q\\n  ' else "'differs'" }} as v
                """,
        ])
        _ = try h.runOK(.run)
        #expect(try h.rows("select v from \(h.rel("probe"))") == [["ok"]])
    }

    /// dbt hands a statement's result out once: loading it again is a compilation error (dbt
    /// 1.11: "The 'statement' result named 's' has already been loaded into a variable"), running
    /// the statement again stores a new one, and a name never stored is None.
    @Test("a statement's result loads once", arguments: [WarehouseKind.sqlite])
    func loadResultOnce(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "macros/twice.sql": """
                {% macro fetch(name) %}
                  {% call statement(name, fetch_result=True) %}select 1 as one{% endcall %}
                {% endmacro %}
                """,
            "models/again.sql": """
                {% if execute %}{% do fetch('s') %}{% set a = load_result('s') %}{% do fetch('s') %}{% set b = load_result('s') %}{% endif %}
                select {{ a['data'][0][0] if execute else 0 }} + {{ b['data'][0][0] if execute else 0 }} as two,
                  '{{ load_result('never') }}' as never
                """,
            "models/twice.sql": """
                {% if execute %}{% do fetch('s') %}{% set a = load_result('s') %}{% set b = load_result('s') %}{% endif %}
                select 1 as one
                """,
        ])
        let report = try h.run(.run)
        #expect(report.result("again")?.status == .success, "\(report.result("again")?.message ?? "")")
        #expect(try h.rows("select two, never from \(h.rel("again"))") == [["2", "None"]])
        let twice = try #require(report.result("twice"))
        #expect(twice.status == .error)
        #expect(twice.message?.contains("The 'statement' result named 's' has already been loaded into a variable") == true,
                "\(twice.message ?? "")")
    }

    /// agate's tuples, distinct values and reprs, adapter.check_schema_exists and dbt-postgres's
    /// identifier limit, as dbt 1.11.16 printed them for the same query on PostgreSQL.
    @Test("agate tables print as dbt's; a schema can be checked", arguments: WarehouseKind.allCases)
    func agateAndSchemas(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/probe.sql": """
                {% set t = run_query("select 1 as a, 2 as b union all select 1, 4") if execute %}
                {% set printed = [t.column_names, t.rows[0].items(), t.columns.keys(), t.columns['a'].values_distinct(),
                                  t.columns, t.rows[0], t.columns[1].values() | sum] if execute else [] %}
                select '{{ printed | join("|") | replace("'", "") }}' as printed,
                  '{{ adapter.check_schema_exists(target.database, target.schema) if execute }}' as has_target,
                  '{{ adapter.check_schema_exists(target.database, "no_such_schema") if execute }}' as has_other,
                  '{{ this.relation_max_name_length() }}' as max_name
                """,
        ])
        _ = try h.runOK(.run)
        let row = try h.rows("select printed, has_target, has_other, max_name from \(h.rel("probe"))")
        #expect(row == [["(a, b)|((a, 1), (b, 2))|(a, b)|(1,)|<agate.MappedSequence: (<agate.Column: (1, 1)>, "
                         + "<agate.Column: (2, 4)>)>|<agate.Row: (1, 2)>|6", "True", "False",
                         kind == .postgres ? "63" : "None"]])
    }

    /// dbt-postgres builds a Column from information_schema.columns: its dtype is the catalog's
    /// data_type and its data_type follows Column's rules (dbt 1.11.16 printed these).
    @Test("a PostgreSQL column's dtype, data_type and char_size are dbt's", arguments: [WarehouseKind.postgres])
    func columnTypesAsDbts(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/typed.sql": """
                {{ config(materialized='table') }}
                select cast(now() as timestamp(3)) as ts3, array['a'] as arr, cast('x' as char(3)) as ch,
                       cast('1' as bit(3)) as b3, cast('x' as bpchar) as bp, cast(1 as numeric(10,2)) as amount, 'x'::text as t
                """,
            "models/described.sql": """
                -- depends_on: {{ ref('typed') }}
                {% set parts = [] %}
                {% if execute %}{% for c in adapter.get_columns_in_relation(ref('typed')) %}
                  {% do parts.append(c.name ~ '|' ~ c.dtype ~ '|' ~ c.data_type ~ '|' ~ c.char_size) %}
                {% endfor %}{% endif %}
                select '{{ parts | join(";") }}' as line
                """,
        ])
        try h.runOK(.run)
        #expect(try h.column("select line from \(h.rel("described"))") == [
            "ts3|timestamp without time zone|timestamp without time zone|None;arr|ARRAY|ARRAY|None;"
            + "ch|character|character varying(3)|3;b3|bit|bit|3;bp|character|character varying(256)|None;"
            + "amount|numeric|numeric(10,2)|None;t|text|text|None"])
    }
}
