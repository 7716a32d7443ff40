// dbt's `docs generate` options: `--static` writes the one-file site, `--no-compile` leaves the
// compiled files and compiled code out.
import Foundation
import Testing

@Suite struct DocsGenerateCLITests {
    @Test func staticAndNoCompile() throws {
        let repo = try Repo(["dbt_project.yml": "name: shop\nversion: '1.0'\n", "models/orders.sql": "select 1 as id\n"])
        var r = try repo.flowc("docs", "generate", "--static", "--empty-catalog")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Static docs site written to target/index.html and static_index.html"), "\(r.stdout)")
        let page = try String(contentsOfFile: repo.root + "/target/static_index.html", encoding: .utf8)
        #expect(page.contains("window.__flowcPreloaded") && !page.contains("<script src=") && !page.contains("<link rel"))
        #expect(page.contains("<style>") && page.contains("window.FLOWC_DOCS") && page.hasSuffix("</html>\n"))
        // target/index.html, where dbt writes its site and CI jobs publish it from: the same page
        #expect(try String(contentsOfFile: repo.root + "/target/index.html", encoding: .utf8) == page)
        #expect(FileManager.default.fileExists(atPath: repo.root + "/target/compiled/shop/models/orders.sql"))
        // generate is a compile: run_results.json holds each node it compiled, as dbt's
        let resultsData = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/run_results.json"))
        let results = try #require(try JSONSerialization.jsonObject(with: resultsData) as? [String: Any])
        #expect((results["args"] as? [String: Any])?["which"] as? String == "generate")
        #expect((results["results"] as? [[String: Any]])?.compactMap { $0["unique_id"] as? String } == ["model.shop.orders"])

        // --no-compile, as dbt's: no compiled files, and the compile's manifest.json and
        // run_results.json are left as they were (dbt writes them only when it compiles)
        try FileManager.default.removeItem(atPath: repo.root + "/target/compiled")
        let before = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/manifest.json"))
        r = try repo.flowc("docs", "generate", "--no-compile", "--empty-catalog", "-q")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/target/compiled"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/manifest.json")) == before)
        let after = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/run_results.json"))
        #expect(after == resultsData)
        #expect(FileManager.default.fileExists(atPath: repo.root + "/target/docs/index.html"))
        #expect(FileManager.default.fileExists(atPath: repo.root + "/target/index.html"))
    }
}
