// Model versions: one node per version with dbt's identity (unique_id, fqn, alias), refs by
// version and to the latest, properties inherited with include/exclude, tests per version,
// and errors for a missing file or an unknown version.
import FlowcCompile
import FlowcGraph
import Testing

@Suite struct ModelVersionTests {
    static let files: [String: String] = [
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/dim_customers_v1.sql": "select 1 as id, 'a' as name, 'x' as legacy",
        "models/dim_customers_v2.sql": "select 1 as id, 'a' as full_name",
        "models/customers_next.sql": "select 1 as id, 'a' as full_name, true as active",
        "models/report.sql": "select * from {{ ref('dim_customers') }}",
        "models/report_old.sql": "select legacy from {{ ref('dim_customers', v=1) }}",
        "models/schema.yml": """
            version: 2
            models:
              - name: dim_customers
                description: Customers.
                latest_version: 2
                config:
                  materialized: table
                columns:
                  - name: id
                    data_tests: [not_null]
                  - name: name
                  - name: legacy
                versions:
                  - v: 1
                    columns:
                      - include: all
                  - v: 2
                    columns:
                      - include: all
                        exclude: [name, legacy]
                      - name: full_name
                  - v: 3
                    defined_in: customers_next
                    config:
                      materialized: view
            """,
    ]

    @Test func versionsAreNodesAndRefsPickTheRightOne() throws {
        let p = try TestProject(Self.files)
        defer { p.remove() }
        let build = try p.build()
        let m = build.manifest
        let v1 = try #require(m.nodes["model.shop.dim_customers.v1"])
        let v2 = try #require(m.nodes["model.shop.dim_customers.v2"])
        let v3 = try #require(m.nodes["model.shop.dim_customers.v3"])
        #expect(v1.name == "dim_customers" && v1.version == "1" && v1.latestVersion == "2")
        #expect(v1.fqn == ["shop", "dim_customers", "v1"])
        #expect([v1.alias, v2.alias, v3.alias] == ["dim_customers_v1", "dim_customers_v2", "dim_customers_v3"])
        #expect(v3.originalFilePath == "models/customers_next.sql")
        #expect(v1.description == "Customers.")
        #expect([v1.materialized, v2.materialized, v3.materialized] == ["table", "table", "view"])
        #expect(v1.columns.map(\.name) == ["id", "name", "legacy"])
        #expect(v2.columns.map(\.name) == ["id", "full_name"])
        // A ref without a version is the latest version (2, not the newer prerelease 3).
        #expect(m.nodes["model.shop.report"]?.dependsOnNodes == ["model.shop.dim_customers.v2"])
        #expect(m.nodes["model.shop.report_old"]?.dependsOnNodes == ["model.shop.dim_customers.v1"])
        let sql = try p.compile()
        #expect(sql["report"] == "select * from main.\"dim_customers_v2\"")
        #expect(sql["report_old"] == "select legacy from main.\"dim_customers_v1\"")
        // Tests are made per version, named with it.
        let tests = m.nodes.values.filter { $0.resourceType == .test }.map(\.name).sorted()
        #expect(tests == ["not_null_dim_customers_v1_id", "not_null_dim_customers_v2_id", "not_null_dim_customers_v3_id"])
        // Selection: version:latest, and the model name selects every version.
        // (their tests come along, as dbt's eager indirect selection does)
        let latest = try NodeSelection.select(m.selectionGraph, select: ["version:latest"], exclude: nil)
        #expect(latest.filter { $0.hasPrefix("model.") } == ["model.shop.dim_customers.v2"])
        #expect(latest.filter { $0.hasPrefix("test.") }.count == 1)
        let all = try NodeSelection.select(m.selectionGraph, select: ["dim_customers"], exclude: nil)
        #expect(all.filter { $0.hasPrefix("model.") }.sorted() == ["model.shop.dim_customers.v1", "model.shop.dim_customers.v2", "model.shop.dim_customers.v3"])
    }

