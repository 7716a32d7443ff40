// The heading over a failed node's message, as dbt 1.11 words it: "Database Error" when the
// database refused SQL, also a run_query or statement the node ran while compiling (and
// exceptions.raise_database_error), "Compilation Error" for template errors; flowc's
// file:line:column placing stays under the heading, without its "database error: " marker.
import FlowcRun
import Testing

@Suite("Error headings of failed nodes")
struct ErrorHeadingTests {
    @Test("a query a node runs while compiling that the database refuses is a Database Error",
          arguments: WarehouseKind.allCases)
    func databaseErrorWhileCompiling(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/queried.sql": "{% set r = run_query('select * from no_such_table_q') %}\nselect 1 as a",
            "models/stated.sql": "{% call statement('s', fetch_result=True) %}select * from no_such_table_s{% endcall %}\nselect 1 as a",
            "models/raised.sql": "{% if execute %}{{ exceptions.raise_database_error('dbx') }}{% endif %}\nselect 1 as a",
            "models/ok.sql": "select 1 as a",
            "models/schema.yml": """
                models:
                  - name: ok
                    columns:
                      - name: a
                        data_tests:
                          - accepted_values:
                              arguments:
                                values: ["{{ run_query('select * from no_such_table_t') }}"]
                """,
        ])
        let report = try h.run(.build)
        for (name, file) in [("queried", "models/queried.sql:1:21: error: "), ("stated", "models/stated.sql:1:1: error: ")] {
            let message = report.result(name)?.message ?? ""
            #expect(message.hasPrefix("Database Error in model \(name) (models/\(name).sql)\n  \(file)"), "\(message)")
            #expect(message.contains("no_such_table_"), "\(message)")
            #expect(!message.contains("database error:"), "\(message)")
        }
        let raised = report.result("raised")?.message ?? ""
        #expect(raised.hasPrefix("Database Error in model raised (models/raised.sql)\n  models/raised.sql:1:51: error: dbx\n"), "\(raised)")
        let test = try #require(report.results.first { $0.uniqueId.hasPrefix("test.") })
        #expect(test.status == .error)
        #expect(test.message?.hasPrefix("Database Error in test accepted_values_ok_a") == true, "\(test.message ?? "")")
        #expect(report.status("ok") == .success)
    }

    @Test("template errors stay Compilation Errors; raise_not_implemented says ERROR: as dbt's",
          arguments: [WarehouseKind.sqlite])
    func compilationErrors(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/raised.sql": "{% if execute %}{{ exceptions.raise_compiler_error('x') }}{% endif %}\nselect 1 as a",
            "models/unimplemented.sql": "{% if execute %}{{ exceptions.raise_not_implemented('nope') }}{% endif %}\nselect 1 as a",
        ])
        let report = try h.run(.run)
        #expect(report.result("raised")?.message?.hasPrefix(
            "Compilation Error in model raised (models/raised.sql)\n  models/raised.sql:1:51: error: x\n") == true,
                "\(report.result("raised")?.message ?? "")")
        #expect(report.result("unimplemented")?.message?.hasPrefix(
            "Compilation Error in model unimplemented (models/unimplemented.sql)\n  models/unimplemented.sql:1:52: error: ERROR: nope\n") == true,
                "\(report.result("unimplemented")?.message ?? "")")
    }
}
