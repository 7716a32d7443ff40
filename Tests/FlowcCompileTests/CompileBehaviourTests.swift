// What compiled SQL looks like for the constructs dbt projects use: ref/source/var/config,
// ephemeral models inlined as CTEs, config precedence, schema naming and its overrides,
// dispatch, the target dialect, and generic tests.
@testable import FlowcCompile
import FlowcGraph
import Testing

@Test func refSourceVarAndConfigCompile() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile + "\nvars:\n  min_amount: 10\n",
        "profiles.yml": sqliteProfile,
        "models/raw.yml": "version: 2\nsources:\n  - name: shop_db\n    schema: raw\n    tables:\n      - name: orders\n        identifier: orders_v2\n",
        "models/stg_orders.sql": "{{ config(materialized='table') }}\nselect * from {{ source('shop_db', 'orders') }} where amount > {{ var('min_amount') }}\n",
        "models/orders.sql": "select * from {{ ref('stg_orders') }}",
    ])
    defer { p.remove() }
    let sql = try p.compile()
    #expect(sql["stg_orders"] == "\nselect * from raw.\"orders_v2\" where amount > 10")
    #expect(sql["orders"] == "select * from main.\"stg_orders\"")
    let pg = try p.compile(target: "pg")
    #expect(pg["orders"] == "select * from \"warehouse\".\"analytics\".\"stg_orders\"")
}

/// dbt renders a string var holding Jinja in the node's context: Fivetran's packages set
/// `vars: {issue: "{{ source('github', 'issue') }}"}` and select from `{{ var('issue') }}`.
@Test func aVarHoldingJinjaIsRenderedInTheNodesContext() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile + "\nvars:\n  orders_table: \"{{ source('shop_db', 'orders') }}\"\n  plain: \"{not jinja}\"\n",
        "profiles.yml": sqliteProfile,
        "models/raw.yml": "version: 2\nsources:\n  - name: shop_db\n    schema: raw\n    tables:\n      - name: orders\n",
        "models/stg_orders.sql": "select * from {{ var('orders_table') }} where note != '{{ var('plain') }}'",
    ])
    defer { p.remove() }
    let build = try p.build()
    let node = try #require(build.manifest.nodes.values.first { $0.name == "stg_orders" })
    #expect(node.dependsOnNodes == ["source.shop.shop_db.orders"])
    let sql = try p.compile()
    #expect(sql["stg_orders"] == "select * from raw.\"orders\" where note != '{not jinja}'")
}

