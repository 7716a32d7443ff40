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
}
