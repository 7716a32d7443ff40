// A generic test's arguments are rendered as dbt renders them (its deep_map_refs over the
// kwargs): every string, inside lists and dicts too, natively, so `values: ["{{ my_type() }}"]`
// reaches the test macro as the macro's output (dbt-expectations' column_type_list does so).
import Testing

@Test func stringsInsideListAndDictArgumentsAreRendered() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "macros/t.sql": """
            {% macro my_type() %}TIMESTAMP{% endmacro %}
            {% test in_list(model, column_name, values, single, options) %}
            select '{{ values | join(",") }}|{{ single }}|{{ options.kind }}' as seen from {{ model }}
            {% endtest %}
            """,
        "models/m.sql": "select 'a' as c",
        "models/s.yml": """
            models:
              - name: m
                columns:
                  - name: c
                    data_tests:
                      - in_list:
                          arguments:
                            values: ["{{ my_type() }}", x]
                            single: "{{ my_type() }}"
                            options: {kind: "{{ 'k' ~ 1 }}"}
                      - accepted_values:
                          arguments:
                            values: ["{{ 'a' }}", b]
            """,
    ])
    defer { p.remove() }
    let sql = try p.compile()
    let inList = try #require(sql.first { $0.key.hasPrefix("in_list_m_c") }?.value)
    #expect(inList.contains("select 'TIMESTAMP,x|TIMESTAMP|k1' as seen"), "\(inList)")
    let accepted = try #require(sql.first { $0.key.hasPrefix("accepted_values_m_c") }?.value)
    #expect(accepted.contains("'a','b'"), "\(accepted)")
    #expect(!accepted.contains("{{"), "\(accepted)")
}

/// A test's own config values are rendered too (dbt's _render_values): `enabled` can turn the
/// test off, `severity` is the rendered word, and unrendered_config shows the rendered values,
/// as dbt 1.11's manifest does.
@Test func jinjaInATestsConfigIsRendered() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/m.sql": "select 1 as id",
        "models/s.yml": """
            models:
              - name: m
                columns:
                  - name: id
                    data_tests:
                      - unique:
                          config:
                            enabled: "{{ target.type in ['bigquery'] }}"
                      - not_null:
                          config:
                            severity: "{{ 'warn' if target.type in ['sqlite', 'postgres'] else 'error' }}"
            """,
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    #expect(m.nodes.values.contains { $0.name == "unique_m_id" } == false)
    #expect(m.disabled.values.contains { $0.name == "unique_m_id" })
    let notNull = try #require(m.nodes.values.first { $0.name == "not_null_m_id" })
    #expect(notNull.config["severity"] == "warn")
    #expect(notNull.unrenderedConfig["severity"] == "warn")
}
