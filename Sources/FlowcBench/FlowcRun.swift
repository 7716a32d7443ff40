// The flowc side of the benchmark: parse throughput, and parse+render of every model with all
// package macros bound into its root scope (as dbt puts every macro in one namespace).

import FlowcTemplate

struct FlowcResult {
    var parseSeconds = 0.0
    var renderRuns: [Double] = []
    /// Rendered text by model file name, from the first run.
    var outputs: [String: String] = [:]
    var errorCount = 0
    var firstErrors: [String] = []
    var macroCount = 0

    var renderBest: Double { renderRuns.min() ?? 0 }
}

enum FlowcRun {
    /// Parses every file `repeatCount` times; returns the seconds taken.
    static func measureParse(_ corpus: Corpus, repeatCount: Int) throws -> Double {
        let env = Environment()
        let files = corpus.allFiles
        let (_, seconds) = try Measure.time {
            for _ in 0..<repeatCount {
                for f in files { _ = try env.parse(f.text, name: f.name) }
            }
        }
        return seconds
    }

    /// One parse+render run over the whole corpus. Errors in a model are recorded, not thrown;
    /// an error in a macro package is thrown (nothing could render without it).
    static func renderAll(_ corpus: Corpus, into result: inout FlowcResult, keepOutputs: Bool) throws {
        let env = Environment()
        var macros: [(Template, String)] = []
        for p in corpus.packages {
            let template = try env.parse(p.text, name: "macros/" + p.name)
            for name in template.macros.keys.sorted() { macros.append((template, name)) }
        }
        result.macroCount = macros.count
        var errors: [String] = []
        for model in corpus.models {
            do {
                let template = try env.parse(model.text, name: "models/" + model.name)
                let renderer = Renderer(environment: env, context: HostFunctions.context(model: String(model.name.dropLast(4))))
                for (package, name) in macros {
                    if let macro = renderer.macro(package, name) { renderer.root.set(name, macro) }
                }
                let text = try renderer.render(template)
                if keepOutputs { result.outputs[model.name] = text }
            } catch {
                errors.append("\(error)")
            }
        }
        if keepOutputs {
            result.errorCount = errors.count
            result.firstErrors = Array(errors.prefix(3))
        }
    }

    static func run(_ corpus: Corpus, repeatCount: Int) throws -> FlowcResult {
        var result = FlowcResult()
        result.parseSeconds = try measureParse(corpus, repeatCount: repeatCount)
        for i in 0..<repeatCount {
            let (_, seconds) = try Measure.time { try renderAll(corpus, into: &result, keepOutputs: i == 0) }
            result.renderRuns.append(seconds)
        }
        return result
    }
}
