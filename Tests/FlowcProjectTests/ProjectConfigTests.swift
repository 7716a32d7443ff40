// The project file: its keys, dbt's defaults, and the errors for a bad or missing file.

import Testing
@testable import FlowcProject

@Suite struct ProjectConfigTests {
    @Test func defaultsForAMinimalProject() throws {
        let p = try TempProject(["dbt_project.yml": "name: shop\n"])
        let project = try p.load()
        let c = project.config
        #expect(c.name == "shop")
        #expect(c.fileName == "dbt_project.yml")
        #expect(c.profile == nil)
        #expect(c.version == nil)
        #expect(c.configVersion == 2)
        #expect(c.modelPaths == ["models"])
        #expect(c.seedPaths == ["seeds"])
        #expect(c.macroPaths == ["macros"])
        #expect(c.testPaths == ["tests"])
        #expect(c.snapshotPaths == ["snapshots"])
        #expect(c.analysisPaths == ["analyses"])
        #expect(c.docsPaths == ["models", "seeds", "macros", "tests", "snapshots", "analyses"])
        #expect(c.targetPath == "target")
        #expect(c.cleanTargets == ["target", "dbt_packages"])
        #expect(c.onRunStart.isEmpty && c.onRunEnd.isEmpty && c.dispatch.isEmpty)
        #expect(c.vars == nil && c.models == nil)
        #expect(project.files.isEmpty)
        #expect(project.diagnostics.isEmpty)
        #expect(project.root == p.root)
    }

    @Test func readsEveryKey() throws {
        let p = try TempProject(["dbt_project.yml": """
            name: 'shop'
            version: '1.0.0'
            config-version: 2
            profile: 'warehouse'
            model-paths: ["transform", "./more/"]
            seed-paths: data
            macro-paths: ["macros"]
            test-paths: ["checks"]
            snapshot-paths: ["snaps"]
            analysis-paths: ["analysis"]
            docs-paths: ["docs"]
            target-path: "build"
            clean-targets: ["build", "dbt_packages"]
            require-dbt-version: [">=1.5.0", "<2.0.0"]
            on-run-start: "create schema if not exists {{ target.schema }}"
            on-run-end:
              - "grant usage on schema {{ target.schema }} to reporter"
              - "select 1"
            dispatch:
              - macro_namespace: dbt_utils
                search_order: ['shop', 'dbt_utils']
            quoting:
              identifier: false
            flags:
              send_anonymous_usage_stats: false
            vars:
              start_date: '2018-01-01'
              limit: 100
            models:
              shop:
                staging:
                  +materialized: view
                  +post-hook: "grant select on {{ this }} to reporter"
            seeds:
              shop:
                +quote_columns: false
            data_tests:
              +severity: warn
            """])
        let project = try p.load()
        let c = project.config
        #expect(c.version == "1.0.0")
        #expect(c.profile == "warehouse")
        #expect(c.modelPaths == ["transform", "more"])
        #expect(c.seedPaths == ["data"])
        #expect(c.testPaths == ["checks"])
        #expect(c.snapshotPaths == ["snaps"])
        #expect(c.analysisPaths == ["analysis"])
        #expect(c.docsPaths == ["docs"])
        #expect(c.targetPath == "build")
        #expect(c.cleanTargets == ["build", "dbt_packages"])
        #expect(c.onRunStart == ["create schema if not exists {{ target.schema }}"])
        #expect(c.onRunEnd.count == 2)
        #expect(c.dispatch.count == 1)
        #expect(c.dispatch.first?.macroNamespace == "dbt_utils")
        #expect(c.dispatch.first?.searchOrder == ["shop", "dbt_utils"])
        #expect(c.quoting?["identifier"]?.bool == false)
        #expect(c.flags?["send_anonymous_usage_stats"]?.bool == false)
        #expect(c.vars?["limit"]?.int == 100)
        #expect(c.vars?["start_date"]?.string == "2018-01-01")
        #expect(c.models?["shop"]?["staging"]?["+materialized"]?.string == "view")
        // Hooks stay unrendered: dbt renders them at run time.
        #expect(c.models?["shop"]?["staging"]?["+post-hook"]?.string == "grant select on {{ this }} to reporter")
        #expect(c.seeds?["shop"]?["+quote_columns"]?.bool == false)
        #expect(c.dataTests?["+severity"]?.string == "warn")
        // Key order is kept.
        #expect(c.raw?.keys.prefix(3) == ["name", "version", "config-version"])
        // require-dbt-version is read with its place (the command line checks it)
        let required = try #require(c.requireDbtVersion)
        #expect(required.specs == [">=1.5.0", "<2.0.0"])
        #expect(place(required.span) == [14, 1])
        #expect(required.sourceLine == #"require-dbt-version: [">=1.5.0", "<2.0.0"]"#)
    }

