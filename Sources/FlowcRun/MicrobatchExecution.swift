// A microbatch model runs batch by batch (dbt 1.9's incremental_strategy='microbatch'): each
// batch compiles the model with its refs and sources that have an `event_time` filtered to the
// batch's window, then writes it. A first run (or a full refresh) builds the table from the
// first batch; every other batch replaces its window's rows: with a `unique_key` by merging on
// it (dbt-postgres's way), without one by deleting the window's rows and inserting the batch's.
// A failed batch does not stop the later ones; the model is then a partial success.
import FlowcGraph
import FlowcSQL
import FlowcWarehouse
import Foundation

extension NodeExecutor {
    func runMicrobatch(_ node: Node, config: MicrobatchConfig, materializer: Materializer, incremental: Bool,
                       into result: inout NodeResult) throws {
        var m = materializer
        let options = context.options
        // under --sample the batches cover the sample, as dbt's sample mode sets them
        let batches = Microbatch.batches(config, incremental: incremental, start: options.sample?.start ?? options.eventTimeStart,
                                         end: options.sample?.end ?? options.eventTimeEnd, now: options.startedAt)
        let start = Date().timeIntervalSince1970
        try context.ensureSchema(node.schema, on: connection)
        try runHooks("pre-hook", node: node)
        var succeeded: [(String, String)] = []
        var failed: [(String, String)] = []
        var rows = 0
        var tableExists = incremental
        var firstError: String?
        // as the progress lines name the model: schema.name, unquoted
        let relation = node.schema + "." + node.alias
        for (i, batch) in batches.enumerated() {
            let window = (Microbatch.sqlTimestamp(batch.start), Microbatch.sqlTimestamp(batch.end))
            let label = Microbatch.label(batch.start, config.batchSize)
            let bounds = (Microbatch.isoTimestamp(batch.start), Microbatch.isoTimestamp(batch.end))
            messages?("Batch \(i + 1) of \(batches.count) START batch \(label) of \(relation)", false)
            do {
                let sql = try compile(node, incremental: tableExists, window: window, into: &result)
                if i == 0, let contract = try enforceContract(node, sql: sql) { m.contract = contract }
                let r: ExecResult
                if tableExists {
                    let range = dialect.ddl.eventTimeRange(dialect.quote(config.eventTime), window.0, window.1)
                    r = try m.incremental(sql, config: node.config, fullRefresh: false, batchRange: range)
                } else {
                    r = try m.table(sql)
                    tableExists = true
                }
                rows += r.rowsAffected
                succeeded.append(bounds)
                messages?("Batch \(i + 1) of \(batches.count) OK created batch \(label) of \(relation) [\(r.message)]", false)
            } catch let e as WarehouseError where e.kind == .cancelled {
                throw e
            } catch {
                failed.append(bounds)
                firstError = firstError ?? describe(error, node: node)
                messages?("Batch \(i + 1) of \(batches.count) ERROR creating batch \(label) of \(relation)", false)
                // without its table no later batch can be written
                if !tableExists { failed += batches[(i + 1)...].map { (Microbatch.isoTimestamp($0.start), Microbatch.isoTimestamp($0.end)) }; break }
            }
        }
        result.batches = (succeeded, failed)
        result.timing.append(NodeTiming(name: "execute", startedAt: start, completedAt: Date().timeIntervalSince1970))
        if !failed.isEmpty {
            let status: NodeStatus = succeeded.isEmpty ? .error : .partialSuccess
            throw NodeFailure(status: status, message: "\(failed.count) of \(batches.count) batches failed: " + (firstError ?? ""))
        }
        try runHooks("post-hook", node: node)
        try applyGrants(node, relation: m.target, revoking: incremental)
        try persistDocs(node, relation: m.target, kind: "table")
        result.adapterCode = "SUCCESS"
        result.rowsAffected = rows
        result.message = "SUCCESS \(batches.count) batch\(batches.count == 1 ? "" : "es")"
    }
}
