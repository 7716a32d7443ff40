// Where each node lands in the warehouse: database, schema and alias come from the project's
// (or flowc's built-in) generate_database_name / generate_schema_name / generate_alias_name,
// called with the node's custom config values, exactly as dbt does.
import FlowcProject
import FlowcTemplate

extension Builder {
    mutating func resolveNames(_ nodes: inout [Node], setup: RenderSetup) {
        let input = nodes
        let results = parallelChunks(count: input.count, threads: options.threads) { range -> [ParsedNode] in
            guard let worker = try? RenderWorker(setup: setup) else { return [] }
            let renderer = Renderer(environment: worker.environment)
            var out: [ParsedNode] = []
            for i in range {
                var node = input[i]
                var diags: [Diagnostic] = []
                let state = NodeState(node: node, mode: .parse)
                func name(_ macro: String, _ key: String) -> String? {
                    let custom = node.config[key].map { Value(json: $0) } ?? .none
                    // As dbt: a package's own generate_*_name names its nodes, even over the
                    // root project's; otherwise the root's, else dbt's (never another package's).
                    let own = node.packageName == setup.projectName ? nil : worker.packageMacro(node.packageName, macro)
                    if own == nil, let native = NativeNaming.name(macro, custom: custom, node: node, setup: setup, worker: worker) {
                        return native
                    }
                    do {
                        let args = Arguments([custom, .object(NodeObject(node: node, config: node.config))])
                        let chosen = own ?? worker.packageMacro(setup.projectName, macro)
                            ?? worker.packageMacro(BuiltinMacros.packageName, macro)
                        let v = try chosen.map { try worker.call($0, args, state: state) }
                            ?? worker.callMacro(macro, args, state: state)
                        return NodeFactory.stripped(try renderer.str(v))
                    } catch {
                        diags.append(Diagnostic(templateError: error, file: node.displayPath, lineOffset: 0))
                        return nil
                    }
                }
                node.database = name("generate_database_name", "database") ?? ""
                node.schema = name("generate_schema_name", "schema") ?? ""
                node.alias = name("generate_alias_name", "alias") ?? node.name
                // Legacy snapshot configs name their schema and database outright, as in dbt.
                if node.resourceType == .snapshot {
                    if let s = node.config["target_schema"]?.stringValue, !s.isEmpty { node.schema = s }
                    if let d = node.config["target_database"]?.stringValue, !d.isEmpty { node.database = d }
                }
                out.append(ParsedNode(node: node, template: nil, diagnostics: diags))
            }
            return out
        }
        nodes = []
        nodes.reserveCapacity(input.count)
        for r in results {
            diagnostics.append(contentsOf: r.diagnostics)
            nodes.append(r.node)
        }
        // the nodes as they were (each named node is a copy) are freed off this thread
        DeferredRelease.drop(input)
    }
}

/// dbt's built-in naming macros computed natively. Used only when neither the macro nor its
/// dispatch candidates (`default__…`, `<adapter>__…`) are overridden by the project: then the
/// result is exactly what the built-in Jinja would produce, without three macro calls a node.
enum NativeNaming {
    static func name(_ macro: String, custom: Value, node: Node, setup: RenderSetup, worker: RenderWorker) -> String? {
        guard worker.usesBuiltin(macro) else { return nil }
        func trimmed(_ v: Value) -> String { NodeFactory.stripped(v.pythonString) }
        switch macro {
        case "generate_schema_name":
            let base = setup.target["schema"]?.stringValue ?? ""
            return custom.isNone ? base : "\(base)_\(trimmed(custom))"
        case "generate_database_name":
            return custom.isNone ? (setup.target["database"]?.stringValue ?? "") : trimmed(custom)
        case "generate_alias_name":
            if custom.truthy { return trimmed(custom) }
            // A model version's default alias is `<name>_v<v>` (dots become underscores).
            return node.version.map { "\(node.name)_v\($0.replacingOccurrences(of: ".", with: "_"))" } ?? node.name
        default:
            return nil
        }
    }
}
