// `flowc run-operation` on the embedded SQLite warehouse: a macro called with --args, its log
// lines, what it leaves in the database, and dbt's exit codes and run_results.json.
import FlowcTestSupport
import Foundation
import Testing

@Suite struct RunOperationCLITests {
    static let macros = """
        {% macro make_table(name, n=1) %}
          {% do run_query("create table " ~ name ~ " as select " ~ n ~ " as x") %}
          {{ log("made " ~ name, info=True) }}{{ log("only in the debug log") }}{{ print("printed " ~ execute) }}
        {% endmacro %}
        {% macro returns_sql() %}create table should_not_exist as select 1 as y{% endmacro %}
        {% macro fails() %}{{ exceptions.raise_compiler_error("boom") }}{% endmacro %}
        {% macro bad_sql() %}{% do run_query("select * from nope_table") %}{% endmacro %}
        {% macro shows_ref() %}{{ print(ref('m')) }}{{ log('hidden by --quiet', info=True) }}{% endmacro %}
        """

    func project() throws -> Repo {
        try Repo(["dbt_project.yml": "name: ops\nversion: '1.0'\n", "models/m.sql": "select 1 as id\n",
                  "macros/ops.sql": Self.macros])
    }

    func tables(_ repo: Repo) throws -> [String] {
        let shown = try CLI.run(["show", "--inline", "select name from sqlite_master where type = 'table' order by name",
                                 "--limit", "50"], in: repo.root)
        #expect(shown.status == 0, "\(shown.stderr)")
        return shown.stdout.split(separator: "\n").dropFirst(3).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "| ")) }
    }

    func runResults(_ repo: Repo) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/run_results.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A plain date in --args is a date, as PyYAML reads it for dbt; an operation cannot ref()
    /// an ephemeral model (dbt's OperationRefResolver), with dbt's words.
    @Test func argsDatesAndEphemeralRefs() throws {
        let repo = try Repo(["dbt_project.yml": "name: ops\nversion: '1.0'\n",
                             "models/eph.sql": "{{ config(materialized='ephemeral') }}\nselect 1 as id\n",
                             "macros/ops.sql": """
                                {% macro dated(start_date, label) %}{{ print(start_date.year ~ '|' ~ (start_date + modules.datetime.timedelta(days=1)) ~ '|' ~ label) }}{% endmacro %}
                                {% macro eph() %}{{ print(ref('eph')) }}{% endmacro %}
                                """])
        var r = try repo.flowc("run-operation", "dated", "--args", "{start_date: 2024-01-31, label: '2024-01-31'}")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2024|2024-02-01|2024-01-31"), "\(r.stdout)")
        r = try repo.flowc("run-operation", "eph")
        #expect(r.status == 1)
        #expect((r.stdout + r.stderr).contains("Operations can not ref() ephemeral nodes, but eph is ephemeral"), "\(r.stderr)")
    }

    /// dbt takes --log-format and --fail-fast on every command: flowc's commands without them
    /// take them out with a note instead of refusing the command line (exit 2).
    @Test func runOnlyFlagsElsewhereAreNoted() throws {
        let repo = try project()
        var r = try repo.flowc("run-operation", "make_table", "--args", "{name: t_flags}", "--log-format", "json", "--fail-fast")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("note: `flowc run-operation` ignores --log-format json, --fail-fast"), "\(r.stderr)")
        r = try repo.flowc("--log-format=json", "compile", "-q")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("ignores --log-format=json"), "\(r.stderr)")
        // the commands that have them still take them
        r = try repo.flowc("run", "--log-format", "json", "--fail-fast")
        #expect(r.status == 0 && !r.stderr.contains("ignores"), "\(r.stderr)")
    }

    /// dbt's `show --output json`: the node's name and its rows as typed objects.
    @Test func showAsJSON() throws {
        let repo = try project()
        #expect(try repo.flowc("run", "-q").status == 0)
        var r = try repo.flowc("show", "-s", "m", "--output", "json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "{\n  \"node\": \"m\",\n  \"show\": [\n    {\n      \"id\": 1\n    }\n  ]\n}\n", "\(r.stdout)")
        r = try repo.flowc("show", "--inline", "select 'a' as s, null as n, 2.5 as d", "-o", "json")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["node"] == nil)
        let row = (json?["show"] as? [[String: Any]])?.first
        #expect(row?["s"] as? String == "a")
        #expect(row?["n"] is NSNull)
        #expect(row?["d"] as? Double == 2.5)
        #expect(try repo.flowc("show", "-s", "m", "--output", "yaml").status == 2)
    }

    @Test func callsTheMacroWithItsArguments() throws {
        let repo = try project()
        let r = try repo.flowc("run-operation", "make_table", "--args", "{name: t1, n: 5}")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\nmade t1\nprinted True\n"))
        #expect(!r.stdout.contains("only in the debug log"))
        #expect(try tables(repo) == ["t1"])

        let results = try runResults(repo)
        let result = try #require((results["results"] as? [[String: Any]])?.first)
        #expect(result["unique_id"] as? String == "macro.ops.make_table")
        #expect(result["status"] as? String == "success")
        let args = try #require(results["args"] as? [String: Any])
        #expect(args["which"] as? String == "run-operation")
        #expect(args["macro"] as? String == "make_table")
        #expect((args["args"] as? [String: Any])?["n"] as? Int == 5)

        // package-qualified, and a ref resolves to the model's relation without building it;
        // --quiet hides log lines but not print(), as in dbt
        let qualified = try repo.flowc("run-operation", "ops.shows_ref", "-q")
        #expect(qualified.stdout == "main.\"m\"\n")
    }

    @Test func theMacrosTextIsNotExecuted() throws {
        let repo = try project()
        #expect(try repo.flowc("run-operation", "make_table", "--args", "{name: t1}").status == 0)
        #expect(try repo.flowc("run-operation", "returns_sql").status == 0)
        #expect(try tables(repo) == ["t1"])
    }

    @Test func failuresExitWithOneAndAreRecorded() throws {
        let repo = try project()
        let raised = try repo.flowc("run-operation", "fails")
        #expect(raised.status == 1)
        #expect(raised.stderr.contains("error: Encountered an error while running operation: Compilation Error in macro fails\n  macros/ops.sql:6:"))
        #expect(raised.stderr.contains("error: boom"))
        let result = try #require((try runResults(repo)["results"] as? [[String: Any]])?.first)
        #expect(result["status"] as? String == "error")
        #expect(result["failures"] as? Int == 1)
        // as dbt's: the operation's macro is not a compiled node
        #expect(result["compiled"] as? Bool == false)

        let database = try repo.flowc("run-operation", "bad_sql")
        #expect(database.status == 1)
        #expect(database.stderr.contains("Database Error in macro bad_sql"))
        #expect(database.stderr.contains("no such table: nope_table"))

        let unknownArgument = try repo.flowc("run-operation", "make_table", "--args", "{name: t2, bogus: 1}")
        #expect(unknownArgument.status == 1)
        #expect(unknownArgument.stderr.contains("takes no keyword argument 'bogus'"))
    }

    @Test func anUnknownMacroOrBadArgumentsExitWithTwo() throws {
        let repo = try project()
        let typo = try repo.flowc("run-operation", "make_tabel")
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("error: no macro named 'make_tabel' in any package\nhint: did you mean 'make_table'?"))
        let package = try repo.flowc("run-operation", "nopkg.make_table")
        #expect(package.status == 2)
        #expect(package.stderr.contains("error: no macro named 'make_table' in package 'nopkg'"))
        let list = try repo.flowc("run-operation", "make_table", "--args", "[1, 2]")
        #expect(list.status == 2)
        #expect(list.stderr.contains("error: --args must map argument names to values, not a list"))
    }
}
