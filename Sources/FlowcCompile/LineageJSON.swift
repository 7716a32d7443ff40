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
import FlowcProject
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
        nodes.keys.sortedByBytes().flatMap { id in nodes[id].map { Self.edges(of: id, $0) } ?? [] }
    }

    /// The edges into one node: its columns' sources, then its filter and join columns.
    static func edges(of id: String, _ n: NodeLineage) -> [LineageEdge] {
        var out: [LineageEdge] = []
        for c in n.columns {
            for s in c.sources {
                out.append(LineageEdge(fromNode: s.relation, fromColumn: s.column, toNode: id, toColumn: c.name,
                                       kind: c.kind ?? .copy))
            }
        }
        for s in n.filters { out.append(LineageEdge(fromNode: s.relation, fromColumn: s.column, toNode: id, toColumn: nil, kind: .filter)) }
        for s in n.joins { out.append(LineageEdge(fromNode: s.relation, fromColumn: s.column, toNode: id, toColumn: nil, kind: .join)) }
        return out
    }

    public func json(metadata: JSONObject) -> JSON {
        var nodesJSON = JSONObject()
        for id in nodes.keys.sortedByBytes() {
            if let n = nodes[id] { nodesJSON[id] = Self.nodeJSON(n) }
        }
        return .object(JSONObject([("metadata", .object(metadata)), ("nodes", .object(nodesJSON)),
                                   ("edges", .array(edges.map(Self.edgeJSON)))]))
    }

    /// The same document as `json(metadata:)`, written one node and one edge per line: large
    /// projects have 100,000 edges, and this keeps the file diffable without a giant value.
    public func jsonText(metadata: JSONObject) -> String {
        var bytes: [UInt8] = []
        writeJSON(metadata: metadata) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `jsonText(metadata:)` handed to `emit` in pieces, so a file can be written without the
    /// whole text (tens of megabytes on a 10,000-model project) or the list of edges in memory.
    /// Nodes are encoded a batch at a time, each batch in parallel slices, in id order.
    public func writeJSON(metadata: JSONObject, _ emit: ([UInt8]) throws -> Void) rethrows {
        var head = JSONWriter(indent: 0)
        head.raw("{\n\"metadata\": ")
        head.write(.object(metadata), depth: 1)
        head.raw(",\n\"nodes\": {")
        try emit(head.bytes)
        let ids = nodes.keys.sortedByBytes()
        let nodes = self.nodes
        try Self.emitItems(count: ids.count, emit) { i, part in
            guard let n = nodes[ids[i]] else { return }
            part.raw(",\n  ")
            part.writeString(ids[i])
            part.raw(": ")
            Self.writeNode(n, into: &part)
        }
        try emit(Array("\n},\n\"edges\": [".utf8))
        try Self.emitItems(count: ids.count, emit) { i, part in
            guard let n = nodes[ids[i]] else { return }
            for e in Self.edges(of: ids[i], n) {
                part.raw(",\n  ")
                Self.writeEdge(e, into: &part)
            }
        }
        try emit(Array("\n]\n}\n".utf8))
    }

    /// Encodes items 0..<count in batches (each batch in parallel slices) and emits the bytes in
    /// order. Every item starts with its "," separator; the very first one's is dropped.
    private static func emitItems(count: Int, _ emit: ([UInt8]) throws -> Void,
                                  _ write: @escaping @Sendable (Int, inout JSONWriter) -> Void) rethrows {
        var first = true
        let batch = 2048
        for start in stride(from: 0, to: count, by: batch) {
            let end = min(count, start + batch)
            let parts = parallelSlices(count: end - start, threads: 2, slices: 8) { range -> JSONWriter in
                var part = JSONWriter(indent: 0, reserve: range.count * 512)
                for i in range { write(start + i, &part) }
                return part
            }
            for part in parts where part.count > 0 {
                try part.emit(dropping: first ? 1 : 0, emit)
                first = false
            }
        }
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

    /// `nodeJSON(n)` encoded without building the value, as JSONWriter writes it unindented
    /// (building and freeing every node's and column's object was half of writing lineage.json).
    static func writeNode(_ n: NodeLineage, into w: inout JSONWriter) {
        w.member("{\"resource_type\": ", n.resourceType)
        w.member(", \"name\": ", n.name)
        w.member(", \"relation_name\": ", n.relationName)
        w.member(", \"lineage\": ", n.status.rawValue)
        w.member(", \"origin\": ", n.origin)
        if let reason = n.reason { w.member(", \"reason\": ", reason) }
        w.raw(", \"columns\": [")
        for (i, c) in n.columns.enumerated() {
            w.member(i == 0 ? "{\"name\": " : ", {\"name\": ", c.name)
            w.member(", \"data_type\": ", c.dataType)
            if let kind = c.kind { w.member(", \"kind\": ", kind.rawValue) }
            w.raw("}")
        }
        w.raw("]}")
    }

    /// `edgeJSON(e)` encoded without building the value (a large project has 100,000s of edges).
    static func writeEdge(_ e: LineageEdge, into w: inout JSONWriter) {
        w.member("{\"from_node\": ", e.fromNode)
        w.member(", \"from_column\": ", e.fromColumn)
        w.member(", \"to_node\": ", e.toNode)
        w.member(", \"to_column\": ", e.toColumn)
        w.member(", \"kind\": ", e.kind.rawValue)
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
    public func manifestColumnLineage(_ id: String) -> [ManifestWriter.ColumnLineage]? {
        guard let n = nodes[id], n.origin == "sql" || n.kind != nil else { return nil }
        return n.columns.map { c in
            (c.name, c.dataType, c.kind?.rawValue, c.sources.map { (node: $0.relation, column: $0.column) })
        }
    }
}

private extension NodeLineage {
    var kind: LineageKind? { columns.first?.kind }
}
