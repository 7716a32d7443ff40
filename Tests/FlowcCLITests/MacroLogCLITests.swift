// log(msg, info=True) and print() in what `flowc run` renders (hooks, models) are shown, as in
// dbt; plain log(msg) is not; compile prints them too, as dbt's compile does.
import FlowcTestSupport
import Foundation
import Testing

@Suite struct MacroLogCLITests {
    @Test func infoLogLinesOfHooksAndModelsShowInRuns() throws {
        let repo = try Repo([
            "dbt_project.yml": """
                name: logs
                version: '1.0'
                on-run-end: ["{{ log('finished ' ~ (results | length) ~ ' node(s)', info=True) }}"]
                """,
            "models/m.sql": "{{ log('rendering m', info=True) }}{{ log('quiet') }}{% if execute %}{{ print('executing m') }}{% endif %}select 1 as id\n",
        ])
        let run = try repo.flowc("run")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  rendering m\n"))
        // print() writes the text alone, with no time, as Python's print in dbt
        #expect(run.stdout.contains("\nexecuting m\n"), "\(run.stdout)")
        #expect(run.stdout.contains("  finished 1 node(s)\n"))
        #expect(!run.stdout.contains("quiet"))

        // dbt's structured log: every line an event with dbt's name, code and data
        let json = try repo.flowc("run", "--log-format", "json")
        let events = json.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(events.count == json.stdout.split(separator: "\n").count, "\(json.stdout)")
        func named(_ name: String) -> [[String: Any]] {
            events.filter { ($0["info"] as? [String: Any])?["name"] as? String == name }
        }
        #expect((named("JinjaLogInfo").first?["info"] as? [String: Any])?["msg"] as? String == "rendering m")
        #expect((named("MainReportVersion").first?["info"] as? [String: Any])?["code"] as? String == "A001")
        let finished = try #require(named("NodeFinished").first?["data"] as? [String: Any])
        #expect((finished["node_info"] as? [String: Any])?["unique_id"] as? String == "model.logs.m")
        #expect((finished["node_info"] as? [String: Any])?["node_status"] as? String == "success")
        #expect((finished["run_result"] as? [String: Any])?["status"] as? String == "success")
        #expect(named("LogModelResult").count == 1)
        let stats = (named("StatsLine").first?["data"] as? [String: Any])?["stats"] as? [String: Int]
        #expect(stats?["pass"] == 2)  // the model and its project hook, as dbt counts them
        let info = try #require(events.first?["info"] as? [String: Any])
        #expect(Set(info.keys) == ["category", "code", "extra", "invocation_id", "level", "msg", "name", "pid", "thread", "ts"])

        let compile = try repo.flowc("compile")
        #expect(compile.status == 0)
        #expect(compile.stdout.contains("rendering m\nexecuting m\n"), "\(compile.stdout)")
        // compile compiles the hooks too, where `results` is undefined, as in dbt's compile
        #expect(compile.stdout.contains("finished 0 node(s)\n"), "\(compile.stdout)")

        // --quiet hides log lines, not print()
        let quiet = try repo.flowc("run", "-q")
        #expect(!quiet.stdout.contains("rendering m"))
        #expect(quiet.stdout.contains("executing m\n"))
    }

    /// dbt's `selected_resources`: what the command selected, in hooks and models alike
    /// (dbt_constraints' on-run-end hook acts on the selected tests only).
    @Test func selectedResourcesAreWhatTheCommandSelected() throws {
        let repo = try Repo([
            "dbt_project.yml": """
                name: sel
                version: '1.0'
                on-run-end: ["{{ log('end: ' ~ (selected_resources | sort | join(',')), info=True) }}"]
                """,
            "models/a.sql": "select 1 as id\n",
            "models/b.sql": "{{ log('in b: ' ~ (selected_resources | length), info=True) }}select * from {{ ref('a') }}\n",
            "models/schema.yml": "version: 2\nmodels:\n  - name: b\n    columns:\n      - name: id\n        data_tests: [not_null]\n",
        ])
        let build = try repo.flowc("build")
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("end: model.sel.a,model.sel.b,test.sel.not_null_b_id.") , "\(build.stdout)")
        #expect(build.stdout.contains("in b: 3"), "\(build.stdout)")
        let run = try repo.flowc("run", "--select", "b")
        #expect(run.stdout.contains("end: model.sel.b\n"), "\(run.stdout)")
        // the model sees the same list as the hooks
        #expect(run.stdout.contains("in b: 1"), "\(run.stdout)")
    }
}
