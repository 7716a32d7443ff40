// `flowc clone` (dbt's clone): each selected model, seed and snapshot gets, in the current
// target, a relation reading the state's relation of the same node, so a CI schema or a dev
// schema can query production's tables under its own names. PostgreSQL has no zero-copy clone,
// so, as dbt-postgres, it makes a view; SQLite cannot make a view read another attached
// database file, so it copies the rows into a table. A relation the target already has is
// kept (a no-op) unless --full-refresh.
import FlowcGraph
import FlowcWarehouse
import Foundation

public enum CloneExecution {
    /// `stateRelations`: each selected node's relation in the state (nil when the state builds
    /// none for it).
    public static func run(context: RunContext, ids: [String], stateRelations: [String: DeferredRelation],
                           emit: @escaping @Sendable (RunEvent) -> Void) throws -> RunOutcome {
        let start = Date().timeIntervalSince1970
        let connection = RunConnection(try context.warehouse.connect(), dialect: context.build.setup.dialect)
        defer { connection.close() }
        let dialect = connection.dialect
        var results: [NodeResult] = []
        let nodes = ids.compactMap { context.manifest.nodes[$0] }
        for (i, node) in nodes.enumerated() {
            let relation = dialect.renderRelation(database: node.database, schema: node.schema, identifier: node.alias)
            let description = "clone of \(node.resourceType.rawValue) \(node.schema).\(node.alias)"
            emit(.started(index: i + 1, total: nodes.count, node: node, description: description))
            let began = Date().timeIntervalSince1970
            var r = NodeResult(uniqueId: node.uniqueId, status: .success, threadId: "Thread-1 (worker)")
            r.relationName = relation
            do {
                var m = Materializer(connection: connection, dialect: dialect, database: node.database, schema: node.schema,
                                     identifier: node.alias)
                if let state = stateRelations[node.uniqueId] {
                    let source = dialect.renderRelation(database: state.database, schema: state.schema, identifier: state.identifier)
                    // the state's relation itself, or one already there: dbt's clone runs no
                    // statement and says "No-op"
                    if try source == relation || (m.existing() != nil && !context.options.fullRefresh) {
                        r.message = "No-op"
                    } else {
                        try context.ensureSchema(node.schema, on: connection)
                        m.tableOptions = TableOptions()
                        let made = dialect.ddl.viewsCrossSchemas ? try m.view("select * from \(source)") : try m.table("select * from \(source)")
                        r.adapterCode = made.code
                        r.rowsAffected = made.rowsAffected
                        r.message = made.message
                    }
                } else {
                    r.message = "No relation found in state manifest for \(node.uniqueId)"
                }
            } catch let e as WarehouseError {
                r.status = .error
                r.message = "Database Error in \(node.resourceType.rawValue) \(node.name) (\(node.originalFilePath))\n  \(e.message)"
            } catch {
                r.status = .error
                r.message = "\(error)"
            }
            r.executionTime = Date().timeIntervalSince1970 - began
            r.timing = [NodeTiming(name: "execute", startedAt: began, completedAt: Date().timeIntervalSince1970)]
            results.append(r)
            emit(.finished(index: i + 1, total: nodes.count, node: node, description: description, result: r))
        }
        return RunOutcome(results: results, elapsed: Date().timeIntervalSince1970 - start, interrupted: false, startedAt: start)
    }
}
