// `log(msg, info=True)` and `print(msg)` in models and macros print when `flowc compile` (and
// `--inline`) renders them with execute true, as dbt's compile prints them; `--quiet` keeps
// the prints only; `info=False` stays out of the output.
import Foundation
import Testing

@Suite struct CompileMessagesCLITests {
    static let files: [String: String] = Shop.files.merging([
        "macros/say.sql": """
            {% macro say(what) %}{{ log('macro says ' ~ what, info=True) }}{% endmacro %}
            """,
        "models/loud.sql": """
            {{ say('hello') }}
            {% if execute %}{{ log('loud compiled', info=True) }}{% endif %}
            {% do log('only in the debug log') %}
            {{ print('printed while compiling') }}
            select 1 as x
            """,
    ]) { $1 }

    @Test func compilePrintsLogAndPrintLines() throws {
        let repo = try Repo(Self.files)
        let r = try repo.flowc("compile")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let said = lines.filter { $0.contains("says") || $0.contains("loud") || $0.contains("printed") || $0.contains("debug") }
        #expect(said == ["macro says hello", "loud compiled", "printed while compiling"], "\(r.stdout)")
        // before the summary, as dbt shows them while it compiles
        let first = try #require(lines.firstIndex(of: "macro says hello"))
        let found = try #require(lines.firstIndex { $0.hasPrefix("Found ") })
        #expect(first < found)

        let quiet = try repo.flowc("compile", "--quiet")
        #expect(quiet.status == 0)
        #expect(quiet.stdout.split(separator: "\n") == ["printed while compiling"], "\(quiet.stdout)")

        let inline = try repo.flowc("compile", "--inline", "{{ say('inline') }}select 2")
        #expect(inline.status == 0)
        #expect(inline.stdout.hasPrefix("macro says inline\n"), "\(inline.stdout)")
        // dbt's heading before the SQL; --quiet prints the SQL alone
        #expect(inline.stdout.hasSuffix("Compiled inline node is:\nselect 2\n"), "\(inline.stdout)")
        #expect(try repo.flowc("compile", "-q", "--inline", "select 3").stdout == "select 3\n")
    }
}
