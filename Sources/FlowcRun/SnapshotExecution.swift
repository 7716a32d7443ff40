// Snapshots (slowly changing dimensions, type 2), as dbt's snapshot materialization: the
// first run copies the query's rows with dbt_scd_id, dbt_updated_at, dbt_valid_from and
// dbt_valid_to; later runs insert a new version of each row that changed and close the old
// one (dbt_valid_to), all in one transaction, so a failure leaves the snapshot as it was.
//
// Strategies: `timestamp` (a row changed when its `updated_at` is newer than the snapshot's
// current version) and `check` (when any of `check_cols`, or every column for `all`, differs;
// versions are stamped with the snapshot time). Rows whose key left the source: kept current
// (`hard_deletes: ignore`, the default), closed (`invalidate`, or `invalidate_hard_deletes:
// true`), or closed with a new current version marked `dbt_is_deleted = 'True'` (`new_record`,
// dbt 1.9; a key that comes back gets a new version again). dbt 1.9's
// `snapshot_meta_column_names` renames the four (five) columns, and `dbt_valid_to_current` is
// the value current versions hold instead of NULL.
import FlowcGraph
import FlowcSQL
import FlowcWarehouse

extension Materializer {
    /// The snapshot's own columns under their configured names (dbt's defaults otherwise).
    struct SnapshotColumns {
        var scdID = "dbt_scd_id", updatedAt = "dbt_updated_at", validFrom = "dbt_valid_from", validTo = "dbt_valid_to"
        var isDeleted = "dbt_is_deleted"

        init(_ config: JSONObject) {
            let names = config["snapshot_meta_column_names"]?.objectValue ?? JSONObject()
            func name(_ key: String, _ fallback: String) -> String { names[key]?.stringValue ?? fallback }
            scdID = name("dbt_scd_id", scdID)
            updatedAt = name("dbt_updated_at", updatedAt)
            validFrom = name("dbt_valid_from", validFrom)
            validTo = name("dbt_valid_to", validTo)
            isDeleted = name("dbt_is_deleted", isDeleted)
        }

        var all: [String] { [scdID, updatedAt, validFrom, validTo, isDeleted] }
    }

