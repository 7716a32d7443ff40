// Walks the project's column lineage from a node or a column, upstream (what it reads) or
// downstream (what reads it), to a depth: the data behind `flowc lineage`.

import FlowcLineage

public struct LineageQuery: Sendable {
    public enum Direction: String, Sendable {
        case upstream, downstream, both
    }

    /// One step of the walk; `depth` is 1 for edges touching the start.
    public struct Step: Sendable, Hashable {
        public var edge: LineageEdge
        public var depth: Int
        public var direction: Direction
    }

    public var start: (node: String, column: String?)
    public var steps: [Step]

    /// Column walk when `column` is given, else the node's edges (all its columns).
    public init(_ lineage: ProjectLineage, node: String, column: String?, direction: Direction, depth: Int) {
        start = (node, column)
        let edges = lineage.edges
        var byTarget: [String: [LineageEdge]] = [:]
        var bySource: [String: [LineageEdge]] = [:]
        var byTargetNode: [String: [LineageEdge]] = [:]
        var bySourceNode: [String: [LineageEdge]] = [:]
        for e in edges {
            if let c = e.toColumn { byTarget[Self.key(e.toNode, c), default: []].append(e) }
            bySource[Self.key(e.fromNode, e.fromColumn), default: []].append(e)
            byTargetNode[e.toNode, default: []].append(e)
            bySourceNode[e.fromNode, default: []].append(e)
        }
        var steps: [Step] = []
        var seen: Set<Step> = []
        func add(_ s: Step) { if seen.insert(s).inserted { steps.append(s) } }
        let maxDepth = max(1, depth)
        if direction != .downstream {
            // Upstream: follow edges into the current columns (filters/joins of the start node too).
            var frontier: [(String, String?)] = [(node, column)]
            var visited: Set<String> = []
            // stops when the walk runs out, not after --depth idle rounds
            for d in 1...maxDepth {
                if frontier.isEmpty { break }
                var next: [(String, String?)] = []
                for (n, c) in frontier {
                    let incoming = c.map { byTarget[Self.key(n, $0)] ?? [] } ?? (byTargetNode[n] ?? [])
                    let conditions = d == 1 && c != nil ? (byTargetNode[n] ?? []).filter { $0.toColumn == nil } : []
                    for e in incoming + conditions {
                        add(Step(edge: e, depth: d, direction: .upstream))
                        // A filter or join column of the start is shown, not followed further.
                        if c != nil && e.toColumn == nil { continue }
                        let k = Self.key(e.fromNode, column == nil ? "" : e.fromColumn)
                        if visited.insert(k).inserted { next.append((e.fromNode, column == nil ? nil : e.fromColumn)) }
                    }
                }
                frontier = next
            }
        }
        if direction != .upstream {
            var frontier: [(String, String?)] = [(node, column)]
            var visited: Set<String> = []
            // stops when the walk runs out, not after --depth idle rounds
            for d in 1...maxDepth {
                if frontier.isEmpty { break }
                var next: [(String, String?)] = []
                for (n, c) in frontier {
                    let outgoing = c.map { bySource[Self.key(n, $0)] ?? [] } ?? (bySourceNode[n] ?? [])
                    for e in outgoing {
                        add(Step(edge: e, depth: d, direction: .downstream))
                        // Filters and joins shape whole rows: the walk does not continue from them.
                        guard let to = e.toColumn else { continue }
                        let k = Self.key(e.toNode, column == nil ? "" : to)
                        if visited.insert(k).inserted { next.append((e.toNode, column == nil ? nil : to)) }
                    }
                }
                frontier = next
            }
        }
        self.steps = steps
    }

    static func key(_ node: String, _ column: String) -> String { node + "\u{1}" + column.lowercased() }
}
