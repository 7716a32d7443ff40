// Materializations as plans of dialect statements (FlowcSQL's DDL). Every plan builds the new
// relation beside the old one and swaps it in inside one transaction (or, where the dialect's
// DDL is transactional and renames are dear, drops the old and builds the new in that
// transaction), so a failure at any step leaves the previous relation as it was.
import FlowcGraph
import FlowcProject
import FlowcSQL
import FlowcTemplate
import FlowcWarehouse
import Foundation

struct MaterializationError: Error, CustomStringConvertible {
    var description: String
}

struct Materializer {
    let connection: any WarehouseConnection
    let dialect: Dialect
    let database: String
    let schema: String
    let identifier: String
    /// An enforced contract: tables are created with its columns and constraints, then filled.
    var contract: ModelContract?
    /// dbt's table configs: `sql_header`, `unlogged` and `indexes`.
    var tableOptions = TableOptions()
    /// Strategies whose SQL a macro writes: whether the project defines a custom strategy's
    /// macro, whether it redefines a macro a built-in strategy (nil: dbt's `default`) is built
    /// from, and the SQL the strategy's macro writes for the temp relation and the columns.
    var customStrategy: (defines: (String) -> Bool, redefines: (_ strategy: String?, _ hasUniqueKey: Bool) -> Bool,
                         sql: (_ strategy: String, _ tempIdentifier: String, _ columns: [WarehouseColumn]) throws -> String)?

    /// The statements a project's own macros write in place of flowc's (see DDLMacros).
    var ddlMacros = DDLMacros()
    /// Run first in the model's transaction: the in-transaction pre-hooks, then the check of an
    /// enforced contract (dbt checks the query after them); it gives the contract a table is
    /// created with. A failure rolls back what the pre-hooks did, as in dbt.
    var starting: (() throws -> ModelContract?)?
    /// Run inside the model's transaction once its relation is in place, as dbt's
    /// materializations run the in-transaction post-hooks, grants and persist_docs before
    /// COMMIT: when one fails, the new relation is rolled back and the old one stays.
    var finishing: (() throws -> Void)?

    var ddl: DDL { dialect.ddl }
    /// The project's `enable_truthy_nulls_equals_macro` flag: a merge's single unique key
    /// matches NULL to NULL, as dbt's equals() then does.
    var truthyNullsEquals = false

    /// A transaction that starts with `starting` and ends with `finishing`; `body` gets the
    /// enforced contract.
    func transaction<T>(_ body: (_ contract: ModelContract?) throws -> T) throws -> T {
        try connection.transaction {
            let contract = try starting.map { try $0() } ?? self.contract
            let value = try body(contract)
            try finishing?()
            return value
        }
    }

    /// `create table … as` `sql` for `identifier` in the model's schema: the project's
    /// `macro` (get_create_table_as_sql for models, create_table_as for snapshots, as dbt
    /// calls them) when it redefines one, else flowc's with the sql_header.
    func createTableAs(_ identifier: String, _ sql: String, macro: String = "get_create_table_as_sql") throws -> String {
        if let tableAs = ddlMacros.tableAs { return try tableAs(macro, identifier, sql) }
        return tableOptions.headed(ddl.createTableAs(relation(identifier), sql))
    }

    /// `create view … as` `sql` for `identifier`: the project's get_create_view_as_sql when it
    /// redefines it (or create_view_as), else flowc's.
    func createViewAs(_ identifier: String, _ sql: String) throws -> String {
        if let viewAs = ddlMacros.viewAs { return try viewAs(identifier, sql) }
        // dbt's create_view_as writes the sql_header first, as create_table_as does
        return tableOptions.headed(ddl.createViewAs(relation(identifier), sql))
    }

    func relation(_ identifier: String) -> String {
        dialect.renderRelation(database: database, schema: schema, identifier: identifier)
    }
    var target: String { relation(identifier) }
    /// An identifier or the schema as the quoting policy spells it (dbt's quote_as_configured).
    func quoted(_ identifier: String) -> String { dialect.quotePolicy.identifier ? dialect.quote(identifier) : identifier }
    var quotedSchema: String { dialect.quotePolicy.schema ? dialect.quote(schema) : schema }
    var tmpIdentifier: String { dialect.suffixed(identifier, "__dbt_tmp") }
    var backupIdentifier: String { dialect.suffixed(identifier, "__dbt_backup") }

