// Snapshots (slowly changing dimensions, type 2), as dbt's snapshot materialization: the
// first run copies the query's rows with dbt_scd_id, dbt_updated_at, dbt_valid_from and
// dbt_valid_to; later runs insert a new version of each row that changed and close the old
// one (dbt_valid_to), all in one transaction, so a failure leaves the snapshot as it was.
//
// Strategies: `timestamp` (a row changed when its `updated_at` is newer than the snapshot's
// current version) and `check` (when any of `check_cols`, or every column for `all`, differs;
// versions are stamped with the snapshot time). `invalidate_hard_deletes: true` or
// `hard_deletes: invalidate` closes rows whose key left the source.
import FlowcGraph
import FlowcSQL
import FlowcWarehouse

extension Materializer {
    static let snapshotColumns = ["dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to"]

    func snapshot(_ sql: String, config: JSONObject) throws -> ExecResult {
        let keys = uniqueKey(config)
        guard !keys.isEmpty else {
            throw MaterializationError(description: "a snapshot needs a unique_key")
        }
        let strategy = config["strategy"]?.stringValue ?? ""
        guard strategy == "timestamp" || strategy == "check" else {
            throw MaterializationError(description: "snapshot strategy '\(strategy)' is not supported; use timestamp (with updated_at) or check (with check_cols)")
        }
        let updatedAt = config["updated_at"]?.stringValue
        if strategy == "timestamp" && (updatedAt ?? "").isEmpty {
            throw MaterializationError(description: "the timestamp strategy needs `updated_at`, the column that says when a row changed")
        }
        let invalidateDeletes = config["invalidate_hard_deletes"]?.boolValue == true
            || config["hard_deletes"]?.stringValue == "invalidate"
        let now = "current_timestamp"
        func q(_ c: String) -> String { dialect.quote(c) }
        /// When the source row `s` became this version.
        func stamp(_ s: String) -> String { strategy == "timestamp" ? "\(s).\(q(updatedAt ?? ""))" : now }
        func keyText(_ s: String) -> String {
            keys.map { "coalesce(cast(\(s).\(q($0)) as text), '')" }.joined(separator: " || '|' || ")
        }
        func scdID(_ s: String) -> String { ddl.scdHash("\(keyText(s)) || '|' || coalesce(cast(\(stamp(s)) as text), '')") }
        func sameKey(_ a: String, _ b: String) -> String { keys.map { "\(a).\(q($0)) = \(b).\(q($0))" }.joined(separator: " and ") }

        try dropLeftovers()
        guard let old = try existing() else {
            let first = """
                select sbq.*, \(scdID("sbq")) as dbt_scd_id, \(stamp("sbq")) as dbt_updated_at,
                    \(stamp("sbq")) as dbt_valid_from, nullif(\(stamp("sbq")), \(stamp("sbq"))) as dbt_valid_to
                from (
                \(sql)
                ) sbq
                """
            return try connection.transaction {
                let r = try connection.execute(ddl.createTableAs(relation(tmpIdentifier), first))
                try connection.execute(ddl.rename(relation(tmpIdentifier), "table", q(identifier)))
                return r
            }
        }
        guard old.kind == .table else {
            throw MaterializationError(description: "\(target) exists as a \(old.kind.rawValue), not a snapshot table")
        }
        let tmp = relation(tmpIdentifier)
        return try connection.transaction {
            try connection.execute(ddl.createTableAs(tmp, "select * from (\n\(sql)\n) sbq"))
            let sourceColumns = try connection.columns(schema: schema, name: tmpIdentifier)
            let existingColumns = Set(try connection.columns(schema: schema, name: identifier).map { $0.name.lowercased() })
            // New source columns are added to the snapshot (dbt does the same).
            for c in sourceColumns where !existingColumns.contains(c.name.lowercased()) {
                try connection.execute(ddl.addColumn(target, q(c.name), c.dataType.isEmpty ? "text" : c.dataType))
            }
            let names = sourceColumns.map(\.name).filter { !Self.snapshotColumns.contains($0.lowercased()) }
            var checked: [String] = []
            if strategy == "check" {
                switch config["check_cols"] {
                case .string("all")?: checked = names
                case .array(let items)?: checked = items.compactMap(\.stringValue)
                default:
                    throw MaterializationError(description: "the check strategy needs `check_cols`: a list of columns, or 'all'")
                }
            }
            func changed(_ s: String, _ t: String) -> String {
                if strategy == "timestamp" { return "\(s).\(q(updatedAt ?? "")) > \(t).dbt_updated_at" }
                return "(" + checked.map { ddl.isDistinct("\(s).\(q($0))", "\(t).\(q($0))") }.joined(separator: " or ") + ")"
            }
            let current = "snap.dbt_valid_to is null"
            let cols = names.map(q).joined(separator: ", ")
            let sourceCols = names.map { "s.\(q($0))" }.joined(separator: ", ")
            // 1. New versions: keys never seen (or only closed), and rows that changed.
            let inserted = try connection.execute("""
                insert into \(target) (\(cols), dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to)
                select \(sourceCols), \(scdID("s")), \(stamp("s")), \(stamp("s")), null
                from \(tmp) s
                where not exists (select 1 from \(target) snap where \(sameKey("snap", "s")) and \(current))
                   or exists (select 1 from \(target) snap where \(sameKey("snap", "s")) and \(current) and \(changed("s", "snap")))
                """)
            // 2. Close the versions they replace (the new ones are current and unchanged).
            try connection.execute("""
                update \(target) as snap set dbt_valid_to = (
                    select \(stamp("s")) from \(tmp) s where \(sameKey("s", "snap")) limit 1)
                where \(current)
                  and exists (select 1 from \(tmp) s where \(sameKey("s", "snap")) and \(changed("s", "snap")))
                """)
            if invalidateDeletes {
                try connection.execute("""
                    update \(target) as snap set dbt_valid_to = \(now)
                    where \(current) and not exists (select 1 from \(tmp) s where \(sameKey("s", "snap")))
                    """)
            }
            try connection.execute(ddl.drop(tmp, "table"))
            return ExecResult(code: "SNAPSHOT", rowsAffected: inserted.rowsAffected)
        }
    }
}