    @Test func flowcYmlWinsOverDbtProjectYml() throws {
        let p = try TempProject(["flowc.yml": "name: a\n", "dbt_project.yml": "name: b\n"])
        let project = try p.load()
        #expect(project.config.name == "a")
        #expect(project.config.fileName == "flowc.yml")
    }

    @Test func missingProjectFile() throws {
        let p = try TempProject()
        let errors = p.loadErrors()
        #expect(errors.count == 1)
        #expect(errors.first?.message == "no flowc.yml or dbt_project.yml in \(p.root)")
        #expect(errors.first?.hint == "run `flowc init NAME` to create a project")
    }

    @Test func missingNameIsAnErrorWithAPlace() throws {
        let p = try TempProject(["dbt_project.yml": "version: '1.0'\nprofile: x\n"])
        let errors = p.loadErrors()
        let e = try #require(errors.first)
        #expect(e.message == "dbt_project.yml has no 'name'")
        #expect(e.span?.file == "dbt_project.yml")
        #expect(place(e.span) == [1, 1])
        #expect(e.description.hasPrefix("dbt_project.yml:1:1: error: dbt_project.yml has no 'name'\n    version: '1.0'\n    ^"))
    }

    @Test func badPathKeysAreErrorsAndAllAreReported() throws {
        let p = try TempProject(["dbt_project.yml": """
            name: shop
            model-paths: {a: b}
            seed-paths: [seeds, [nested]]
            config-version: 1
            """])
        let errors = p.loadErrors().filter(\.isError)
        #expect(errors.count == 3)
        let messages = errors.map(\.message)
        #expect(messages.contains { $0.hasPrefix("'model-paths' must be a list of paths or one path, found a mapping") })
        #expect(messages.contains { $0.hasPrefix("each entry of 'seed-paths' must be a path string, found a list") })
        #expect(messages.contains("config-version 1 is not supported"))
        let model = try #require(errors.first { $0.message.hasPrefix("'model-paths'") })
        #expect(place(model.span) == [2, 14])
        let seed = try #require(errors.first { $0.message.hasPrefix("each entry of 'seed-paths'") })
        #expect(place(seed.span) == [3, 21])
    }

    /// As in dbt, an unknown top-level key stops the load: `restrict_access` must not pass for
    /// `restrict-access`. flowc's own `checks` is known.
    @Test func unknownKeysAreErrorsWithASuggestion() throws {
        let p = try TempProject(["dbt_project.yml": "name: shop\nmodel_paths: [m]\nrestrict_access: true\nchecks: {}\nzzz: 1\n"])
        let errors = p.loadErrors()
        #expect(errors.map(\.message) == ["unknown key 'model_paths' in dbt_project.yml",
                                          "unknown key 'restrict_access' in dbt_project.yml",
                                          "unknown key 'zzz' in dbt_project.yml"])
        #expect(errors.map(\.hint) == ["did you mean 'model-paths'?", "did you mean 'restrict-access'?",
                                       "the project file's keys are dbt's (name, model-paths, models, vars, …) and flowc's checks"])
        #expect(errors.map { place($0.span) } == [[2, 1], [3, 1], [5, 1]])
    }

    @Test func projectFileMustBeAMapping() throws {
        let p = try TempProject(["dbt_project.yml": "- name: shop\n"])
        let errors = p.loadErrors()
        #expect(errors.first?.message == "dbt_project.yml must be a mapping of keys to values, found a list")
    }

    @Test func emptyProjectFile() throws {
        let p = try TempProject(["dbt_project.yml": "# nothing\n"])
        #expect(p.loadErrors().first?.message == "dbt_project.yml is empty")
    }

    @Test func yamlErrorInProjectFileHasThePlace() throws {
        let p = try TempProject(["dbt_project.yml": "name: shop\nmodels:\n  shop: {a: 1\n"])
        let e = try #require(p.loadErrors().first)
        #expect(e.message.hasPrefix("invalid YAML: "))
        #expect(e.span?.file == "dbt_project.yml")
        #expect(e.span?.line == 4)
    }

    @Test func readConfigOnly() throws {
        let p = try TempProject(["dbt_project.yml": "name: shop\nprofile: wh\n", "models/a.sql": "select 1"])
        let (config, diagnostics) = try ProjectLoader.readConfig(root: p.root)
        #expect(config.profile == "wh")
        #expect(diagnostics.isEmpty)
    }
}
