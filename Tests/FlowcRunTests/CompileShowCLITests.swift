// dbt's interactive compile (1.5+), checked against dbt-core 1.11.16: `compile -s <name>` prints
// the SQL of each compiled node whose name is part of the first --select argument, after a
// heading unless --quiet; `--output json` prints {"node", "compiled"} (or {"compiled"} for
// --inline) indented as dbt does.
import Foundation
import Testing

@Suite struct CompileShowCLITests {
    static func project() throws -> String {
        try CLITests.project([
            "models/paid.sql": "select id, amount from {{ ref('orders') }} where status = 'paid'",
            "models/big.sql": "select id from {{ ref('paid') }} where amount > 10",
        ])
    }

    @Test func aNodePickedByNameIsPrinted() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["compile", "-s", "+big"], in: root)
        #expect(r.code == 0, "\(r.output)")
        // its parents are compiled too, but only the node named in the selection is shown
        #expect(r.output.hasSuffix("""
            Compiled node 'big' is:
            select id from main."paid" where amount > 10

            """))
        #expect(!r.output.contains("Compiled node 'paid'"))
        let quiet = try CLITests.flowc(["compile", "-q", "-s", "paid"], in: root)
        #expect(quiet.output == "select id, amount from main.\"orders\" where status = 'paid'\n")
        // no --select, nothing shown
        #expect(!(try CLITests.flowc(["compile"], in: root)).output.contains("Compiled node"))
    }

    @Test func jsonOutput() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["compile", "-q", "-s", "big", "--output", "json"], in: root)
        #expect(r.output == """
            {
              "node": "big",
              "compiled": "select id from main.\\"paid\\" where amount > 10"
            }

            """)
        let inline = try CLITests.flowc(["compile", "-q", "--inline", "select 1 from {{ ref('big') }}", "--output", "json"], in: root)
        #expect(inline.output == """
            {
              "compiled": "select 1 from main.\\"big\\""
            }

            """)
    }
}
