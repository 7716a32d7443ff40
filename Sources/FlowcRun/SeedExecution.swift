// `flowc seed`: a CSV file becomes a table. An existing table is emptied and refilled, as dbt's
// seed materialization truncates it (a CSV whose columns changed is then the database's error,
// and --full-refresh the way out); with --full-refresh, or over a view, it is dropped and created
// with the inferred or configured column types. Either way in one transaction.
import FlowcGraph
import FlowcWarehouse
import Foundation

extension NodeExecutor {
    func runSeed(_ node: Node, into result: inout NodeResult) throws {
        let path = context.options.projectRoot + "/" + context.manifest.projectRelativePath(of: node)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw NodeFailure(status: .error, message: "cannot read seed file \(node.originalFilePath)")
        }
        var delimiter = UInt8(ascii: ",")
        if let d = node.config["delimiter"]?.stringValue {
            guard d.utf8.count == 1, let byte = d.utf8.first else {
                throw NodeFailure(status: .error, message: "\(node.originalFilePath): delimiter must be one character, not '\(d)'")
            }
            delimiter = byte
        }
        let table: SeedTable
        do {
            table = try SeedFile.parse(text, delimiter: delimiter, file: node.originalFilePath)
        } catch let e as SeedError {
            throw NodeFailure(status: .error, message: e.description)
        }
        let ddl = dialect.ddl
        let kinds = SeedFile.inferKinds(table)
        let configured = node.config["column_types"]?.objectValue ?? JSONObject()
        var types: [String] = []
        var booleanColumns: [Int] = []
        var configuredColumns: Set<Int> = []
        for (i, name) in table.header.enumerated() {
            if let t = configured[name]?.stringValue {
                types.append(t)
                configuredColumns.insert(i)
            } else {
                types.append(ddl.seedTypes[kinds[i]] ?? "text")
                if kinds[i] == "boolean" { booleanColumns.append(i) }
            }
        }
        var rows = SeedFile.loadedRows(table, kinds: kinds, skip: configuredColumns)
        if !booleanColumns.isEmpty {
            for r in rows.indices {
                for c in booleanColumns {
                    if let v = rows[r][c] { rows[r][c] = v.trimmingSpaces.lowercased() == "true" ? ddl.booleanLiterals.true : ddl.booleanLiterals.false }
                }
            }
        }
        let quoteColumns = node.config["quote_columns"]?.boolValue ?? true
        let columnSQL = table.header.map { quoteColumns ? dialect.quote($0) : $0 }
        let m = Materializer(connection: connection, dialect: dialect, database: node.database, schema: node.schema,
                             identifier: node.alias)
        try ensureSchema(node)
        try runHooks("pre-hook", node: node, inTransaction: false)
        let existing = try m.existing()
        // dbt's should_full_refresh(): the seed's `full_refresh` config wins over the flag
        let fullRefresh = node.fullRefresh(context.options.fullRefresh)
        let reuse = existing?.kind == .table && !fullRefresh
        let create = "create table \(m.target) (" + zip(columnSQL, types).map { "\($0) \($1)" }.joined(separator: ", ") + ")"
        let loaded = try connection.transaction {
            // in the seed's transaction, as dbt's: a later failure rolls back what they did
            try runHooks("pre-hook", node: node, inTransaction: true)
            if reuse {
                try connection.execute("delete from \(m.target)")
            } else {
                if let existing { try connection.execute(ddl.drop(m.target, existing.kind.sql)) }
                try connection.execute(create)
            }
            // unquoted (quote_columns: false), PostgreSQL keeps the columns in lower case: the rows
            // go in under those names
            let loadColumns = !quoteColumns && dialect.foldsUnquotedNamesToLowerCase ? table.header.map { $0.lowercased() } : table.header
            let count = try connection.load(into: node.schema, table: node.alias, columns: loadColumns, rows: rows)
            // before COMMIT, in dbt's seed materialization's order: a failing grant, comment or
            // post-hook keeps the old table. A reloaded seed keeps its grants, as dbt assumes.
            try applyGrants(node, relation: m.target, revoking: reuse)
            try persistDocs(node, relation: m.target, kind: "table")
            try runHooks("post-hook", node: node, inTransaction: true)
            return count
        }
        try runHooks("post-hook", node: node, inTransaction: false)
        // dbt's seed materialization reports CREATE in full-refresh mode, INSERT otherwise
        let code = fullRefresh ? "CREATE" : "INSERT"
        result.adapterCode = code
        result.rowsAffected = loaded
        result.message = "\(code) \(loaded)"
    }
}
