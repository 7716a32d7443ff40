// `invocation_args_dict`, dbt's record of the command (packages such as dbt_artifacts and
// elementary store it): the command as dbt names it, the command line and the selection, while
// parsing and while compiling; `dbt_metadata_envs`, the DBT_ENV_CUSTOM_ENV_ variables.
import Foundation
import Testing

@Suite struct InvocationArgsCLITests {
    @Test func templatesSeeTheCommandsArguments() throws {
        var files = Shop.files
        files["models/args.sql"] = """
            {{ config(tags=[invocation_args_dict.which]) }}
            select '{{ invocation_args_dict.which }}' as w, '{{ invocation_args_dict.select | join(",") }}' as s,
              '{{ invocation_args_dict.invocation_command }}' as c, '{{ invocation_args_dict.target }}' as t,
              '{{ dbt_metadata_envs.get("TEAM", "-") }}' as e
            -- {{ invocation_args_dict.select }}
            """
        let repo = try Repo(files)
        let r = try repo.flowc(env: ["DBT_ENV_CUSTOM_ENV_TEAM": "data"], "compile", "-s", "args")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let sql = try String(contentsOfFile: repo.root + "/target/compiled/shop/models/args.sql", encoding: .utf8)
        // no --target: dbt's args hold none (the key is absent, so it renders empty)
        #expect(sql.contains("select 'compile' as w, 'args' as s,\n  'flowc compile -s args' as c, '' as t,\n  'data' as e"), "\(sql)")
        // a repeatable option is a tuple, as click gives dbt its values
        #expect(sql.contains("-- ('args',)"), "\(sql)")
        #expect(try repo.flowc("compile", "-s", "args", "-t", "dev").status == 0)
        let named = try String(contentsOfFile: repo.root + "/target/compiled/shop/models/args.sql", encoding: .utf8)
        #expect(named.contains("'dev' as t"), "\(named)")
        // at parse time too: the config call saw `ls` (dbt's `which` for ls, checked with dbt 1.11.16)
        let ls = try repo.flowc("ls", "-s", "tag:ls", "--output", "name")
        #expect(ls.stdout.split(separator: "\n").contains("args"), "\(ls.stdout)")
    }
    /// dbt 1.11.16's run-operation args: the macro and its arguments, no selection flags; and
    /// partial_parse at dbt's default.
    @Test func runOperationSeesItsMacroAndArguments() throws {
        var files = Shop.files
        files["macros/show_args.sql"] = """
            {% macro show_args(x) %}
              {% do log('MACRO=' ~ invocation_args_dict.macro ~ ' ARGS=' ~ invocation_args_dict.args ~ ' SELECT='
                        ~ ('select' in invocation_args_dict) ~ ' PP=' ~ invocation_args_dict.partial_parse, info=True) %}
            {% endmacro %}
            """
        let repo = try Repo(files)
        let r = try repo.flowc("run-operation", "show_args", "--args", "{x: 1}")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("MACRO=show_args ARGS={'x': 1} SELECT=False PP=True"), "\(r.stdout)")
    }

    @Test func aHugeThreadCountIsCappedNotACrash() throws {
        let repo = try Repo(Shop.files)
        let r = try repo.flowc("compile", "--threads", "4611686018427387904")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let results = try String(contentsOfFile: repo.root + "/target/run_results.json", encoding: .utf8)
        #expect(results.contains("\"threads\":1024") || results.contains("\"threads\": 1024"), "\(results.prefix(400))")
    }
}
