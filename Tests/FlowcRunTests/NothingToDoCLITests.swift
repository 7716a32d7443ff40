// A command with nothing selected ends as dbt 1.11's does: no concurrency line, "Nothing to
// do"; `seed` then prints its end of run with nothing in it, `run`, `test`, `build` and
// `snapshot` stop there (dbt-postgres 1.11 printed these lines).
import Foundation
import Testing

@Suite struct NothingToDoCLITests {
    @Test func nothingToDoEndsLikeDbt() throws {
        let root = try CLITests.project(["models/m.sql": "select 1 as id"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        func tail(_ args: [String]) throws -> [String] {
            let r = try CLITests.flowc(args, in: root)
            #expect(r.code == 0, "\(r.output)")
            #expect(!r.output.contains("Concurrency"))
            let lines = r.output.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.drop { $0 != " " }.drop { $0 == " " }) }
            return Array(lines.drop { !$0.hasPrefix("Nothing to do") }.prefix(5)).filter { !$0.isEmpty }
        }
        let nothing = "Nothing to do. Try checking your model configs and model specification args"
        #expect(try tail(["seed", "-s", "tag:nothing_has_it"]) == [nothing, "Completed successfully", "Done. PASS=0 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=0"])
        for command in ["run", "test", "build"] {
            #expect(try tail([command, "-s", "tag:nothing_has_it"]) == [nothing], "\(command)")
        }
    }
}
