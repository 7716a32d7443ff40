// How an incremental model's new columns differ from its table's (on_schema_change): columns
// added, removed or given another type, and the statements that
// append or sync them. Shared by flowc's incremental models and dbt's process_schema_changes
// macro, which custom materializations call.

public struct SchemaChanges: Sendable {
    public typealias Column = (name: String, dataType: String)
    public var added: [Column]
    public var removed: [Column]
    public var retyped: [Column]

    /// Names are compared as the warehouse spells them (dbt's `name not in target_names`: `Foo`
    /// and `foo` are two columns on PostgreSQL), or without case on a warehouse whose names
    /// have none (SQLite: see `Dialect.columnNamesHaveCase`).
    public init(old: [Column], new: [Column], namesHaveCase: Bool = true) {
        let key: (String) -> String = namesHaveCase ? { $0 } : { $0.lowercased() }
        let oldNames = Set(old.map { key($0.name) })
        let newNames = Set(new.map { key($0.name) })
        added = new.filter { !oldNames.contains(key($0.name)) }
        removed = old.filter { !newNames.contains(key($0.name)) }
        retyped = new.filter { n in
            old.contains { key($0.name) == key(n.name) && !$0.dataType.isEmpty && !n.dataType.isEmpty
                && $0.dataType.lowercased() != n.dataType.lowercased() && !ColumnType(n.dataType).canExpand(to: ColumnType($0.dataType)) }
        }
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && retyped.isEmpty }

    /// What changed, for a message: "new columns: a; removed columns: b".
    public var summary: String {
        var parts: [String] = []
        if !added.isEmpty { parts.append("new columns: " + added.map(\.name).joined(separator: ", ")) }
        if !removed.isEmpty { parts.append("removed columns: " + removed.map(\.name).joined(separator: ", ")) }
        if !retyped.isEmpty { parts.append("changed types: " + retyped.map(\.name).joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    /// The statements that bring `target` in line: new columns for append_new_columns; also
    /// dropped and retyped ones for sync_all_columns (where the dialect can alter a type).
    public func statements(policy: String, target: String, dialect: Dialect) -> [String] {
        let ddl = dialect.ddl
        guard policy == "append_new_columns" || policy == "sync_all_columns" else { return [] }
        var out = added.map { ddl.addColumn(target, dialect.quote($0.name), $0.dataType.isEmpty ? "text" : $0.dataType) }
        if policy == "sync_all_columns" {
            out += removed.map { ddl.dropColumn(target, dialect.quote($0.name)) }
            if let alter = ddl.alterColumnType {
                // one string: PostgreSQL runs its statements in one implicit transaction, so a
                // copy that fails (no cast to the new type) leaves the table as it was
                out += retyped.map { alter(target, dialect.quote($0.name), dialect.quote($0.name + "__dbt_alter"), $0.dataType)
                    .joined(separator: ";\n") }
            }
        }
        return out
    }
}
