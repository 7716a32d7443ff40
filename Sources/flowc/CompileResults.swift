// target/run_results.json of `flowc compile`, as dbt's compile writes it: one result per
// selected node and compiled hook, `success` with its compiled code and relation name, or `error` with why it did
// not compile. Seeds have no SQL: they succeed with no compiled code, as in dbt.
import FlowcCompile
import FlowcGraph
import FlowcRun
import FlowcSQL
import Foundation

enum CompileResults {
    static func outcome(_ result: CompileResult, compiled ids: [String], seeds: [String], manifest: Manifest,
                        dialect: Dialect, startedAt: Double) -> RunOutcome {
        let finished = Date().timeIntervalSince1970
        var results: [NodeResult] = []
        results.reserveCapacity(ids.count + seeds.count)
        for id in seeds {
            results.append(NodeResult(uniqueId: id, status: .success))
        }
        for id in ids {
            guard let node = manifest.nodes[id] ?? manifest.operations[id] else { continue }
            // dbt leaves ephemeral models' results out (they are compiled into their children)
            if node.resourceType == .model && node.materialized == "ephemeral" { continue }
            guard let c = result.nodes[id] else {
                results.append(NodeResult(uniqueId: id, status: .error, message: failure(id, node, result, manifest)))
                continue
            }
            // a node compiled again over a connection has no offline render times
            let from = c.renderedFrom > 0 ? c.renderedFrom : startedAt
            let to = c.renderedTo > 0 ? c.renderedTo : finished
            let relation = node.hasRelationName
                ? dialect.renderRelation(database: node.database, schema: node.schema, identifier: node.alias) : nil
            results.append(NodeResult(uniqueId: id, status: .success, executionTime: to - from,
                                      timing: [NodeTiming(name: "compile", startedAt: from, completedAt: to)],
                                      compiledCode: c.sql, compiledPath: c.compiledPath, relationName: relation))
        }
        return RunOutcome(results: results, elapsed: finished - startedAt, interrupted: false, startedAt: startedAt)
    }

    /// dbt's message for a node that did not compile: its own error, or the ephemeral parent's
    /// whose SQL it would inline.
    static func failure(_ id: String, _ node: Node, _ result: CompileResult, _ manifest: Manifest) -> String {
        let what = "\(node.resourceType.rawValue) \(node.name) (\(node.originalFilePath))"
        // a query the node ran while compiling that the database refused is a Database Error
        if let d = result.failed[id] ?? result.neededWarehouse[id] { return ErrorHeading.message(d, in: what) }
        let heading = "Compilation Error in \(what)\n  "
        let parent = Compiler.ephemeralAncestors(of: id, manifest: manifest)
            .first { result.failed[$0] != nil || result.neededWarehouse[$0] != nil }
        return heading + "its ephemeral parent \(parent.flatMap { manifest.nodes[$0]?.name } ?? "model") did not compile"
    }
}
