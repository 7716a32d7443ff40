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

/// dbt's test builder appends the test's own configs to its code as a config() call (the
/// manifest's raw_code): CONFIG_ARGS first in their order, the rest as written, the short-name
/// alias last. dbt 1.11.16's manifest has exactly these two raw_codes for this file.
@Test func aTestsConfigsAreInItsRawCode() throws {
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
                      - not_null:
                          severity: warn
                          config:
                            where: "id > 0"
                            tags: ['a', 'b']
                            meta: {k: v}
                            custom_key: 1
                      - accepted_values:
                          arguments:
                            values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
                          config:
                            limit: 5
            """,
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    let codes = Set(m.nodes.values.filter { $0.resourceType == .test }.map(\.rawCode))
    #expect(codes == [
        "{{ test_not_null(**_dbt_generic_test_kwargs) }}{{ config(severity=\"warn\",tags=['a', 'b'],where=\"id > 0\",meta={'k': 'v'},custom_key=1) }}",
        "{{ test_accepted_values(**_dbt_generic_test_kwargs) }}{{ config(limit=5,alias=\"accepted_values_m_c49ca39a5af6b5d4404519aa0748ecca\") }}",
    ])
}