@Test func ephemeralModelsBecomeCTEs() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/base.sql": "{{ config(materialized='ephemeral') }}\nselect 1 as id",
        "models/middle.sql": "{{ config(materialized='ephemeral') }}\nselect id from {{ ref('base') }}",
        "models/with_cte.sql": "with x as (select * from {{ ref('middle') }})\nselect * from x",
        "models/no_with.sql": "select * from {{ ref('base') }}",
    ])
    defer { p.remove() }
    let sql = try p.compile()
    #expect(sql["with_cte"] == """
        with  __dbt__cte__base as (

        select 1 as id
        ),  __dbt__cte__middle as (

        select id from __dbt__cte__base
        ), x as (select * from __dbt__cte__middle)
        select * from x
        """)
    #expect(sql["no_with"] == "with __dbt__cte__base as (\n\nselect 1 as id\n) select * from __dbt__cte__base")
}

@Test func configPrecedenceFolderThenYamlThenFile() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile + """

            models:
              shop:
                +materialized: view
                +tags: ['all']
                marts:
                  +materialized: table
                  +schema: reporting
            """,
        "profiles.yml": sqliteProfile,
        "models/marts/a.sql": "select 1",
        "models/marts/b.sql": "{{ config(materialized='incremental', tags=['hourly']) }}select 1",
        "models/marts/c.sql": "select 1",
        "models/marts/props.yml": "version: 2\nmodels:\n  - name: c\n    config:\n      materialized: view\n      alias: c_final\n",
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    let a = try #require(m.nodes["model.shop.a"])
    let b = try #require(m.nodes["model.shop.b"])
    let c = try #require(m.nodes["model.shop.c"])
    #expect(a.materialized == "table")
    #expect(a.schema == "main_reporting")
    #expect(b.materialized == "incremental")
    #expect(b.tags == ["all", "hourly"])
    #expect(c.materialized == "view")
    #expect(c.alias == "c_final")
    #expect(c.fqn == ["shop", "marts", "c"])
}

@Test func projectMacrosOverrideNamingAndDispatch() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "macros/naming.sql": """
            {% macro generate_schema_name(custom_schema_name, node) -%}
                {{ custom_schema_name or 'fixed' }}
            {%- endmacro %}
            {% macro money(x) %}{{ return(adapter.dispatch('money')(x)) }}{% endmacro %}
            {% macro default__money(x) %}cast({{ x }} as numeric){% endmacro %}
            {% macro sqlite__money(x) %}round({{ x }}, 2){% endmacro %}
            """,
        "models/a.sql": "{{ config(schema='custom') }}select {{ money('amt') }} from t",
        "models/b.sql": "select * from {{ ref('a') }}",
    ])
    defer { p.remove() }
    let build = try p.build()
    #expect(build.manifest.nodes["model.shop.a"]?.schema == "custom")
    #expect(build.manifest.nodes["model.shop.b"]?.schema == "fixed")
    let sql = try p.compile()
    #expect(sql["a"] == "select round(amt, 2) from t")
    #expect(sql["b"] == "select * from custom.\"a\"")
    let pg = try p.compile(target: "pg")
    #expect(pg["a"] == "select cast(amt as numeric) from t")
}

@Test func genericTestsAreNamedAndCompiledAsDbtDoes() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/orders.sql": "select 1 as id, 'a' as status",
        "models/props.yml": """
            version: 2
            models:
              - name: orders
                columns:
                  - name: id
                    data_tests: [unique]
                  - name: status
                    data_tests:
                      - accepted_values:
                          values: ['a', 'b']
                          config:
                            severity: warn
            """,
    ])
    defer { p.remove() }
    let build = try p.build()
    let tests = build.manifest.nodes.values.filter { $0.resourceType == .test }.sorted { $0.name < $1.name }
    #expect(tests.map(\.name) == ["accepted_values_orders_status__a__b", "unique_orders_id"])
    #expect(tests.first?.config["severity"] == "warn")
    #expect(tests.first?.dependsOnNodes == ["model.shop.orders"])
    #expect(tests.last?.schema == "main_dbt_test__audit")
    let sql = try p.compile()
    let expected = "\n    \n    \n\nselect\n    id as unique_field,\n    count(*) as n_records\n\n"
        + "from main.\"orders\"\nwhere id is not null\ngroup by id\nhaving count(*) > 1\n\n\n"
    #expect(sql["unique_orders_id"] == expected)
}

/// A test's `model` argument goes through get_where_subquery: a `where` config wraps the
/// relation in a subquery, and a project's own get_where_subquery is used instead of dbt's.
@Test func genericTestModelArgumentHonoursWhereAndOverrides() throws {
    let files = [
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/orders.sql": "select 1 as id",
        "models/props.yml": """
            version: 2
            models:
              - name: orders
                columns:
                  - name: id
                    data_tests:
                      - not_null
                      - unique:
                          config:
                            where: "id > 0"
            """,
    ]
    let p = try TestProject(files)
    defer { p.remove() }
    let sql = try p.compile()
    #expect(sql["not_null_orders_id"]?.contains("from main.\"orders\"\n") == true)
    #expect(sql["unique_orders_id"]?.contains("from (select * from main.\"orders\" where id > 0) dbt_subquery") == true)

    var overridden = files
    overridden["macros/where.sql"] = """
        {% macro default__get_where_subquery(relation) -%}
            {% do return('(select * from ' ~ relation ~ ' where kept) kept_rows') %}
        {%- endmacro %}
        """
    let q = try TestProject(overridden)
    defer { q.remove() }
    let sql2 = try q.compile()
    #expect(sql2["not_null_orders_id"]?.contains("from (select * from main.\"orders\" where kept) kept_rows") == true)
    #expect(try q.build().manifest.nodes.values.first { $0.name == "not_null_orders_id" }?.dependsOnNodes == ["model.shop.orders"])
}

@Test func snapshotBlocksAndCustomMaterializationsParse() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/orders.sql": "select 1 as id",
        "snapshots/orders_snapshot.sql": """
            {% snapshot orders_snapshot %}
            {{ config(unique_key='id', strategy='check', check_cols='all') }}
            select * from {{ ref('orders') }}
            {% endsnapshot %}
            """,
        "macros/materializations.sql": """
            {% materialization my_table, default %}{{ return({'relations': []}) }}{% endmaterialization %}
            {% materialization my_table, adapter='sqlite' %}{{ return({'relations': []}) }}{% endmaterialization %}
            """,
    ])
    defer { p.remove() }
    let build = try p.build()
    let snap = try #require(build.manifest.nodes["snapshot.shop.orders_snapshot"])
    #expect(snap.config["unique_key"] == "id")
    #expect(snap.materialized == "snapshot")
    #expect(snap.dependsOnNodes == ["model.shop.orders"])
    #expect(build.manifest.macros["macro.shop.materialization_my_table_default"] != nil)
    #expect(build.manifest.macros["macro.shop.materialization_my_table_sqlite"] != nil)
    let sql = try p.compile()
    // the block's body as written (dbt keeps its newlines), with the config() line rendered empty
    #expect(sql["orders_snapshot"] == "\n\nselect * from main.\"orders\"")
    #expect(snap.rawCode.hasPrefix("\n{{ config(") && snap.fqn == ["shop", "orders_snapshot", "orders_snapshot"])
}

@Test func installedPackagesProvideMacrosAndDispatch() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "dbt_packages/utils/dbt_project.yml": "name: utils\nversion: '1.0'\n",
        "dbt_packages/utils/macros/star.sql": """
            {% macro star(cols) %}{{ return(adapter.dispatch('star', 'utils')(cols)) }}{% endmacro %}
            {% macro default__star(cols) %}{{ cols | join(', ') }}{% endmacro %}
            {% test at_least_one(model, column_name) %}select 1 from {{ model }} having count({{ column_name }}) = 0{% endtest %}
            """,
        "models/a.sql": "select {{ utils.star(['x', 'y']) }}, {{ utils.star(['z']) }} from t",
        "models/props.yml": "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: x\n        data_tests: [utils.at_least_one]\n",
    ])
    defer { p.remove() }
    let sql = try p.compile()
    #expect(sql["a"] == "select x, y, z from t")
    #expect(sql["utils_at_least_one_a_x"] == "select 1 from main.\"a\" having count(x) = 0")
}

/// A materialization flowc cannot build is named before anything runs, with a suggestion for a
/// typo; the standard ones and one a `{% materialization %}` block defines are not.
@Test func unknownMaterializationsAreWarnedAboutAtParse() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/typo.sql": "{{ config(materialized='tabel') }}\nselect 1 as id",
        "models/custom.sql": "{{ config(materialized='my_table') }}\nselect 1 as id",
        "models/other_adapter.sql": "{{ config(materialized='pg_only') }}\nselect 1 as id",
        "models/fine.sql": "{{ config(materialized='incremental') }}\nselect 1 as id",
        "macros/m.sql": """
            {% materialization my_table, default %}{{ return({'relations': []}) }}{% endmaterialization %}
            {% materialization pg_only, adapter='postgres' %}{{ return({'relations': []}) }}{% endmaterialization %}
            """,
    ])
    defer { p.remove() }
    let warnings = try p.build().diagnostics.filter { $0.message.contains("which flowc cannot build") }
    #expect(Set(warnings.compactMap { $0.span?.file }) == ["models/typo.sql", "models/other_adapter.sql"])
    let typo = try #require(warnings.first { $0.span?.file == "models/typo.sql" })
    #expect(typo.severity == .warning && typo.hint == "did you mean 'table'?")
    let other = try #require(warnings.first { $0.span?.file == "models/other_adapter.sql" })
    #expect(other.hint?.contains("`{% materialization pg_only, default %}`") == true)
}


@Test func projectConfigsReachTheNodesOwnNameLevel() throws {
    let p = try TestProject([
        "dbt_project.yml": """
            name: shop
            version: '1.0'
            profile: shop
            models:
              shop:
                +tags: [everything]
                staging:
                  stg_orders:
                    +materialized: table
                    +tags: [orders]
                top_level:
                  +materialized: incremental
            seeds:
              shop:
                raw_orders:
                  +column_types: {amount: varchar(10)}
            """,
        "profiles.yml": sqliteProfile,
        "models/staging/stg_orders.sql": "select 1 as id",
        "models/staging/stg_other.sql": "select 1 as id",
        "models/top_level.sql": "select 1 as id",
        "seeds/raw_orders.csv": "id,amount\n1,5\n",
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    let orders = try #require(m.nodes["model.shop.stg_orders"])
    #expect(orders.materialized == "table")
    #expect(orders.tags == ["everything", "orders"])
    #expect(m.nodes["model.shop.stg_other"]?.materialized == "view")
    #expect(m.nodes["model.shop.top_level"]?.materialized == "incremental")
    #expect(m.nodes["seed.shop.raw_orders"]?.config["column_types"] == .object(JSONObject([("amount", .string("varchar(10)"))])))
}

/// An error inside a macro is placed in the macro's file, where its line and snippet are, and
/// the hint names the node that called it (a model, or a generic test's properties file).
@Test func errorsInsideMacrosArePlacedInTheMacrosFile() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "macros/boom.sql": "{% macro boom(x) %}\n  select {{ x.nope() }}\n{% endmacro %}\n",
        "models/m.sql": "select 1 as a\n{{ boom(1) if execute else '' }}\n",
        "tests/generic/bad.sql": "{% test bad(model, column_name) %}\nselect {{ model.nope() }}\n{% endtest %}\n",
        "models/p.yml": "version: 2\nmodels:\n  - name: m\n    columns:\n      - name: a\n        data_tests: [bad]\n",
        "dbt_packages/pkg/dbt_project.yml": "name: pkg\nversion: '1.0'\n",
        "dbt_packages/pkg/macros/pm.sql": "{% macro pm(x) %}\n\n  {{ x.gone() }}\n{% endmacro %}\n",
        "models/uses_pkg.sql": "select {{ pkg.pm(none) if execute else 1 }} as b",
        // an error inside flowc's own dbt macros stays at the caller
        "models/uses_dbt.sql": "select {{ dbt.concat(none) if execute else 1 }} as c",
    ])
    defer { p.remove() }
    let build = try p.build()
    let ids = build.manifest.nodes.values.filter { $0.resourceType != .seed }.map(\.uniqueId)
    let found = Compiler.compile(build, nodes: ids, threads: 2).diagnostics
        .map { "\($0.span.map { "\($0.file):\($0.line):\($0.column)" } ?? "-") \($0.message) | \($0.hint ?? "")" }.sorted()
    #expect(found.count == 4)
    #expect(found.filter { !$0.contains("uses_dbt") } == [
        "dbt_packages/pkg/macros/pm.sql:3:12 'None' has no attribute 'gone' | in a macro called from models/uses_pkg.sql",
        "macros/boom.sql:2:19 'int object' has no attribute 'nope' | in a macro called from models/m.sql",
        "tests/generic/bad.sql:2:21 'Relation object' has no attribute 'nope' | in a macro called from models/p.yml",
    ])
    #expect(found.contains { $0.hasPrefix("models/uses_dbt.sql:") })
}

/// dbt's merge behaviours across levels: column_types and quoting update key by key, grants'
/// `+privilege` extends the grantee list, persist_docs is replaced.
@Test func configDictionariesMergeAsDbtsDo() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile + """

            models:
              shop:
                +grants: {select: [bob]}
                +persist_docs: {relation: true, columns: true}
            seeds:
              shop:
                +column_types: {amount: "numeric(10,2)"}
            """,
        "profiles.yml": sqliteProfile,
        "models/a.sql": "{{ config(grants={'+select': ['carol'], 'insert': 'dan'}, persist_docs={'relation': false}) }} select 1 as id",
        "seeds/raw_orders.csv": "id,amount,created_at\n1,5,2020-01-01\n",
        "seeds/seeds.yml": "version: 2\nseeds:\n  - name: raw_orders\n    config:\n      column_types: {created_at: date}\n",
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    #expect(m.nodes["seed.shop.raw_orders"]?.config["column_types"]
            == .object(JSONObject([("amount", .string("numeric(10,2)")), ("created_at", .string("date"))])))
    let a = try #require(m.nodes["model.shop.a"])
    #expect(a.config["grants"] == .object(JSONObject([("select", .array([.string("bob"), .string("carol")])),
                                                      ("insert", .array([.string("dan")]))])))
    #expect(a.config["persist_docs"] == .object(JSONObject([("relation", .bool(false))])))
}

/// The selection may come sorted (as commands pass it) or not, with its ephemeral ancestors or
/// without: the same SQL each way, and ancestors not asked for come back as ephemeralAncestors.
@Test func ephemeralAncestorsWhateverTheSelectionOrder() throws {
    let p = try TestProject.sqlite([
        "models/base.sql": "{{ config(materialized='ephemeral') }}\nselect 1 as id",
        "models/middle.sql": "{{ config(materialized='ephemeral') }}\nselect id from {{ ref('base') }}",
        "models/top.sql": "select * from {{ ref('middle') }}",
        "models/other.sql": "select 2 as id",
    ])
    defer { p.remove() }
    let build = try p.build()
    let all = ["model.shop.base", "model.shop.middle", "model.shop.other", "model.shop.top"]
    let sortedAll = Compiler.compile(build, nodes: all, threads: 2)
    let shuffled = Compiler.compile(build, nodes: all.reversed(), threads: 2)
    #expect(Set(sortedAll.nodes.keys) == Set(all) && sortedAll.ephemeralAncestors.isEmpty)
    #expect(sortedAll.nodes["model.shop.top"]?.sql == shuffled.nodes["model.shop.top"]?.sql)
    let topSQL = try #require(sortedAll.nodes["model.shop.top"]?.sql)
    for ids in [["model.shop.other", "model.shop.top"], ["model.shop.top", "model.shop.other"]] {
        let some = Compiler.compile(build, nodes: ids, threads: 2)
        #expect(Set(some.nodes.keys) == Set(ids))
        #expect(Set(some.ephemeralAncestors.keys) == ["model.shop.base", "model.shop.middle"])
        #expect(some.nodes["model.shop.top"]?.sql == topSQL)
    }
    #expect(Compiler.sortedContains(all, "model.shop.middle") && Compiler.sortedContains(all, "model.shop.base"))
    #expect(Compiler.sortedContains(all, "model.shop.top") && !Compiler.sortedContains(all, "model.shop.zzz"))
    #expect(!Compiler.sortedContains(all, "model.shop.a") && !Compiler.sortedContains([], "x"))
}
