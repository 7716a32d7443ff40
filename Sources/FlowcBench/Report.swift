// The human-readable result table of `flowc-bench template`.

enum Report {
    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    static func row(_ label: String, _ cells: [String]) -> String {
        var line = pad(label, 28) + cells.map { pad($0, 16) }.joined()
        while line.last == " " { line.removeLast() }
        return line
    }

    static func print(corpus: Corpus, options: Options, flowc: FlowcResult,
                      jinja2: Jinja2Result?, comparison: OutputComparison?, skipped: String?) {
        let bytes = corpus.totalBytes
        let models = corpus.models.count
        let parsedBytes = Double(bytes * options.repeatCount)
        let flowcParse = parsedBytes / flowc.parseSeconds / 1e6
        var lines: [String] = []
        lines.append("")
        lines.append("corpus: \(corpus.allFiles.count) files (\(corpus.packages.count) macro packages with \(flowc.macroCount) macros, \(models) models), \(Measure.megabytes(bytes)); repeat \(options.repeatCount)")
        lines.append("")
        let jinjaHeader = jinja2.map { "jinja2 \($0.version)" } ?? "jinja2"
        lines.append(row("", ["flowc", jinjaHeader, "jinja2/flowc"]))
        if let j = jinja2 {
            lines.append(row("parse (MB/s)", [Measure.fixed(flowcParse, 2), Measure.fixed(j.parseMBPerSecond, 2),
                                              Measure.fixed(flowcParse / j.parseMBPerSecond, 1) + "x"]))
            lines.append(row("parse+render, best (s)", [Measure.fixed(flowc.renderBest, 3), Measure.fixed(j.renderSeconds, 3),
                                                        Measure.fixed(j.renderSeconds / flowc.renderBest, 1) + "x"]))
            lines.append(row("models rendered", ["\(models - flowc.errorCount)/\(models)", "\(j.rendered)/\(models)"]))
        } else {
            lines.append(row("parse (MB/s)", [Measure.fixed(flowcParse, 2), "-", "-"]))
            lines.append(row("parse+render, best (s)", [Measure.fixed(flowc.renderBest, 3), "-", "-"]))
            lines.append(row("models rendered", ["\(models - flowc.errorCount)/\(models)", "-"]))
        }
        if let c = comparison {
            var text = "\(c.matched)/\(models) identical"
            if !c.mismatched.isEmpty {
                text += "; \(c.mismatched.count) differ, first: " + c.mismatched.prefix(3).joined(separator: ", ")
            }
            lines.append(pad("output match", 28) + text)
        } else if let skipped {
            lines.append(pad("output match", 28) + "not checked (\(skipped))")
        }
        lines.append(pad("peak RSS (flowc-bench)", 28) + (Measure.peakRSS().map(Measure.megabytes) ?? "unknown"))
        if let d = comparison?.firstDifference { lines.append("first difference: " + d) }
        for e in flowc.firstErrors { lines.append("flowc error: " + e) }
        for e in jinja2?.firstErrors ?? [] { lines.append("jinja2 error: " + e) }
        Swift.print(lines.joined(separator: "\n"))
    }
}