    func snapshot(_ sql: String, config: JSONObject) throws -> ExecResult {
        let configuredKeys = uniqueKey(config)
        guard !configuredKeys.isEmpty else {
            throw MaterializationError(description: "a snapshot needs a unique_key")
        }
        let strategy = config["strategy"]?.stringValue ?? ""
        guard strategy == "timestamp" || strategy == "check" else {
            throw MaterializationError(description: "snapshot strategy '\(strategy)' is not supported; use timestamp (with updated_at) or check (with check_cols)")
        }
        let configuredUpdatedAt = config["updated_at"]?.stringValue
        if strategy == "timestamp" && (configuredUpdatedAt ?? "").isEmpty {
            throw MaterializationError(description: "the timestamp strategy needs `updated_at`, the column that says when a row changed")
        }
        if let legacy = config["invalidate_hard_deletes"], legacy != .null, let set = config["hard_deletes"], set != .null {
            // dbt's get_hard_deletes_behavior refuses the two together, whatever their values
            throw MaterializationError(description: "You cannot set both the invalidate_hard_deletes and hard_deletes config properties on the same snapshot.")
        }
        let hardDeletes = config["hard_deletes"]?.stringValue
            ?? (config["invalidate_hard_deletes"]?.boolValue == true ? "invalidate" : "ignore")
        guard ["ignore", "invalidate", "new_record"].contains(hardDeletes) else {
            throw MaterializationError(description: "hard_deletes must be ignore, invalidate or new_record, not '\(hardDeletes)'")
        }
        let newRecord = hardDeletes == "new_record"
        let meta = SnapshotColumns(config)
        // what current versions hold in dbt_valid_to: NULL, or the configured expression
        let validToCurrent = config["dbt_valid_to_current"]?.stringValue
        // the project's snapshot_get_time when it redefines dbt's
        let now = try ddlMacros.snapshotTime?() ?? ddl.snapshotTime
        func q(_ c: String) -> String { dialect.quote(c) }
        // dbt writes the key, updated_at and check columns into its SQL as configured, unquoted,
        // so `ID` finds PostgreSQL's `id`: each is the query's column of that name, case aside
        let queryColumns = try connection.query("select * from (\n\(sql)\n) sbq where 1 = 0", limit: 0).columns.map(\.name)
        func column(_ name: String, _ what: String) throws -> String {
            if queryColumns.contains(name) { return name }
            if let match = queryColumns.first(where: { $0.lowercased() == name.lowercased() }) { return match }
            throw MaterializationError(description: "the snapshot's \(what) '\(name)' is not a column of its query "
                                       + "(its columns: \(queryColumns.joined(separator: ", "))); flowc's snapshots take column names, "
                                       + "not SQL expressions")
        }
        let keys = try configuredKeys.map { try column($0, "unique_key") }
        let updatedAt = try configuredUpdatedAt.flatMap { $0.isEmpty ? nil : try column($0, "updated_at") }
        let (scdCol, updatedCol, fromCol, toCol, deletedCol) = (q(meta.scdID), q(meta.updatedAt), q(meta.validFrom), q(meta.validTo), q(meta.isDeleted))
        /// When the source row `s` became this version: its `updated_at` (the check strategy's
        /// too, when configured, as dbt's), else the snapshot time.
        func stamp(_ s: String) -> String { updatedAt.map { "\(s).\(q($0))" } ?? now }
        /// dbt's snapshot_hash_arguments: the project's, else a hash of the arguments' text
        /// joined by '|'.
        func hashed(_ args: [String]) throws -> String {
            if let hash = ddlMacros.scdHash { return try hash(args) }
            return ddl.scdHash(args.map { "coalesce(cast(\($0) as text), '')" }.joined(separator: " || '|' || "))
        }
        /// dbt's scd_id of the source row `s`: its keys, then its time.
        func scdID(_ s: String) throws -> String { try hashed(keys.map { "\(s).\(q($0))" } + [stamp(s)]) }
        func sameKey(_ a: String, _ b: String) -> String { keys.map { "\(a).\(q($0)) = \(b).\(q($0))" }.joined(separator: " and ") }
        let openEnd = validToCurrent ?? "null"

        try dropLeftovers()
        guard let old = try existing() else {
            let validTo = validToCurrent.map { "coalesce(nullif(\(stamp("sbq")), \(stamp("sbq"))), \($0))" }
                ?? "nullif(\(stamp("sbq")), \(stamp("sbq")))"
            let first = try """
                select sbq.*, \(scdID("sbq")) as \(scdCol), \(stamp("sbq")) as \(updatedCol),
                    \(stamp("sbq")) as \(fromCol), \(validTo) as \(toCol)\(newRecord ? ", 'False' as \(deletedCol)" : "")
                from (
                \(sql)
                ) sbq
                """
            return try transaction { _ in
                let r = try connection.execute(try createTableAs(tmpIdentifier, first, macro: "create_table_as"))
                try connection.execute(ddl.rename(relation(tmpIdentifier), "table", q(identifier)))
                return r
            }
        }
        guard old.kind == .table else {
            throw MaterializationError(description: "\(target) exists as a \(old.kind.rawValue), not a snapshot table")
        }
        let tmp = relation(tmpIdentifier)
        return try transaction { _ in
            try connection.execute(try createTableAs(tmpIdentifier, "select * from (\n\(sql)\n) sbq", macro: "create_table_as"))
            let sourceColumns = try connection.columns(schema: schema, name: tmpIdentifier)
            let targetColumns = try connection.columns(schema: schema, name: identifier)
            let existingColumns = Set(targetColumns.map { $0.name.lowercased() })
            // New source columns are added to the snapshot (dbt does the same, a fixed-width
            // `character(n)` as `character varying(n)`, dbt's string type).
            for c in sourceColumns where !existingColumns.contains(c.name.lowercased()) {
                var type = c.dataType.isEmpty ? "text" : c.dataType
                if type.lowercased().hasPrefix("character(") { type = "character varying" + type.dropFirst("character".count) }
                try connection.execute(ddl.addColumn(target, q(c.name), type))
            }
            // a source string column grown wider widens the snapshot's, as dbt's
            // expand_target_column_types does (else longer values could not be written)
            _ = try expandColumnTypes(reference: sourceColumns, target: targetColumns)
            // a snapshot switched to new_record gets the column, its versions not deleted
            if newRecord && !existingColumns.contains(meta.isDeleted.lowercased()) {
                try connection.execute(ddl.addColumn(target, deletedCol, "text"))
                try connection.execute("update \(target) set \(deletedCol) = 'False'")
            }
            let metaNames = Set(meta.all.map { $0.lowercased() })
            let names = sourceColumns.map(\.name).filter { !metaNames.contains($0.lowercased()) }
            var checked: [String] = []
            if strategy == "check" {
                switch config["check_cols"] {
                case .string("all")?: checked = names
                case .array(let items)?: checked = try items.compactMap(\.stringValue).map { try column($0, "check column") }
                default:
                    throw MaterializationError(description: "the check strategy needs `check_cols`: a list of columns, or 'all'")
                }
            }
            // a checked column the snapshot did not have changes every row, as dbt's
            // snapshot_check_all_get_existing_columns decides (its value was never recorded)
            let columnAdded = checked.contains { !existingColumns.contains($0.lowercased()) }
            func changed(_ s: String, _ t: String) -> String {
                let change = strategy == "timestamp" ? "\(s).\(q(updatedAt ?? "")) > \(t).\(updatedCol)"
                    : columnAdded ? "(1 = 1)"
                    : "(" + checked.map { ddl.isDistinct("\(s).\(q($0))", "\(t).\(q($0))") }.joined(separator: " or ") + ")"
                // a key back in the source after its deletion was recorded is a new version
                return newRecord ? "(\(change) or \(t).\(deletedCol) = 'True')" : change
            }
            let current = validToCurrent.map { "(snap.\(toCol) is null or snap.\(toCol) = \($0))" } ?? "snap.\(toCol) is null"
            let cols = names.map(q).joined(separator: ", ")
            let sourceCols = names.map { "s.\(q($0))" }.joined(separator: ", ")
            let deletedValue = newRecord ? ", 'False'" : ""
            let deletedColumn = newRecord ? ", \(deletedCol)" : ""
            // 1. Close the current versions of rows that changed.
            try connection.execute("""
                update \(target) as snap set \(toCol) = (
                    select \(stamp("s")) from \(tmp) s where \(sameKey("s", "snap")) limit 1)
                where \(current)
                  and exists (select 1 from \(tmp) s where \(sameKey("s", "snap")) and \(changed("s", "snap")))
                """)
            // 2. New versions for every key with no current version now: those just closed, keys
            // never seen, and keys whose versions were all closed (deleted, and back).
            let inserted = try connection.execute("""
                insert into \(target) (\(cols), \(scdCol), \(updatedCol), \(fromCol), \(toCol)\(deletedColumn))
                select \(sourceCols), \(scdID("s")), \(stamp("s")), \(stamp("s")), \(openEnd)\(deletedValue)
                from \(tmp) s
                where not exists (select 1 from \(target) snap where \(sameKey("snap", "s")) and \(current))
                """)
            var deletions: ExecResult?
            if hardDeletes != "ignore" {
                // keys that left the source: the current version is closed now
                let gone = "\(current) and not exists (select 1 from \(tmp) s where \(sameKey("s", "snap")))"
                if newRecord {
                    // … and a version marked deleted, current from now on, copies its values: those
                    // of the columns the query still has (the others NULL), as dbt's deletion_records
                    let queried = Set(names.map { $0.lowercased() })
                    let kept = try connection.columns(schema: schema, name: identifier).map(\.name)
                        .filter { !metaNames.contains($0.lowercased()) && queried.contains($0.lowercased()) }
                    // dbt hashes the version it replaces and the time
                    let deletionID = try hashed(["snap.\(scdCol)", now])
                    let keptCols = kept.map(q).joined(separator: ", ")
                    let keptFrom = kept.map { "snap.\(q($0))" }.joined(separator: ", ")
                    deletions = try connection.execute("""
                        insert into \(target) (\(keptCols), \(scdCol), \(updatedCol), \(fromCol), \(toCol), \(deletedCol))
                        select \(keptFrom), \(deletionID), \(now), \(now), \(openEnd), 'True'
                        from \(target) snap
                        where \(gone) and snap.\(deletedCol) = 'False'
                        """)
                    try connection.execute("""
                        update \(target) as snap set \(toCol) = \(now)
                        where \(gone) and snap.\(deletedCol) = 'False'
                        """)
                } else {
                    try connection.execute("update \(target) as snap set \(toCol) = \(now) where \(gone)")
                }
            }
            try connection.execute(ddl.drop(tmp, "table"))
            // as dbt-postgres's snapshot, whose last statement inserts the new versions (deletion
            // records among them): INSERT 0 n
            let count = inserted.rowsAffected + (deletions?.rowsAffected ?? 0)
            return ExecResult(code: "INSERT", rowsAffected: count)
        }
    }
}
