// target/catalog.json in dbt's catalog v1 schema: what the warehouse says about the project's
// relations (models, seeds, snapshots and sources that exist), their columns with types and
// positions, and row counts where they are cheap to know. Relations that do not exist are
// left out, as dbt leaves them out; a relation whose columns cannot be read is an `errors` entry.
import FlowcGraph
import Foundation
import FlowcSQL
import FlowcWarehouse

public struct CatalogTable: Sendable {
    public var uniqueId: String
    /// "table" or "view".
    public var type: String
    public var database: String?
    public var schema: String
    public var name: String
    public var columns: [WarehouseColumn]
    /// Rows, when the warehouse knows them cheaply (PostgreSQL statistics, small SQLite files).
    public var rowCount: Int?
    /// What the warehouse's catalog says beyond names and types (PostgreSQL), written as dbt writes it.
    public var details: RelationDetails?
    /// Whether catalog.json carries `rowCount`: dbt-postgres's catalog reads no statistics, so
    /// on PostgreSQL the file has none (the docs site still shows the count).
    public var statsInFile: Bool

    public init(uniqueId: String, type: String, database: String?, schema: String, name: String,
                columns: [WarehouseColumn], rowCount: Int?, details: RelationDetails? = nil, statsInFile: Bool = true) {
        self.statsInFile = statsInFile
        self.uniqueId = uniqueId
        self.type = type
        self.database = database
        self.schema = schema
        self.name = name
        self.columns = columns
        self.rowCount = rowCount
        self.details = details
    }
}

/// A relation as PostgreSQL's catalog describes it, read as dbt-postgres reads it: the table type
/// in information_schema's words, the owner, the comments persist_docs writes, and each column's
/// position (`attnum`, which keeps the gaps dropped columns leave).
public struct RelationDetails: Sendable {
    public var tableType: String
    public var owner: String?
    public var comment: String?
    /// Position and comment of each column, by name.
    public var columns: [String: (index: Int, comment: String?)]
}

public struct Catalog: Sendable {
    public var nodes: [String: CatalogTable] = [:]
    public var sources: [String: CatalogTable] = [:]
    public var errors: [String] = []
    public init() {}

    /// The table of a node or source, by unique_id.
    public subscript(id: String) -> CatalogTable? { nodes[id] ?? sources[id] }

    public func json(metadata: JSONObject) -> JSON {
        func tables(_ t: [String: CatalogTable]) -> JSON {
            var o = JSONObject()
            for id in t.keys.sorted() { if let table = t[id] { o[id] = table.json } }
            return .object(o)
        }
        return .object(JSONObject([
            ("metadata", .object(metadata)), ("nodes", tables(nodes)), ("sources", tables(sources)),
            ("errors", errors.isEmpty ? .null : .array(errors.map { .string($0) })),
        ]))
    }
}

extension CatalogTable {
    var json: JSON {
        var columnsJSON = JSONObject()
        for (i, c) in columns.enumerated() {
            let detail = details?.columns[c.name]
            columnsJSON[c.name] = .object(JSONObject([
                ("type", .string(c.dataType)), ("index", .int(detail?.index ?? i + 1)), ("name", .string(c.name)),
                ("comment", detail?.comment.map { .string($0) } ?? .null),
            ]))
        }
        // dbt always writes has_stats; row_count only when the adapter knows it
        var stats = JSONObject()
        let rowCount = statsInFile ? rowCount : nil
        if let rowCount {
            stats["row_count"] = .object(JSONObject([
                ("id", "row_count"), ("label", "Row Count"), ("value", .int(rowCount)), ("include", true),
                ("description", "An approximate count of rows in this table"),
            ]))
        }
        stats["has_stats"] = .object(JSONObject([
            ("id", "has_stats"), ("label", "Has Stats?"), ("value", .bool(rowCount != nil)), ("include", false),
            ("description", "Indicates whether there are statistics for this table"),
        ]))
        return .object(JSONObject([
            ("metadata", .object(JSONObject([
                ("type", .string(details?.tableType ?? type)), ("schema", .string(schema)), ("name", .string(name)),
                ("database", database.map { .string($0) } ?? .null),
                ("comment", details?.comment.map { .string($0) } ?? .null),
                ("owner", details?.owner.map { .string($0) } ?? .null),
            ]))),
            ("columns", .object(columnsJSON)), ("stats", .object(stats)), ("unique_id", .string(uniqueId)),
        ]))
    }
}

