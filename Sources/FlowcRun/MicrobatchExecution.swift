// A microbatch model runs batch by batch (dbt 1.9's incremental_strategy='microbatch'): each
// batch compiles the model with its refs and sources that have an `event_time` filtered to the
// batch's window, then writes it. A first run (or a full refresh) builds the table from the
// first batch; every other batch replaces its window's rows: with a `unique_key` by merging on
// it (dbt-postgres's way), without one by deleting the window's rows and inserting the batch's.
// A failed first batch skips the rest, as in dbt; a later failed batch does not stop the others,
// and the model is then a partial success.
import FlowcCompile
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
        try ensureSchema(node)
        try runHooks("pre-hook", node: node)
        var succeeded: [(String, String)] = []
        var failed: [(String, String)] = []
        var tableExists = incremental
        var firstError: String?
        // as the progress lines name the model: schema.name, unquoted
        let relation = node.schema + "." + node.alias
        // dbt runs the first batch alone; when it fails, every later batch is skipped
        var skipRest = false
        // each batch's statements go to its own target/run/ file, as its compiled SQL does (the
        // pre-hooks' to the first batch's, the post-hooks' to the last's)
        let runPath = Compiler.runPath(node, targetPath: context.build.manifest.targetPath)
        var lastRunFile: String?
        defer {
            if let last = lastRunFile, let rest = connection.recorded, !rest.isEmpty {
                let earlier = (try? String(contentsOfFile: context.options.projectRoot + "/" + last, encoding: .utf8)) ?? ""
                try? context.write(earlier + Self.runFileText(rest), to: last)
            }
            if lastRunFile != nil { connection.recorded = nil }
        }
        for (i, batch) in batches.enumerated() {
            let window = (Microbatch.sqlTimestamp(batch.start), Microbatch.sqlTimestamp(batch.end))
            let label = Microbatch.label(batch.start, config.batchSize)
            let bounds = (Microbatch.isoTimestamp(batch.start), Microbatch.isoTimestamp(batch.end))
            let subject = "batch \(label) of \(relation)"
            if skipRest {
                failed.append(bounds)
                messages?(Microbatch.progressLine(i + 1, batches.count, "SKIP " + subject, "SKIPPED", seconds: 0), false)
                continue
            }
            messages?(Microbatch.progressLine(i + 1, batches.count, "START " + subject, "RUN"), false)
            let batchStart = Date()
            do {
                let context = MicrobatchBatch(id: label.replacingOccurrences(of: "-", with: ""), start: batch.start, end: batch.end)
                let sql = try compile(node, incremental: tableExists, window: window, batchContext: context, batchLabel: label,
                                      into: &result)
                if i == 0, let contract = try enforceContract(node, sql: sql) { m.contract = contract }
                let r: ExecResult
                if tableExists {
                    let range = dialect.ddl.eventTimeRange(dialect.quote(config.eventTime), window.0, window.1)
                    r = try m.incremental(sql, config: node.config, fullRefresh: false, batchRange: range)
                } else {
                    r = try m.table(sql)
                    tableExists = true
                }
                succeeded.append(bounds)
                messages?(Microbatch.progressLine(i + 1, batches.count, "OK created " + subject, r.message,
                                                  seconds: Date().timeIntervalSince(batchStart)), false)
            } catch let e as WarehouseError where e.kind == .cancelled {
                throw e
            } catch {
                failed.append(bounds)
                let problem = describe(error, node: node)
                firstError = firstError ?? problem
                messages?(Microbatch.progressLine(i + 1, batches.count, "ERROR creating " + subject, "ERROR",
                                                  seconds: Date().timeIntervalSince(batchStart)), false)
                messages?("  " + problem.replacingOccurrences(of: "\n", with: "\n  "), false)
                if i == 0 { skipRest = true }
            }
            if let statements = connection.recorded, !statements.isEmpty {
                let path = Microbatch.batchPath(runPath, label: label)
                try? context.write(Self.runFileText(statements), to: path)
                lastRunFile = path
                connection.recorded = []
            }
        }
        // dbt's result of a microbatch model: its batches, no failures, no compiled code of its
        // own (each batch's is in its file)
        result.failures = 0
        result.compiledCode = nil
        result.compiledPath = nil
        result.notCompiled = true
        result.batches = (succeeded, failed)
        result.timing.append(NodeTiming(name: "execute", startedAt: start, completedAt: Date().timeIntervalSince1970))
        // dbt's words: SUCCESS, PARTIAL SUCCESS (1/3), ERROR (each batch's error was shown as it
        // happened)
        if !failed.isEmpty {
            if succeeded.isEmpty { throw NodeFailure(status: .error, message: firstError ?? "ERROR") }
            throw NodeFailure(status: .partialSuccess, message: "PARTIAL SUCCESS (\(succeeded.count)/\(batches.count))")
        }
        try runHooks("post-hook", node: node)
        try applyGrants(node, relation: m.target, revoking: incremental)
        try persistDocs(node, relation: m.target, kind: "table")
        // dbt leaves the model's adapter_response empty; its batches' responses were shown
        result.message = "SUCCESS"
    }
}
