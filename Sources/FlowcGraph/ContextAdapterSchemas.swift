// dbt's adapter.check_schema_exists(database, schema), against the schemas the warehouse has
// (PostgreSQL's namespaces; SQLite's attached databases, which flowc uses as schemas). Packages
// check a schema before they read or create in it.
import FlowcTemplate

extension RenderWorker {
    func adapterSchemaMembers() -> [String: Value] {
        let postgres = setup.dialect.name == "postgres"
        // dbt-postgres lists pg_namespace; SQLite's schemas are its attached databases
        let sql = postgres ? "select distinct nspname from pg_namespace" : "pragma database_list"
        let column = postgres ? 0 : 1
        let schemas: @Sendable (RenderWorker, String) throws -> [String] = { worker, what in
            guard let live = worker.state?.live else {
                if worker.state?.mode == .compile { _ = try worker.needsWarehouse(what) }
                return []
            }
            let result = try worker.runLive { try live.run(sql, fetch: true, autoBegin: false) }
            return result.rows.compactMap { $0.count > column ? $0[column].stringValue : nil }
        }
        return [
            "check_schema_exists": .callable(Callable(name: "check_schema_exists") { [unowned self] args, _ in
                let slots = try args.bind("check_schema_exists", ["database", "schema"])
                guard let schema = slots.count > 1 ? slots[1]?.stringValue : nil else {
                    throw TemplateError(.type, "adapter.check_schema_exists() needs a schema")
                }
                return .bool(try schemas(self, "adapter.check_schema_exists").contains(schema))
            }),
        ]
    }
}
