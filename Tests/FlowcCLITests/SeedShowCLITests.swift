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

    /// `flowc show --limit N`; a negative limit (`--limit -1`, `--limit=-1`) shows every row, as dbt's.
    @Test func showLimits() throws {
        let rows = (1...12).map { "\($0)" }.joined(separator: "\n")
        let repo = try Repo(["dbt_project.yml": "name: shop\nversion: '1.0'\n", "seeds/raw_codes.csv": "id\n" + rows + "\n",
                             "models/codes.sql": "select * from {{ ref('raw_codes') }}"])
        #expect(try repo.flowc("seed").status == 0)
        func count(_ args: String...) throws -> Int {
            let r = try CLI.run(["show", "--select", "codes", "--output", "json"] + args, in: repo.root)
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            return (json?["show"] as? [Any])?.count ?? -1
        }
        #expect(try count() == 5)
        #expect(try count("--limit", "3") == 3)
        #expect(try count("--limit", "-1") == 12)
        #expect(try count("--limit=-1") == 12)
        // a seed is previewed from its table, as dbt's show does
        let seed = try repo.flowc("show", "--select", "raw_codes", "--limit", "2")
        #expect(seed.status == 0 && seed.stdout.contains("Previewing node 'raw_codes':"), "\(seed.stdout)\(seed.stderr)")
    }
}
