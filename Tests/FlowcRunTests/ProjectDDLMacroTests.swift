// A project's own versions of dbt's macros behind the built-in materializations (DDL, schema
// creation, comments, column listing, snapshot hashing) are what runs, as in dbt; and a model's
// post-hooks, grants and comments run in its transaction, so a failing one keeps the old relation.
import FlowcRun
import FlowcSQL
import Testing

@Suite("Project macros that replace dbt's DDL, and the model's transaction")
struct ProjectDDLMacroTests {
    static let overrides = """
        {% macro create_table_as(temporary, relation, sql) -%}
          create table {{ relation }} as select *, 'mine' as via from ({{ sql }}) s
        {%- endmacro %}
        {% macro get_create_view_as_sql(relation, sql) -%}
          create view {{ relation }} as select *, 'my view' as via from ({{ sql }}) s
        {%- endmacro %}
        {% macro default__snapshot_hash_arguments(args) %}'{{ args | length }} args'{% endmacro %}
        """

    @Test("table, view, incremental and snapshot DDL come from the project's macros", arguments: WarehouseKind.allCases)
    func ddl(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "macros/overrides.sql": Self.overrides,
            "models/t.sql": "{{ config(materialized='table') }}\nselect 1 as id",
            "models/v.sql": "{{ config(materialized='view') }}\nselect 1 as id",
            "models/i.sql": "{{ config(materialized='incremental') }}\nselect 1 as id",
            "snapshots/s.sql": "{% snapshot s %}{{ config(unique_key='id', strategy='check', check_cols='all') }}select 1 as id{% endsnapshot %}",
        ])
        for _ in 0..<2 { _ = try h.runOK(.build) }
        #expect(try h.column("select via from \(h.rel("t"))") == ["mine"])
        #expect(try h.column("select via from \(h.rel("v"))") == ["my view"])
        // the incremental run stages its rows with the project's macro too (a `via` column to insert)
        #expect(try h.column("select via from \(h.rel("i"))") == ["mine", "mine"])
        // dbt's scd_args: the unique key, then the time
        #expect(try h.column("select dbt_scd_id from \(h.rel("s"))") == ["2 args"])
    }

    @Test("a macro redefined under the adapter's prefix replaces dbt-postgres's; default__ does not", arguments: [WarehouseKind.postgres])
    func adapterPrefix(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "macros/overrides.sql": """
                {% macro default__create_table_as(temporary, relation, sql) -%}
                  create table {{ relation }} as select *, 'default' as via from ({{ sql }}) s
                {%- endmacro %}
                {% macro default__create_view_as(relation, sql) -%}
                  create view {{ relation }} as select *, 'default view' as via from ({{ sql }}) s
                {%- endmacro %}
                """,
            "models/t.sql": "{{ config(materialized='table') }}\nselect 1 as id",
            "models/v.sql": "{{ config(materialized='view') }}\nselect 1 as id",
        ])
        _ = try h.runOK(.run)
        // dbt-postgres has its own postgres__create_table_as, which dispatch finds first; it has
        // no create_view_as of its own, so the project's default__ is the one dbt runs
        #expect(try h.columns("t") == ["id"])
        #expect(try h.column("select via from \(h.rel("v"))") == ["default view"])
        try h.write("macros/overrides.sql", """
            {% macro postgres__create_table_as(temporary, relation, sql) -%}
              create table {{ relation }} as select *, 'postgres' as via from ({{ sql }}) s
            {%- endmacro %}
            """)
        _ = try h.runOK(.run)
        #expect(try h.column("select via from \(h.rel("t"))") == ["postgres"])
    }

    /// A project's create_table_as written as dbt-postgres's (contract branch included) calls
    /// dbt's contract macros: the table gets the contract's columns and constraints, a quoted
    /// column stays quoted (model['columns'] carries `quote`), and the rows go in after.
    @Test("dbt's contract macros in a project's create_table_as", arguments: [WarehouseKind.postgres])
    func contractMacros(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "macros/overrides.sql": """
                {% macro create_table_as(temporary, relation, sql) -%}
                  create {% if temporary %}temporary{% endif %} table {{ relation }}
                  {% if config.get('contract').enforced %}{{ get_assert_columns_equivalent(sql) }}{% endif %}
                  {% if config.get('contract').enforced and not temporary -%}
                    {{ get_table_columns_and_constraints() }} ;
                    insert into {{ relation }} ({{ adapter.dispatch('get_column_names', 'dbt')() }})
                    {%- set sql = get_select_subquery(sql) %}
                  {% else %} as {% endif %}
                  ( {{ sql }} ) /* via the project */
                {%- endmacro %}
                """,
            "models/c.sql": "{{ config(materialized='table', contract={'enforced': true}) }}\nselect 'x' as \"Name\", 1 as id",
            "models/props.yml": """
                models:
                  - name: c
                    columns:
                      - name: id
                        data_type: integer
                        constraints: [{type: primary_key}]
                      - name: Name
                        quote: true
                        data_type: text
                        constraints: [{type: not_null}]
                """,
        ])
        _ = try h.runOK(.run)
        let columns = try h.columns("c")
        #expect(columns.map { $0.lowercased() } == ["id", "name"], "\(columns)")  // (the contract's order)
        #expect(try h.rows("select id, \"Name\" from \(h.rel("c"))") == [["1", "x"]])
        #expect(throws: (any Error).self) { try h.execute("insert into \(h.rel("c")) (id, \"Name\") values (2, null)") }
        #expect(throws: (any Error).self) { try h.execute("insert into \(h.rel("c")) (id, \"Name\") values (1, 'y')") }
        let ran = try String(contentsOfFile: h.root + "/target/run/shop/models/c.sql", encoding: .utf8)
        #expect(ran.contains("/* via the project */") && ran.contains("insert into"), "\(ran)")
    }

    @Test("create_schema, the comment macros and get_columns_in_relation redefined", arguments: [WarehouseKind.postgres])
    func schemaCommentsAndColumns(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "macros/overrides.sql": """
                {% macro postgres__create_schema(relation) -%}
                  {%- call statement('create_schema') -%}
                    create schema if not exists {{ relation.without_identifier().include(database=False) }};
                    insert into public.log values ('create_schema {{ relation.schema }}')
                  {%- endcall -%}
                {% endmacro %}
                {% macro postgres__alter_relation_comment(relation, comment) %}
                  comment on {{ relation.type }} {{ relation }} is 'mine: {{ comment }}';
                {% endmacro %}
                {% macro postgres__get_columns_in_relation(relation) %}
                  {{ return([api.Column('listed_by_me', 'text')] + default__get_columns_in_relation(relation)) }}
                {% endmacro %}
                """,
            "models/t.sql": "{{ config(materialized='table', schema='extra', persist_docs={'relation': true}) }}\nselect 1 as id",
            "models/cols.sql": """
                -- depends_on: {{ ref('t') }}
                {{ config(materialized='table') }}
                select '{{ adapter.get_columns_in_relation(ref('t')) | map(attribute='name') | join(',') if execute else '' }}' as cols
                """,
            "models/props.yml": "models:\n  - name: t\n    description: the t\n",
        ])
        try h.execute("create table public.log (m text)")
        _ = try h.runOK(.run)
        #expect(try h.column("select m from public.log order by m") == ["create_schema \(h.schema)", "create_schema \(h.schema)_extra"])
        #expect(try h.column("select obj_description('\(h.rel("t", schema: h.schema + "_extra"))'::regclass)") == ["mine: the t"])
        #expect(try h.column("select cols from \(h.rel("cols"))") == ["listed_by_me,id"])
    }

    /// The project of the rollback test: every model selects `v`; with `fail`, each one's
    /// post-hook (or grant) fails.
    static func rollbackFiles(_ kind: WarehouseKind, v: Int, fail: Bool) -> [String: String] {
        let hook = fail ? "select * from no_such_table" : "select 1"
        var files = [
            "models/t.sql": "{{ config(materialized='table', post_hook=\"\(hook)\", "
                + "pre_hook=\"insert into {{ target.schema }}.hook_log values (\(v))\") }}\nselect \(v) as id",
            "models/v.sql": "{{ config(materialized='view', post_hook=\"\(hook)\") }}\nselect \(v) as id",
            "models/i.sql": "{{ config(materialized='incremental', post_hook=\"\(hook)\") }}\nselect \(v) as id",
            "models/later.sql": "{{ config(materialized='table', post_hook=after_commit(\"\(hook)\")) }}\nselect \(v) as id",
            "seeds/sd.csv": "id\n\(v)\n",
            "flowc.yml": "name: shop\nprofile: shop\nseeds:\n  shop:\n    +post-hook: \"\(hook)\"\n",
        ]
        if kind == .postgres {
            let grants = fail ? "{'select': ['no_such_role']}" : "{}"
            files["models/g.sql"] = "{{ config(materialized='table', grants=\(grants)) }}\nselect \(v) as id"
        }
        return files
    }

    @Test("a failing post-hook or grant rolls the model or seed back; one after the commit does not",
          arguments: WarehouseKind.allCases)
    func rollback(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.rollbackFiles(kind, v: 1, fail: false))
        if kind == .postgres { try h.execute("create schema if not exists \(h.schema)") }
        try h.execute("create table \(h.rel("hook_log")) (v int)")
        _ = try h.runOK(.build)
        for (path, text) in Self.rollbackFiles(kind, v: 2, fail: true) { try h.write(path, text) }
        let out = try h.run(.build)
        let relations = ["t", "v", "sd"] + (kind == .postgres ? ["g"] : [])
        for name in relations + ["i", "later"] {
            #expect(out.status(name) == .error, "\(name): \(out.summary)")
        }
        // the old relations and rows, as dbt's rollback leaves them
        for name in relations + ["i"] {
            #expect(try h.column("select cast(id as text) from \(h.rel(name))") == ["1"], "\(name)")
        }
        // the failed run's pre-hook was in the transaction too: rolled back with it
        #expect(try h.column("select cast(v as text) from \(h.rel("hook_log"))") == ["1"])
        // an after_commit hook runs once the new table is committed
        #expect(try h.column("select cast(id as text) from \(h.rel("later"))") == ["2"])
    }
}