    func existing() throws -> WarehouseRelation? {
        try connection.relation(schema: schema, name: identifier)
    }

    /// Drops what an interrupted earlier run may have left behind.
    func dropLeftovers() throws {
        for name in [tmpIdentifier, backupIdentifier] {
            if let r = try connection.relation(schema: schema, name: name) {
                try connection.execute(ddl.drop(relation(name), r.kind.sql))
            }
        }
    }

    /// Replaces the old relation (if any) by `tmp`, inside the caller's transaction.
    private func swapIn(old: WarehouseRelation?, newKind: String) throws {
        if let old {
            if old.kind == .table || ddl.canRenameViews {
                try connection.execute(ddl.rename(target, old.kind.sql, quoted(backupIdentifier)))
                try connection.execute(ddl.rename(relation(tmpIdentifier), newKind, quoted(identifier)))
                try connection.execute(ddl.drop(relation(backupIdentifier), old.kind.sql))
                return
            }
            try connection.execute(ddl.drop(target, old.kind.sql))
        }
        try connection.execute(ddl.rename(relation(tmpIdentifier), newKind, quoted(identifier)))
    }

    /// `direct`: an incremental model's first build, which dbt creates as the target itself
    /// (its constraints are then named for the model, `m_pkey`, not `m__dbt_tmp_pkey`).
    func table(_ sql: String, direct: Bool = false) throws -> ExecResult {
        try dropLeftovers()
        let old = try existing()
        // in place only when the SQL cannot be reading the table it replaces ({{ this }})
        let inPlace = (direct && old == nil) || (ddl.buildsTablesInPlace && !Self.mayName(identifier, in: sql))
        return try transaction { contract in
            if inPlace, let old { try connection.execute(ddl.drop(target, old.kind.sql)) }
            let made = inPlace ? target : relation(tmpIdentifier)
            let r: ExecResult
            if ddlMacros.tableAs != nil {
                // the project's DDL, as dbt's table materialization calls it (contract included)
                r = try connection.execute(try createTableAs(inPlace ? identifier : tmpIdentifier, sql))
            } else if let contract {
                try connection.execute(tableOptions.unlogged(contract.createTable(made, dialect: dialect), ddl))
                r = try connection.execute(tableOptions.headed(contract.insert(into: made, from: sql, dialect: dialect)))
            } else {
                r = try connection.execute(tableOptions.headed(tableOptions.unlogged(ddl.createTableAs(made, sql), ddl)))
            }
            if !inPlace { try swapIn(old: old, newKind: "table") }
            try createIndexes()
            return r
        }
    }

