// The site's files: embedded assets, data.js as a JSON string inside a single-quoted literal
// (quotes and backslashes escaped once more), SQL split into chunk files.
import FlowcDocs
import FlowcGraph
import Foundation
import Testing

@Suite struct SiteWriterTests {
    @Test func writesAssetsDataAndSQLChunks() throws {
        var files = DocsTestProject.files
        files["models/schema.yml"] = """
            version: 2
            models:
              - name: orders
                description: 'it''s a "quote" and a back\\slash'
            sources:
              - name: raw
                tables:
                  - name: events
            """
        let p = try DocsTestProject(files)
        defer { p.remove() }
        let build = try p.build()
        let data = DocsData(manifest: build.manifest, compiled: [:], lineage: nil, catalog: nil) { _ in "" }
        let dir = p.root + "/target/docs"
        let written = try SiteWriter.write(data, generatedAt: "now", flowcVersion: "0", to: dir)
        #expect(written.files == SiteAssets.files.count + 2 + (data.items.count + SiteWriter.sqlChunk - 1) / SiteWriter.sqlChunk)
        let script = try String(contentsOfFile: dir + "/data.js", encoding: .utf8)
        #expect(script.hasPrefix("window.FLOWC_DOCS = JSON.parse('{"))
        #expect(script.hasSuffix("}');\n"))
        #expect(script.contains(#"it\'s a \\"quote\\" and a back\\\\slash"#))
        let sql = try String(contentsOfFile: dir + "/sql/0.js", encoding: .utf8)
        #expect(sql.hasPrefix("flowcSQL(0, [["))
        #expect(sql.contains("materialized='table'"))
        #expect(FileManager.default.fileExists(atPath: dir + "/index.html"))
    }

    /// The manifest's built-in `doc.dbt.__overview__` (there for dbt Docs) is not the site's home
    /// page text; a project's own `__overview__` is.
    @Test func homePageIgnoresDbtsBuiltInOverview() throws {
        let p = try DocsTestProject(DocsTestProject.files)
        defer { p.remove() }
        let build = try p.build()
        #expect(build.manifest.docs["doc.dbt.__overview__"] != nil)
        #expect(DocsData(manifest: build.manifest, compiled: [:], lineage: nil, catalog: nil) { _ in "" }.overview == "")
        var files = DocsTestProject.files
        files["models/overview.md"] = "{% docs __overview__ %}Our shop.{% enddocs %}"
        let own = try DocsTestProject(files)
        defer { own.remove() }
        let ownBuild = try own.build()
        #expect(DocsData(manifest: ownBuild.manifest, compiled: [:], lineage: nil, catalog: nil) { _ in "" }.overview == "Our shop.")
    }

    /// `docs generate --static`: one page with everything inline, and no text (here a model's
    /// description) able to close a script element early.
    @Test func staticSiteIsOneSelfContainedPage() throws {
        var files = DocsTestProject.files
        files["models/schema.yml"] = "version: 2\nmodels:\n  - name: orders\n    description: 'ends early? </script><script>alert(1)</script>'\n"
            + "sources:\n  - name: raw\n    tables:\n      - name: events\n"
        let p = try DocsTestProject(files)
        defer { p.remove() }
        let build = try p.build()
        let data = DocsData(manifest: build.manifest, compiled: [:], lineage: nil, catalog: nil) { _ in "" }
        let page = StaticSite.html(data, generatedAt: "now", flowcVersion: "0")
        #expect(!page.contains("<script src="))
        #expect(!page.contains("href=\"style.css\""))
        #expect(page.contains("window.__flowcPreloaded = {sql: {}, lineage: []};"))
        #expect(page.contains("window.__flowcPreloaded.sql[0] = [["))
        #expect(page.contains("window.FLOWC_DOCS = JSON.parse('"))
        #expect(!page.contains("</script><script>alert(1)"))
        #expect(page.contains("<\\/script><script>alert(1)<\\/script>"))
        // nor an HTML comment opener, after which `<script` would keep the real end tag from closing
        #expect(!StaticSite.inlineSafe("a <!-- <script> b").contains("<!--"))
    }

    /// Text in the site's data that would end an inlined <script> early is escaped, in one pass.
    @Test func inlinedScriptsCannotEndEarly() {
        #expect(StaticSite.inlineSafe("a</script>b</SCRIPT c<!-- d") == "a<\\/script>b<\\/SCRIPT c<\\!-- d")
        #expect(StaticSite.inlineSafe("plain < / script <!- ") == "plain < / script <!- ")
        #expect(StaticSite.inlineSafe("</scrip") == "</scrip")
    }
}
