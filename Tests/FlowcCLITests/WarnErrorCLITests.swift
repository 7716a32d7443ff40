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

    /// exceptions.warn() in what runs (dbt's JinjaLogWarning): a warning line in run and compile,
    /// the node's Compilation Error under --warn-error.
    @Test func jinjaWarningsAtRunTime() throws {
        let repo = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "models/m.sql": "{% if execute %}{% do exceptions.warn('careful with ' ~ this.identifier) %}{% endif %}select 1 as id",
        ])
        let run = try repo.flowc("run")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // dbt's run shows the message alone (yellow), with its time
        #expect(run.stdout.contains("  careful with m\n") && !run.stdout.contains("warning: careful"), "\(run.stdout)")
        let compile = try repo.flowc("compile")
        #expect(compile.status == 0)
        #expect(compile.stderr.contains("warning: careful with m"), "\(compile.stderr)")

        let strict = try repo.flowc("run", "--warn-error")
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("Compilation Error in model m (models/m.sql)"), "\(strict.stdout)")
        #expect(strict.stdout.contains("careful with m"))
        let strictCompile = try repo.flowc("compile", "--warn-error")
        #expect(strictCompile.status == 2)
        #expect(strictCompile.stderr.contains("error: careful with m"), "\(strictCompile.stderr)")
    }
}