    /// Whether `identifier` appears in `sql` as a whole name (ASCII case ignored): `orders`
    /// in `from main.orders` or `"orders"`, not in `stg_orders`. A column of that name counts
    /// too, which only costs the slower swap.
    static func mayName(_ identifier: String, in sql: String) -> Bool {
        let needle = Array(identifier.utf8).map(lowered)
        guard let first = needle.first else { return false }
        let text = Array(sql.utf8)
        guard text.count >= needle.count else { return false }
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x24 || b >= 0x80
        }
        for start in 0...(text.count - needle.count) where lowered(text[start]) == first {
            let end = start + needle.count
            guard (start == 0 || !isNameByte(text[start - 1])) && (end == text.count || !isNameByte(text[end])) else { continue }
            if zip(text[start..<end], needle).allSatisfy({ lowered($0) == $1 }) { return true }
        }
        return false
    }

    private static func lowered(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    func view(_ sql: String) throws -> ExecResult {
        try dropLeftovers()
        let old = try existing()
        return try transaction { _ in
            if !ddl.canRenameViews {
                // built in place: the drop and the create commit together or not at all
                if let old { try connection.execute(ddl.drop(target, old.kind.sql)) }
                let created = try connection.execute(try createViewAs(identifier, sql))
                try validateView(target)
                return Self.viewResult(created)
            }
            let created = try connection.execute(try createViewAs(tmpIdentifier, sql))
            try validateView(relation(tmpIdentifier))
            try swapIn(old: old, newKind: "view")
            return Self.viewResult(created)
        }
    }

    /// What a materialized view model does (see MaterializedViewPlan): decided before the
    /// pre-hooks, as dbt decides it; `on_configuration_change: fail` fails here.
    func materializedViewPlan(fullRefresh: Bool, onConfigurationChange: String) throws -> MaterializedViewPlan {
        guard ddl.createMaterializedViewAs != nil else {
            throw MaterializationError(description: "materialized views are not available on \(dialect.name); use table or view")
        }
        // as in dbt, a changed query reaches an existing materialized view only with --full-refresh
        let old = try existing()
        guard old?.kind == .materializedView, !fullRefresh else { return .create(old: old) }
        guard let show = ddl.showIndexes else { return .refresh }
        let rows = try connection.query(show(sqlStringLiteral(schema), sqlStringLiteral(identifier)), limit: nil).rows
        let changes = IndexChanges.between(existing: IndexChanges.existing(rows: rows), configured: tableOptions.indexes)
        if changes.isEmpty { return .refresh }
        switch onConfigurationChange {
        case "continue": return .skip
        case "fail": throw MaterializedViewChangeRefused(relation: target)
        default: return .alter(changes)
        }
    }

    /// dbt-postgres's materialized view, as `plan` says: built beside the old relation and
    /// swapped in, refreshed, its indexes changed, or left alone. The response is dbt's: the
    /// last statement's (CREATE INDEX when indexes are made with it; PostgreSQL gives a
    /// refresh no row count: -1).
    func materializedView(_ sql: String, plan: MaterializedViewPlan) throws -> ExecResult {
        guard let create = ddl.createMaterializedViewAs else {
            throw MaterializationError(description: "materialized views are not available on \(dialect.name); use table or view")
        }
        switch plan {
        case .refresh:
            return try connection.execute("refresh materialized view \(target)")
        case .skip:
            return ExecResult(code: "skip", rowsAffected: -1)
        case .alter(let changes):
            guard let dropIndex = ddl.dropIndex, let createIndex = ddl.createIndex else { return ExecResult(code: "skip", rowsAffected: -1) }
            return try transaction { _ in
                var last = ExecResult(code: "skip", rowsAffected: -1)
                for name in changes.drops { last = try connection.execute(dropIndex(quotedSchema, dialect.quote(name))) }
                for index in changes.creates {
                    last = try connection.execute(createIndex(indexSpec(index.columns, unique: index.unique, type: index.method)))
                }
                return last
            }
        case .create(let old):
            try dropLeftovers()
            return try transaction { _ in
                // dbt-postgres's materialized view DDL has no sql_header
                let created = try connection.execute(create(relation(tmpIdentifier), sql))
                try swapIn(old: old, newKind: RelationKind.materializedView.sql)
                return try createIndexes() ?? created
            }
        }
    }

    /// A view's response: CREATE VIEW with the count the engine gave for it (PostgreSQL gives
    /// none, which dbt records as -1).
    static func viewResult(_ created: ExecResult) -> ExecResult {
        ExecResult(code: "CREATE VIEW", rowsAffected: created.code == "CREATE VIEW" ? created.rowsAffected : 0)
    }

    /// Plans a query of the new view, so a view that names a missing table or column fails
    /// here (and the transaction keeps the old one) rather than in whatever reads it later:
    /// SQLite, unlike PostgreSQL, accepts such a view when it is created.
    private func validateView(_ view: String) throws {
        guard let check = ddl.checkView else { return }
        _ = try connection.query(check(view), limit: 0)
    }

    /// An incremental model: the first run (or a full refresh, or replacing a view) builds the
    /// table; later runs stage the new rows in `<name>__dbt_tmp` and apply the strategy.
    /// `batchRange`: a microbatch batch's condition on the event time column; the batch merges
    /// on the unique key when there is one, else (SQLite; dbt-postgres requires a key) replaces
    /// the rows in that range.
    func incremental(_ sql: String, config: JSONObject, fullRefresh: Bool, batchRange: String? = nil) throws -> ExecResult {
        let keys = uniqueKey(config)
        // dbt looks the strategy's macro up by name: `default` is no strategy (append or
        // delete+insert) and `delete_insert` names delete+insert's macro
        var configured = config["incremental_strategy"]?.stringValue
        if configured == "default" { configured = nil }
        if configured == "delete_insert" { configured = "delete+insert" }
        var strategy = configured ?? (keys.isEmpty ? "append" : "delete+insert")
        if batchRange != nil { strategy = keys.isEmpty ? "microbatch" : "merge" }
        // checked on every run, the first too, as dbt's materialization checks it before it
        // knows whether the table exists
        let builtIn = ["append", "delete+insert", "merge", "microbatch"].contains(strategy)
        if strategy == "insert_overwrite" {
            throw MaterializationError(description: "The incremental strategy 'insert_overwrite' is not valid for this adapter")
        }
        guard builtIn || customStrategy?.defines(strategy) == true else {
            throw MaterializationError(description: "incremental_strategy '\(strategy)' is not supported on \(dialect.name): "
                                       + "use append, delete+insert or merge, or define the macro "
                                       + "`get_incremental_\(strategy.replacingOccurrences(of: "+", with: "_"))_sql(arg_dict)` in the project")
        }
        let old = try existing()
        guard let old, old.kind == .table, !fullRefresh else { return try table(sql, direct: old == nil) }
        // dbt's incremental_validate_on_schema_change: an unknown value (`Fail`) is `ignore`,
        // noted only in dbt's debug log
        let onSchemaChange = config["on_schema_change"]?.stringValue
            .flatMap { ["ignore", "fail", "append_new_columns", "sync_all_columns"].contains($0) ? $0 : nil } ?? "ignore"
        if strategy == "microbatch" && batchRange == nil {
            throw MaterializationError(description: "a microbatch model runs batch by batch; this one has no batch")
        }
        // The strategy macro that writes the SQL, if one does: a custom strategy's own, or, as in
        // dbt, a built-in one's when the project redefines a macro it is built from (its own
        // get_merge_sql, say; `default` when no strategy is configured). Microbatch stays native.
        var viaMacro: String?
        if !builtIn {
            viaMacro = strategy
        } else if batchRange == nil, strategy != "microbatch", customStrategy?.redefines(configured, !keys.isEmpty) == true {
            viaMacro = configured ?? "default"
        }
        let predicates = Self.strings(config["incremental_predicates"] ?? config["predicates"])
        try dropLeftovers()
        let tmp = relation(tmpIdentifier)
        return try transaction { _ in
            // staged as a table in the model's schema (dbt-postgres stages a temporary table; a
            // project's create_table_as is called for it with temporary=False)
            try connection.execute(try createTableAs(tmpIdentifier, sql))
            let newColumns = try connection.columns(schema: schema, name: tmpIdentifier)
            var oldColumns = try connection.columns(schema: schema, name: identifier)
            // as dbt's incremental materialization, unless a contract fixes the table's types
            if config["contract"]?["enforced"]?.boolValue != true, try expandColumnTypes(reference: newColumns, target: oldColumns) {
                oldColumns = try connection.columns(schema: schema, name: identifier)
            }
            let columns = try reconcile(old: oldColumns, new: newColumns, policy: onSchemaChange)
            let cols = columns.map(dialect.quote).joined(separator: ", ")
            // dbt pastes unique_key (and merge_update_columns) into the SQL as written, so `ID`
            // folds to id and an expression works; a name that is exactly a column's is quoted,
            // which reads the same and also reaches a mixed-case column
            let names = Set(newColumns.map(\.name))
            let asWritten: (String) -> String = { names.contains($0) ? self.dialect.quote($0) : $0 }
            let quotedKeys = keys.map(asWritten)
            var result: ExecResult
            switch strategy {
            case _ where viaMacro != nil:
                // columns as the target has them after on_schema_change, as dbt's dest_columns
                let target = try connection.columns(schema: schema, name: identifier)
                let dest = columns.map { c in target.first { $0.name.lowercased() == c.lowercased() } ?? WarehouseColumn(name: c, dataType: "") }
                guard let custom = customStrategy, let viaMacro else { throw MaterializationError(description: "no strategy macro") }
                result = try connection.execute(try custom.sql(viaMacro, tmpIdentifier, dest))
            case "merge":
                guard let merge = ddl.merge else {
                    throw MaterializationError(description: "incremental_strategy 'merge' is not available on \(dialect.name)")
                }
                // without a unique key nothing matches: dbt's merge then only inserts
                // the table's columns quoted; merge_update_columns as written (see above)
                let given = !Self.strings(config["merge_update_columns"]).isEmpty
                let update = keys.isEmpty ? [] : try Self.updateColumns(columns, config: config).map(given ? asWritten : dialect.quote)
                var spec = MergeSpec(target: target, source: tmp, keys: quotedKeys, columns: columns.map(dialect.quote),
                                     updateColumns: update, predicates: predicates)
                if truthyNullsEquals, config["unique_key"]?.stringValue != nil {
                    spec.matchNullKeys(ddl)
                }
                // dbt's get_merge_sql writes the sql_header before the merge too (the staging
                // table's create ran it once already)
                result = try connection.execute(tableOptions.headed(merge(spec)))
            case "microbatch" where dialect.name == "postgres":
                // dbt-postgres's microbatch is a merge on the unique key (above): without one it
                // refuses every batch after the one that creates the table
                throw MaterializationError(description: "dbt-postgres 'microbatch' requires a `unique_key` config")
            case "microbatch":
                try connection.execute("delete from \(target) where \(batchRange ?? "false")")
                result = try connection.execute("insert into \(target) (\(cols)) select \(cols) from \(tmp)")
            default:
                if strategy == "delete+insert" && !keys.isEmpty {
                    // dbt's delete: the target's rows whose key the new rows have, narrowed by
                    // the incremental predicates
                    let keyList = "(" + quotedKeys.joined(separator: ", ") + ")"
                    try connection.execute("delete from \(target) as DBT_INTERNAL_DEST where \(keyList) in "
                                           + "(select distinct \(quotedKeys.joined(separator: ", ")) from \(tmp) as DBT_INTERNAL_SOURCE)"
                                           + predicates.map { " and \($0)" }.joined())
                }
                result = try connection.execute("insert into \(target) (\(cols)) select \(cols) from \(tmp)")
            }
            try connection.execute(ddl.drop(tmp, "table"))
            return result
        }
    }

    /// dbt's on_schema_change 'fail' message, its column lists as dbt's Column reprs.
    static func outOfSync(_ changes: SchemaChanges, old: [WarehouseColumn], new: [WarehouseColumn], dialect: Dialect) -> String {
        func live(_ c: WarehouseColumn) -> LiveColumn {
            LiveColumn(name: c.name, dataType: c.dataType, numericPrecision: c.numericPrecision, numericScale: c.numericScale,
                       catalogType: c.catalogType, charSize: c.charSize)
        }
        func columns(_ picked: [SchemaChanges.Column], from all: [WarehouseColumn]) -> String {
            "[" + picked.compactMap { p in all.first { $0.name == p.name }.map { live($0).dbtRepr(dialect) } }.joined(separator: ", ") + "]"
        }
        let types = changes.retyped.compactMap { p -> String? in
            guard let c = new.first(where: { $0.name == p.name }) else { return nil }
            let target = old.first { $0.name.lowercased() == p.name.lowercased() }?.name ?? p.name
            return "{'column_name': \(Value.string(target).pythonRepr), 'new_type': \(Value.string(live(c).dbtDataType(dialect)).pythonRepr)}"
        }
        let pad = String(repeating: " ", count: 14)
        return """

            \(pad)The source and target schemas on this incremental model are out of sync!
            \(pad)They can be reconciled in several ways:
            \(pad)  - set the `on_schema_change` config to either append_new_columns or sync_all_columns, depending on your situation.
            \(pad)  - Re-run the incremental model with `full_refresh: True` to update the target schema.
            \(pad)  - update the schema manually and re-run the process.

            \(pad)Additional troubleshooting context:
            \(pad)   Source columns not in target: \(columns(changes.added, from: new))
            \(pad)   Target columns not in source: \(columns(changes.removed, from: old))
            \(pad)   New column types: [\(types.joined(separator: ", "))]
            \(String(repeating: " ", count: 10))
            """
    }

    /// Applies on_schema_change; returns the columns to write.
    private func reconcile(old: [WarehouseColumn], new: [WarehouseColumn], policy: String) throws -> [String] {
        let caseful = dialect.columnNamesHaveCase
        let changes = SchemaChanges(old: old.map { ($0.name, $0.comparedType) }, new: new.map { ($0.name, $0.comparedType) },
                                    namesHaveCase: caseful)
        if policy == "fail" && !changes.isEmpty {
            throw MaterializationError(description: Self.outOfSync(changes, old: old, new: new, dialect: dialect))
        }
        for statement in changes.statements(policy: policy, target: target, dialect: dialect) { try connection.execute(statement) }
        let key: (String) -> String = caseful ? { $0 } : { $0.lowercased() }
        let newNames = Set(new.map { key($0.name) })
        switch policy {
        case "append_new_columns": return old.filter { newNames.contains(key($0.name)) }.map(\.name) + changes.added.map(\.name)
        case "sync_all_columns": return new.map(\.name)
        // fail (unchanged) and ignore: the table's columns; new ones are left out
        default: return old.map(\.name)
        }
    }

    /// dbt's expand_target_column_types (see ColumnExpansion.swift): the target's string
    /// columns made as wide as the same columns of `reference`, the staged rows. Whether any
    /// column changed (a widened column moves to the end of the table, as dbt's alter does).
    func expandColumnTypes(reference: [WarehouseColumn], target: [WarehouseColumn]) throws -> Bool {
        guard let alter = ddl.alterColumnType else { return false }
        let changes = StringColumnExpansion.changes(reference: reference.map(\.expansionColumn), target: target.map(\.expansionColumn))
        for c in changes {
            let column = dialect.quote(c.name)
            try connection.execute(alter(self.target, column, dialect.quote(c.name + "__dbt_alter"), c.type).joined(separator: ";\n"))
        }
        return !changes.isEmpty
    }

    /// The `indexes` config's indexes on the table, named as dbt-postgres names them (an md5
    /// of the columns, uniqueness, type, relation and the time).
    /// The `indexes` config's indexes; the last one's response, nil when none was made.
    @discardableResult
    func createIndexes() throws -> ExecResult? {
        guard let create = ddl.createIndex, !tableOptions.indexes.isEmpty else { return nil }
        var last: ExecResult?
        for index in tableOptions.indexes {
            last = try connection.execute(create(indexSpec(index.columns, unique: index.unique, type: index.type)))
        }
        return last
    }

    /// An index on the target relation, named as dbt names it.
    func indexSpec(_ columns: [String], unique: Bool, type: String?) -> IndexSpec {
        IndexNaming.spec(relation: target, schema: quotedSchema, table: identifier, columns: columns, unique: unique, type: type)
    }

    /// A config that is one string or a list of them.
    static func strings(_ value: JSON?) -> [String] { value?.stringList ?? [] }

    /// The columns a merge updates: `merge_update_columns`, else every column but
    /// `merge_exclude_columns` (case-insensitive), else all, as dbt's get_merge_update_columns.
    static func updateColumns(_ columns: [String], config: JSONObject) throws -> [String] {
        guard let update = MergeSpec.updateColumns(columns, config: config) else {
            throw MaterializationError(description: MergeSpec.bothUpdateColumnConfigs)
        }
        return update
    }

    func uniqueKey(_ config: JSONObject) -> [String] { Self.strings(config["unique_key"]) }
}

