// The `pii_exposed` governance check on real project files: PII declared on a source or seed
// column follows the column lineage (copies, expressions, aggregates) into exposures and public
// models, stops where a model declares a column clean, and is reported at the column's place.
import FlowcCompile
import FlowcGraph
import FlowcProject
import Testing

@Suite struct PIIFlowTests {
    static func project(properties: String, checks: String = "") throws -> TestProject {
        try TestProject([
            "dbt_project.yml": minimalProjectFile + checks,
            "profiles.yml": sqliteProfile,
            "models/sources.yml": """
                version: 2
                sources:
                  - name: crm
                    schema: main
                    tables:
                      - name: users
                        columns:
                          - name: id
                          - name: email
                            meta: {contains_pii: true}
                          - name: country
                """,
            "models/stg_users.sql": "select id, lower(email) as email_lower, country from {{ source('crm', 'users') }}",
            "models/user_stats.sql": """
                select country, count(email_lower) as users, md5(max(email_lower)) as email_hash,
                       max(email_lower) as sample_email
                from {{ ref('stg_users') }} group by country
                """,
            "models/clean.sql": "select id, country from {{ ref('stg_users') }}",
            "models/props.yml": properties,
        ])
    }

    static let exposed = """
        version: 2
        models:
          - name: user_stats
            columns:
              - name: users
                meta: {pii: false}
              - name: email_hash
                meta: {pii: false}
        exposures:
          - name: weekly_dashboard
            type: dashboard
            owner: {name: Ann}
            depends_on: [ref('user_stats'), ref('clean')]
        """

    @Test func piiReachingAnExposureIsAnErrorAtTheColumn() throws {
        let p = try Self.project(properties: Self.exposed)
        defer { p.remove() }
        let findings = try ProjectLineageTests.lineage(p).diagnostics()
        // the hash and the count are declared clean; max() passes an email through
        #expect(findings.map(\.message) == [
            "PII column 'sample_email' of model user_stats (from source crm.users.email) reaches exposure 'weekly_dashboard'",
        ])
        let f = try #require(findings.first)
        #expect(f.severity == .error)
        #expect(f.span?.file == "models/user_stats.sql")
        #expect(f.hint?.contains("meta: {pii: false}") == true)
    }

    @Test func publicModelsAreConsumersAndTheLevelIsConfigurable() throws {
        let props = """
            version: 2
            models:
              - name: stg_users
                config: {access: public}
                columns:
                  - name: email_lower
            """
        let p = try Self.project(properties: props)
        defer { p.remove() }
        let findings = try ProjectLineageTests.lineage(p).diagnostics()
        #expect(findings.map(\.message) == [
            "PII column 'email_lower' of model stg_users (from source crm.users.email) reaches its consumers (the model is public)",
        ])
        // at the column's YAML entry when the model documents it
        #expect(findings.first?.span?.file == "models/props.yml")

        let warned = try Self.project(properties: props, checks: "\nchecks:\n  pii_exposed: warn\n")
        defer { warned.remove() }
        let (levels, _) = CheckLevels.from(try ProjectLoader.load(root: warned.root, vars: nil).config)
        #expect(try ProjectLineageTests.lineage(warned, checks: levels).diagnostics().map(\.severity) == [.warning])
    }

    @Test func projectsWithoutPIIMarksOrConsumersHaveNoFindings() throws {
        let p = try Self.project(properties: "version: 2\nmodels:\n  - name: clean\n")
        defer { p.remove() }
        #expect(try ProjectLineageTests.lineage(p).diagnostics().isEmpty)
    }
}

@Test func piiOfASourceAnExposureReadsIsReportedAtTheExposure() throws {
    let p = try PIIFlowTests.project(properties: """
        version: 2
        exposures:
          - name: raw_export
            type: application
            owner: {name: Ann}
            depends_on:
              - source('crm', 'users')
        """)
    defer { p.remove() }
    let findings = try ProjectLineageTests.lineage(p).diagnostics()
    #expect(findings.map(\.message) == ["PII column 'email' of source crm.users reaches exposure 'raw_export'"])
    #expect(findings.first?.span?.file == "models/props.yml")
}

@Test func columnConfigMetaMarksPIIAsDbt110WritesIt() throws {
    let p = try PIIFlowTests.project(properties: """
        version: 2
        models:
          - name: clean
            access: public
            columns:
              - name: country
                config: {meta: {pii: true}}
        """)
    defer { p.remove() }
    // `access:` beside the config counts, and the column's config meta marks it
    #expect(try ProjectLineageTests.lineage(p).diagnostics().map(\.message)
            == ["PII column 'country' of model clean reaches its consumers (the model is public)"])
}
