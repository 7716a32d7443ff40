// `flowc compile` compiles the project hooks (on-run-start / on-run-end, the manifest's
// `operation` nodes) as dbt's compile does: with execute true and a connection for those that
// read the warehouse; each gets a result in run_results.json, compiled code in the manifest and,
// unless it renders to nothing, a file under target/compiled/<project>/dbt_project.yml/hooks/.
import FlowcCompile
import FlowcGraph

enum CompileHooks {
    /// The hooks to compile: every one when nothing narrows the selection (dbt selects its
    /// operation nodes then, `--exclude` of models included); none under `--select`,
    /// `--selector` or `--resource-type`, which in flowc select models and their kin only.
    static func selected(_ inv: Invocation, _ selection: SelectionOptions) -> [String] {
        guard selection.select.isEmpty, selection.selector == nil, selection.resourceTypes.isEmpty else { return [] }
        return inv.build.manifest.operations.keys.sorted()
    }

    /// Compiles `ids` and adds them to `result`.
    static func compile(_ ids: [String], into result: inout CompileResult, _ inv: Invocation, empty: Bool) {
        guard !ids.isEmpty else { return }
        // the compiler renders what the manifest's nodes hold; a copy holds the hooks too
        var hookInv = inv
        for id in ids { hookInv.build.manifest.nodes[id] = inv.build.manifest.operations[id] }
        var hooks = Compiler.compile(hookInv.build, nodes: ids, threads: 1)
        LiveRecompile.complete(&hooks, ids: ids, hookInv, empty: empty)
        result.nodes.merge(hooks.nodes) { _, hook in hook }
        result.otherDiagnostics += hooks.otherDiagnostics
        result.neededWarehouse.merge(hooks.neededWarehouse) { _, hook in hook }
        result.failed.merge(hooks.failed) { _, hook in hook }
        result.messages.merge(hooks.messages) { _, hook in hook }
    }
}
