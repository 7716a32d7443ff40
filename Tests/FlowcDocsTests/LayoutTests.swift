// The layered layout and its SVG: every edge points right, no two boxes of a layer overlap,
// the barycentric ordering untangles a crossing, cycles do not hang, labels are escaped.
import FlowcDocs
import Testing

@Suite struct LayoutTests {
    /// A deterministic random DAG: edges only from lower to higher indices.
    func randomDAG(_ n: Int, seed: UInt64) -> [(Int, Int)] {
        var state = seed
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        var edges: [(Int, Int)] = []
        for c in 1..<n {
            for _ in 0..<Int(next() % 3) { edges.append((Int(next() % UInt64(c)), c)) }
        }
        return edges
    }

    @Test func edgesPointRightAndLayersDoNotOverlap() {
        for seed in [1, 7, 42] as [UInt64] {
            let n = 120
            let edges = randomDAG(n, seed: seed)
            let layout = DagLayout(count: n, edges: edges)
            for (p, c) in edges {
                #expect(layout.layer[p] < layout.layer[c])
                #expect(layout.x[p] + DagLayout.nodeWidth < layout.x[c])
            }
            // within each layer, boxes are apart vertically
            var byLayer: [Int: [Int]] = [:]
            for i in 0..<n { byLayer[layout.layer[i], default: []].append(i) }
            for nodes in byLayer.values {
                let sorted = nodes.sorted { layout.y[$0] < layout.y[$1] }
                for (a, b) in zip(sorted, sorted.dropFirst()) {
                    #expect(layout.y[a] + DagLayout.nodeHeight <= layout.y[b])
                    #expect(layout.x[a] == layout.x[b])
                }
            }
            // longest path: a node with parents sits one layer right of its rightmost parent
            for c in 0..<n {
                let parents = edges.filter { $0.1 == c }.map(\.0)
                if let deepest = parents.map({ layout.layer[$0] }).max() { #expect(layout.layer[c] == deepest + 1) }
                else { #expect(layout.layer[c] == 0) }
            }
            #expect(layout.width > 0 && layout.height > 0)
        }
    }

    /// Pairs of edges between the same two layers whose ends are in opposite orders.
    func crossings(_ l: DagLayout, _ edges: [(Int, Int)]) -> Int {
        var n = 0
        for (i, a) in edges.enumerated() {
            for b in edges[(i + 1)...] where l.layer[a.0] == l.layer[b.0] && l.layer[a.1] == l.layer[b.1] {
                if (l.row[a.0] - l.row[b.0]) * (l.row[a.1] - l.row[b.1]) < 0 { n += 1 }
            }
        }
        return n
    }

    @Test func barycentersRemoveCrossings() {
        var before = 0, after = 0
        for seed in [3, 5, 11, 13] as [UInt64] {
            let edges = randomDAG(80, seed: seed)
            before += crossings(DagLayout(count: 80, edges: edges, sweeps: 0), edges)
            after += crossings(DagLayout(count: 80, edges: edges), edges)
        }
        #expect(after < before, "crossings: \(before) in input order, \(after) after ordering")
    }

    @Test func cyclesAndBadEdgesDoNotHang() {
        let layout = DagLayout(count: 3, edges: [(0, 1), (1, 2), (2, 0), (5, 1), (-1, 0), (1, 1)])
        #expect(layout.layer.count == 3)
        let empty = DagLayout(count: 0, edges: [])
        #expect(empty.width == 0 && empty.height == 0)
    }

    @Test func svgHasEveryNodeAndEscapesLabels() {
        let nodes = [GraphSVGNode(label: "raw.events", type: "source"), GraphSVGNode(label: "a<b>&c", type: "model"),
                     GraphSVGNode(label: "report", type: "exposure")]
        let svg = GraphSVG.render(nodes: nodes, edges: [(0, 1), (1, 2)])
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 3)
        #expect(svg.components(separatedBy: "<path d=").count - 1 == 2)
        #expect(svg.contains("a&lt;b&gt;&amp;c"))
        #expect(!svg.contains("a<b>"))
        #expect(svg.hasSuffix("</svg>\n"))
    }
}
