// `flowc show` prints rows as dbt's show does, through agate's print_table: at most six columns
// (then `...`), cells and names cut to 20 characters, text left-justified and everything else
// right-justified, integers as they are, other numbers with the column's decimal places (at
// most 3, then `…`, rounded half to even) and thousands grouped. The expected tables are what
// dbt-core 1.11.16 with dbt-sqlite 1.10.0 printed for the same queries.
import Foundation
import Testing

@Suite struct ShowTableCLITests {
    func table(_ repo: Repo, _ sql: String) throws -> String {
        let r = try repo.flowc("show", "--inline", sql)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").filter { $0.hasPrefix("|") }.joined(separator: "\n")
    }

    @Test func rowsArePrintedAsAgatePrintsThem() throws {
        let repo = try Repo(["dbt_project.yml": "name: shop\nversion: '1.0'\n", "models/m.sql": "select 1 as id"])
        #expect(try table(repo, "select 1234567 as big, 3.14159 as pi, 12345.6789 as n, 'a very long string value that goes on' as s, "
                                + "7 as seven, 1 as a, 2 as b") == """
            |     big |     pi |           n | s                    | seven | a | ... |
            | ------- | ------ | ----------- | -------------------- | ----- | - | --- |
            | 1234567 | 3.142… | 12,345.679… | a very long strin... |     7 | 1 | ... |
            """)
        #expect(try table(repo, "select -0.5 as a, 0.0005 as b, 2.675 as c, 'x' as t, null as n union all select 10, 1, 1, 'yy', null") == """
            |    a |      b |     c | t  | n |
            | ---- | ------ | ----- | -- | - |
            | -0.5 | 0.000… | 2.675 | x  |   |
            | 10.0 | 1.000… | 1.000 | yy |   |
            """)
        #expect(try table(repo, "select 1 as flag_is_true union all select 0") == """
            | flag_is_true |
            | ------------ |
            |            1 |
            |            0 |
            """)
    }
}

/// dbt's show previews an incremental model whose table exists with is_incremental() true
/// (its new rows); `--full-refresh` (accepted by show and compile, as by dbt) previews and
/// compiles the full build.
@Suite struct ShowIncrementalCLITests {
    @Test func showSeesIsIncrementalAndFullRefresh() throws {
        let repo = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "models/i.sql": """
                {{ config(materialized='incremental') }}
                select '{{ is_incremental() }}' as inc
                """,
        ])
        #expect(try repo.flowc("run").status == 0)
        let shown = try repo.flowc("show", "-s", "i")
        #expect(shown.status == 0 && shown.stdout.contains("| True |"), "\(shown.stdout)\(shown.stderr)")
        let full = try repo.flowc("show", "-s", "i", "--full-refresh")
        #expect(full.status == 0 && full.stdout.contains("| False |"), "\(full.stdout)\(full.stderr)")
        let compiled = try repo.flowc("compile", "-s", "i", "--full-refresh")
        #expect(compiled.status == 0 && compiled.stdout.contains("select 'False' as inc"), "\(compiled.stdout)\(compiled.stderr)")
    }
}
