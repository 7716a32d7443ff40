// Compiled files: a cold compile writes each one into folders it makes; a compile over an
// earlier one leaves unchanged files alone (same inode, same modification time) and rewrites
// only the ones whose SQL changed.
import FlowcTestSupport
import Foundation
import Testing

@Suite struct CompiledFilesCLITests {
    func stamp(_ path: String) throws -> (inode: UInt64, modified: Date, text: String) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0, attributes[.modificationDate] as? Date ?? .distantPast,
                try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test func unchangedFilesAreLeftAloneAndChangedOnesRewritten() throws {
        let repo = try Repo(["flowc.yml": "name: shop\nversion: '1.0'\n",
                             "models/a/one.sql": "select 1 as id\n", "models/a/two.sql": "select 2 as id\n",
                             "models/b/three.sql": "select * from {{ ref('one') }}\n"])
        let compiled = repo.root + "/target/compiled/shop/models"
        #expect(try repo.flowc("compile").status == 0)
        let first = try ["a/one.sql", "a/two.sql", "b/three.sql"].map { try stamp("\(compiled)/\($0)") }
        #expect(first.map(\.text) == ["select 1 as id", "select 2 as id", "select * from main.\"one\""])
        Thread.sleep(forTimeInterval: 0.05)
        try "select 22 as id\n".write(toFile: repo.root + "/models/a/two.sql", atomically: false, encoding: .utf8)
        #expect(try repo.flowc("compile").status == 0)
        let second = try ["a/one.sql", "a/two.sql", "b/three.sql"].map { try stamp("\(compiled)/\($0)") }
        #expect(second[0].inode == first[0].inode && second[0].modified == first[0].modified)
        #expect(second[2].modified == first[2].modified)
        #expect(second[1].text == "select 22 as id" && second[1].modified > first[1].modified)
    }
}
