// Writes target/manifest.json for an invocation.
import FlowcCompile
import FlowcGraph
import Foundation

enum ManifestFile {
    static func write(_ inv: Invocation, compiled: [String: CompiledNode], to path: String) throws {
        var nodes = JSONObject()
        for id in inv.build.manifest.nodes.keys.sorted() { nodes[id] = .object(JSONObject([("unique_id", .string(id))])) }
        let doc = JSON.object(JSONObject([("nodes", .object(nodes))]))
        try Files.write(JSONWriter.string(doc), to: path)
    }
}
