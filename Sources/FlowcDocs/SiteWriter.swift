// Writes the static docs site: index.html and the embedded scripts and stylesheet, data.js (every
// item without its SQL), lineage.js (the column-lineage edges, loaded when the graph follows a
// column) and sql/<k>.js (the SQL of items k*chunk ..< (k+1)*chunk, loaded when a page shows it). Data is JavaScript assigning globals,
// not JSON fetched at run time, because browsers refuse fetch() from file:// pages.
import FlowcGraph
import Foundation

public enum SiteWriter {
    /// Items per SQL file: small enough that opening a page loads little, few enough files.
    public static let sqlChunk = 100

    public struct Written: Sendable {
        public var files: Int
        public var bytes: Int
    }

    /// Writes the site into `directory` (created if needed) and returns what it wrote.
    public static func write(_ data: DocsData, generatedAt: String, flowcVersion: String, to directory: String) throws -> Written {
        var written = Written(files: 0, bytes: 0)
        func put(_ relative: String, _ text: String) throws {
            let path = directory + "/" + relative
            let dir = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let bytes = Data(text.utf8)
            try bytes.write(to: URL(fileURLWithPath: path))
            written.files += 1
            written.bytes += bytes.count
        }
        // Old SQL chunks of a larger project would linger and mislead.
        try? FileManager.default.removeItem(atPath: directory + "/sql")
        for (name, text) in SiteAssets.files { try put(name, text) }
        try put("data.js", dataScript(JSONWriter.encode(dataJSON(data, generatedAt: generatedAt, flowcVersion: flowcVersion))))
        // Column lineage is a quarter of the data on large projects and only the graph needs
        // it, so it loads when a column is opened.
        try put("lineage.js", "flowcLineage(" + JSONWriter.string(.array(lineageEdges(data))) + ");\n")
        for (k, rows) in sqlChunks(data).enumerated() {
            try put("sql/\(k).js", "flowcSQL(\(k), " + JSONWriter.string(.array(rows)) + ");\n")
        }
        return written
    }

    /// The column-lineage edges: [from, fromColumn, to, toColumn (-1: filter/join), kind's first letter].
    static func lineageEdges(_ data: DocsData) -> [JSON] {
        data.edges.map { e in
            .array([.int(e.from), .int(e.fromColumn), .int(e.to), .int(e.toColumn), .string(String(e.kind.rawValue.prefix(1)))])
        }
    }

    /// The items' [raw, compiled] SQL, `sqlChunk` items per chunk.
    static func sqlChunks(_ data: DocsData) -> [[JSON]] {
        stride(from: 0, to: data.items.count, by: sqlChunk).map { start in
            data.items[start..<min(data.items.count, start + sqlChunk)].map { .array([.string($0.rawSQL), .string($0.compiledSQL)]) }
        }
    }

    /// `window.FLOWC_DOCS = JSON.parse('…')`: browsers parse a JSON string about twice as fast
    /// as the same data written as a JavaScript object literal (measured cold on 10,000 models:
    /// 207 ms against 389 ms in V8), and data.js parsing is most of a large site's load time.
    static func dataScript(_ json: [UInt8]) -> String {
        var out: [UInt8] = Array("window.FLOWC_DOCS = JSON.parse('".utf8)
        out.reserveCapacity(json.count + json.count / 16 + 64)
        for b in json {
            // inside a single-quoted literal only the backslash and the quote need escaping (the
            // JSON writer already escaped control characters)
            if b == UInt8(ascii: "\\") || b == UInt8(ascii: "'") { out.append(UInt8(ascii: "\\")) }
            out.append(b)
        }
        out += Array("');\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    static func dataJSON(_ data: DocsData, generatedAt: String, flowcVersion: String) -> JSON {
        // Fields at their default are left out (app.js fills them in): on a 10,000-model
        // project that is a quarter of data.js, and parsing it is most of the load time.
        let items: [JSON] = data.items.map { item in
            var o = JSONObject([("id", .string(item.id)), ("type", .string(item.type)), ("name", .string(item.name))])
            if item.package != data.projectName { o["pkg"] = .string(item.package) }
            o["path"] = .string(item.path)
            o["fqn"] = .array(item.fqn.map { .string($0) })
            if !item.description.isEmpty { o["desc"] = .string(item.description) }
            if !item.tags.isEmpty { o["tags"] = .array(item.tags.map { .string($0) }) }
            if item.materialized != item.type { o["mat"] = .string(item.materialized) }
            if !item.relation.isEmpty { o["rel"] = .string(item.relation) }
            if !item.parents.isEmpty { o["parents"] = .array(item.parents.map { .int($0) }) }
            // (a test's columns too: column-lineage edges point into singular tests)
            if !item.columns.isEmpty {
                o["cols"] = .array(item.columns.map { c in
                    // [name, type, description, tags, tests] without trailing empties
                    var a: [JSON] = [.string(c.name), .string(c.type), .string(c.description),
                                     .array(c.tags.map { .string($0) }), .array(c.tests.map { .string($0) })]
                    while a.count > 1, a.last == .string("") || a.last == .array([]) { a.removeLast() }
                    return .array(a)
                })
            }
            if !item.sourceName.isEmpty { o["src"] = .string(item.sourceName) }
            if !item.details.isEmpty { o["info"] = .array(item.details.map { .array([.string($0.label), .string($0.value)]) }) }
            if !item.lineageStatus.isEmpty && item.type != "test" { o["lineage"] = .string(item.lineageStatus) }
            if let rows = item.rowCount { o["rows"] = .int(rows) }
            if !item.rawSQL.isEmpty || !item.compiledSQL.isEmpty { o["sql"] = 1 }
            return .object(o)
        }
        return .object(JSONObject([
            ("meta", .object(JSONObject([
                ("project", .string(data.projectName)), ("adapter", .string(data.adapter)),
                ("generated_at", .string(generatedAt)), ("flowc_version", .string(flowcVersion)),
                ("catalog", .bool(data.hasCatalog)), ("sql_chunk", .int(sqlChunk)), ("edges", .int(data.edges.count)),
            ]))),
            ("overview", .string(data.overview)), ("items", .array(items)),
        ]))
    }
}