public enum CatalogReader {
    /// SQLite counts rows with `count(*)` (a full scan) only in database files up to this size.
    public static let sqliteCountLimitBytes = 64 << 20

    /// Reads the catalog of the manifest's relations through one connection.
    public static func read(_ manifest: Manifest, connection: any WarehouseConnection) -> Catalog {
        var catalog = Catalog()
        let statsInFile = connection.dialect.name != "postgres"
        // One listing per schema says which relations exist and what they are.
        var listed: [String: [String: WarehouseRelation]] = [:]
        var rowCounts: [String: [String: Int]] = [:]
        var described: [String: [String: DescribedRelation]] = [:]
        func lookup(schema: String, name: String) -> WarehouseRelation? {
            if listed[schema] == nil {
                do {
                    let rels = try connection.relations(schema: schema)
                    listed[schema] = Dictionary(rels.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
                } catch {
                    catalog.errors.append("cannot list the relations of schema '\(schema)': \(error)")
                    listed[schema] = [:]
                }
                if connection.dialect.name == "postgres" { described[schema] = postgresRelations(connection, schema: schema) }
                rowCounts[schema] = counts(connection, schema: schema, tables: listed[schema]?.values.filter { $0.kind == .table } ?? [])
            }
            let rels = listed[schema] ?? [:]
            return rels[name] ?? rels.values.first { $0.name.lowercased() == name.lowercased() }
        }
        func table(_ id: String, database: String, schema: String, name: String) -> CatalogTable? {
            guard let rel = lookup(schema: schema, name: name) else { return nil }
            if let d = described[schema]?[rel.name] {
                return CatalogTable(uniqueId: id, type: rel.kind.rawValue, database: database.isEmpty ? nil : database,
                                    schema: rel.schema, name: rel.name, columns: d.columns,
                                    rowCount: rel.kind == .table ? rowCounts[schema]?[rel.name] : nil, details: d.details,
                                    statsInFile: statsInFile)
            }
            do {
                let columns = try connection.columns(schema: rel.schema, name: rel.name)
                return CatalogTable(uniqueId: id, type: rel.kind.rawValue, database: database.isEmpty ? nil : database,
                                    schema: rel.schema, name: rel.name, columns: columns,
                                    rowCount: rel.kind == .table ? rowCounts[schema]?[rel.name] : nil, statsInFile: statsInFile)
            } catch {
                catalog.errors.append("cannot read the columns of \(schema).\(name) (\(id)): \(error)")
                return nil
            }
        }
        for id in manifest.nodes.keys.sorted() {
            guard let n = manifest.nodes[id], [.model, .seed, .snapshot].contains(n.resourceType),
                  n.materialized != "ephemeral" else { continue }
            if let t = table(id, database: n.database, schema: n.schema, name: n.alias) { catalog.nodes[id] = t }
        }
        for id in manifest.sources.keys.sorted() {
            guard let s = manifest.sources[id] else { continue }
            if let t = table(id, database: s.database, schema: s.schema, name: s.identifier) { catalog.sources[id] = t }
        }
        return catalog
    }

    /// Row counts of a schema's tables where cheap: PostgreSQL's planner statistics
    /// (`pg_class.reltuples`, -1 before the first ANALYZE), SQLite's `count(*)` in small files.
    static func counts(_ connection: any WarehouseConnection, schema: String, tables: [WarehouseRelation]) -> [String: Int] {
        var out: [String: Int] = [:]
        switch connection.dialect.name {
        case "postgres":
            let sql = """
                select c.relname, c.reltuples::bigint from pg_catalog.pg_class c
                join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                where n.nspname = \(literal(schema)) and c.relkind in ('r', 'p')
                """
            for row in (try? connection.query(sql, limit: nil).rows) ?? [] where row.count == 2 {
                if case .int(let n) = row[1], n >= 0 { out[row[0].text] = Int(n) }
            }
        case "sqlite":
            let q = connection.dialect.quote(schema)
            guard let pages = try? connection.query("pragma \(q).page_count", limit: 1).rows.first?.first,
                  let size = try? connection.query("pragma \(q).page_size", limit: 1).rows.first?.first,
                  case .int(let p) = pages, case .int(let s) = size, p * s <= sqliteCountLimitBytes else { return out }
            for t in tables {
                let sql = "select count(*) from \(q).\(connection.dialect.quote(t.name))"
                if case .int(let n)? = try? connection.query(sql, limit: 1).rows.first?.first { out[t.name] = Int(n) }
            }
        default:
            break
        }
        return out
    }

    static func literal(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
}
