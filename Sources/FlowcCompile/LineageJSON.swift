// target/lineage.json: the project's column lineage for docs sites, catalogs and scripts.
//
//   { "metadata": { "flowc_version", "generated_at", "invocation_id", "project_name", "dialect" },
//     "nodes": { "<unique_id>": { "resource_type", "name", "relation_name",
//                                 "lineage": "complete" | "partial" | "unknown", "origin", "reason"?,
//                                 "columns": [ { "name", "data_type", "kind"? } ] } },
//     "edges": [ { "from_node", "from_column", "to_node", "to_column", "kind" } ] }
//
// An edge says `to_node.to_column` reads `from_node.from_column`, with kind copy, transform or
// aggregate; edges of kind filter or join have `to_column` null (they shape every row of
// `to_node`, not one column). Nodes and edges are sorted, so the file diffs cleanly.

import FlowcGraph
import FlowcLineage

public struct LineageEdge: Sendable, Hashable {
    public var fromNode: String
    public var fromColumn: String
    public var toNode: String
    public var toColumn: String?
    public var kind: LineageKind
}

extension ProjectLineage {
    /// Every edge of the project, sorted by target then source.
    public var edges: [LineageEdge] {
        var out: [LineageEdge] = []
        for id in nodes.keys.sorted() {
            guard let n = nodes[id] else { continue }
            for c in n.columns {
                for s in c.sources {
                    out.append(LineageEdge(fromNode: s.relation, fromColumn: s.column, toNode: id, toColumn: c.name,
                                           kind: c.kind ?? .copy))
                }
            }
            for s in n.filters { out.append(LineageEdge(fromNode: s.relation, fromColumn: s.column, toNode: id, toColumn: nil, kind: .filter)) }
            for s in n.joins { out.append(LineageEdge(fromNode: s.relation, fromColumn: s.column, toNode: id, toColumn: nil, kind: .join)) }
        }
        return out
    }

    public func json(metadata: JSONObject) -> JSON {
        var nodesJSON = JSONObject()
        for id in nodes.keys.sorted() {
            if let n = nodes[id] { nodesJSON[id] = Self.nodeJSON(n) }
        }
        return .object(JSONObject([("metadata", .object(metadata)), ("nodes", .object(nodesJSON)),
                                   ("edges", .array(edges.map(Self.edgeJSON)))]))
    }

    /// The same document as `json(metadata:)`, written one node and one edge per line: large
    /// projects have 100,000 edges, and this keeps the file diffable without a giant value.
    public func jsonText(metadata: JSONObject) -> String {
        var w = JSONWriter(indent: 0, reserve: 1 << 20)
        w.raw("{\n\"metadata\": ")
        w.write(.object(metadata), depth: 1)
        w.raw(",\n\"nodes\": {")
        // Nodes and edges are encoded in parallel slices and joined in order: lineage.json of a
        // 10,000-model project is tens of megabytes.
        let ids = nodes.keys.sorted()
        let nodes = self.nodes
        let nodeParts = parallelSlices(count: ids.count, threads: 2, slices: 16) { range -> [UInt8] in
            var part = JSONWriter(indent: 0, reserve: range.count * 512)
            for i in range {
                guard let n = nodes[ids[i]] else { continue }
                part.raw(i == 0 ? "\n  " : ",\n  ")
                part.writeString(ids[i])
                part.raw(": ")
                part.write(Self.nodeJSON(n), depth: 2)
            }
            return part.bytes
        }
        for part in nodeParts { w.append(part) }
        w.raw("\n},\n\"edges\": [")
        let edges = self.edges
        let edgeParts = parallelSlices(count: edges.count, threads: 2, slices: 16) { range -> [UInt8] in
            var part = JSONWriter(indent: 0, reserve: range.count * 160)
            for i in range {
                part.raw(i == 0 ? "\n  " : ",\n  ")
                Self.writeEdge(edges[i], into: &part)
            }
            return part.bytes
        }
        for part in edgeParts { w.append(part) }
        w.raw("\n]\n}\n")
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static func nodeJSON(_ n: NodeLineage) -> JSON {
            var o = JSONObject([
                ("resource_type", .string(n.resourceType)), ("name", .string(n.name)),
                ("relation_name", n.relationName.map { .string($0) } ?? .null),
                ("lineage", .string(n.status.rawValue)), ("origin", .string(n.origin)),
            ])
            if let reason = n.reason { o["reason"] = .string(reason) }
            o["columns"] = .array(n.columns.map { c in
                var col = JSONObject([("name", .string(c.name)), ("data_type", c.dataType.map { .string($0) } ?? .null)])
                if let kind = c.kind { col["kind"] = .string(kind.rawValue) }
                return .object(col)
            })
            return .object(o)
    }

    /// `edgeJSON(e)` encoded without building the value (a large project has 100,000s of edges).
    static func writeEdge(_ e: LineageEdge, into w: inout JSONWriter) {
        w.raw("{\"from_node\": ")
        w.writeString(e.fromNode)
        w.raw(", \"from_column\": ")
        w.writeString(e.fromColumn)
        w.raw(", \"to_node\": ")
        w.writeString(e.toNode)
        w.raw(", \"to_column\": ")
        if let column = e.toColumn { w.writeString(column) } else { w.raw("null") }
        w.raw(", \"kind\": ")
        w.writeString(e.kind.rawValue)
        w.raw("}")
    }

    static func edgeJSON(_ e: LineageEdge) -> JSON {
        .object(JSONObject([
            ("from_node", .string(e.fromNode)), ("from_column", .string(e.fromColumn)),
            ("to_node", .string(e.toNode)), ("to_column", e.toColumn.map { .string($0) } ?? .null),
            ("kind", .string(e.kind.rawValue)),
        ]))
    }

    /// The per-column lineage a manifest node's `columns` carry: `{ "kind", "sources": [{ "node", "column" }] }`
    /// by column name, for nodes whose SQL was traced.
    public func manifestColumnLineage(_ id: String) -> [(name: String, dataType: String?, lineage: JSON)]? {
        guard let n = nodes[id], n.origin == "sql" || n.kind != nil else { return nil }
        return n.columns.map { c in
            (c.name, c.dataType, .object(JSONObject([
                ("kind", c.kind.map { .string($0.rawValue) } ?? .null),
                ("sources", .array(c.sources.map { .object(JSONObject([("node", .string($0.relation)), ("column", .string($0.column))])) })),
            ])))
        }
    }
}

private extension NodeLineage {
    var kind: LineageKind? { columns.first?.kind }
}
