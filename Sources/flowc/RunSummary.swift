// The end of a run as dbt prints it: the "Finished running" count line, each error and
// warning with its node, the Done line; and the early end when a project hook cannot render.
import FlowcGraph
import FlowcRun
import Foundation

extension RunDriver {
    /// A command ended by a project hook that could not be rendered: as dbt, what ran is
    /// counted in its "Finished running" line, then "Encountered an error:" and the error.
    static func reportAbort(_ aborted: RunAbort, _ outcome: RunOutcome, inv: Invocation, presenter: RunPresenter) {
        if !aborted.beforeRunning {
            presenter.line("")
            presenter.finished(statLine(outcome, inv.build.manifest), seconds: outcome.elapsed)
        }
        let text = "Encountered an error:\n" + aborted.message
        presenter.line(presenter.paint(text, "31"), always: true,
                       event: DbtEvent("MainEncounteredError", "Z002", level: "error", [("exc", .string(aborted.message))]))
    }

    /// dbt's get_counts: keyed by resource type (a model's by its materialization), sorted by
    /// key, and pluralized as dbt's NodeType does ("1 test", "27 data tests").
    static func statLine(_ outcome: RunOutcome, _ m: Manifest) -> String {
        var kinds: [String: Int] = [:]
        for r in outcome.results {
            guard let n = m.runnable(r.uniqueId) else {
                if r.uniqueId.hasPrefix("operation.") { kinds["project hook", default: 0] += 1 }
                continue
            }
            kinds[n.resourceType == .model ? "\(n.materialized) model" : n.resourceType.rawValue, default: 0] += 1
        }
        let plurals = ["analysis": "analyses", "saved_query": "saved_queries", "test": "data_tests"]
        let parts = kinds.keys.sorted().map { key -> String in
            let count = kinds[key] ?? 0
            let word = count == 1 ? key : plurals[key] ?? key + "s"
            return "\(count) " + word.replacingOccurrences(of: "_", with: " ")
        }
        return parts.joined(separator: ", ")
    }

