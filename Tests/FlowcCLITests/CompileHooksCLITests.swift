// `flowc compile` compiles the project hooks as dbt's compile does: each is a result in
// run_results.json and has compiled code in the manifest; one that renders to something is a
// file under target/compiled/<project>/dbt_project.yml/hooks/ (the manifest's path keeps dbt's
// `./`), one that renders to nothing has no file and no compiled_path. A hook reading the
// warehouse compiles over a connection; a selection leaves the hooks out. A snapshot is compiled
// (its code is in the manifest) but, as in dbt, has no file and a null compiled_path.
import Foundation
import Testing

@Suite struct CompileHooksCLITests {
    static let files: [String: String] = [
        "dbt_project.yml": """
            name: hooks
            version: '1.0'
            on-run-start:
              - "{{ log('starting', info=True) }}"
              - "create table if not exists {{ target.schema }}.audit (x int)"
            on-run-end:
              - "{% for r in results %}select '{{ r.node.name }}';{% endfor %}select {{ 1 + 1 }} as two"
              - "{% set q = run_query('select 42 as v') %}{% if execute %}select {{ q.columns[0].values()[0] }} as v{% endif %}"
            """,
        "models/m.sql": "select 1 as id\n",
    ]

    func json(_ repo: Repo, _ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/" + file))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func compileCompilesTheHooks() throws {
        let repo = try Repo(Self.files)
        let r = try repo.flowc("compile")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("starting\n"), "\(r.stdout)")

