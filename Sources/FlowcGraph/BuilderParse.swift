// Parse-time rendering of every node with Jinja, in parallel: one RenderWorker per thread,
// each rendering a contiguous share of the nodes with `execute` false, recording ref(),
// source(), config() and the macros each node calls.
import FlowcProject
import FlowcTemplate
import Synchronization

/// Runs `work` over `count` items on up to `threads` threads, results in item order. `work`
/// gets consecutive ranges and builds its own context (a RenderWorker) for each; there are a
/// few ranges per thread, taken in turn, because item costs vary along the range (sorted ids
/// put models before tests) and one range per thread left a thread idle for a third of the time.
public func parallelChunks<Result: Sendable>(count: Int, threads: Int,
                                      _ work: @escaping @Sendable (Range<Int>) -> [Result]) -> [Result] {
    if threads <= 1 || count <= 1 { return work(0..<count) }
    return parallelSlices(count: count, threads: threads, slices: threads * 4, work).flatMap { $0 }
}

struct ParsedNode: Sendable {
    var node: Node
    var template: Template?
    var diagnostics: [Diagnostic]
}

extension Builder {
    mutating func parseRender(_ nodes: [Node], setup: RenderSetup, texts: [String: String]) -> [Node] {
        let threads = options.threads
        let results = parallelChunks(count: nodes.count, threads: threads) { range -> [ParsedNode] in
            var out: [ParsedNode] = []
            let worker: RenderWorker
            do { worker = try RenderWorker(setup: setup) } catch {
                return range.map { ParsedNode(node: nodes[$0], template: nil, diagnostics: []) }
            }
            for i in range {
                out.append(Builder.parseOne(nodes[i], worker: worker, fileText: texts[Builder.textKey(nodes[i])] ?? ""))
            }
            return out
        }
        var parsed: [Node] = []
        parsed.reserveCapacity(results.count)
        for r in results {
            diagnostics.append(contentsOf: r.diagnostics)
            // an enabled node's template wins over a disabled namesake's
            if let t = r.template, r.node.enabled || templates[r.node.uniqueId] == nil { templates[r.node.uniqueId] = t }
            parsed.append(r.node)
        }
        return parsed
    }

    static func parseOne(_ input: Node, worker: RenderWorker, fileText: String) -> ParsedNode {
        var node = input
        guard node.resourceType != .seed, !node.rawCode.isEmpty else {
            let diagnostics = node.resourceType == .seed ? seedHookErrors(node, worker: worker) : []
            return ParsedNode(node: node, template: nil, diagnostics: diagnostics)
        }
        let offset = leadingLines(fileText)
        let template: Template
        do {
            template = try worker.environment.parse(node.rawCode, name: node.displayPath)
        } catch {
            return ParsedNode(node: node, template: nil, diagnostics: [Diagnostic(templateError: error, file: node.displayPath, lineOffset: offset)])
        }
        let state = NodeState(node: node, mode: .parse)
        state.capturesLeniently = true
        var diags: [Diagnostic] = []
        do {
            _ = try worker.render(template, state: state)
        } catch {
            diags.append(Diagnostic(templateError: error, file: node.displayPath, lineOffset: offset))
        }
        captureHookDependencies(state, worker: worker)
        node.refs = state.refs
        node.sources = state.sources
        node.config = state.config
        for (k, v) in state.configCalls { node.unrenderedConfig[ConfigMerge.canonicalKey(k)] = v }
        node.configCallDict = state.configCalls
        node.dependsOnMacros = state.macrosCalled
        for w in state.warnings {
            diags.append(Diagnostic(.warning, w, span: node.span))
        }
        return ParsedNode(node: node, template: template, diagnostics: diags)
    }

    /// dbt's parse error for a seed whose pre- or post-hook calls ref() or source(): a seed
    /// is loaded from its file and depends on nothing.
    static func seedHookErrors(_ seed: Node, worker: RenderWorker) -> [Diagnostic] {
        let hooks = [("pre_hook", "pre-hook"), ("post_hook", "post-hook")].flatMap { name, key in
            HookConfig.statements(seed.config[key]).map { (name, $0) }
        }
        guard hooks.contains(where: { $0.1.containsBytes("{{") || $0.1.containsBytes("{%") }) else { return [] }
        let state = NodeState(node: seed, mode: .parse)
        state.capturesLeniently = true
        captureHookDependencies(state, worker: worker)
        guard !state.refs.isEmpty || !state.sources.isEmpty else { return [] }
        let listed = hooks.map { "\($0.0): \(Value.string($0.1).pythonRepr)" }.joined(separator: ", ")
        return [Diagnostic(.error, "seeds cannot depend on other nodes: seed '\(seed.name)' has a pre- or post-hook that calls "
                               + "ref() or source(), directly or through a macro (\(listed))", span: seed.span,
                           hint: "a seed is loaded from its file; run the statement from a model's hook or an on-run-end hook")]
    }

    /// dbt renders a node's pre- and post-hooks at parse time too, so a ref() or source() in
    /// one is a dependency: the hook then runs after what it reads is built. A hook that fails
    /// to render here is reported when it runs, as in dbt.
    static func captureHookDependencies(_ state: NodeState, worker: RenderWorker) {
        let hooks = HookConfig.statements(state.config["pre-hook"]) + HookConfig.statements(state.config["post-hook"])
        for sql in hooks where sql.containsBytes("{{") || sql.containsBytes("{%") {
            guard let template = try? worker.environment.parse(sql, name: state.node.displayPath) else { continue }
            _ = try? worker.render(template, state: state)
        }
    }
}
