// A warehouse connection target chosen from profiles.yml (or the embedded SQLite default):
// which adapter, how many threads, the default schema and database, and every other setting
// of the target as text (`fields`) and as written (`raw`).

import FlowcTemplate

public struct Target: Sendable {
    public var profileName: String
    /// The target's name ("dev", "prod", …).
    public var name: String
    /// The adapter: "sqlite", "postgres", "duckdb", …
    public var type: String
    public var threads: Int
    public var schema: String
    public var database: String
    /// Every key of the target in order, rendered to text: host, port, user, password, dbname,
    /// sslmode, path, … (a nested value appears in flow style, e.g. `{main: /db/main.sqlite}`;
    /// read it from `raw` instead).
    public var fields: [(String, String)]
    /// The rendered target mapping, nested values included.
    public var raw: YAMLValue?

    public init(profileName: String, name: String, type: String, threads: Int, schema: String, database: String,
                fields: [(String, String)], raw: YAMLValue?) {
        self.profileName = profileName
        self.name = name
        self.type = type
        self.threads = threads
        self.schema = schema
        self.database = database
        self.fields = fields
        self.raw = raw
    }

    /// The text of one field ("host", "port", …), nil when the target has no such key.
    public func field(_ key: String) -> String? {
        for (k, v) in fields where k == key { return v }
        return nil
    }

    /// What templates see as `target`: the target's keys plus dbt's `name`, `profile_name`,
    /// `type`, `schema`, `database` and `threads` (a password is included, as in dbt).
    public var templateValue: Value {
        var pairs: [(String, Value)] = []
        var seen: Set<String> = []
        let fixed: [(String, Value)] = [
            ("profile_name", .string(profileName)), ("name", .string(name)), ("target_name", .string(name)),
            ("type", .string(type)), ("schema", .string(schema)), ("database", .string(database)),
            ("threads", .int(threads)),
        ]
        for (k, v) in fixed {
            pairs.append((k, v))
            seen.insert(k)
        }
        for entry in raw?.entries ?? [] where !seen.contains(entry.key) {
            pairs.append((entry.key, entry.value.templateValue))
            seen.insert(entry.key)
        }
        return .dict(pairs)
    }

    /// The embedded SQLite target used when no profile is set up: database file
    /// `<project root>/<target path>/flowc.sqlite`, schema and database "main", 4 threads.
    public static func defaultSQLite(projectRoot: String, targetPath: String, profileName: String?,
                                     targetName: String?) -> Target {
        let base = targetPath.hasPrefix("/") ? targetPath : projectRoot + "/" + targetPath
        let path = normalizePath(base + "/flowc.sqlite")
        let span = SourceSpan(file: "<default profile>", line: 1, column: 1)
        let fields: [(String, String)] = [
            ("type", "sqlite"), ("threads", "4"), ("schema", "main"), ("database", "main"), ("path", path),
        ]
        let raw = YAMLValue.map(fields.map { (key: $0.0, keySpan: span, value: $0.0 == "threads"
                                              ? YAMLValue.int(4, span) : YAMLValue.string($0.1, span)) }, span)
        return Target(profileName: profileName ?? "default", name: targetName ?? "dev", type: "sqlite",
                      threads: 4, schema: "main", database: "main", fields: fields, raw: raw)
    }
}
