// log(msg, info=True) and print() in what `flowc run` renders (hooks, models) are shown, as in
// dbt; plain log(msg) is not; and compile prints none of them.
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
        #expect(run.stdout.contains("  executing m\n"))
        #expect(run.stdout.contains("  finished 1 node(s)\n"))
        #expect(!run.stdout.contains("quiet"))

        let json = try repo.flowc("run", "--log-format", "json")
        #expect(json.stdout.contains(#""event": "log", "message": "rendering m""#))

        let compile = try repo.flowc("compile")
        #expect(compile.status == 0)
        #expect(!compile.stdout.contains("rendering m"))

        // --quiet hides log lines, not print()
        let quiet = try repo.flowc("run", "-q")
        #expect(!quiet.stdout.contains("rendering m"))
        #expect(quiet.stdout.contains("executing m\n"))
    }
}
