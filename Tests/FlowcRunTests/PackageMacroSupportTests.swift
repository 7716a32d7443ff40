// What packages such as dbt_utils rely on, checked against dbt 1.11's behaviour: a generic test
// macro's own config() calls (dbt_utils' equal_rowcount sets its fail_calc so) apply to its
// tests; relations are hashable dict keys (unpivot); and warehouse columns answer dbt's Column
// methods (union_relations compares string_size()); query results' columns are a mapping.
import Foundation
import Testing

@Suite struct PackageMacroSupportTests {
    @Test(arguments: WarehouseKind.allCases)
    func testMacroConfigHashableRelationsAndColumns(_ kind: WarehouseKind) throws {
        let text = kind == .postgres ? "cast('ab' as varchar(10))" : "'ab'"
        let h = try RunHarness(kind, [
            "macros/tests.sql": """
                {% test row_count_is(model, expected) %}
                {{ config(fail_calc='sum(diff)', severity='error') }}
                {%- if not execute -%}{{ return('') }}{%- endif %}
                select abs(count(*) - {{ expected }}) as diff from {{ model }}
                {% endtest %}
                """,
            "models/a.sql": "{{ config(materialized='table') }}\nselect 1 as id, \(text) as short_text, 'x' || 'y' as long_text",
            "models/cols.sql": """
                {%- set seen = {ref('a'): []} -%}
                {%- for c in adapter.get_columns_in_relation(ref('a')) -%}
                {%- do seen[ref('a')].append(c.column ~ ':' ~ c.is_string() ~ ':' ~ (c.string_size() if c.is_string() else '-')) -%}
                {%- endfor -%}
                select '{{ seen[ref('a')] | join(',') }}' as cols
                """,
            "models/query.sql": """
                {%- set t = run_query("select 1 as a, 'x' as b") -%}
                {%- set parts = [] -%}
                {%- if execute -%}
                {%- for name, col in t.columns.items() -%}{%- do parts.append(name ~ '=' ~ (col.values() | join(''))) -%}{%- endfor -%}
                {%- do parts.append(t.columns['b'].values()[0] ~ '|' ~ t.columns.keys() | join('+') ~ '|' ~ t.columns | length) -%}
                {%- endif -%}
                select '{{ parts | join(';') }}' as parts
                """,
            "models/props.yml": """
                version: 2
                models:
                  - name: a
                    data_tests:
                      - row_count_is: {arguments: {expected: 1}, config: {severity: warn}}
                """,
        ])
        let report = try h.run(.build)
        // the macro's fail_calc counts the difference (0): with count(*) the one row would fail;
        // the properties file's severity wins over the macro's
        let test = try #require(report.results.first { $0.uniqueId.contains("row_count_is") })
        #expect(test.status == .pass, "\(test.message ?? "")")
        let config = try #require(h.load().0.manifest.nodes[test.uniqueId]?.config)
        #expect(config["fail_calc"]?.stringValue == "sum(diff)")
        #expect(config["severity"]?.stringValue == "warn")
        // agate's table.columns is a mapping by name too (dbt_utils' get_query_results_as_dict)
        #expect(try h.column("select parts from \(h.rel("query"))") == ["a=1;b=x;x|a+b|2"])
        let cols = try h.column("select cols from \(h.rel("cols"))")
        switch kind {
        case .postgres: #expect(cols == ["id:False:-,short_text:True:10,long_text:True:256"])
        // SQLite gives an expression's column of a created table no declared type
        case .sqlite: #expect(cols == ["id:False:-,short_text:False:-,long_text:False:-"])
        }
    }
}
