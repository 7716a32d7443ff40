// Runs a plan on N threads, each with its own connection. A node starts when everything it
// waits for has finished well; a node that errors or fails skips everything waiting on it,
// transitively, and nothing else. As in dbt, a skipped node is reported when its turn comes
// (its parents done or skipped), so with one thread the lines come in dbt's order.
// --fail-fast and Ctrl-C stop starting nodes and cancel the running statements (their
// transactions roll back, so each relation is old or new).
import FlowcGraph
import FlowcWarehouse
import Foundation

public final class Scheduler: @unchecked Sendable {
    let context: RunContext
    let plan: RunPlan
    let emit: @Sendable (RunEvent) -> Void
    private let cond = NSCondition()
    // All below are guarded by `cond`.
    private var waiting: [String: Int] = [:]
    private var ready: [String] = []
    private var results: [String: NodeResult] = [:]
    private var finishedOrder: [String] = []
    private var running = 0
    private var started = 0
    /// Nodes a worker has taken (running or done).
    private var taken: Set<String> = []
    /// Nodes below a failure, with the failure: they are reported skipped when their turn comes.
    private var skipCause: [String: String] = [:]
    private var stopping = false
    private var executors: [NodeExecutor] = []
    private let rank: [String: Int]

    init(context: RunContext, plan: RunPlan, emit: @escaping @Sendable (RunEvent) -> Void) {
        self.context = context
        self.plan = plan
        self.emit = emit
        var rank: [String: Int] = [:]
        for (i, id) in plan.order.enumerated() { rank[id] = i }
        self.rank = rank
    }

    var total: Int { plan.order.count }

    /// Asks the run to stop: no new nodes start and running statements are cancelled.
    public func interrupt() {
        cond.lock()
        stopping = true
        let running = executors
        cond.broadcast()
        cond.unlock()
        for e in running { e.connection.interrupt() }
    }

    /// Opens the connections (throws when the warehouse is unreachable: nothing has run).
    func openConnections() throws {
        let n = max(1, min(context.options.threads, max(1, plan.order.count)))
        var made: [NodeExecutor] = []
        for i in 0..<n {
            let executor = try NodeExecutor(context: context, threadIndex: i)
            executor.messages = { [emit] in emit(.message($0, isPrint: $1)) }
            executor.warnings = { [emit] in emit(.macroWarning($0)) }
            made.append(executor)
        }
        cond.lock()
        executors = made
        cond.unlock()
    }

    /// Closes every thread's connection (after the run and its hooks).
    func closeConnections() {
        cond.lock()
        let all = executors
        cond.unlock()
        for e in all { e.connection.close() }
    }

    /// The executor of thread 0, for hooks run before and after the nodes.
    var firstExecutor: NodeExecutor? { executors.first }

