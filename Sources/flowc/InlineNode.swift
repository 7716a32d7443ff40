// `--inline "<sql>"` (compile, show): the snippet becomes a node of the project, parsed once
// to learn its refs, so it compiles and runs like any model.
import ArgumentParser
import FlowcGraph
import FlowcTemplate

extension Invocation {
    /// Adds the snippet as `sql_operation.<project>.inline_query`; returns its id.
    mutating func addInlineNode(_ sql: String) throws -> String {
        var node = Node(uniqueId: "sql_operation.\(project.config.name).inline_query", resourceType: .operation,
                        packageName: project.config.name, name: "inline_query", path: "inline_query.sql",
                        originalFilePath: "<inline>", fqn: [project.config.name, "inline_query"], rawCode: sql,
                        checksum: "", config: JSONObject([("materialized", "view"), ("enabled", true)]))
        // in the target's schema, as dbt's inline node (its `schema`, `database` and `this`)
        node.database = build.setup.target["database"]?.stringValue ?? ""
        node.schema = build.setup.target["schema"]?.stringValue ?? ""
        node.alias = node.name
        let worker = try RenderWorker(setup: build.setup)
        let state = NodeState(node: node, mode: .parse)
        // parsed as a model file is: what the warehouse would answer is None while parsing
        state.capturesLeniently = true
        do {
            _ = try worker.render(try worker.environment.parse(sql, name: "<inline>"), state: state)
        } catch let e as TemplateError {
            Output.stderr(e.description)
            throw ExitCode(1)
        }
        var parsed = node
        parsed.refs = state.refs
        parsed.sources = state.sources
        // dbt's lookup order, as the DAG links every other node: the root project's `dupe`
        // before a package's, ref('pkg', 'x') only in that package.
        let manifest = build.manifest
        let refs = RefIndex(manifest.nodes.values, rootProject: manifest.projectName,
                            packageFirst: manifest.refSearchesPackageFirst)
        let sources = SourceIndex(manifest.sources.values, rootProject: manifest.projectName,
                                  packageFirst: manifest.refSearchesPackageFirst)
        var deps: [String] = []
        for id in parsed.refs.compactMap({ refs.node($0, from: manifest.projectName)?.uniqueId })
            + parsed.sources.compactMap({ $0.count == 2 ? sources.source($0[0], $0[1], from: manifest.projectName)?.uniqueId : nil })
        where !deps.contains(id) {
            deps.append(id)
        }
        parsed.dependsOnNodes = deps
        build.manifest.nodes[node.uniqueId] = parsed
        build.manifest.parentMap[node.uniqueId] = parsed.dependsOnNodes
        return node.uniqueId
    }
}
