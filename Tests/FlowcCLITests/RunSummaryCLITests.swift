// The end of a run, as dbt 1.11 prints it: "Completed with N errors, M partial successes, and K
// warnings:", then per error "Failure in <node> (<path>)" with its message indented, per
// warning "Warning in …" with its message, and where each one's compiled code is. Under
// --quiet only error-level lines stay: the failed node's result line, its heading and message.
import Foundation
import Testing

@Suite struct RunSummaryCLITests {
    /// A console line without its time: dbt stamps the first line of a message, not the rest.
    static func unstamped(_ line: Substring) -> String {
        line.range(of: #"^\d\d:\d\d:\d\d  "#, options: .regularExpression).map { String(line[$0.upperBound...]) } ?? String(line)
    }

    @Test func errorsAndWarningsAreListedAsDbtListsThem() throws {
        let repo = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "models/bad.sql": "select * from no_such_table",
            "models/good.sql": "select 1 as id",
            "tests/w.sql": "{{ config(severity='warn') }}select 1 as x",
        ])
        let build = try repo.flowc("build")
        #expect(build.status == 1)
        let out = build.stdout.split(separator: "\n").map(Self.unstamped).filter { !$0.isEmpty }
        let start = try #require(out.firstIndex { $0.hasPrefix("Completed with") }, "\(build.stdout)")
        #expect(Array(out[start...].prefix(9)) == [
            "Completed with 1 error, 0 partial successes, and 1 warning:",
            "Failure in model bad (models/bad.sql)",
            "  Database Error in model bad (models/bad.sql)",
            "  no such table: main.no_such_table",
            "  compiled code at target/run/shop/models/bad.sql",  // part of the message, as dbt's
            "  compiled code at target/compiled/shop/models/bad.sql",
            "Warning in test w (tests/w.sql)",
            "Got 1 result, configured to warn if != 0",
            "  compiled code at target/compiled/shop/tests/w.sql",
        ], "\(build.stdout)")
        #expect(out.last == "Done. PASS=1 WARN=1 ERROR=1 SKIP=0 NO-OP=0 TOTAL=3")

        let quiet = try repo.flowc("build", "-q")
        #expect(quiet.status == 1)
        let lines = quiet.stdout.split(separator: "\n").map(Self.unstamped)
        #expect(lines.count == 5, "\(quiet.stdout)")
        #expect(lines.first?.contains("ERROR creating sql view model main.bad") == true, "\(quiet.stdout)")
        #expect(Array(lines.dropFirst()) == ["Failure in model bad (models/bad.sql)", "  Database Error in model bad (models/bad.sql)",
                                            "  no such table: main.no_such_table", "  compiled code at target/run/shop/models/bad.sql"])
    }

    @Test func warningsAloneSayCompletedWithWarnings() throws {
        let repo = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "tests/w.sql": "{{ config(severity='warn') }}select 1 as x",
        ])
        let test = try repo.flowc("test")
        #expect(test.status == 0)
        #expect(test.stdout.contains("Completed with 1 warning:\n"), "\(test.stdout)")
        #expect(try repo.flowc("test", "-q").stdout.isEmpty)
    }

    /// dbt pads a result line with dots to 80 characters; a longer line gets none, only the
    /// space before ` [`.
    @Test func longResultLinesHaveNoDots() throws {
        let long = String(repeating: "a_very_long_model_name_", count: 3)
        let repo = try Repo(["dbt_project.yml": "name: shop\nversion: '1.0'\n", "models/\(long).sql": "select 1 as id",
                             "models/m.sql": "select 1 as id"])
        let run = try repo.flowc("run", "--threads", "1")
        #expect(run.stdout.contains("OK created sql view model main.\(long)  [CREATE VIEW in "), "\(run.stdout)")
        // dbt's header: a blank line after the counts, and "threads" even for one
        #expect(run.stdout.range(of: #"macros\n\n\d\d:\d\d:\d\d  Concurrency: 1 threads \(target='"#,
                                 options: .regularExpression) != nil, "\(run.stdout)")
        let short = try #require(run.stdout.split(separator: "\n").first { $0.contains("OK created sql view model main.m ") })
        #expect(short.drop { $0 != " " }.dropFirst(2).prefix { $0 != "[" }.count == 81, "\(short)")
    }

    /// A failing test that stored its rows says where, as dbt's CheckNodeTestFailure.
    @Test func storedFailuresAreNamed() throws {
        let repo = try Repo(["dbt_project.yml": "name: shop\nversion: '1.0'\n",
                             "tests/fails.sql": "{{ config(store_failures=true) }}select 1 as x"])
        let test = try repo.flowc("test")
        #expect(test.status == 1)
        let lines = test.stdout.split(separator: "\n").map(Self.unstamped)
        let at = try #require(lines.firstIndex(of: "  See test failures:"), "\(test.stdout)")
        let query = lines.count > at + 2 ? lines[at + 2] : ""
        #expect(query.hasPrefix("  select * from ") && query.hasSuffix("\"fails\""), "\(test.stdout)")
        #expect(lines[at + 1] == "  " + String(repeating: "-", count: query.count - 2))
    }
}
