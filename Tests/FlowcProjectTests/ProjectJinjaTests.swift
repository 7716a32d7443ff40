// Jinja in the project file's values: env_var and var (--vars only) render as dbt renders
// them; hooks and vars stay as written; a missing variable is an error at the value's place.

import Testing
@testable import FlowcProject

@Suite struct ProjectJinjaTests {
    static let project = """
        name: shop
        profile: "{{ env_var('SHOP_PROFILE', 'local') }}"
        target-path: "{{ env_var('SHOP_TARGET_DIR', 'target') }}"
        vars:
          schema_suffix: _dev
          shop:
            days: 30
        models:
          shop:
            +schema: "core{{ var('schema_suffix', '_none') }}"
            +days: "{{ var('days', 1) }}"
            +enabled: "{{ var('enable_all', True) }}"
            +pre-hook: "{{ var('not_rendered_here') }}"
        on-run-end: "{{ var('also_not_rendered') }}"
        """

    @Test func envVarDefaultsAndValues() throws {
        let p = try TempProject(["dbt_project.yml": Self.project])
        let defaults = try p.load()
        #expect(defaults.config.profile == "local")
        #expect(defaults.config.targetPath == "target")
        let set = try p.load(environment: ["SHOP_PROFILE": "prod", "SHOP_TARGET_DIR": "out"])
        #expect(set.config.profile == "prod")
        #expect(set.config.targetPath == "out")
    }

    /// dbt renders the project file before its own `vars:` exist: var() there sees --vars only
    /// (dbt 1.11 gave `+schema: "{{ var('sch', 'dflt') }}"` the default beside `vars: {sch: …}`).
    @Test func varsFromTheCommandLineOnly() throws {
        let p = try TempProject(["dbt_project.yml": Self.project])
        let project = try p.load()
        let staging = try #require(project.config.models?["shop"])
        #expect(staging["+schema"]?.string == "core_none")
        // Native rendering: a rendered number is a number, "True" a boolean (as in dbt).
        #expect(staging["+days"]?.int == 1)
        #expect(staging["+enabled"]?.bool == true)
        #expect(staging["+pre-hook"]?.string == "{{ var('not_rendered_here') }}")
        #expect(project.config.onRunEnd == ["{{ var('also_not_rendered') }}"])
        // vars stay as written.
        #expect(project.config.vars?["shop"]?["days"]?.int == 30)

        let cli = try #require(yaml("{schema_suffix: _ci, days: 7}").value)
        let overridden = try p.load(vars: cli)
        #expect(overridden.config.models?["shop"]?["+schema"]?.string == "core_ci")
        #expect(overridden.config.models?["shop"]?["+days"]?.int == 7)
        #expect(overridden.cliVars?["days"]?.int == 7)
    }

    @Test func missingVarIsAnErrorAtTheValue() throws {
        let p = try TempProject(["dbt_project.yml": """
            name: shop
            models:
              shop:
                +schema: "{{ var('nope') }}"
                +tags: ["{{ env_var('NOPE_ENV') }}"]
            """])
        let errors = p.loadErrors()
        #expect(errors.count == 2)
        let v = try #require(errors.first { $0.message.contains("var") && !$0.message.contains("Env") })
        #expect(v.message == "Required var 'nope' not found in config")
        #expect(place(v.span) == [4, 14])
        let e = try #require(errors.first { $0.message.hasPrefix("Env var") })
        #expect(e.message == "Env var required but not provided: 'NOPE_ENV'")
        #expect(place(e.span) == [5, 13])
        #expect(e.description.contains("\n        +tags: [\"{{ env_var('NOPE_ENV') }}\"]\n                ^"))
    }

    @Test func targetRendersWhenGivenAndWarnsWhenNot() throws {
        let p = try TempProject(["dbt_project.yml": """
            name: shop
            models:
              shop:
                +materialized: "{{ 'table' if target.name == 'prod' else 'view' }}"
            """])
        let without = try p.load()
        #expect(without.config.models?["shop"]?["+materialized"]?.string == "{{ 'table' if target.name == 'prod' else 'view' }}")
        #expect(without.diagnostics.first?.severity == .warning)
        #expect(without.diagnostics.first?.message.contains("target") == true)

        let prod = Target(profileName: "p", name: "prod", type: "postgres", threads: 4, schema: "analytics",
                          database: "db", fields: [], raw: nil)
        let with = try p.load(target: prod)
        #expect(with.config.models?["shop"]?["+materialized"]?.string == "table")
        #expect(with.diagnostics.isEmpty)
    }

    @Test func badJinjaIsAnError() throws {
        let p = try TempProject(["dbt_project.yml": "name: shop\nprofile: \"{{ env_var('X' }}\"\n"])
        let e = try #require(p.loadErrors().first)
        #expect(place(e.span) == [2, 10])
    }
}
