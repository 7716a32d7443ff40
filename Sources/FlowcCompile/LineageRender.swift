// `flowc lineage` output: an indented text tree for people, JSON for scripts, and Graphviz
// DOT or Mermaid for docs (a README can embed the Mermaid block as is).

import FlowcGraph
import FlowcLineage

public enum LineageRender {
    /// A short, readable name: `orders` for a model or seed, `stripe.payments` for a source.
    public static func label(_ id: String, _ lineage: ProjectLineage) -> String {
        lineage.nodes[id]?.name ?? id
    }

    static func endpoint(_ node: String, _ column: String?, _ lineage: ProjectLineage) -> String {
        label(node, lineage) + (column.map { ".\($0)" } ?? "")
    }

    public static func text(_ q: LineageQuery, _ lineage: ProjectLineage, nodeLevel: Bool) -> String {
        var lines = [endpoint(q.start.node, q.start.column, lineage)]
        for direction in [LineageQuery.Direction.upstream, .downstream] {
            let steps = q.steps.filter { $0.direction == direction }
            guard !steps.isEmpty else { continue }
            lines.append(direction == .upstream ? "upstream (reads):" : "downstream (read by):")
            var printed: Set<String> = []
            for s in steps {
                let other = direction == .upstream
                    ? endpoint(s.edge.fromNode, nodeLevel ? nil : s.edge.fromColumn, lineage)
                    : endpoint(s.edge.toNode, nodeLevel ? nil : s.edge.toColumn, lineage)
                let via = nodeLevel ? "" : direction == .upstream
                    ? (s.edge.toColumn.map { " → \($0)" } ?? "") : " ← \(s.edge.fromColumn)"
                let line = String(repeating: "  ", count: s.depth) + "\(s.edge.kind.rawValue.padding(9)) \(other)\(via)"
                if printed.insert(line).inserted { lines.append(line) }
            }
        }
        if q.steps.isEmpty { lines.append("  (no column lineage recorded)") }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ q: LineageQuery, _ lineage: ProjectLineage) -> JSON {
        .object(JSONObject([
            ("node", .string(q.start.node)),
            ("column", q.start.column.map { .string($0) } ?? .null),
            ("edges", .array(q.steps.map { s in
                .object(JSONObject([
                    ("direction", .string(s.direction.rawValue)), ("depth", .int(s.depth)),
                    ("from_node", .string(s.edge.fromNode)), ("from_column", .string(s.edge.fromColumn)),
                    ("to_node", .string(s.edge.toNode)), ("to_column", s.edge.toColumn.map { .string($0) } ?? .null),
                    ("kind", .string(s.edge.kind.rawValue)),
                ]))
            })),
        ]))
    }

    /// Edges between the walk's endpoints, merged per pair (node pairs when `nodeLevel`).
    static func pairs(_ q: LineageQuery, _ lineage: ProjectLineage, nodeLevel: Bool)
        -> [(from: String, to: String, kinds: [String])] {
        var order: [String] = []
        var merged: [String: (String, String, Set<String>)] = [:]
        for s in q.steps {
            let from = endpoint(s.edge.fromNode, nodeLevel ? nil : s.edge.fromColumn, lineage)
            let to = endpoint(s.edge.toNode, nodeLevel ? nil : s.edge.toColumn, lineage)
            let k = from + "\u{1}" + to
            if merged[k] == nil { order.append(k); merged[k] = (from, to, []) }
            merged[k]?.2.insert(s.edge.kind.rawValue)
        }
        return order.compactMap { merged[$0].map { ($0.0, $0.1, $0.2.sorted()) } }
    }

    public static func dot(_ q: LineageQuery, _ lineage: ProjectLineage, nodeLevel: Bool) -> String {
        var out = "digraph lineage {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n"
        for p in pairs(q, lineage, nodeLevel: nodeLevel) {
            out += "  \(quoted(p.from)) -> \(quoted(p.to)) [label=\(quoted(p.kinds.joined(separator: ", ")))];\n"
        }
        return out + "}\n"
    }

    public static func mermaid(_ q: LineageQuery, _ lineage: ProjectLineage, nodeLevel: Bool) -> String {
        var ids: [String: String] = [:]
        var out = "flowchart LR\n"
        func id(_ name: String) -> String {
            if let i = ids[name] { return i }
            let i = "n\(ids.count)"
            ids[name] = i
            out += "  \(i)[\"\(name.replacingQuotes())\"]\n"
            return i
        }
        var edges: [String] = []
        for p in pairs(q, lineage, nodeLevel: nodeLevel) {
            let a = id(p.from), b = id(p.to)
            edges.append("  \(a) -->|\(p.kinds.joined(separator: ", "))| \(b)")
        }
        if ids.isEmpty { _ = id(endpoint(q.start.node, q.start.column, lineage)) }
        return out + edges.joined(separator: "\n") + (edges.isEmpty ? "" : "\n")
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func replacingQuotes() -> String { replacingOccurrences(of: "\"", with: "#quot;") }
}