    static func summarize(_ outcome: RunOutcome, inv: Invocation, presenter: RunPresenter, showTiming: Bool) {
        let m = inv.build.manifest
        presenter.line("")
        presenter.finished(statLine(outcome, m), seconds: outcome.elapsed)
        // dbt lists errors and failures at the end; a partial success counts as an error only in
        // the Done line
        let errors = outcome.results.filter { $0.status == .error || $0.status == .fail }
        let errorCount = outcome.results.filter(\.isFailure).count
        let warns = outcome.results.filter { $0.status == .warn }
        presenter.line("")
        let summary = DbtEvent("EndOfRunSummary", "Z030", [("keyboard_interrupt", .bool(outcome.interrupted)),
                                                            ("num_errors", .int(errors.count)),
                                                            ("num_partial_success", .int(outcome.results.filter { $0.status == .partialSuccess }.count)),
                                                            ("num_warnings", .int(warns.count))])
        let partial = outcome.results.filter { $0.status == .partialSuccess }.count
        func plural(_ n: Int, _ word: String, _ words: String) -> String { "\(n) \(n == 1 ? word : words)" }
        // dbt 1.11's EndOfRunSummary, an info line (--quiet hides it, as dbt's)
        let (headline, colour): (String, String) = outcome.interrupted ? ("Exited because of keyboard interrupt", "33")
            : !errors.isEmpty ? ("Completed with \(plural(errors.count, "error", "errors")), \(plural(partial, "partial success", "partial successes")), "
                                 + "and \(plural(warns.count, "warning", "warnings")):", "31")
            : partial > 0 ? ("Completed with \(plural(partial, "partial success", "partial successes")) and \(plural(warns.count, "warning", "warnings"))", "33")
            : !warns.isEmpty ? ("Completed with \(plural(warns.count, "warning", "warnings")):", "33")
            : ("Completed successfully", "32")
        presenter.line(presenter.paint(headline, colour), event: summary)
        // each error, then each warning, as dbt's print_run_result_error: a heading naming the
        // node, its message, where its compiled code is. The heading and message of an error are
        // error-level (shown under --quiet), a warning's warn-level, the rest info.
        for r in errors + warns {
            let n = m.runnable(r.uniqueId) ?? m.operations[r.uniqueId]
            let what = n.map { "\($0.resourceType == .test ? "test" : $0.resourceType.rawValue) \($0.name) (\($0.originalFilePath))" } ?? r.uniqueId
            let isError = r.isFailure
            let (name, path) = (n?.name ?? r.uniqueId, n?.originalFilePath ?? "")
            let resourceType = n.map { $0.resourceType == .test ? "test" : $0.resourceType.rawValue } ?? ""
            presenter.line("")
            presenter.line(presenter.paint("\(isError ? "Failure" : "Warning") in \(what)", isError ? "31" : "33"), always: isError,
                           event: DbtEvent(isError ? "RunResultFailure" : "RunResultWarning", isError ? "Z022" : "Z021",
                                           level: isError ? "error" : "warn",
                                           [("node_name", .string(name)), ("path", .string(path)), ("resource_type", .string(resourceType))]))
            // dbt indents an error's message, not a warning's
            let message = (isError ? "  " : "") + (r.message ?? "\(r.status.rawValue)")
            presenter.line(isError ? presenter.paint(message, "31") : message, always: isError,
                           event: DbtEvent(isError ? "RunResultError" : "RunResultWarningMessage", isError ? "Z024" : "Z046",
                                           level: isError ? "error" : "warn", [("msg", .string(r.message ?? ""))]))
            if let path = r.compiledPath {
                presenter.line("")
                presenter.line("  compiled code at \(path)", event: DbtEvent("SQLCompiledPath", "Z026", [("path", .string(path))]))
            }
            // a test that stored its failing rows says where
            if n?.isAnyTest == true, let relation = r.relationName {
                let query = "select * from \(relation)"
                let border = String(repeating: "-", count: query.count)
                presenter.line("")
                presenter.line("  See test failures:\n  \(border)\n  \(query)\n  \(border)",
                               event: DbtEvent("CheckNodeTestFailure", "Z027", [("relation_name", .string(relation))]))
            }
        }
        presenter.line("")
        // where the time went: the database's share and flowc's own, per node (also logged)
        let database = outcome.results.reduce(0) { $0 + $1.databaseTime }
        // With one thread, wall minus database time is exactly flowc's own; with more, the
        // nodes' own work (compile, bookkeeping) is summed instead, since waits overlap.
        let nodeCount = Double(max(1, outcome.results.count))
        let own = inv.threads <= 1 ? max(0, outcome.elapsed - database)
            : outcome.results.reduce(0) { $0 + max(0, $1.executionTime - $1.databaseTime) }
        presenter.line(String(format: "Timing: %.2fs wall, %.2fs in the database, flowc's own %.2fs (%.2f ms per node",
                              outcome.elapsed, database, own, own * 1000 / nodeCount)
                       + (inv.threads <= 1 ? ")" : ", summed over nodes)"), always: showTiming)
        let pass = outcome.count(.pass) + outcome.count(.success)
        let stats = DbtEvent("StatsLine", "Z023", [("stats", .object(DbtEvent.sorted([
            ("error", .int(errorCount)), ("pass", .int(pass)), ("skip", .int(outcome.count(.skipped))),
            ("total", .int(outcome.results.count)), ("warn", .int(warns.count)), ("noop", .int(outcome.count(.noOp))),
        ])))])
        presenter.line("Done. PASS=\(pass) WARN=\(warns.count) ERROR=\(errorCount) SKIP=\(outcome.count(.skipped)) NO-OP=\(outcome.count(.noOp)) TOTAL=\(outcome.results.count)",
                       event: stats)
    }
}
