// `flowc compile` works offline; a node whose SQL depends on what is in the warehouse (run_query,
// adapter.get_columns_in_relation — dbt_utils.star, get_column_values, …) is compiled again
// here over one connection, as dbt's compile (which always connects) would compile it.
import FlowcCompile
import FlowcGraph
import FlowcProject

public enum LiveCompile {
    /// Each node compiled over a connection to the context's warehouse, or the diagnostic of
    /// why it still does not compile. Throws when the warehouse cannot be reached.
    /// `messages` receives each node's log(info=True) and print() lines.
    public static func compile(_ context: RunContext, nodes ids: [String],
                               messages: inout [String: [CompileMessage]]) throws -> [String: Result<CompiledNode, Diagnostic>] {
        let executor = try NodeExecutor(context: context, threadIndex: 0)
        defer { executor.connection.close() }
        var out: [String: Result<CompiledNode, Diagnostic>] = [:]
        for id in ids {
            var said: [CompileMessage] = []
            defer { messages[id] = said.isEmpty ? nil : said }
            // as dbt's compile, which never commits: what a node's or hook's queries write is
            // rolled back (dbt_artifacts' uploads run in on-run-end), each node in its own
            // transaction so that one failed statement does not abort the next node's
            let inTransaction = (try? executor.connection.begin()) != nil
            defer { if inTransaction { try? executor.connection.rollback() } }
            do {
                let incremental = try context.build.manifest.nodes[id].map(executor.isIncremental) ?? false
                let compiled = try Compiler.compileNode(id, build: context.build, worker: executor.worker) { n in
                    let state = NodeState(node: n, mode: .compile)
                    state.resolver = context.resolver
                    state.live = executor.live
                    state.isIncremental = n.uniqueId == id && incremental
                    state.messages = { said.append(CompileMessage(text: $0, isPrint: $1)) }
                    state.warn = CompileMessage.warnings { said.append($0) }
                    state.threadId = executor.threadName
                    return state
                }
                out[id] = .success(compiled)
            } catch let d as Diagnostic {
                out[id] = .failure(d)
            } catch {
                out[id] = .failure(Diagnostic(.error, "\(error)"))
            }
        }
        return out
    }
}
