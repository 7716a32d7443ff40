// The jinja2 side of the benchmark: runs scripts/bench_jinja2.py on the written corpus, reads
// its JSON timings, and compares the model outputs it wrote to DIR/out/ with flowc's.

import FlowcTemplate
import Glibc

struct Jinja2Result {
    var version = "?"
    var parseMBPerSecond = 0.0
    var renderSeconds = 0.0
    var rendered = 0
    var errorCount = 0
    var firstErrors: [String] = []
}

struct OutputComparison {
    var matched = 0
    var mismatched: [String] = []
    /// Where the first mismatch starts: line number and both lines.
    var firstDifference: String?
}

enum Jinja2Run {
    static func available() -> Bool {
        system("python3 -c 'import jinja2' >/dev/null 2>&1") == 0
    }

    /// scripts/bench_jinja2.py from the working directory, else from this source file's checkout.
    static func scriptPath(sourceFile: String = #filePath) -> String? {
        let relative = "scripts/bench_jinja2.py"
        if FileIO.exists(relative) { return relative }
        var parts = sourceFile.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count > 3 {
            parts.removeLast(3)  // Sources/FlowcBench/<file>
            let candidate = parts.joined(separator: "/") + "/" + relative
            if FileIO.exists(candidate) { return candidate }
        }
        return nil
    }

    static func run(script: String, directory: String, repeatCount: Int) throws -> Jinja2Result {
        let json = directory + "/jinja2.json"
        let command = "python3 \(FileIO.shellQuote(script)) \(FileIO.shellQuote(directory)) --repeat \(repeatCount) > \(FileIO.shellQuote(json))"
        let status = system(command)
        guard status == 0, let text = FileIO.read(json) else {
            throw FileError(description: "bench_jinja2.py failed (status \(status)); command: \(command)")
        }
        guard case .dict(let d) = try Value.fromJSON(text) else {
            throw FileError(description: "bench_jinja2.py printed no JSON object")
        }
        var r = Jinja2Result()
        r.version = d.get("jinja2_version")?.stringValue ?? "?"
        r.parseMBPerSecond = d.get("parse_mb_per_s")?.doubleValue ?? 0
        r.renderSeconds = d.get("render_seconds")?.doubleValue ?? 0
        r.rendered = d.get("rendered")?.intValue ?? 0
        r.errorCount = d.get("errors")?.intValue ?? 0
        if case .list(let errors)? = d.get("first_errors") {
            r.firstErrors = errors.items.compactMap { $0.stringValue }
        }
        return r
    }

    /// Compares flowc's output of every model with DIR/out/<model> (missing on either side
    /// counts as a mismatch).
    static func compare(_ corpus: Corpus, flowc outputs: [String: String], directory: String) -> OutputComparison {
        var c = OutputComparison()
        for model in corpus.models {
            let expected = FileIO.read(directory + "/out/" + model.name)
            if let expected, let actual = outputs[model.name], expected == actual {
                c.matched += 1
                continue
            }
            c.mismatched.append(model.name)
            if c.firstDifference == nil, let expected, let actual = outputs[model.name] {
                c.firstDifference = firstDifference(model.name, expected, actual)
            }
        }
        return c
    }

    static func firstDifference(_ name: String, _ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        let lineA = i < a.count ? String(a[i].prefix(120)).debugDescription : "<end of output>"
        let lineB = i < b.count ? String(b[i].prefix(120)).debugDescription : "<end of output>"
        return "\(name) line \(i + 1):\n    jinja2: \(lineA)\n    flowc:  \(lineB)"
    }
}
