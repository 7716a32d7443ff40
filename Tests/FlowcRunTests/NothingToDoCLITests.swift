// A command with nothing selected ends as dbt 1.11's does: no concurrency line, "Nothing to
// do", then its end of run with nothing in it (dbt-postgres printed these lines for `seed` in a
// project without seeds).
import Foundation
import Testing

@Suite struct NothingToDoCLITests {
    @Test func nothingToDoEndsLikeDbt() throws {
        let root = try CLITests.project(["models/m.sql": "select 1 as id"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["run", "-s", "tag:nothing_has_it"], in: root)
        #expect(r.code == 0, "\(r.output)")
        let lines = r.output.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.drop { $0 != " " }.drop { $0 == " " }) }
        let tail = Array(lines.drop { !$0.hasPrefix("Nothing to do") }.prefix(5))
        #expect(tail == ["Nothing to do. Try checking your model configs and model specification args", "",
                         "Completed successfully", "", "Done. PASS=0 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=0"], "\(r.output)")
        #expect(!r.output.contains("Concurrency"))
    }
}
