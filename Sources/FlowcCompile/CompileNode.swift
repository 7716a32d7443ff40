// Compiling one node on a caller's worker, for the run stage: there each node is rendered
// just before it runs, with the live warehouse in its NodeState (is_incremental(), run_query,
// introspection), and its ephemeral parents rendered the same way and inlined as CTEs.
import FlowcGraph
import FlowcProject
import FlowcTemplate

extension Compiler {
    /// A resolver of ref()/source() over the manifest (ephemeral models become CTE names).
    public static func resolver(for build: GraphBuild) -> any RelationResolver {
        ManifestResolver(build.manifest, dialect: build.setup.dialect)
    }

    /// Renders `id` and its ephemeral ancestors with states made by `makeState`.
    /// Throws the first template error, as a Diagnostic naming the node's file.
    public static func compileNode(_ id: String, build: GraphBuild, worker: RenderWorker,
                                   makeState: (Node) -> NodeState) throws -> CompiledNode {
        let manifest = build.manifest
        guard let node = manifest.nodes[id] else {
            throw Diagnostic(.error, "no node \(id) in the manifest")
        }
        var sql: [String: String] = [:]
        func render(_ n: Node) throws -> String {
            if let done = sql[n.uniqueId] { return done }
            let state = makeState(n)
            do {
                func template() throws -> Template {
                    try build.templates[n.uniqueId] ?? worker.environment.parse(n.rawCode, name: n.displayPath)
                }
                let text = if let kwargs = n.testMetadata?.kwargs {
                    try worker.renderGenericTest(n, kwargs: kwargs, state: state, native: Compiler.reusesParseRenders, template: template)
                } else {
                    try worker.render(template(), state: state)
                }
                sql[n.uniqueId] = text
                return text
            } catch let d as Diagnostic {
                throw d
            } catch {
                throw Compiler.diagnostic(error, n)
            }
        }
        // ephemeral ancestors first, so the CTE list can be built from their SQL
        var seen: Set<String> = []
        func visit(_ n: Node) throws {
            for p in n.dependsOnNodes where !seen.contains(p) {
                seen.insert(p)
                guard let parent = manifest.nodes[p], parent.materialized == "ephemeral" else { continue }
                try visit(parent)
                _ = try render(parent)
            }
        }
        try visit(node)
        let body = try render(node)
        let ctes = ephemeralCTEs(for: id, manifest: manifest, sql: sql)
        var compiled = CompiledNode(uniqueId: id, sql: CTEInjection.inject(ctes.map(\.sql), into: body), extraCTEs: ctes,
                                    compiledPath: compiledPath(node, targetPath: manifest.targetPath))
        compiled.ephemeralAncestors = compiledEphemeralAncestors(of: id, manifest: manifest, sql: sql) ?? []
        return compiled
    }
}
