// A profile target becomes a warehouse: `sqlite` (path, schemas_and_paths, schema_directory,
// as dbt-sqlite reads them) or `postgres` (host, port, user, password, dbname, sslmode,
// connect_timeout, keepalives_idle, or a `url`).
import FlowcProject
import FlowcWarehouse
import Foundation

public struct TargetError: Error, CustomStringConvertible {
    public var description: String
}

public enum WarehouseFactory {
    /// Whether the target may already hold relations: a SQLite target whose database files do
    /// not exist yet holds none, and compile need not create them to find that out.
    public static func mayHoldRelations(_ target: Target, projectRoot: String) -> Bool {
        guard target.type == "sqlite" else { return true }
        let files = [target.field("path")].compactMap { $0 }
            + (target.raw?["schemas_and_paths"]?.entries ?? []).compactMap(\.value.scalarText)
        return files.contains { FileManager.default.fileExists(atPath: absolute($0, projectRoot)) }
    }

    /// A profile's file path, relative to the project.
    static func absolute(_ path: String, _ projectRoot: String) -> String {
        path.hasPrefix("/") ? path : projectRoot + "/" + path
    }

    public static func make(_ target: Target, projectRoot: String) throws -> any Warehouse {
        func absolute(_ p: String) -> String { Self.absolute(p, projectRoot) }
        switch target.type {
        case "sqlite":
            var schemas: [String: String] = [:]
            for entry in target.raw?["schemas_and_paths"]?.entries ?? [] {
                if let p = entry.value.scalarText { schemas[entry.key] = absolute(p) }
            }
            guard let main = target.field("path").map(absolute) ?? schemas["main"] ?? schemas.first?.value else {
                throw TargetError(description: "sqlite target '\(target.name)' needs `path` (the database file) or `schemas_and_paths: {main: …}`")
            }
            return SQLiteWarehouse(config: SQLiteConfig(path: main, schemaDirectory: target.field("schema_directory").map(absolute),
                                                        schemasAndPaths: schemas))
        case "postgres":
            if let url = target.field("url") {
                do { return PostgresWarehouse(config: try PostgresConfig(url: url)) } catch {
                    throw TargetError(description: "postgres target '\(target.name)': \(error)")
                }
            }
            func int(_ key: String) throws -> Int? {
                guard let v = target.field(key) else { return nil }
                guard let i = Int(v) else { throw TargetError(description: "postgres target '\(target.name)': `\(key)` must be a number, not '\(v)'") }
                return i
            }
            guard let host = target.field("host"), let user = target.field("user") else {
                throw TargetError(description: "postgres target '\(target.name)' needs `host` and `user`")
            }
            let dbname = target.field("dbname") ?? target.field("database") ?? user
            return PostgresWarehouse(config: PostgresConfig(
                host: host, port: try int("port") ?? 5432, user: user, password: target.field("password") ?? target.field("pass"),
                dbname: dbname, sslmode: target.field("sslmode"), connectTimeout: try int("connect_timeout") ?? 10,
                keepalivesIdle: try int("keepalives_idle"), applicationName: target.field("application_name") ?? "flowc"))
        default:
            throw TargetError(description: "target '\(target.name)' has type '\(target.type)'; flowc runs on sqlite and postgres")
        }
    }
}
