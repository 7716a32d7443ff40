// Profiles: where profiles.yml is found, choosing profile and target, env_var rendering, the
// embedded SQLite default, and the errors for a missing target or variable.

import Testing
@testable import FlowcProject

@Suite struct ProfileLoaderTests {
    static let profiles = """
        shop:
          target: "{{ env_var('SHOP_TARGET', 'dev') }}"
          outputs:
            dev:
              type: sqlite
              threads: 2
              database: database
              schema: main
              schemas_and_paths:
                main: "/tmp/shop.sqlite"
            pg:
              type: postgres
              host: 127.0.0.1
              port: 5432
              user: "{{ env_var('PG_USER', 'shop') }}"
              password: "{{ env_var('PG_PASSWORD') }}"
              dbname: shop
              schema: "{{ env_var('PG_SCHEMA', 'analytics') }}"
              threads: "{{ env_var('PG_THREADS', 8) }}"
              sslmode: disable
        """

    func load(_ dirs: TempProject, profile: String? = "shop", target: String? = nil, profilesDir: String? = nil,
              env: [String: String] = [:], home: String? = nil) throws -> (Target, [Diagnostic]) {
        try ProfileLoader.load(projectRoot: dirs.root, profileName: profile, targetName: target,
                               profilesDir: profilesDir, targetPath: "target", vars: nil, environment: env,
                               homeDirectory: home)
    }

    @Test func defaultTargetFromTheProfile() throws {
        let p = try TempProject(["profiles.yml": Self.profiles])
        let (target, diagnostics) = try load(p)
        #expect(diagnostics.isEmpty)
        #expect(target.profileName == "shop")
        #expect(target.name == "dev")
        #expect(target.type == "sqlite")
        #expect(target.threads == 2)
        #expect(target.schema == "main")
        #expect(target.database == "database")
        #expect(target.raw?["schemas_and_paths"]?["main"]?.string == "/tmp/shop.sqlite")
        #expect(target.fields.map(\.0) == ["type", "threads", "database", "schema", "schemas_and_paths"])
    }

    @Test func envVarsRenderInTargetValues() throws {
        let p = try TempProject(["profiles.yml": Self.profiles])
        let (target, _) = try load(p, env: ["SHOP_TARGET": "pg", "PG_PASSWORD": "s3cret", "PG_THREADS": "3"])
        #expect(target.name == "pg")
        #expect(target.type == "postgres")
        #expect(target.field("host") == "127.0.0.1")
        #expect(target.field("port") == "5432")
        #expect(target.field("user") == "shop")
        #expect(target.field("password") == "s3cret")
        #expect(target.field("sslmode") == "disable")
        #expect(target.schema == "analytics")
        #expect(target.database == "shop")
        #expect(target.threads == 3)
        // An explicit target name beats the profile's `target:`.
        let (dev, _) = try load(p, target: "dev", env: ["SHOP_TARGET": "pg"])
        #expect(dev.name == "dev")
        // Defaults of env_var are typed as dbt's native rendering types them.
        let (eight, _) = try load(p, target: "pg", env: ["PG_PASSWORD": "x"])
        #expect(eight.threads == 8)
    }

    @Test func missingEnvVarIsAnErrorAtTheValue() throws {
        let p = try TempProject(["profiles.yml": Self.profiles])
        do {
            _ = try load(p, target: "pg")
            Issue.record("expected an error")
        } catch let e as ProjectErrors {
            let d = try #require(e.diagnostics.first)
            #expect(d.message == "Env var required but not provided: 'PG_PASSWORD'")
            #expect(d.span?.file == "profiles.yml")
            #expect(place(d.span) == [16, 17])
        }
    }

    @Test func missingTargetListsTheAvailableOnes() throws {
        let p = try TempProject(["profiles.yml": Self.profiles])
        do {
            _ = try load(p, target: "prod")
            Issue.record("expected an error")
        } catch let e as ProjectErrors {
            let d = try #require(e.diagnostics.first)
            #expect(d.message == "profile 'shop' has no target 'prod'")
            #expect(d.hint == "available targets: 'dev', 'pg'")
            #expect(place(d.span) == [3, 3])
        }
    }

    @Test func noProfilesAnywhereGivesTheEmbeddedSQLiteTarget() throws {
        let p = try TempProject()
        let home = try TempProject()
        let (target, diagnostics) = try load(p, home: home.root)
        #expect(target.type == "sqlite")
        #expect(target.schema == "main")
        #expect(target.database == "main")
        #expect(target.threads == 4)
        #expect(target.field("path") == p.root + "/target/flowc.sqlite")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .note)
        #expect(diagnostics.first?.message.hasPrefix("no profiles.yml found") == true)
    }

    /// As dbt ("Could not find profile named …"): profiles that do not name the project's, and a
    /// profiles directory without profiles.yml, are errors, never the embedded database.
    @Test func aProfileNotFoundOrAProfilesDirWithoutTheFileIsAnError() throws {
        let p = try TempProject(["profiles.yml": "other:\n  outputs: {dev: {type: postgres}}\n"])
        #expect { _ = try load(p) } throws: { e in
            (e as? ProjectErrors)?.errors.first?.message == "could not find a profile named 'shop' in profiles.yml"
        }
        let bare = try TempProject()
        let empty = try TempProject()
        #expect { _ = try load(bare, profilesDir: empty.root) } throws: { e in
            (e as? ProjectErrors)?.errors.first?.message == "no profiles.yml in \(empty.root) (from --profiles-dir)"
        }
    }

    @Test func searchOrder() throws {
        func profile(_ schema: String) -> String {
            "shop:\n  target: dev\n  outputs:\n    dev: {type: sqlite, schema: \(schema)}\n"
        }
        let project = try TempProject(["profiles.yml": profile("from_project")])
        let explicit = try TempProject(["profiles.yml": profile("from_dir")])
        let home = try TempProject([".flowc/profiles.yml": profile("from_flowc"), ".dbt/profiles.yml": profile("from_dbt")])
        #expect(try load(project, profilesDir: explicit.root, home: home.root).0.schema == "from_dir")
        #expect(try load(project, home: home.root).0.schema == "from_project")
        let bare = try TempProject()
        #expect(try load(bare, home: home.root).0.schema == "from_flowc")
        try home.write(".flowc/profiles.yml", "someone_else:\n  outputs: {dev: {type: sqlite}}\n")
        #expect(try load(bare, home: home.root).0.schema == "from_dbt")
    }

    @Test func badProfilesYamlIsAnError() throws {
        let p = try TempProject(["profiles.yml": "shop:\n  outputs: [\n"])
        #expect(throws: ProjectErrors.self) { try load(p) }
    }

    @Test func targetWithoutTypeIsAnError() throws {
        let p = try TempProject(["profiles.yml": "shop:\n  target: dev\n  outputs:\n    dev:\n      schema: x\n"])
        do {
            _ = try load(p)
            Issue.record("expected an error")
        } catch let e as ProjectErrors {
            #expect(e.diagnostics.first?.message == "target 'dev' of profile 'shop' has no 'type'")
        }
    }

    @Test func noProfileNameGivesTheDefault() throws {
        let p = try TempProject(["profiles.yml": Self.profiles])
        let (target, diagnostics) = try load(p, profile: nil)
        #expect(target.type == "sqlite")
        #expect(diagnostics.first?.severity == .note)
    }
}
