// Hooks render at parse time, as dbt 1.11 renders them (checked side by side): a project hook
// or a node's pre-/post-hook that fails to render then stops parse, compile, ls and run with
// exit 2, the error at the hook's place; names that are not defined are lenient then (calling
// one gives an Undefined), so only what fails for real stops the parse.
import Foundation
import Testing

@Suite struct ParseTimeHooksCLITests {
    static let model = ["models/m.sql": "select 1 as a\n"]

    func expectParseError(_ files: [String: String], _ placed: String, hint: String) throws {
        let repo = try Repo(files)
        for command in ["parse", "compile", "ls", "run"] {
            let r = try repo.flowc(command)
            #expect(r.status == 2, "\(command): \(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains(placed), "\(command): \(r.stderr)")
            #expect(r.stderr.contains("hint: in \(hint): dbt renders hooks when it parses the project"), "\(command): \(r.stderr)")
            #expect(!r.stdout.contains("START"), "\(command): \(r.stdout)")
        }
    }

    @Test func anOnRunStartHookRaisingAtParseTimeStopsEveryCommand() throws {
        try expectParseError(Self.model.merging(["dbt_project.yml": """
            name: hooks
            version: '1.0'
            on-run-start:
              - "select 1"
              - "{{ exceptions.raise_compiler_error('x') }}"
            """]) { $1 }, "dbt_project.yml:5:6: error: x", hint: "on-run-start hook 1")
    }

    @Test func aModelPreHookFromTheProjectFileIsPlacedThere() throws {
        try expectParseError(Self.model.merging(["dbt_project.yml": """
            name: hooks
            version: '1.0'
            models:
              hooks:
                +pre-hook: "select {{ 1 / 0 }}"
            """, "models/n.sql": "select 2 as a\n"]) { $1 }, "dbt_project.yml:5:17: error: division by zero", hint: "the pre-hook of model m")
        // every model fails so: the error is shown once
        let repo = try Repo(Self.model.merging(["dbt_project.yml": "name: hooks\nversion: '1.0'\nmodels:\n  +pre-hook: \"{{ 1 / 0 }}\"\n",
                                                "models/n.sql": "select 2 as a\n"]) { $1 })
        let r = try repo.flowc("parse")
        #expect(r.stderr.components(separatedBy: "error: division by zero").count == 2, "\(r.stderr)")
        #expect(r.stderr.contains("(it fails for 1 other node too)"), "\(r.stderr)")
    }

    @Test func aPostHookFromConfigIsPlacedInTheModel() throws {
        try expectParseError([
            "dbt_project.yml": "name: hooks\nversion: '1.0'\n",
            "models/m.sql": "{{ config(post_hook=\"select {{ exceptions.raise_compiler_error('z') }}\") }}\nselect 1 as a\n",
        ], "models/m.sql:1:22: error: z", hint: "the post-hook of model m")
    }

    @Test func aSeedHookInAPropertiesFileIsPlacedThere() throws {
        try expectParseError([
            "dbt_project.yml": "name: hooks\nversion: '1.0'\n",
            "seeds/sd.csv": "a\n1\n",
            "seeds/props.yml": """
                seeds:
                  - name: sd
                    config:
                      post_hook:
                        - "select 1"
                        - "select {{ 'a' | no_such_filter }}"
                """,
        ], "seeds/props.yml:6:12: error: no filter named 'no_such_filter'", hint: "the post-hook of seed sd")
    }

    /// dbt parses with undefined names lenient, and hooks guarded by `execute` do not run then.
    @Test func undefinedNamesAndGuardedCallsDoNotStopTheParse() throws {
        let repo = try Repo(Self.model.merging(["dbt_project.yml": """
            name: hooks
            version: '1.0'
            on-run-end:
              - "{{ undefined_macro() }}"
              - "select {{ no_such_var.attr }}"
            models:
              hooks:
                +pre-hook: "{% if execute %}{{ exceptions.raise_compiler_error('later') }}{% endif %}"
            """]) { $1 })
        let parsed = try repo.flowc("parse")
        #expect(parsed.status == 0, "\(parsed.stdout)\(parsed.stderr)")
        let listed = try repo.flowc("ls")
        #expect(listed.status == 0, "\(listed.stdout)\(listed.stderr)")
    }
}
