// Properties YAML: the sections of a schema file as entries with the places of their keys.

import Testing
@testable import FlowcProject

@Suite struct PropertiesTests {
    static let schema = """
        version: 2

        models:
          - name: orders
            description: "One row per order"
            config:
              materialized: table
            columns:
              - name: order_id
                data_tests: [unique, not_null]
              - name: status
                data_tests:
                  - accepted_values:
                      values: ['placed', 'shipped']

        sources:
          - name: erp
            schema: "{{ target.schema }}"
            tables:
              - name: customers
                identifier: raw_customers

        seeds:
          - name: raw_orders
            config: {quote_columns: false}

        exposures:
          - name: weekly_report
            type: dashboard
            owner: {name: Ann, email: ann@example.com}
            depends_on: ["ref('orders')"]

        groups:
          - name: finance
            owner: {name: Bob}
        macros:
          - name: cents
            description: cents to dollars
        """

    @Test func sectionsAndSpans() throws {
        let p = try TempProject(["dbt_project.yml": "name: shop\n", "models/schema.yml": Self.schema])
        let project = try p.load()
        let props = try #require(project.properties.first)
        #expect(props.path == "models/schema.yml")
        #expect(props.version == 2)
        #expect(props.models.count == 1)
        #expect(props.sources.count == 1)
        #expect(props.seeds.count == 1)
        #expect(props.exposures.count == 1)
        #expect(props.groups.count == 1)
        #expect(props.macros.count == 1)

        let orders = try #require(props.models.first)
        #expect(orders["name"]?.string == "orders")
        #expect(place(orders.span) == [4, 5])
        #expect(orders.span.file == "models/schema.yml")
        let description = try #require(orders.entry("description"))
        #expect(place(description.keySpan) == [5, 5])
        #expect(place(description.value.span) == [5, 18])
        #expect(orders.keys == ["name", "description", "config", "columns"])
        let columns = try #require(orders["columns"]?.list)
        #expect(columns.count == 2)
        #expect(place(columns[1].entry("data_tests")?.keySpan) == [12, 9])
        let accepted = try #require(columns[1]["data_tests"]?.list?.first?["accepted_values"]?["values"]?.list)
        #expect(accepted.map(\.string) == ["placed", "shipped"])
        #expect(place(accepted[1].span) == [14, 34])

        let erp = try #require(props.sources.first)
        // Properties are not rendered here: the graph stage renders them with the dbt context.
        #expect(erp["schema"]?.string == "{{ target.schema }}")
        let table = try #require(erp["tables"]?.list?.first)
        #expect(table["identifier"]?.string == "raw_customers")
        #expect(place(table.entry("identifier")?.keySpan) == [21, 9])

        #expect(props.seeds.first?["config"]?["quote_columns"]?.bool == false)
        let exposure = try #require(props.exposures.first)
        #expect(exposure["owner"]?["email"]?.string == "ann@example.com")
        #expect(place(exposure.entry("depends_on")?.keySpan) == [31, 5])
        #expect(project.diagnostics.isEmpty)
    }

    @Test func emptyAndVersionlessFilesAreFine() throws {
        let p = try TempProject([
            "dbt_project.yml": "name: shop\n",
            "models/empty.yml": "",
            "models/comments.yml": "# nothing yet\n",
            "models/noversion.yml": "models:\n  - name: a\n",
        ])
        let project = try p.load()
        #expect(project.properties.count == 3)
        #expect(project.properties.map(\.models.count) == [0, 0, 1])
        #expect(project.properties[2].version == nil)
    }


    /// dbt strips every file it loads, so a block scalar that ends the file loses its newline
    /// (PyYAML on the unstripped text would keep it); one earlier in the file keeps it.
    @Test func aBlockScalarEndingTheFileHasNoFinalNewline() throws {
        let p = try TempProject([
            "dbt_project.yml": "name: shop\non-run-end: |\n  select 1\n\n",
            "models/schema.yml": """
                models:
                  - name: a
                    description: >
                      Not last.
                    columns:
                      - name: id
                        description: >
                          Last in the file.


                """,
        ])
        let project = try p.load()
        let a = try #require(project.properties.first?.models.first)
        #expect(a["description"]?.string == "Not last.\n")
        #expect(a["columns"]?.list?.first?["description"]?.string == "Last in the file.")
        #expect(project.config.onRunEnd == ["select 1"])
    }
    @Test func shapeErrorsAreCollectedAcrossFiles() throws {
        let p = try TempProject([
            "dbt_project.yml": "name: shop\n",
            "models/a.yml": "version: 2\nmodels:\n  - description: no name\n  - just a string\n",
            "models/b.yml": "version: 2\nsources: {name: erp}\n",
            "models/c.yml": "version: 1\nmodel:\n  - name: x\n",
        ])
        let diagnostics = p.loadErrors()
        let errors = diagnostics.filter(\.isError)
        #expect(errors.map(\.message) == [
            "an entry of 'models' has no 'name'",
            "each entry of 'models' must be a mapping with a 'name', found a string",
            "'sources' must be a list of entries (`- name: …`), found a mapping",
            "properties files are version 2, not 1",
        ])
        #expect(errors.map { "\($0.span?.file ?? ""):\(place($0.span))" } == [
            "models/a.yml:[3, 5]", "models/a.yml:[4, 5]", "models/b.yml:[2, 10]", "models/c.yml:[1, 10]",
        ])
        let warning = try #require(diagnostics.first { $0.severity == .warning })
        #expect(warning.message == "unknown key 'model' in a properties file is ignored")
        #expect(warning.hint == "did you mean 'models'?")
    }

    @Test func yamlSyntaxErrorPlace() throws {
        let p = try TempProject([
            "dbt_project.yml": "name: shop\n",
            "models/bad.yml": "version: 2\nmodels:\n  - name: a\n    description: x: y\n",
        ])
        let e = try #require(p.loadErrors().first)
        #expect(e.span?.file == "models/bad.yml")
        #expect(place(e.span) == [4, 19])
        #expect(e.message == "invalid YAML: mapping values are not allowed in this context")
        #expect(e.hint == "a value containing ': ' must be quoted")
        #expect(e.description == """
            models/bad.yml:4:19: error: invalid YAML: mapping values are not allowed in this context
                    description: x: y
                                  ^
            hint: a value containing ': ' must be quoted
            """)
    }
}
