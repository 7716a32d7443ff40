// `--warn-error`, as dbt's: a project's warnings stop the command with exit 2, and a test that
// would warn fails (exit 1); without the flag both only warn.
import Foundation
import Testing

@Suite struct WarnErrorCLITests {
    @Test func warningsBecomeErrors() throws {
        let repo = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "models/orders.sql": "select 1 as id union all select 1 as id",
            "models/schema.yml": """
                version: 2
                models:
                  - name: orders
                    columns:
                      - name: id
                        data_tests:
                          - unique:
                              config: {severity: warn}
                """,
        ])
        let plain = try repo.flowc("build")
        #expect(plain.status == 0, "\(plain.stdout)")
        #expect(plain.stdout.contains("WARN 1 unique_orders_id"))
        let strict = try repo.flowc("build", "--warn-error")
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("FAIL 1 unique_orders_id"), "\(strict.stdout)")
        #expect(strict.stdout.contains("Got 1 result, configured to fail if != 0"), "\(strict.stdout)")

        // a project warning (an unknown key in a properties file) stops the command
        try repo.write("models/more.yml", "version: 2\nmodles: []\n")
        #expect(try repo.flowc("parse").status == 0)
        let parse = try repo.flowc("parse", "--warn-error")
        #expect(parse.status == 2)
        #expect(parse.stderr.contains("models/more.yml:2:1: error: unknown key 'modles'"), "\(parse.stderr)")
        #expect(parse.stdout.contains("1 warning treated as error (--warn-error)"))
        #expect(!parse.stderr.contains("warning:"), "printed once, as an error")

        // a static check's warning (a documented column the SQL lacks) stops it too
        try repo.write("models/more.yml", "version: 2\nmodels:\n  - name: extra\n    columns:\n      - name: gone\n")
        try repo.write("models/extra.sql", "select 1 as id")
        #expect(try repo.flowc("compile").status == 0)
        let compile = try repo.flowc("compile", "--warn-error")
        #expect(compile.status == 1, "\(compile.stdout)\(compile.stderr)")
        #expect(compile.stderr.contains("error:"), "\(compile.stderr)")
    }
}
