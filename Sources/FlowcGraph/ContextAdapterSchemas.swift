// dbt's adapter.check_schema_exists(database, schema), against the schemas the warehouse has
// (PostgreSQL's namespaces; SQLite's attached databases, which flowc uses as schemas). Packages
// check a schema before they read or create in it.
import FlowcTemplate

extension RenderWorker {
    func adapterSchemaMembers() -> [String: Value] {
        [
            "check_schema_exists": .callable(Callable(name: "check_schema_exists") { [unowned self] args, _ in
                let slots = try args.bind("check_schema_exists", ["database", "schema"])
                guard let schema = slots.count > 1 ? slots[1]?.stringValue : nil else {
                    throw TemplateError(.type, "adapter.check_schema_exists() needs a schema")
                }
                return .bool(try liveSchemas("adapter.check_schema_exists").contains(schema))
            }),
        ]
    }

    /// The warehouse's schemas (none while parsing; compiling offline asks for a connection).
    func liveSchemas(_ what: String) throws -> [String] {
        guard let live = state?.live else {
            if state?.mode == .compile { _ = try needsWarehouse(what) }
            return []
        }
        // dbt-postgres lists pg_namespace; SQLite's schemas are its attached databases
        let postgres = setup.dialect.name == "postgres"
        let result = try runLive { try live.run(postgres ? "select distinct nspname from pg_namespace" : "pragma database_list",
                                                fetch: true, autoBegin: false) }
        let column = postgres ? 0 : 1
        return result.rows.compactMap { $0.count > column ? $0[column].stringValue : nil }
    }
}
