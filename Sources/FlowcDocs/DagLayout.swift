// A layered left-to-right layout of a DAG (the same steps as the site's layout.js): each node's
// layer is its longest path from a root, so every edge points right; within a layer, nodes are
// ordered by the barycenter of their neighbours in the adjacent layer, sweeping right then left
// a few times, which removes most crossings for little work. Boxes have one fixed size, so one
// row per node keeps a layer free of overlaps by construction.

public struct DagLayout: Sendable {
    public static let nodeWidth = 200.0
    public static let nodeHeight = 30.0
    public static let layerGap = 56.0
    public static let rowGap = 14.0

    /// Layer (column, from the left) and row of each node, by input index.
    public private(set) var layer: [Int]
    public private(set) var row: [Int]
    public private(set) var x: [Double]
    public private(set) var y: [Double]
    public private(set) var width: Double
    public private(set) var height: Double

    /// `edges` are (parent, child) pairs of indices below `count`; others are ignored, and so is
    /// an edge closing a cycle (a DAG has none, but the layout must not loop on bad input).
    public init(count: Int, edges: [(Int, Int)], sweeps: Int = 4) {
        var parents = [[Int]](repeating: [], count: count)
        var children = [[Int]](repeating: [], count: count)
        for (p, c) in edges where p >= 0 && p < count && c >= 0 && c < count && p != c {
            parents[c].append(p)
            children[p].append(c)
        }
        // Kahn's algorithm gives a topological order; nodes on a cycle are appended at the end.
        var indegree = parents.map(\.count)
        var queue = (0..<count).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let n = queue[head]
            head += 1
            for c in children[n] {
                indegree[c] -= 1
                if indegree[c] == 0 { queue.append(c) }
            }
        }
        var placed = [Bool](repeating: false, count: count)
        for n in queue { placed[n] = true }
        let order = queue + (0..<count).filter { !placed[$0] }

        var layer = [Int](repeating: 0, count: count)
        var done = [Bool](repeating: false, count: count)
        for n in order {
            for p in parents[n] where done[p] { layer[n] = max(layer[n], layer[p] + 1) }
            done[n] = true
        }
        let layerCount = (layer.max() ?? -1) + 1
        var layers = [[Int]](repeating: [], count: layerCount)
        for n in order { layers[layer[n]].append(n) }

        var row = [Int](repeating: 0, count: count)
        func number(_ l: Int) { for (i, n) in layers[l].enumerated() { row[n] = i } }
        for l in 0..<layerCount { number(l) }
        func reorder(_ l: Int, by neighbours: [[Int]]) {
            let keyed = layers[l].map { n -> (Int, Double) in
                let ns = neighbours[n].filter { layer[$0] != l }
                let key = ns.isEmpty ? Double(row[n]) : Double(ns.reduce(0) { $0 + row[$1] }) / Double(ns.count)
                return (n, key)
            }
            // stable: ties keep their current order
            layers[l] = keyed.enumerated().sorted { a, b in
                a.element.1 != b.element.1 ? a.element.1 < b.element.1 : a.offset < b.offset
            }.map(\.element.0)
            number(l)
        }
        for _ in 0..<max(0, sweeps) {
            if layerCount > 1 {
                for l in 1..<layerCount { reorder(l, by: parents) }
                for l in stride(from: layerCount - 2, through: 0, by: -1) { reorder(l, by: children) }
            }
        }

        let tallest = layers.map(\.count).max() ?? 0
        let step = Self.nodeHeight + Self.rowGap
        var x = [Double](repeating: 0, count: count)
        var y = [Double](repeating: 0, count: count)
        for (l, nodes) in layers.enumerated() {
            let offset = Double(tallest - nodes.count) * step / 2
            for (i, n) in nodes.enumerated() {
                x[n] = Double(l) * (Self.nodeWidth + Self.layerGap)
                y[n] = offset + Double(i) * step
            }
        }
        self.layer = layer
        self.row = row
        self.x = x
        self.y = y
        width = layerCount == 0 ? 0 : Double(layerCount) * Self.nodeWidth + Double(layerCount - 1) * Self.layerGap
        height = tallest == 0 ? 0 : Double(tallest) * step - Self.rowGap
    }
}
