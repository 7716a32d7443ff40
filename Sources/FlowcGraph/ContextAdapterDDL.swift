// The adapter methods that change the warehouse, as dbt's adapters offer them to macros and
// run-operations: drop, truncate and rename a relation, drop a schema, and the lookups dbt's
// schema macros use. Each runs one statement over the live connection (it needs one, as
// run_query does); the SQL is dbt-postgres's, and SQLite's where SQLite spells it otherwise.
import FlowcSQL
import FlowcSQLParser
import FlowcTemplate

extension RenderWorker {
    func adapterDDLMembers() -> [String: Value] {
        let dialect = setup.dialect
        let sqlite = dialect.typesAreAffinities
        func relation(_ args: Arguments, _ index: Int = 0, _ keyword: String) -> RelationObject? {
            guard case .object(let o)? = (index < args.positional.count ? args.positional[index] : nil) ?? args.keyword(keyword)
            else { return nil }
            return o as? RelationObject
        }
        func member(_ name: String, _ body: @escaping (Arguments, any LiveWarehouse) throws -> Value) -> Value {
            .callable(Callable(name: name) { [unowned self] args, _ in
                guard let live = self.state?.live else { return try self.needsWarehouse("adapter.\(name)") }
                return try self.runLive { try body(args, live) }
            })
        }
        return [
            // dbt's get_drop_sql: `drop <type> if exists <relation> cascade`
            "drop_relation": member("drop_relation") { args, live in
                guard let rel = relation(args, 0, "relation") else { throw TemplateError(.type, "adapter.drop_relation() needs a Relation") }
                let type = rel.relationType.map { $0 == "materialized_view" ? "materialized view" : $0 } ?? "table"
                // auto_begin=False, as dbt's drop_relation: after adapter.commit() it drops at once
                _ = try live.run("drop \(type) if exists \(rel.rendered)" + (sqlite ? "" : " cascade"), fetch: false, autoBegin: false)
                return .none
            },
            "truncate_relation": member("truncate_relation") { args, live in
                guard let rel = relation(args, 0, "relation") else { throw TemplateError(.type, "adapter.truncate_relation() needs a Relation") }
                _ = try live.run((sqlite ? "delete from " : "truncate table ") + rel.rendered, fetch: false)
                return .none
            },
            // dbt's rename_relation: the new name is the identifier alone, quoted as configured
            "rename_relation": member("rename_relation") { args, live in
                guard let from = relation(args, 0, "from_relation"), let to = relation(args, 1, "to_relation"),
                      let identifier = to.identifier else { throw TemplateError(.type, "adapter.rename_relation() needs two Relations") }
                let target = from.policy.identifier ? dialect.quote(identifier) : identifier
                if sqlite, let schema = from.schema, let name = from.identifier {
                    // SQLite renames no view: it is made again from its query under the new name
                    let found = try live.run("select sql from \(dialect.quote(schema)).sqlite_master where type = 'view' and name = "
                                             + sqlStringLiteral(name), fetch: true).rows
                    if let create = found.first?.first?.stringValue {
                        guard let query = SQLViewBody.query(of: create, syntax: dialect.syntax) else {
                            throw TemplateError(.host, "cannot rename the view \(from.rendered): its definition could not be read")
                        }
                        let renamed = from.copy(identifier: .some(identifier))
                        _ = try live.run("create view \(renamed.rendered) as" + query, fetch: false)
                        _ = try live.run("drop view \(from.rendered)", fetch: false)
                        return .none
                    }
                }
                _ = try live.run("alter table \(from.rendered) rename to \(target)", fetch: false)
                return .none
            },
            // dbt's expand_target_column_types (see StringColumnExpansion), with dbt's alter
            // (add, copy, drop, rename); SQLite's text has no width
            "expand_target_column_types": member("expand_target_column_types") { args, live in
                guard let from = relation(args, 0, "from_relation"), let to = relation(args, 1, "to_relation") else {
                    throw TemplateError(.type, "adapter.expand_target_column_types() needs two Relations")
                }
                guard let alter = dialect.ddl.alterColumnType else { return .none }
                func columns(_ r: RelationObject) throws -> [StringColumnExpansion.Column] {
                    try live.columns(schema: r.schema ?? "", identifier: r.identifier ?? "")
                        .map { StringColumnExpansion.Column(name: $0.name, catalogType: $0.catalogType, charSize: $0.charSize) }
                }
                for c in StringColumnExpansion.changes(reference: try columns(from), target: try columns(to)) {
                    for statement in alter(to.rendered, dialect.quote(c.name), dialect.quote(c.name + "__dbt_alter"), c.type) {
                        _ = try live.run(statement, fetch: false)
                    }
                }
                return .none
            },
            // dbt's get_incremental_strategy_macro: the strategy's macro from the context; a
            // built-in strategy these adapters lack is dbt's error
            "get_incremental_strategy_macro": .callable(Callable(name: "get_incremental_strategy_macro") { [unowned self] args, _ in
                let slots = try args.bind("get_incremental_strategy_macro", ["model_context", "strategy"])
                let strategy = slots[1]?.stringValue ?? "default"
                if strategy == "insert_overwrite" {
                    throw TemplateError(.host, "The incremental strategy '\(strategy)' is not valid for this adapter")
                }
                let name = Self.strategyMacroName(strategy)
                guard let macro = self.environment.globals[name] else {
                    throw TemplateError(.host, "dbt could not find an incremental strategy macro with the name \"\(name)\" in \(self.setup.projectName)")
                }
                return macro
            }),
            // dbt's already_exists(schema, name): whether the relation is there
            "already_exists": member("already_exists") { args, live in
                let slots = try args.bind("already_exists", ["schema", "name"])
                guard let schema = slots[0]?.stringValue, let name = slots[1]?.stringValue else { return .bool(false) }
                return .bool(try live.relation(schema: schema, identifier: name) != nil)
            },
            // dbt's get_missing_columns(from, to): the columns of `from` that `to` lacks
            "get_missing_columns": member("get_missing_columns") { args, live in
                guard let from = relation(args, 0, "from_relation"), let to = relation(args, 1, "to_relation") else {
                    throw TemplateError(.type, "adapter.get_missing_columns() needs two Relations")
                }
                // names compared as the warehouse spells them (dbt's set difference), without
                // case where names have none (SQLite)
                let key: (String) -> String = dialect.columnNamesHaveCase ? { $0 } : { $0.lowercased() }
                let have = Set(try live.columns(schema: to.schema ?? "", identifier: to.identifier ?? "").map { key($0.name) })
                return .list(try live.columns(schema: from.schema ?? "", identifier: from.identifier ?? "")
                    .filter { !have.contains(key($0.name)) }
                    .map { .object(WarehouseColumnObject($0, dialect: dialect)) })
            },
            // dbt's quote_seed_column(column, quote_config): quoted unless quote_columns is false
            "quote_seed_column": .callable(Callable(name: "quote_seed_column") { args, _ in
                let slots = try args.bind("quote_seed_column", ["column", "quote_config"])
                let column = slots[0]?.stringValue ?? ""
                return .string(slots[1].map { $0.isNone || $0.truthy } ?? true ? dialect.quote(column) : column)
            }),
            // dbt-postgres's: "" when the database is the target's, an error otherwise
            "verify_database": .callable(Callable(name: "verify_database") { [unowned self] args, _ in
                let slots = try args.bind("verify_database", ["database"])
                try self.verifyDatabase(slots[0]?.stringValue)
                return .string("")
            }),
            // dbt's adapter.execute(sql, auto_begin=False, fetch=False, limit=None): the response
            // and the rows (an empty table without fetch)
            "execute": member("execute") { args, live in
                let slots = try args.bind("execute", ["sql", "auto_begin", "fetch", "limit"])
                guard let sql = slots[0]?.stringValue else { throw TemplateError(.type, "adapter.execute() needs the SQL as a string") }
                let fetch = slots[2]?.truthy ?? false
                let result = try live.run(sql, fetch: fetch, autoBegin: slots[1]?.truthy ?? false)
                var rows = fetch ? result.rows : []
                if case .int(let limit)? = slots[3], limit >= 0 { rows = Array(rows.prefix(limit)) }
                return .tuple([Self.response(.string(result.message), .string(result.code), .int(result.rowsAffected)),
                               .object(ResultTableObject(columns: fetch ? result.columns : [], rows: rows))])
            },
            "commit": member("commit") { _, live in
                try live.commit()
                return .none
            },
            "drop_schema": member("drop_schema") { [unowned self] args, live in
                guard let rel = relation(args, 0, "relation"), let schema = rel.schema else {
                    throw TemplateError(.type, "adapter.drop_schema() needs a Relation with a schema")
                }
                try self.verifyDatabase(rel.database)
                if sqlite { throw TemplateError(.host, "SQLite has no schemas to drop: a schema is an attached database file") }
                _ = try live.run("drop schema if exists \(dialect.quote(schema)) cascade", fetch: false)
                return .none
            },
            "quote_as_configured": .callable(Callable(name: "quote_as_configured") { args, _ in
                let slots = try args.bind("quote_as_configured", ["identifier", "quote_key"])
                let text = slots[0]?.stringValue ?? ""
                let policy = dialect.quotePolicy
                let quoted: Bool
                switch slots[1]?.stringValue {
                case "database": quoted = policy.database
                case "schema": quoted = policy.schema
                default: quoted = policy.identifier
                }
                return .string(quoted ? dialect.quote(text) : text)
            }),
        ]
    }
}

extension RenderWorker {
    /// dbt-postgres connects to one database: a relation in another one is refused
    /// (its verify_database), before create_schema or drop_schema would act on the wrong one.
    func verifyDatabase(_ database: String?) throws {
        guard let database, !database.isEmpty, setup.dialect.foldsUnquotedNamesToLowerCase else { return }
        var name = Substring(database)
        while name.first == "\"" { name = name.dropFirst() }
        while name.last == "\"" { name = name.dropLast() }
        let expected = setup.target["database"]?.stringValue ?? ""
        guard name.lowercased() != expected.lowercased() else { return }
        // dbt-postgres raises a NotImplementedError, a DbtRuntimeError whose message starts "ERROR: "
        throw TemplateError.dbtRuntime("ERROR: Cross-db references not allowed in \(setup.dialect.name) (\(name) vs \(expected))")
    }
}