        let hooks = repo.root + "/target/compiled/hooks/dbt_project.yml/hooks/"
        #expect(try String(contentsOfFile: hooks + "hooks-on-run-start-1.sql", encoding: .utf8)
                == "create table if not exists main.audit (x int)")
        #expect(try String(contentsOfFile: hooks + "hooks-on-run-end-0.sql", encoding: .utf8) == "select 2 as two")
        #expect(try String(contentsOfFile: hooks + "hooks-on-run-end-1.sql", encoding: .utf8) == "select 42 as v")
        #expect(!FileManager.default.fileExists(atPath: hooks + "hooks-on-run-start-0.sql"))

        let results = try json(repo, "run_results.json")["results"] as? [[String: Any]] ?? []
        var byId: [String: [String: Any]] = [:]
        for x in results { if let id = x["unique_id"] as? String { byId[id] = x } }
        #expect(Set(byId.keys) == ["model.hooks.m", "operation.hooks.hooks-on-run-start-0", "operation.hooks.hooks-on-run-start-1",
                                   "operation.hooks.hooks-on-run-end-0", "operation.hooks.hooks-on-run-end-1"])
        #expect(byId["operation.hooks.hooks-on-run-start-0"]?["compiled_code"] as? String == "")
        #expect(byId["operation.hooks.hooks-on-run-end-1"]?["status"] as? String == "success")

        let nodes = try json(repo, "manifest.json")["nodes"] as? [String: [String: Any]] ?? [:]
        let end0 = try #require(nodes["operation.hooks.hooks-on-run-end-0"])
        #expect(end0["compiled"] as? Bool == true)
        #expect(end0["compiled_code"] as? String == "select 2 as two")
        #expect(end0["compiled_path"] as? String == "target/compiled/hooks/./dbt_project.yml/hooks/hooks-on-run-end-0.sql")
        #expect(nodes["operation.hooks.hooks-on-run-start-0"]?["compiled_path"] is NSNull)

        // a selection compiles what it selects, and no hook
        let selected = try repo.flowc("compile", "-s", "m")
        #expect(selected.status == 0)
        let after = try json(repo, "run_results.json")["results"] as? [[String: Any]] ?? []
        #expect(after.compactMap { $0["unique_id"] as? String } == ["model.hooks.m"])
    }

    /// dbt's compile never commits: what a hook's (or a model's) queries write while it is
    /// compiled is rolled back (dbt_artifacts' on-run-end upload must not run under compile).
    @Test func compileWritesNothingToTheWarehouse() throws {
        var files = Self.files
        files["dbt_project.yml"] = "name: hooks\nversion: '1.0'\non-run-end:\n"
            + "  - \"{% do run_query('create table written (x int)') %}select 1\"\n"
        let repo = try Repo(files)
        let r = try repo.flowc("compile")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let count = "{{ run_query(\"select count(*) from sqlite_master where name = 'written'\").columns[0].values()[0] }}"
        let check = try repo.flowc("compile", "-q", "--inline", count)
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(check.stdout)\(check.stderr)")
        // run commits it
        #expect(try repo.flowc("run").status == 0)
        let after = try repo.flowc("compile", "-q", "--inline", count)
        #expect(after.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(after.stdout)\(after.stderr)")
    }

    @Test func aHookThatDoesNotCompileFailsTheCompile() throws {
        var files = Self.files
        files["dbt_project.yml"] = "name: hooks\nversion: '1.0'\non-run-end: [\"select {{ no_such_macro() }}\"]\n"
        let repo = try Repo(files)
        let r = try repo.flowc("compile")
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        // at the hook in the project file, in compile and in run alike
        #expect(r.stderr.contains("dbt_project.yml:3:15: error: 'no_such_macro' is undefined"), "\(r.stderr)")
        // as dbt's run: a hook that does not render ends the command (exit 2) and has no result
        let run = try repo.flowc("run")
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Encountered an error:\nCompilation Error in operation hooks-on-run-end-0 (./dbt_project.yml)\n"
                                    + "  dbt_project.yml:3:15: error: 'no_such_macro' is undefined"), "\(run.stdout)")
        #expect(!run.stdout.contains("START hook"), "\(run.stdout)")
        let results = try json(repo, "run_results.json")["results"] as? [[String: Any]] ?? []
        #expect(results.compactMap { $0["unique_id"] as? String } == ["model.hooks.m"])
    }

    /// As dbt 1.11 (checked side by side): an on-run-start hook that does not render ends the
    /// command before any node or on-run-end hook runs, exit 2, and writes no run_results.json.
    @Test func anOnRunStartHookThatDoesNotRenderEndsTheRun() throws {
        var files = Self.files
        files["dbt_project.yml"] = """
            name: hooks
            version: '1.0'
            on-run-start:
              - "select 1 as ok"
              - "{% if execute %}{{ exceptions.raise_compiler_error('boom') }}{% endif %}"
            on-run-end: ["create table {{ target.schema }}.end_ran as select 1 as one"]
            """
        files["models/m.sql"] = "{{ config(materialized='table') }}\nselect 1 as id\n"
        let repo = try Repo(files)
        let run = try repo.flowc("run")
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("1 of 2 OK hook: hooks.on-run-start.0"), "\(run.stdout)")
        #expect(run.stdout.contains("Finished running 1 project hook in"), "\(run.stdout)")
        #expect(run.stdout.contains("Encountered an error:\nCompilation Error in operation hooks-on-run-start-1 (./dbt_project.yml)\n"
                                    + "  dbt_project.yml:5:6: error: boom"), "\(run.stdout)")
        #expect(!run.stdout.contains("main.m"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/target/run_results.json"))
        let shown = try repo.flowc("show", "--inline", "select name from sqlite_master where name in ('m', 'end_ran')")
        #expect(!shown.stdout.contains("end_ran") && !shown.stdout.contains("| m"), "\(shown.stdout)")
    }

    /// dbt's da5 case: a macro an on-run-end hook calls runs a query that fails while the hook
    /// renders: a Database Error that ends the command (exit 2); the nodes' results are kept.
    @Test func aQueryFailingWhileAnOnRunEndHookRendersEndsTheRun() throws {
        var files = Self.files
        files["dbt_project.yml"] = """
            name: hooks
            version: '1.0'
            on-run-end:
              - "{{ upload() }}"
              - "create table {{ target.schema }}.end_ran as select 1 as one"
            """
        files["macros/upload.sql"] = """
            {% macro upload() %}
            {% if execute %}{% do run_query('insert into missing_table values (1)') %}{% endif %}
            select 1
            {% endmacro %}
            """
        let repo = try Repo(files)
        let run = try repo.flowc("run")
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Encountered an error:\nDatabase Error in operation hooks-on-run-end-0 (./dbt_project.yml)\n"
                                    + "  macros/upload.sql:2:32: error: no such table: missing_table"), "\(run.stdout)")
        let results = try json(repo, "run_results.json")["results"] as? [[String: Any]] ?? []
        #expect(results.compactMap { $0["unique_id"] as? String } == ["model.hooks.m"])
        let shown = try repo.flowc("show", "--inline", "select name from sqlite_master where name = 'end_ran'")
        #expect(!shown.stdout.contains("end_ran"), "\(shown.stdout)")
    }

    @Test func snapshotsHaveCompiledCodeButNoFile() throws {
        var files = Self.files
        files["snapshots/snap.sql"] = """
            {% snapshot snap %}{{ config(unique_key='id', strategy='check', check_cols='all', target_schema='main') }}
            select * from {{ ref('m') }}{% endsnapshot %}
            """
        let repo = try Repo(files)
        for command in ["compile", "build"] {
            let r = try repo.flowc(command)
            #expect(r.status == 0, "\(command): \(r.stdout)\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: repo.root + "/target/compiled/hooks/snapshots/snap.sql"), "\(command)")
            let nodes = try json(repo, "manifest.json")["nodes"] as? [String: [String: Any]] ?? [:]
            let snap = try #require(nodes["snapshot.hooks.snap"])
            #expect(snap["compiled_path"] is NSNull, "\(command)")
            #expect((snap["compiled_code"] as? String ?? "").contains("select * from main.\"m\""), "\(command): \(snap["compiled_code"] ?? "")")
        }
    }

    /// As dbt-postgres 1.11's `dbt run` on the same hooks (checked side by side): the message is
    /// the database's after "failed, error:", failures 0 or 1, a hook after a failed one of its
    /// kind is skipped, each run hook has its compiled file, and the manifest numbers the hooks
    /// a run executed from 1.
    @Test func aFailingHookSkipsTheRestOfItsKind() throws {
        var files = Self.files
        files["dbt_project.yml"] = """
            name: hooks
            version: '1.0'
            on-run-end:
              - "select 1 as ok"
              - "select * from no_such_table_xyz"
              - "select 3 as never"
            """
        let repo = try Repo(files)
        let run = try repo.flowc("run")
        #expect(run.status == 1)
        #expect(run.stdout.contains("Failure in operation hooks-on-run-end-1 (./dbt_project.yml)"), "\(run.stdout)")
        #expect(run.stdout.contains("3 of 3 SKIP hook: hooks.on-run-end.2"), "\(run.stdout)")
        #expect(run.stdout.contains("compiled code at target/compiled/hooks/./dbt_project.yml/hooks/hooks-on-run-end-1.sql"), "\(run.stdout)")
        let results = try json(repo, "run_results.json")["results"] as? [[String: Any]] ?? []
        func hook(_ i: Int) -> [String: Any]? { results.first { $0["unique_id"] as? String == "operation.hooks.hooks-on-run-end-\(i)" } }
        #expect(hook(0)?["message"] as? String == "hooks.on-run-end.0 passed")
        #expect(hook(0)?["failures"] as? Int == 0)
        let failed = hook(1)?["message"] as? String ?? ""
        #expect(failed.hasPrefix("hooks.on-run-end.1 failed, error:\n no such table: no_such_table_xyz"), "\(failed)")
        #expect(hook(1)?["failures"] as? Int == 1)
        #expect(hook(2)?["status"] as? String == "skipped")
        #expect(hook(2)?["message"] as? String == "hooks.on-run-end.2 skipped")
        #expect(hook(2)?["failures"] as? Int == 1)
        #expect(FileManager.default.fileExists(atPath: repo.root + "/target/compiled/hooks/dbt_project.yml/hooks/hooks-on-run-end-1.sql"))
        let nodes = try json(repo, "manifest.json")["nodes"] as? [String: [String: Any]] ?? [:]
        #expect(nodes["operation.hooks.hooks-on-run-end-0"]?["index"] as? Int == 1)
        #expect(nodes["operation.hooks.hooks-on-run-end-1"]?["index"] as? Int == 2)
        #expect(nodes["operation.hooks.hooks-on-run-end-1"]?["compiled_code"] as? String == "select * from no_such_table_xyz")
    }
}
