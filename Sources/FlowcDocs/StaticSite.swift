// dbt's `docs generate --static`: the whole docs site as one file, target/static_index.html,
// which opens from anywhere (a bucket, an email attachment) with nothing beside it. The
// stylesheet, the scripts, the data, the column lineage and every SQL chunk are inlined;
// lineage and SQL wait in `window.__flowcPreloaded`, which app.js reads instead of loading
// lineage.js and sql/<k>.js.
import FlowcGraph
import Foundation

public enum StaticSite {
    /// The single-file site for `data`. Assembled in one pass: the page template is small, the
    /// data and SQL it takes in are not (tens of MB for a large project), so they are appended
    /// once rather than substituted into an ever larger string.
    public static func html(_ data: DocsData, generatedAt: String, flowcVersion: String) -> String {
        let assets = Dictionary(SiteAssets.files.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a })
        let dataJS = SiteWriter.dataScript(JSONWriter.encode(SiteWriter.dataJSON(data, generatedAt: generatedAt, flowcVersion: flowcVersion)))
        var preload = "window.__flowcPreloaded = {sql: {}, lineage: " + JSONWriter.string(.array(SiteWriter.lineageEdges(data))) + "};\n"
        for (k, rows) in SiteWriter.sqlChunks(data).enumerated() {
            preload += "window.__flowcPreloaded.sql[\(k)] = " + JSONWriter.string(.array(rows)) + ";\n"
        }
        var inlined: [String: String] = ["<link rel=\"stylesheet\" href=\"style.css\">": "<style>\n" + (assets["style.css"] ?? "") + "\n</style>"]
        for name in ["data.js", "markdown.js", "highlight.js", "select.js", "layout.js", "graph.js", "app.js", "selftest.js"] {
            let body = name == "data.js" ? dataJS : name == "app.js" ? preload + (assets[name] ?? "") : (assets[name] ?? "")
            inlined["<script src=\"\(name)\"></script>"] = "<script>\n" + inlineSafe(body) + "\n</script>"
        }
        var page = ""
        page.reserveCapacity(inlined.values.reduce(0) { $0 + $1.utf8.count } + (assets["index.html"]?.utf8.count ?? 0))
        for line in (assets["index.html"] ?? "").split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let replacement = inlined[trimmed] {
                page += replacement
            } else {
                page += line
            }
            page += "\n"
        }
        if page.hasSuffix("\n\n") { page.removeLast() }
        return page
    }

    /// Script text that cannot end its <script> element early: `</script` (in a string, say an
    /// item's SQL or description) becomes `<\/script`, and `<!--` (after which a `<script` would
    /// keep the real end tag from closing it) `<\!--`; JavaScript reads both the same.
    public static func inlineSafe(_ script: String) -> String {
        // one pass over the bytes: a case-insensitive `</script` or a `<!--` is rare, and
        // Foundation's searches over a multi-megabyte string are slow
        let bytes = Array(script.utf8)
        let lt = UInt8(ascii: "<")
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == lt, i + 1 < bytes.count {
                if bytes[i + 1] == UInt8(ascii: "/"), i + 8 <= bytes.count,
                   String(decoding: bytes[(i + 2)..<(i + 8)], as: UTF8.self).lowercased() == "script" {
                    out.append(contentsOf: bytes[copied...i])
                    out.append(UInt8(ascii: "\\"))
                    copied = i + 1
                } else if bytes[i + 1] == UInt8(ascii: "!"), i + 4 <= bytes.count, bytes[i + 2] == UInt8(ascii: "-"),
                          bytes[i + 3] == UInt8(ascii: "-") {
                    out.append(contentsOf: bytes[copied...i])
                    out.append(UInt8(ascii: "\\"))
                    copied = i + 1
                }
            }
            i += 1
        }
        if copied == 0 { return script }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
