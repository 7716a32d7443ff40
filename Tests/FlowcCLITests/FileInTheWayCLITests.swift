// A file where flowc must make a directory (target-path pointing at a file) is reported with its
// path and a hint, exit 2, and the file is left as it was: Foundation's raw error text was printed.
import FlowcTestSupport
import Foundation
import Testing

@Suite struct FileInTheWayCLITests {
    @Test func targetPathOnAFileIsAClearErrorAndTheFileIsKept() throws {
        let project = "name: shop\nversion: '1.0'\ntarget-path: flowc.yml\n"
        let repo = try Repo(["flowc.yml": project, "models/m.sql": "select 1 as id\n"])
        for command in ["compile", "parse", "run"] {
            let r = try repo.flowc(command)
            #expect(r.status == 2, "\(command) \(r.stderr)")
            #expect(r.stderr.contains("error: \(repo.root)/flowc.yml: a file is in the way"), "\(command) \(r.stderr)")
            #expect(r.stderr.contains("hint: flowc needs a directory there"), "\(r.stderr)")
            #expect(!r.stderr.contains("NSCocoaErrorDomain"), "\(r.stderr)")
            #expect(try String(contentsOfFile: repo.root + "/flowc.yml", encoding: .utf8) == project)
        }
    }
}