    func runNodes() -> (results: [NodeResult], interrupted: Bool) {
        cond.lock()
        for id in plan.order { waiting[id] = plan.waitsFor[id]?.count ?? 0 }
        ready = plan.order.filter { waiting[$0] == 0 }.reversed()
        let workers = executors
        cond.unlock()
        let group = DispatchGroup()
        for executor in workers {
            group.enter()
            let thread = Thread { [self] in
                self.workLoop(executor)
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        cond.lock()
        defer { cond.unlock() }
        // nodes never started (interrupted) are reported as skipped
        for id in plan.order where results[id] == nil {
            // as dbt's SkipResult, a skipped node's result has no message
            results[id] = NodeResult(uniqueId: id, status: .skipped)
            finishedOrder.append(id)
        }
        return (finishedOrder.compactMap { results[$0] }, stopping)
    }

    private func workLoop(_ executor: NodeExecutor) {
        cond.lock()
        while true {
            if stopping { break }
            if let id = ready.popLast() {
                guard let node = context.manifest.runnable(id) else { continue }
                taken.insert(id)
                started += 1
                let index = started
                if skipCause[id] != nil {
                    let relation = context.manifest.hasRelationName(node)
                        ? context.build.setup.dialect.renderRelation(database: node.database, schema: node.schema, identifier: node.alias)
                        : nil
                    let r = NodeResult(uniqueId: id, status: .skipped, relationName: relation)
                    results[id] = r
                    finishedOrder.append(id)
                    emit(.finished(index: index, total: total, node: node, description: describe(node), result: r))
                    release(id)
                    continue
                }
                running += 1
                emit(.started(index: index, total: total, node: node, description: describe(node)))
                cond.unlock()
                let result = executor.execute(node)
                cond.lock()
                running -= 1
                finish(node, index: index, result: result)
                cond.broadcast()
                continue
            }
            if running == 0 { break }
            cond.wait()
        }
        cond.broadcast()
        cond.unlock()
    }

    /// Records a result (under the lock) and releases or skips what waits on it.
    private func finish(_ node: Node, index: Int, result: NodeResult) {
        results[node.uniqueId] = result
        finishedOrder.append(node.uniqueId)
        emit(.finished(index: index, total: total, node: node, description: describe(node), result: result))
        if result.isFailure {
            if context.options.failFast {
                stopping = true
                for e in executors { e.connection.interrupt() }
            }
            let cause = result.status == .fail ? "test \(node.name) failed" : "\(node.name) failed"
            if node.resourceType == .unitTest && context.options.command == .build { skipSiblingUnitTests(of: node, cause: cause) }
            markSkipped(below: node.uniqueId, cause: cause)
        }
        release(node.uniqueId)
    }

    /// A node is done (finished or reported skipped): what waits only on done nodes is ready.
    private func release(_ id: String) {
        for d in plan.dependents[id] ?? [] where results[d] == nil {
            waiting[d, default: 0] -= 1
            if waiting[d] == 0 { enqueue(d) }
        }
    }

    /// Inserts a ready node keeping `ready` sorted by descending rank: workers pop from the end,
    /// so earlier-ranked nodes go first, and a binary search keeps each insert cheap.
    private func enqueue(_ id: String) {
        let r = rank[id] ?? 0
        var lo = 0, hi = ready.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if (rank[ready[mid]] ?? 0) > r { lo = mid + 1 } else { hi = mid }
        }
        ready.insert(id, at: lo)
    }

    /// dbt build skips everything below a failed unit test's model in the project's graph, where
    /// the model's other unit tests are its children: those not yet taken are skipped too.
    private func skipSiblingUnitTests(of node: Node, cause: String) {
        let models = Set(node.dependsOnNodes)
        for id in plan.order where results[id] == nil && !taken.contains(id) && skipCause[id] == nil {
            guard let sibling = context.manifest.unitTests[id], !models.isDisjoint(with: sibling.dependsOnNodes) else { continue }
            skipCause[id] = cause
            markSkipped(below: id, cause: cause)
        }
    }

    /// Marks everything waiting on `id`, transitively, as skipped because of `cause`.
    private func markSkipped(below id: String, cause: String) {
        var stack = plan.dependents[id] ?? []
        while let d = stack.popLast() {
            guard results[d] == nil, !taken.contains(d), skipCause[d] == nil else { continue }
            skipCause[d] = cause
            stack.append(contentsOf: plan.dependents[d] ?? [])
        }
    }

    /// "sql table model main.orders", "seed file main.raw_orders", "test not_null_orders_id".
    func describe(_ node: Node) -> String {
        let relation = context.build.setup.dialect.renderRelation(database: nil, schema: node.schema, identifier: node.alias,
                                                                  policy: .init(database: false, schema: false, identifier: false))
        switch node.resourceType {
        case .seed: return "seed file \(relation)"
        case .test: return "test \(node.name)"
        case .unitTest: return "unit_test \(node.unitTestSubject)"
        case .snapshot: return "snapshot \(relation)"
        case .exposure: return "exposure \(node.name)"
        case .savedQuery: return "saved query \(node.name)"
        default:
            let kind = MicrobatchConfig.of(node) == nil ? node.materialized : "microbatch"
            return "sql \(kind) model \(relation)"
        }
    }
}
