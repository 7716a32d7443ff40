// dbt's `docs generate --static`: the whole docs site as one file, target/static_index.html,
// which opens from anywhere (a bucket, an email attachment) with nothing beside it. The
// stylesheet, the scripts, the data, the column lineage and every SQL chunk are inlined;
// lineage and SQL wait in `window.__flowcPreloaded`, which app.js reads instead of loading
// lineage.js and sql/<k>.js.
import FlowcGraph
import Foundation

public enum StaticSite {
    /// The single-file site for `data`.
    public static func html(_ data: DocsData, generatedAt: String, flowcVersion: String) -> String {
        let assets = Dictionary(SiteAssets.files.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a })
        var page = assets["index.html"] ?? ""
        page = page.replacingOccurrences(of: "<link rel=\"stylesheet\" href=\"style.css\">",
                                         with: "<style>\n" + (assets["style.css"] ?? "") + "\n</style>")
        let dataJS = SiteWriter.dataScript(JSONWriter.encode(SiteWriter.dataJSON(data, generatedAt: generatedAt, flowcVersion: flowcVersion)))
        var preload = "window.__flowcPreloaded = {sql: {}, lineage: " + JSONWriter.string(.array(SiteWriter.lineageEdges(data))) + "};\n"
        for (k, rows) in SiteWriter.sqlChunks(data).enumerated() {
            preload += "window.__flowcPreloaded.sql[\(k)] = " + JSONWriter.string(.array(rows)) + ";\n"
        }
        for name in ["data.js", "markdown.js", "highlight.js", "select.js", "layout.js", "graph.js", "app.js", "selftest.js"] {
            let body = name == "data.js" ? dataJS : name == "app.js" ? preload + (assets[name] ?? "") : (assets[name] ?? "")
            page = page.replacingOccurrences(of: "<script src=\"\(name)\"></script>", with: "<script>\n" + inlineSafe(body) + "\n</script>")
        }
        return page
    }

    /// Script text that cannot end its <script> element early: `</script` (in a string, say an
    /// item's SQL or description) becomes `<\/script`, and `<!--` (after which a `<script` would
    /// keep the real end tag from closing it) `<\!--`; JavaScript reads both the same.
    public static func inlineSafe(_ script: String) -> String {
        var out = script
        if out.range(of: "</script", options: .caseInsensitive) != nil {
            out = out.replacingOccurrences(of: "</script", with: "<\\/script", options: .caseInsensitive)
        }
        if out.contains("<!--") { out = out.replacingOccurrences(of: "<!--", with: "<\\!--") }
        return out
    }
}
