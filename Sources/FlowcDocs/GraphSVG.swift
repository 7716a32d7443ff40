// `flowc docs graph --select X --out file.svg`: a selected subgraph as a standalone SVG (no
// scripts, no external fonts or styles) that READMEs and wikis can embed as an image.

public struct GraphSVGNode: Sendable {
    public var label: String
    /// model, seed, source, snapshot, exposure, … (sets the colour)
    public var type: String
    public init(label: String, type: String) {
        self.label = label
        self.type = type
    }
}

public enum GraphSVG {
    static let margin = 20.0

    static func colors(_ type: String) -> (fill: String, stroke: String) {
        switch type {
        case "source": return ("#e6f4ea", "#34a853")
        case "seed": return ("#fef7e0", "#f9ab00")
        case "snapshot": return ("#f3e8fd", "#9334e6")
        case "exposure": return ("#fce8e6", "#d93025")
        case "test": return ("#f1f3f4", "#80868b")
        default: return ("#e8f0fe", "#1a73e8")
        }
    }

    /// The SVG text of `nodes` laid out by `DagLayout` with `edges` (parent, child) as curves.
    public static func render(nodes: [GraphSVGNode], edges: [(Int, Int)]) -> String {
        let layout = DagLayout(count: nodes.count, edges: edges)
        let w = DagLayout.nodeWidth, h = DagLayout.nodeHeight
        let width = layout.width + 2 * margin, height = layout.height + 2 * margin
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" \
            viewBox="0 0 \(fmt(width)) \(fmt(height))" font-family="Helvetica, Arial, sans-serif" font-size="13">
            <rect width="100%" height="100%" fill="#ffffff"/>

            """
        out += "<g fill=\"none\" stroke=\"#9aa0a6\" stroke-width=\"1.3\">\n"
        for (p, c) in edges where p >= 0 && p < nodes.count && c >= 0 && c < nodes.count && p != c {
            let x1 = layout.x[p] + w + margin, y1 = layout.y[p] + h / 2 + margin
            let x2 = layout.x[c] + margin, y2 = layout.y[c] + h / 2 + margin
            let mid = (x1 + x2) / 2
            out += "<path d=\"M\(fmt(x1)),\(fmt(y1)) C\(fmt(mid)),\(fmt(y1)) \(fmt(mid)),\(fmt(y2)) \(fmt(x2)),\(fmt(y2))\"/>\n"
        }
        out += "</g>\n"
        for (i, n) in nodes.enumerated() {
            let (fill, stroke) = colors(n.type)
            let x = layout.x[i] + margin, y = layout.y[i] + margin
            // Long names are cut so the box size (and with it the layout) stays fixed; in the
            // middle, since generated and versioned names differ at their ends.
            let label = n.label.count > 26 ? String(n.label.prefix(12)) + "…" + String(n.label.suffix(13)) : n.label
            out += "<g><title>\(escape(n.type + " " + n.label))</title>"
            out += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(w))\" height=\"\(fmt(h))\" rx=\"6\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
            out += "<text x=\"\(fmt(x + 10))\" y=\"\(fmt(y + h / 2 + 4.5))\" fill=\"#202124\">\(escape(label))</text></g>\n"
        }
        return out + "</svg>\n"
    }

    static func fmt(_ d: Double) -> String {
        let r = (d * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
