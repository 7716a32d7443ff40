// Nodes that asked the warehouse while compiling offline (run_query, dbt_utils.star, …) are
// compiled again over one connection, as dbt's compile and docs generate (which always
// connect) would compile them. Used by `compile` (and `--inline`) and `docs generate`.
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcRun
import FlowcWarehouse

enum LiveRecompile {
    /// Compiles again over a connection those of `ids` that need it (Compiler.needingWarehouse);
    /// does nothing, and opens nothing, when none does.
    static func complete(_ result: inout CompileResult, ids: [String], _ inv: Invocation, empty: Bool,
                         which: String = "compile") {
        let needing = Compiler.needingWarehouse(result, ids: ids, manifest: inv.build.manifest)
        if !needing.isEmpty { run(needing, into: &result, inv, empty: empty, which: which) }
    }

    /// Replaces the offline results of `needing` with what they compile to over a connection.
    /// A node that still fails loses its compiled SQL (an ephemeral parent's failure would
    /// leave an empty CTE in it), and each failure is reported once. When the warehouse cannot
    /// be reached the offline errors stay, and a note says why.
    /// `which` is what `flags.WHICH` says: `compile`, or `generate` for docs generate.
    private static func run(_ needing: [String], into result: inout CompileResult, _ inv: Invocation, empty: Bool,
                            which: String) {
        let outcome: [String: Result<CompiledNode, Diagnostic>]
        do {
            let warehouse = try WarehouseFactory.make(inv.target, projectRoot: inv.project.root)
            var options = RunOptions(command: .run, threads: 1, fullRefresh: inv.build.setup.fullRefresh, projectRoot: inv.project.root,
                                     targetPath: inv.project.config.targetPath, projectName: inv.project.config.name)
            options.empty = empty
            let context = RunContext(build: inv.build, warehouse: warehouse, options: options, which: which)
            outcome = try LiveCompile.compile(context, nodes: needing, messages: &result.messages)
        } catch {
            // what compiles without it does: an incremental model as its full build
            // (is_incremental() false), as if its table did not exist yet
            let offline = Compiler.compile(inv.build, nodes: needing, threads: 1)
            for (id, node) in offline.nodes {
                result.nodes[id] = node
                result.neededWarehouse[id] = nil
            }
            for id in needing { result.messages[id] = offline.messages[id] }
            let asIfNew = needing.filter { offline.nodes[$0] != nil }.count
            Output.stderr("note: \(needing.count) node\(needing.count == 1 ? "" : "s") read the warehouse while compiling, "
                          + "and it could not be reached: \(error)"
                          + (asIfNew > 0 ? "\n\(asIfNew) incremental model\(asIfNew == 1 ? " was" : "s were") compiled as if \(asIfNew == 1 ? "its table" : "their tables") did not exist (is_incremental() false)" : "")
                          + "\n")
            return
        }
        let manifest = inv.build.manifest
        var failures: [String: Diagnostic] = [:]
        for id in needing {
            // the live attempt speaks for the node and for its ephemeral ancestors
            let ancestors = Compiler.ephemeralAncestors(of: id, manifest: manifest)
            switch outcome[id] {
            case .success(let node)?:
                result.nodes[id] = node
                result.neededWarehouse[id] = nil
                for a in ancestors { result.neededWarehouse[a] = nil }
            case .failure(let d)?:
                result.nodes[id] = nil
                result.neededWarehouse[id] = nil
                result.failed[id] = d
                for a in ancestors { result.neededWarehouse[a] = nil }
                failures[d.description] = d
            case nil:
                break
            }
        }
        result.otherDiagnostics += failures.keys.sorted().compactMap { failures[$0] }
    }
}
