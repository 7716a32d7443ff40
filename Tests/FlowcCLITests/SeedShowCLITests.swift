// `flowc seed --show`: dbt's heading and a random sample of at most 10 rows, then `...`.
import Foundation
import Testing

@Suite struct SeedShowCLITests {
    @Test func showsASampleOfEachSeed() throws {
        let rows = (1...12).map { "\($0),v\($0)" }.joined(separator: "\n")
        let repo = try Repo(["dbt_project.yml": "name: shop\nversion: '1.0'\n", "seeds/codes.csv": "id,v\n" + rows + "\n",
                             "seeds/small.csv": "id\n7\n"])
        let r = try repo.flowc("seed", "--show")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Random sample of table: main.codes\n"), "\(r.stdout)")
        #expect(r.stdout.contains("Random sample of table: main.small\n"))
        let lines = r.stdout.split(separator: "\n")
        // agate's print_table: integers right-justified, text left, a row of `...` for the rest
        #expect(lines.filter { $0.hasSuffix("| ... | ... |") }.count == 1)
        #expect(lines.filter { $0.range(of: #"\| +\d+ \| v\d+ +\|$"#, options: .regularExpression) != nil }.count == 10)
        #expect(lines.contains { $0.hasSuffix("|  7 |") })
    }
}
