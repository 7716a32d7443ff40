// Config values dbt refuses at parse time are errors of the parse in flowc too, each at its
// place: docs colors, test severities, snapshot strategies, incremental contracts, nameless
// columns and exposures missing what dbt's schema requires.
import FlowcCompile
@testable import FlowcProject
import Foundation
import Testing

private func project(_ files: [String: String]) throws -> TestProject { try TestProject.sqlite(files) }

@Test func configValuesDbtRefusesAreParseErrors() throws {
    let p = try project([
        "models/colored.sql": "{{ config(docs={'node_color': 'grey'}) }} select 1 as id",
        "models/teal.sql": "{{ config(docs={'node_color': '#0aF'}) }} select 1 as id",
        "models/incr.sql": "{{ config(materialized='incremental') }} select 1 as id",
        "models/incr_ok.sql": "{{ config(materialized='incremental', on_schema_change='fail') }} select 1 as id",
        "snapshots/snaps.sql": """
            {% snapshot no_key %}{{ config(strategy='timestamp', updated_at='u') }} select 1 as id{% endsnapshot %}
            {% snapshot no_updated_at %}{{ config(strategy='timestamp', unique_key='id') }} select 1 as id{% endsnapshot %}
            {% snapshot check_text %}{{ config(strategy='check', unique_key='id', check_cols='a') }} select 1 as id{% endsnapshot %}
            {% snapshot fine %}{{ config(strategy='check', unique_key='id', check_cols='all') }} select 1 as id{% endsnapshot %}
            """,
        "models/schema.yml": """
            version: 2
            models:
              - name: incr
                config: {contract: {enforced: true}}
                columns: [{name: id, data_type: integer}]
              - name: incr_ok
                config: {contract: {enforced: true}}
                columns:
                  - name: id
                    data_type: integer
                    data_tests: [{not_null: {config: {severity: Warn}}}, {unique: {config: {severity: fatal}}}]
                  - description: a column without a name
            """,
    ])
    defer { p.remove() }
    let errors = p.errors()
    #expect(errors.map(\.message) == [
        "Invalid color name for docs.node_color: grey. It is neither a valid HTML color name nor a valid HEX code.",
        "Invalid value for on_schema_change: ignore. Models materialized as incremental with contracts enabled "
            + "must set on_schema_change to 'append_new_columns' or 'fail'",
        "Invalid value for 'check_cols': a. Expected 'all' or a list of strings.",
        "Snapshots must be configured with a 'strategy' and 'unique_key'.",
        "A snapshot configured with the timestamp strategy must specify an updated_at configuration.",
        "Severity must be either 'warn' or 'error'. Got 'fatal'",
        "a column of model 'incr_ok' has no 'name'",
    ], "\(errors.map(\.message))")
    #expect(errors.map { $0.span?.description ?? "-" } == [
        "models/colored.sql:1:1", "models/schema.yml:4:24", "snapshots/snaps.sql:1:1", "snapshots/snaps.sql:1:1",
        "snapshots/snaps.sql:1:1", "models/schema.yml:11:63", "models/schema.yml:12:9",
    ], "\(errors.map { $0.span?.description ?? "-" })")
}

@Test func exposuresNeedDbtsTypeOwnerAndMaturity() throws {
    let p = try project([
        "models/a.sql": "select 1 as id",
        "models/exposures.yml": """
            version: 2
            exposures:
              - name: sheet
                type: spreadsheet
                owner: {email: a@b.c}
                depends_on: [ref('a')]
              - name: ownerless
                type: dashboard
                maturity: super
                depends_on: [ref('a')]
              - name: fine
                type: application
                maturity: high
                owner: {name: Ann}
                depends_on: [ref('a')]
            """,
    ])
    defer { p.remove() }
    let errors = p.errors()
    #expect(errors.map(\.message) == [
        "exposure 'sheet' has type 'spreadsheet', which is not one of dashboard, notebook, analysis, ml, application",
        "exposure 'ownerless' has no owner",
        "exposure 'ownerless' has maturity 'super', which is not high, medium or low",
    ], "\(errors.map(\.message))")
    #expect(errors.map { $0.span?.line } == [4, 7, 9])
}

@Test func configValuesOfTheWrongTypeAreErrorsAtTheirPlace() throws {
    let p = try project([
        "flowc.yml": minimalProjectFile + """

            models:
              +tags: 5
              shop:
                staging:
                  +enabled: "yes"
            """,
        "models/a.sql": "{{ config(tags=['x']) }} select 1 as id",
        "models/b.sql": "select 1 as id",
        "models/staging/s.sql": "select 1 as id",
        "models/c.sql": "{{ config(full_refresh='maybe') }} select 1 as id",
        "models/schema.yml": """
            version: 2
            models:
              - name: b
                config: {meta: "text", persist_docs: true}
                docs: {show: maybe}
            """,
    ])
    defer { p.remove() }
    let errors = p.errors()
    // the folder's tags reach every model once, reported once, at the project file
    #expect(errors.map { "\($0.span?.description ?? "-") \($0.message)" } == [
        "flowc.yml:5:10 config 'tags' is [5, \"x\"], which is not a string or a list of strings",
        "models/schema.yml:4:20 config 'meta' is 'text', which is not a mapping of keys to values",
        "models/schema.yml:4:42 config 'persist_docs' is true, which is not a mapping of keys to values",
        "models/c.sql:1:1 config 'full_refresh' is 'maybe', which is not true, false or null",
        "flowc.yml:8:17 config 'enabled' is 'yes', which is not true or false",
        "models/schema.yml:5:18 docs 'show' of 'b' is 'maybe', which is not true or false",
    ], "\(errors.map { "\($0.span?.description ?? "-") \($0.message)" })")
}
