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
    /// Its hooks' render errors, kept apart: a hook the project file gives many nodes fails for each.
    var hookErrors: [Diagnostic] = []
    /// Its parse-time render, when compiling may reuse it.
    var reusable: ParseRender?
}

extension Builder {
    mutating func parseRender(_ nodes: [Node], setup: RenderSetup, texts: [String: String]) -> [Node] {
        let threads = options.threads
        let files = HookFiles(root: project.root, scopes: scopes)
        let results = parallelChunks(count: nodes.count, threads: threads) { range -> [ParsedNode] in
            var out: [ParsedNode] = []
            let worker: RenderWorker
            do { worker = try RenderWorker(setup: setup) } catch {
                return range.map { ParsedNode(node: nodes[$0], template: nil, diagnostics: []) }
            }
            for i in range {
                out.append(Builder.parseOne(nodes[i], worker: worker, fileText: texts[Builder.textKey(nodes[i])] ?? "",
                                            hookFiles: files))
            }
            return out
        }
        var parsed: [Node] = []
        parsed.reserveCapacity(results.count)
        templates.reserveCapacity(templates.count + results.count)
        parseRenders.reserveCapacity(parseRenders.count + results.count)
        var hookErrors: [Diagnostic] = []
        defer { diagnostics.append(contentsOf: Builder.mergingRepeated(hookErrors)) }
        // the templates no one keeps, freed on a thread of their own: on the main thread that
        // was ~25 ms at N = 10,000 while the other core waited
        var unkept: [Template] = []
        for r in results {
            diagnostics.append(contentsOf: r.diagnostics)
            hookErrors.append(contentsOf: r.hookErrors)
            // an enabled node's template wins over a disabled namesake's. A node compiling
            // will replay keeps no template: one that did not replay after all is parsed again
            // from its code (the templates of 10,000 models held ~16 MB to the end of a run).
            let id = r.node.uniqueId
            if let t = r.template, r.node.enabled || (templates[id] == nil && parseRenders[id] == nil) {
                if r.reusable == nil {
                    templates[id] = t
                } else {
                    templates[id] = nil
                    unkept.append(t)
                }
                parseRenders[id] = r.reusable
            }
            parsed.append(r.node)
        }
        // the results go first, so that `unkept` holds the last reference to each template
        _ = consume results
        DeferredRelease.drop(unkept)
        return parsed
    }

    static func parseOne(_ input: Node, worker: RenderWorker, fileText: String, hookFiles: HookFiles) -> ParsedNode {
        var node = input
        guard node.resourceType != .seed, !node.rawCode.isEmpty else {
            guard node.resourceType == .seed else { return ParsedNode(node: node, template: nil, diagnostics: []) }
            let (diagnostics, hookErrors) = seedHookErrors(node, worker: worker, hookFiles: hookFiles)
            return ParsedNode(node: node, template: nil, diagnostics: diagnostics, hookErrors: hookErrors)
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
        state.configReadsEmpty = true
        // a model's or analysis's text is what compiling it would give, up to its relations,
        // unless the render notes otherwise (a NUL in the code would pass for a slot marker)
        state.recordsOutputSlots = [.model, .analysis].contains(node.resourceType) && !node.rawCode.containsBytes("\u{0}")
        var diags: [Diagnostic] = []
        var reusable: ParseRender?
        do {
            let text = try worker.render(template, state: state)
            if state.recordsOutputSlots { reusable = RenderWorker.reusableRender(text, state: state) }
        } catch {
            diags.append(Diagnostic(templateError: error, file: node.displayPath, lineOffset: offset))
        }
        state.recordsOutputSlots = false
        // the hooks render after the body (their config may come from its config() call); a
        // hook's error is reported only when the body rendered, as dbt stops at the first
        var hookErrors = renderNodeHooks(state, worker: worker, fileText: fileText, files: hookFiles)
        if !diags.isEmpty { hookErrors = [] }
        node.refs = state.refs
        node.sources = state.sources
        node.config = state.config
        for (k, v) in state.configCalls { node.unrenderedConfig[ConfigMerge.canonicalKey(k)] = v }
        node.configCallDict = state.configCalls
        node.dependsOnMacros = state.macrosCalled
        for w in state.warnings {
            diags.append(Diagnostic(.warning, w, span: node.span))
        }
        return ParsedNode(node: node, template: template, diagnostics: diags, hookErrors: hookErrors, reusable: reusable)
    }

    /// dbt's parse error for a seed whose pre- or post-hook calls ref() or source(): a seed
    /// is loaded from its file and depends on nothing. Its hooks' render errors come apart.
    static func seedHookErrors(_ seed: Node, worker: RenderWorker,
                               hookFiles: HookFiles) -> (diagnostics: [Diagnostic], hookErrors: [Diagnostic]) {
        let hooks = [("pre_hook", "pre-hook"), ("post_hook", "post-hook")].flatMap { name, key in
            HookConfig.statements(seed.config[key]).map { (name, $0) }
        }
        guard hooks.contains(where: { $0.1.holdsJinjaTag }) else { return ([], []) }
        let state = NodeState(node: seed, mode: .parse)
        state.capturesLeniently = true
        let hookErrors = renderNodeHooks(state, worker: worker, fileText: "", files: hookFiles)
        guard hookErrors.isEmpty else { return ([], hookErrors) }
        guard !state.refs.isEmpty || !state.sources.isEmpty else { return ([], []) }
        let listed = hooks.map { "\($0.0): \(Value.string($0.1).pythonRepr)" }.joined(separator: ", ")
        return ([Diagnostic(.error, "seeds cannot depend on other nodes: seed '\(seed.name)' has a pre- or post-hook that calls "
                               + "ref() or source(), directly or through a macro (\(listed))", span: seed.span,
                           hint: "a seed is loaded from its file; run the statement from a model's hook or an on-run-end hook")], [])
    }
}
