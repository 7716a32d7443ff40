// dbt's adapter macros that run-operations and macros call by name (truncate_relation,
// rename_relation, drop_relation_if_exists, get_columns_in_query, check_schema_exists,
// load_cached_relation, make_temp_relation, should_full_refresh, generate_schema_name_for_env),
// on both warehouses, through `flowc run-operation` and `flowc run`.
import Foundation
import Testing

@Suite("dbt's adapter macros")
struct AdapterMacroTests {
    static let macros = """
        {% macro ops() %}
          {% set rel = api.Relation.create(database=target.database, schema=target.schema, identifier='t_ops', type='table') %}
          {% do run_query('create table ' ~ rel ~ ' (id integer)') %}
          {% do run_query('insert into ' ~ rel ~ ' values (1)') %}
          {{ log('columns=' ~ get_columns_in_query('select 1 as a, 2 as b'), info=True) }}
          {% do truncate_relation(rel) %}
          {{ log('rows after truncate=' ~ run_query('select count(*) from ' ~ rel).columns[0].values()[0], info=True) }}
          {% set renamed = rel.incorporate(path={'identifier': 't_renamed'}) %}
          {% do rename_relation(rel, renamed) %}
          {{ log('renamed exists=' ~ (load_cached_relation(renamed) is not none), info=True) }}
          {{ log('already_exists=' ~ adapter.already_exists(target.schema, 't_renamed') ~ adapter.already_exists(target.schema, 'nope'), info=True) }}
          {% do run_query('create table ' ~ rel.incorporate(path={'identifier': 't_wide'}) ~ ' (id integer, extra integer)') %}
          {{ log('missing=' ~ (adapter.get_missing_columns(rel.incorporate(path={'identifier': 't_wide'}), renamed) | map(attribute='name') | list), info=True) }}
          {% do run_query('create table ' ~ rel.incorporate(path={'identifier': 't_upper'}) ~ ' ("B" integer)') %}
          {% do run_query('create table ' ~ rel.incorporate(path={'identifier': 't_lower'}) ~ ' (b integer)') %}
          {{ log('missing by case=' ~ (adapter.get_missing_columns(rel.incorporate(path={'identifier': 't_lower'}), rel.incorporate(path={'identifier': 't_upper'})) | map(attribute='name') | list), info=True) }}
          {{ log('seed column=' ~ adapter.quote_seed_column('id', none) ~ ' ' ~ adapter.quote_seed_column('id', false), info=True) }}
          {% do store_raw_result('mine', message='OK 3', code='OK', rows_affected=3) %}
          {{ log('stored=' ~ load_result('mine')['response']['rows_affected'], info=True) }}
          {{ log('old exists=' ~ (load_cached_relation(rel) is not none), info=True) }}
          {% do drop_relation_if_exists(load_cached_relation(renamed)) %}
          {% do drop_relation_if_exists(none) %}
          {{ log('dropped=' ~ (load_cached_relation(renamed) is none), info=True) }}
          {{ log('schema exists=' ~ check_schema_exists(none, target.schema).columns[0].values()[0], info=True) }}
          {{ log('temp=' ~ make_temp_relation(rel).identifier, info=True) }}
        {% endmacro %}
        {% macro generate_schema_name(custom_schema_name, node) -%}
          {{ generate_schema_name_for_env(custom_schema_name, node) }}
        {%- endmacro %}
        """

    /// `run-operation` of a package's macro runs it as dbt does, in that package's namespace: its
    /// bare calls and a dispatch without a namespace find the package's macros.
    @Test("run-operation of a package macro sees the package's macros", arguments: [WarehouseKind.sqlite])
    func packageOperation(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "dbt_packages/pkgx/dbt_project.yml": "name: pkgx\nversion: '1.0'\n",
            "dbt_packages/pkgx/macros/ops.sql": """
                {% macro announce() %}{{ log('said ' ~ word() ~ ' and ' ~ adapter.dispatch('shade')(), info=True) }}{% endmacro %}
                {% macro word() %}hello{% endmacro %}
                {% macro default__shade() %}pkg shade{% endmacro %}
                """,
        ])
        for name in ["pkgx.announce", "announce"] {
            let r = try CLITests.flowc(["run-operation", name], in: h.root)
            #expect(r.code == 0, Comment(rawValue: r.output))
            #expect(r.output.contains("said hello and pkg shade"), Comment(rawValue: r.output))
        }
    }

    @Test("truncate, rename, drop and the lookups, as dbt's macros do them", arguments: WarehouseKind.allCases)
    func operations(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "macros/ops.sql": Self.macros,
            "models/m.sql": "{{ config(schema='elsewhere') }}select {{ should_full_refresh() }} as full_refresh",
        ])
        // generate_schema_name_for_env: the custom schema only in a target named prod
        try h.runOK(.run)
        #expect(try h.column("select full_refresh from \(h.rel("m"))") == [kind == .postgres ? "False" : "0"])
        _ = try h.runOK(.run, fullRefresh: true)
        #expect(try h.column("select full_refresh from \(h.rel("m"))") == [kind == .postgres ? "True" : "1"])

        let r = try CLITests.flowc(["run-operation", "ops"], in: h.root)
        #expect(r.code == 0, Comment(rawValue: r.output))
        for line in ["columns=['a', 'b']", "rows after truncate=0", "renamed exists=True", "old exists=False", "dropped=True",
                     "schema exists=1", "temp=t_ops__dbt_tmp" + (kind == .postgres ? "" : "\n"), "already_exists=TrueFalse",
                     "missing=['extra']", "seed column=\"id\" id", "stored=3",
                     // PostgreSQL's "B" and b are two columns (dbt's set difference); SQLite's names have no case
                     "missing by case=" + (kind == .postgres ? "['b']" : "[]")] {
            #expect(r.output.contains(line), Comment(rawValue: "\(line)\n\(r.output)"))
        }
        // dbt-postgres time-stamps a temporary relation's name (HHMMSS and microseconds)
        if kind == .postgres {
            #expect(r.output.range(of: #"temp=t_ops__dbt_tmp\d{12}\n"#, options: .regularExpression) != nil, Comment(rawValue: r.output))
        }
    }
}