/// dbt's table configs a materialization applies: `sql_header` (SQL run before the create
/// statement, in the same batch), dbt-postgres's `unlogged` and `indexes`.
struct TableOptions {
    var sqlHeader: String?
    var unlogged = false
    var indexes: [(columns: [String], unique: Bool, type: String?)] = []

    init() {}

    init(_ config: JSONObject) throws {
        sqlHeader = Self.sqlHeader(config)
        unlogged = config["unlogged"]?.boolValue ?? false
        for entry in config["indexes"]?.arrayValue ?? [] {
            let columns = Materializer.strings(entry["columns"])
            guard !columns.isEmpty else {
                throw MaterializationError(description: "each entry of `indexes` needs `columns`, e.g. {columns: ['id'], unique: true}")
            }
            indexes.append((columns, entry["unique"]?.boolValue ?? false, entry["type"]?.stringValue))
        }
    }

    /// The model's `sql_header` (set by `set_sql_header`), nil when it has none.
    static func sqlHeader(_ config: JSONObject) -> String? {
        config["sql_header"]?.stringValue.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }

    func headed(_ statement: String) -> String {
        guard let sqlHeader else { return statement }
        return sqlHeader + "\n" + statement
    }

    func unlogged(_ statement: String, _ ddl: DDL) -> String {
        guard unlogged, ddl.supportsUnlogged, statement.hasPrefix("create table ") else { return statement }
        return "create unlogged table " + statement.dropFirst("create table ".count)
    }
}
