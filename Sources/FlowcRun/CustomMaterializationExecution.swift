// A model built by a `{% materialization %}` macro, as dbt's ModelRunner builds it: the macro
// runs with the live warehouse, its statements inside a transaction that adapter.commit()
// commits (what it leaves open is rolled back, as dbt-postgres does), and the model's result
// is what its `main` statement reported.
import FlowcGraph
import FlowcProject
import FlowcTemplate
import FlowcWarehouse
import Foundation

extension NodeExecutor {
    func runCustomMaterialization(_ node: Node, macro: Value, sql: String, into result: inout NodeResult) throws {
        let start = Date().timeIntervalSince1970
        try ensureSchema(node)
        // an enforced contract is checked as dbt's create_table_as checks it, before anything is built
        _ = try enforceContract(node, sql: sql)
        let state = liveState(node)
        live.transactional = true
        defer { live.endTransactional() }
        let returned: Value
        do {
            returned = try worker.runMaterialization(macro, sql: sql, state: state)
        } catch let e as TemplateError {
            // a statement the database refused is reported as the database's error, as dbt does
            if let database = state.databaseError, TemplateError.isDatabase(e) { throw database }
            throw Diagnostic(templateError: e, file: node.displayPath)
        }
        if let problem = Self.materializationReturnProblem(returned, materialized: node.materialized) {
            throw NodeFailure(status: .error, message: "Compilation Error in model \(node.name) (\(node.originalFilePath))\n  \(problem)")
        }
        guard case .dict(let main)? = state.statementResults["main"], let response = main.get("response").flatMap(AdapterResponseObject.fields) else {
            throw NodeFailure(status: .error, message: "Runtime Error in model \(node.name) (\(node.originalFilePath))\n"
                              + "  main is not being called during running model")
        }
        // noop_statement('main', 'INSERT 5') gives a message alone: no code, no row count
        result.message = response.message.map { $0.stringValue ?? $0.pythonString } ?? ""
        result.adapterCode = response.code?.stringValue
        if case .int(let rows)? = response.rowsAffected { result.rowsAffected = rows }
        result.timing.append(NodeTiming(name: "execute", startedAt: start, completedAt: Date().timeIntervalSince1970))
    }

    /// dbt's check of what a materialization returned: `{'relations': [Relation, …]}`; the
    /// message when it is anything else.
    static func materializationReturnProblem(_ value: Value, materialized: String) -> String? {
        switch value {
        case .dict(let d):
            guard let relations = d.get("relations") else {
                return "Invalid return value from materialization, \"relations\" not found, got keys: "
                    + Value.list(d.keys).pythonRepr
            }
            guard case .list(let items) = relations else {
                return "Invalid return value from materialization, \"relations\" not a list, got: \(relations.pythonString)"
            }
            for item in items.items {
                guard case .object(let o) = item, o is RelationObject else {
                    return "Invalid return value from materialization, \"relations\" contains non-Relation: \(item.pythonString)"
                }
            }
            return nil
        case .string, .none, .undefined:
            return "The materialization (\"\(materialized)\") did not explicitly return a list of relations to add to the cache."
        default:
            return "Invalid return value from materialization, expected a dict with key \"relations\", got: \(value.pythonString)"
        }
    }
}