    /// A version without a file is left out with a warning, as dbt 1.11 leaves it out ("Did not
    /// find matching node for patch"; dbt-project-evaluator's own project has one); a ref to an
    /// unknown version is an error.
    @Test func missingFileIsAWarningAndUnknownVersionAnError() throws {
        var files = Self.files
        files["models/dim_customers_v1.sql"] = nil
        files["models/report_old.sql"] = nil
        let p = try TestProject(files)
        defer { p.remove() }
        let build = try p.build()
        #expect(build.diagnostics.map(\.message).contains(
            "version 1 of model 'dim_customers' is defined in 'dim_customers_v1', but there is no model file of that name; "
            + "the version is left out, as dbt leaves it out"))
        #expect(build.manifest.nodes["model.shop.dim_customers.v1"] == nil)
        #expect(build.manifest.nodes["model.shop.dim_customers.v2"] != nil)
        files["models/report_old.sql"] = "select 1 from {{ ref('dim_customers', v=7) }}"
        let q = try TestProject(files)
        defer { q.remove() }
        #expect(q.errors().map(\.message).contains("ref('dim_customers', v=7) names no version of 'dim_customers'"))
    }

    /// As dbt: the latest version may be defined in the unsuffixed file, and an exposure may
    /// depend on a given version.
    @Test func theLatestVersionMayLiveInTheUnsuffixedFile() throws {
        var files = Self.files
        files["models/dim_customers_v2.sql"] = nil
        files["models/dim_customers.sql"] = "select 1 as id, 'a' as full_name"
        files["models/exposures.yml"] = """
            version: 2
            exposures:
              - name: board
                type: dashboard
                owner: {email: a@b.c}
                depends_on: ["ref('dim_customers', v=1)", "ref('dim_customers')", "ref('dim_customers', v=2)"]
            """
        let p = try TestProject(files)
        defer { p.remove() }
        let m = try p.build().manifest
        let v2 = try #require(m.nodes["model.shop.dim_customers.v2"])
        #expect(v2.originalFilePath == "models/dim_customers.sql")
        #expect(m.nodes["model.shop.dim_customers"] == nil)
        // each node once, as dbt's depends_on (the latest named twice here)
        #expect(m.exposures["exposure.shop.board"]?.dependsOnNodes == ["model.shop.dim_customers.v1", "model.shop.dim_customers.v2"])
    }

    /// deprecation_date as dbt 1.11.16 keeps it (per version over the model's), with its
    /// warnings: a model past its date, a ref to a model whose date is to come.
    @Test func deprecationDatesAndTheirWarnings() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile, "profiles.yml": sqliteProfile,
            "models/m_v1.sql": "select 1 as id", "models/m_v2.sql": "select 1 as id", "models/n.sql": "select 1 as id",
            "models/show.sql": "select * from {{ ref('m') }}",
            "models/m.yml": """
                models:
                  - name: m
                    latest_version: 2
                    deprecation_date: 2099-06-01
                    versions:
                      - v: 1
                        deprecation_date: 2024-01-01
                      - v: 2
                  - name: n
                    deprecation_date: "2024-01-01 10:30:00"

                """,
        ])
        defer { p.remove() }
        let build = try p.build()
        let m = build.manifest.nodes
        #expect(m["model.shop.m.v1"]?.deprecationDate == "2024-01-01T00:00:00+00:00")
        #expect(m["model.shop.m.v2"]?.deprecationDate == "2099-06-01T00:00:00+00:00")
        #expect(m["model.shop.n"]?.deprecationDate == "2024-01-01T10:30:00+00:00")
        #expect(m["model.shop.show"]?.deprecationDate == nil)
        let warnings = build.diagnostics.filter { !$0.isError }.map(\.message)
        #expect(warnings.contains("Model m.v1 has passed its deprecation date of 2024-01-01T00:00:00+00:00. This model should be disabled or removed."))
        #expect(warnings.contains("Model n has passed its deprecation date of 2024-01-01T10:30:00+00:00. This model should be disabled or removed."))
        #expect(warnings.contains("While compiling 'show': Found a reference to m.v2, which is slated for deprecation on '2099-06-01T00:00:00+00:00'."))
    }
}
