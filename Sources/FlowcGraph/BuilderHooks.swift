// The project hooks as dbt's manifest lists them: one `operation` node per on-run-start /
// on-run-end statement of the root project and of each package
// (`operation.<package>.<package>-on-run-start-<index>`), so run_results.json's hook results
// name nodes the manifest has. They are kept apart from the DAG's nodes: nothing selects or
// builds them but the run itself.
import FlowcProject
import Foundation

extension Node {
    /// One project hook as dbt names it: `operation.<package>.<package>-<kind>-<index>`
    /// (`kind` on-run-start or on-run-end), from `./dbt_project.yml`. The run renders and
    /// executes this node; the manifest lists it with dbt's defaults.
    /// `checksum` is the project file's (`ProjectConfig.fileChecksum`), as dbt's.
    public static func projectHook(package: String, kind: String, index: Int, sql: String,
                                   config: JSONObject = JSONObject(), checksum: String? = nil) -> Node {
        let name = "\(package)-\(kind)-\(index)"
        return Node(uniqueId: "operation.\(package).\(name)", resourceType: .operation, packageName: package, name: name,
                    path: "hooks/\(name).sql", originalFilePath: "./dbt_project.yml", fqn: [package, "hooks", name],
                    rawCode: sql, checksum: checksum ?? Hashing.sha256Hex(sql), config: config)
    }
}

extension Builder {
    /// The hooks as operation nodes, each rendered once at parse time as dbt renders them, for
    /// the macros it calls and what it refs (its depends_on). A hook that fails to render then
    /// is an error at its place in the project file (ParseTimeHooks.swift); the run renders the
    /// hook again for real.
    mutating func readProjectHooks(setup: RenderSetup) {
        var config = ConfigResolver.defaults(.operation)
        config["materialized"] = "view"
        let anyHooks = scopes.contains { !$0.config.onRunStart.isEmpty || !$0.config.onRunEnd.isEmpty }
        let worker = anyHooks ? try? RenderWorker(setup: setup) : nil
        for scope in scopes {
            let file = scope.prefix + scope.config.fileName
            var text: String?
            if !scope.config.onRunStart.isEmpty || !scope.config.onRunEnd.isEmpty {
                text = try? String(contentsOfFile: project.root + "/" + file, encoding: .utf8)
            }
            for (kind, statements) in [("on-run-start", scope.config.onRunStart), ("on-run-end", scope.config.onRunEnd)] {
                for (i, sql) in statements.enumerated() {
                    var node = Node.projectHook(package: scope.name, kind: kind, index: i, sql: sql, config: config,
                                                checksum: scope.config.fileChecksum)
                    // dbt configures a hook as a model at fqn <project>.hooks.<name>: the project
                    // file's `models:` configs reach it (the manifest shows them; the run does not
                    // read them)
                    for (layer, text) in resolvers[scope.name]?.folderLayersWithText(.model, fqn: node.fqn) ?? [] {
                        ConfigMerge.apply(layer, to: &node.config)
                        for (k, v) in text { node.unrenderedConfig[ConfigMerge.canonicalKey(k)] = v }
                    }
                    node.span = text.flatMap { Self.hookSpan(sql, in: $0, file: file) }
                    if let worker {
                        let state = NodeState(node: node, mode: .parse)
                        state.capturesLeniently = true
                        do {
                            _ = try worker.render(try worker.environment.parse(sql, name: file), state: state)
                        } catch {
                            diagnostics.append(Self.hookDiagnostic(error, at: node.span, file: file, hook: "\(kind) hook \(i)"))
                        }
                        node.dependsOnMacros = state.macrosCalled
                        node.refs = state.refs
                        node.sources = state.sources
                    }
                    node.schema = options.target.schema
                    node.database = options.target.database
                    node.alias = node.name
                    manifest.operations[node.uniqueId] = node
                }
            }
        }
    }

    /// Where a hook's SQL starts in the project file, found by its first line, so that an error
    /// in it points at the file's line (nil when the YAML spells it otherwise, escaped or folded).
    static func hookSpan(_ sql: String, in text: String, file: String) -> SourceSpan? {
        let first = sql.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? sql
        let needle = first.trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return nil }
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let r = line.range(of: needle) else { continue }
            return SourceSpan(file: file, line: n + 1, column: line.distance(from: line.startIndex, to: r.lowerBound) + 1)
        }
        return nil
    }
}
