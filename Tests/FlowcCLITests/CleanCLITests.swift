// `flowc clean` deletes only inside the project: a target reached through a link that leads
// out of it is refused, and a target that is itself a link loses the link, not its contents.
import FlowcTestSupport
import Foundation
import Testing

@Suite struct CleanCLITests {
    @Test func cleanNeverDeletesOutsideTheProject() throws {
        let outside = try Repo(["keep.txt": "kept\n", "vendor/pkgs/keep.txt": "kept\n"])
        let repo = try Repo(["dbt_project.yml": "name: shop\nversion: '1.0'\nclean-targets: [target, vendor/pkgs]\n",
                             "models/m.sql": "select 1 as id\n"])
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/vendor", withDestinationPath: outside.root + "/vendor")
        let refused = try repo.flowc("clean")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("refusing to delete 'vendor/pkgs': it is not inside the project directory"))
        #expect(FileManager.default.fileExists(atPath: outside.root + "/vendor/pkgs/keep.txt"))

        try FileManager.default.removeItem(atPath: repo.root + "/vendor")
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/target", withDestinationPath: outside.root)
        let cleaned = try repo.flowc("clean")
        #expect(cleaned.status == 0, "\(cleaned.stderr)")
        #expect(cleaned.stdout.contains("Cleaned target (a link; what it points to is kept)"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/target"))
        #expect(FileManager.default.fileExists(atPath: outside.root + "/keep.txt"))
    }
}
