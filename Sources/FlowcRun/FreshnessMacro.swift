// `source freshness` through a `collect_freshness` the project or an installed package defines
// (Fivetran's fivetran_utils ships one; so may a root project's `postgres__collect_freshness`),
// as dbt runs it: called with the source's relation, `loaded_at_field` and `filter`, it returns
// a one-row table of the newest load time and the warehouse's current time (an agate table, or
// the statement result holding one); the age is their difference. Sources with
// `loaded_at_query`, and projects that replace nothing, keep flowc's own query.
import FlowcGraph
import FlowcProject
import FlowcTemplate
import Foundation

public final class FreshnessMacroRunner {
    private let context: RunContext
    private let executor: NodeExecutor
    private let macro: Value
    /// The macro's package: it runs as a node of that package, its macros first, as in dbt.
    private let package: String

    private init(context: RunContext, executor: NodeExecutor, macro: (package: String, macro: Value)) {
        self.context = context
        self.executor = executor
        self.macro = macro.macro
        package = macro.package
    }

    /// A runner on its own connection when the project replaces dbt's `collect_freshness`;
    /// nil when dbt's own would run.
    public static func make(context: RunContext) throws -> FreshnessMacroRunner? {
        guard try RenderWorker(setup: context.build.setup).replacingMacro("collect_freshness") != nil else { return nil }
        let executor = try NodeExecutor(context: context, threadIndex: 0)
        guard let macro = executor.worker.replacingMacro("collect_freshness") else { return nil }
        return FreshnessMacroRunner(context: context, executor: executor, macro: macro)
    }

    public func close() { executor.connection.close() }

    public func check(_ source: SourceTable) -> FreshnessResult {
        var result = SourceFreshness.start(source)
        let dialect = context.build.setup.dialect
        let node = Node(uniqueId: source.uniqueId, resourceType: .operation, packageName: package, name: source.name,
                        path: source.originalFilePath, originalFilePath: source.originalFilePath,
                        fqn: [package, source.sourceName, source.name], rawCode: "", checksum: "", config: JSONObject())
        let state = NodeState(node: node, mode: .compile)
        state.resolver = context.resolver
        state.live = executor.live
        let relation = RelationObject(database: source.database, schema: source.schema, identifier: source.identifier,
                                      type: "table", dialect: dialect, policy: source.quotePolicy(dialect))
        let filter = source.freshness["filter"]?.stringValue
        let args = Arguments(keywords: [("source", .object(relation)), ("loaded_at_field", .string(source.loadedAtField ?? "")),
                                        ("filter", filter.map { .string($0) } ?? .none)])
        do {
            let value = try executor.worker.call(macro, args, state: state)
            result.completedAt = Date().timeIntervalSince1970
            guard let row = try executor.worker.firstRow(of: value, state: state), row.rows == 1, row.cells.count == 2 else {
                result.error = "Got an invalid result from \"collect_freshness\" macro: \(value.pythonString)"
                    + " (it must return a table of one row: the newest load time and the current time)"
                return result
            }
            // no rows: dbt's datetime.min, as old as can be
            let newest = row.cells[0] == "None" ? FreshnessTimestamp("0001-01-01 00:00:00") : FreshnessTimestamp(row.cells[0])
            guard let newest, let now = FreshnessTimestamp(row.cells[1]) else {
                result.error = "collect_freshness of \(source.sourceName).\(source.name) returned \(row.cells), not two times"
                return result
            }
            result.maxLoadedAt = newest.utcISO
            result.snapshottedAt = now.utcISO
            let age = Double(now.seconds - newest.seconds) + Double(now.micros - newest.micros) / 1e6
            SourceFreshness.judge(&result, age: age, freshness: source.freshness)
        } catch {
            result.completedAt = Date().timeIntervalSince1970
            result.error = "\(error)"
        }
        return result
    }
}
