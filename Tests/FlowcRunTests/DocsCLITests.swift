// `flowc docs generate` and `flowc docs graph` through the binary, on a project built on SQLite:
// catalog.json lists what exists (and not what was never built), the site's files are there
// with the data the pages read, and the SVG of a selection holds its nodes.
import Foundation
import Testing

@Suite struct DocsCLITests {
    @Test func generateAndGraph() throws {
        let root = try CLITests.project([
            "models/paid.sql": "select id, amount from {{ ref('orders') }} where status = 'paid'",
            "models/doubled.sql": "select id, amount * 2 as twice from {{ ref('paid') }}",
            "models/schema.yml": "version: 2\nmodels:\n  - name: doubled\n    description: Paid orders, **twice**.\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try CLITests.flowc(["seed"], in: root).code == 0)
        #expect(try CLITests.flowc(["run", "-s", "paid"], in: root).code == 0)

        let gen = try CLITests.flowc(["docs", "generate"], in: root)
        #expect(gen.code == 0, "\(gen.output)")
        #expect(gen.output.contains("Catalog written to target/catalog.json (2 nodes, 0 sources in the warehouse)"))
        let catalog = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: root + "/target/catalog.json"))) as? [String: Any])
        let nodes = try #require(catalog["nodes"] as? [String: Any])
        #expect(Set(nodes.keys) == ["model.shop.paid", "seed.shop.orders"])  // doubled was never built
        for file in ["index.html", "app.js", "graph.js", "style.css", "data.js", "lineage.js", "sql/0.js"] {
            #expect(FileManager.default.fileExists(atPath: root + "/target/docs/" + file), "\(file)")
        }
        let data = try String(contentsOfFile: root + "/target/docs/data.js", encoding: .utf8)
        #expect(data.hasPrefix("window.FLOWC_DOCS = JSON.parse('{"))
        #expect(data.contains("Paid orders, **twice**."))
        #expect(data.contains("\"twice\""))  // a column known from the SQL's lineage

        // as dbt's: a selection narrows the catalog (and what is compiled), not the site
        let selected = try CLITests.flowc(["docs", "generate", "-s", "paid", "--exclude", "orders"], in: root)
        #expect(selected.code == 0, "\(selected.output)")
        let narrowed = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: root + "/target/catalog.json"))) as? [String: Any])
        #expect(Set((narrowed["nodes"] as? [String: Any] ?? [:]).keys) == ["model.shop.paid"])
        #expect(try String(contentsOfFile: root + "/target/docs/data.js", encoding: .utf8).contains("Paid orders, **twice**."))

        let svg = try CLITests.flowc(["docs", "graph", "-s", "+doubled", "--out", "g.svg"], in: root)
        #expect(svg.code == 0, "\(svg.output)")
        let text = try String(contentsOfFile: root + "/g.svg", encoding: .utf8)
        for name in ["orders", "paid", "doubled"] { #expect(text.contains(">\(name)</text>")) }

        let none = try CLITests.flowc(["docs", "graph", "-s", "nothing_here", "--out", "g.svg"], in: root)
        #expect(none.code == 2)
        let serve = try CLITests.flowc(["docs", "serve", "--port", "0", "--target-path", "elsewhere"], in: root)
        #expect(serve.code == 2 && serve.output.contains("run `flowc docs generate` first"))
    }
}
