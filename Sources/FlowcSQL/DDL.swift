// How a dialect spells the statements materializations are made of. The run stage composes
// them into plans (build under a temporary name, swap in one transaction); what differs
// between warehouses lives here, as values, not as branches in the runner.

public struct DDL: Sendable {
    /// `create table <relation> as <select>`.
    public var createTableAs: @Sendable (_ relation: String, _ sql: String) -> String
    /// `create view <relation> as <select>`.
    public var createViewAs: @Sendable (_ relation: String, _ sql: String) -> String
    /// Renames a relation within its schema: (relation, "table"|"view", new quoted identifier).
    public var rename: @Sendable (_ relation: String, _ kind: String, _ newIdentifier: String) -> String
    /// Drops a relation if it exists: (relation, "table"|"view").
    public var drop: @Sendable (_ relation: String, _ kind: String) -> String
    /// Whether views can be renamed (SQLite's cannot: they are dropped and created in one
    /// transaction instead, which its transactional DDL makes just as atomic).
    public var canRenameViews: Bool
    /// Whether a rebuilt table is made under its own name (the old one dropped first, in the
    /// same transaction) rather than beside it and renamed in. SQLite reloads its whole schema
    /// after every rename, which made each table model cost a parse of every relation in the
    /// database; its DDL is transactional, so dropping and creating commit together.
    public var buildsTablesInPlace: Bool
    /// A statement that fails when a just-created view names a missing table or column, for
    /// dialects that accept such views at creation (nil where creating already checks).
    public var checkView: (@Sendable (_ view: String) -> String)?
    /// Whether a view in one schema may read relations of another.
    public var viewsCrossSchemas: Bool
    /// `alter table <relation> add column <column> <type>`.
    public var addColumn: @Sendable (_ relation: String, _ column: String, _ type: String) -> String
    /// `alter table <relation> drop column <column>`.
    public var dropColumn: @Sendable (_ relation: String, _ column: String) -> String
    /// Changes a column's type, where the dialect can: the statements, given the column and a
    /// spare column name, both quoted.
    public var alterColumnType: (@Sendable (_ relation: String, _ column: String, _ spare: String, _ type: String) -> [String])?
    /// An incremental merge (see MergeSpec).
    public var merge: (@Sendable (_ spec: MergeSpec) -> String)?
    /// `comment on …` for persist_docs: (kind "table"|"view"|"column", object, text literal).
    public var comment: (@Sendable (_ kind: String, _ object: String, _ literal: String) -> String)?
    /// `grant <privilege> on <relation> to <grantees>` (the grantees joined, as written).
    public var grant: (@Sendable (_ privilege: String, _ relation: String, _ grantees: String) -> String)?
    /// `revoke <privilege> on <relation> from <grantees>` (the grantees quoted and joined).
    public var revoke: (@Sendable (_ privilege: String, _ relation: String, _ grantees: String) -> String)?
    /// The query listing a relation's grants to others (columns grantee, privilege_type), as
    /// dbt's get_show_grant_sql; given the schema and table names as SQL string literals.
    public var showGrants: (@Sendable (_ schemaLiteral: String, _ tableLiteral: String) -> String)?
    /// Column types for seed columns by inferred kind: integer, number, boolean, date, datetime, text.
    public var seedTypes: [String: String]
    /// How booleans are stored when loading seeds ("true"/"false" or "1"/"0").
    public var booleanLiterals: (true: String, false: String)
    /// Snapshots: `a` and `b` differ, NULLs compared as values.
    public var isDistinct: @Sendable (_ a: String, _ b: String) -> String
    /// Snapshots: the row version id (`dbt_scd_id`) from a text expression.
    public var scdHash: @Sendable (_ text: String) -> String
    /// Source freshness: seconds from the timestamp expression to now.
    public var secondsSince: @Sendable (_ timestamp: String) -> String
    /// Whether a foreign key's REFERENCES names the table with its schema (SQLite's takes a bare
    /// table name only).
    public var qualifiedReferences: Bool
    /// `create index` for a table's `indexes` config (see IndexSpec); nil where there are none.
    public var createIndex: (@Sendable (_ index: IndexSpec) -> String)?
    /// dbt-postgres's `unlogged: true`: the table skips the write-ahead log.
    public var supportsUnlogged: Bool
    /// `create materialized view <relation> as <sql>`; nil where there are none.
    public var createMaterializedViewAs: (@Sendable (_ relation: String, _ sql: String) -> String)?
    /// The query listing a table's or materialized view's indexes (columns name, method,
    /// unique, column_names joined by commas), as dbt-postgres's get_show_indexes_sql; given the
    /// schema and table names as SQL string literals. Nil: indexes are not compared.
    public var showIndexes: (@Sendable (_ schemaLiteral: String, _ tableLiteral: String) -> String)?
    /// `drop index` of the index named `name` (quoted) in `schema` (quoted).
    public var dropIndex: (@Sendable (_ schema: String, _ name: String) -> String)?
    /// A microbatch batch's condition on an event_time column: (column, start, end), the
    /// bounds UTC `YYYY-MM-DD HH:MM:SS`, start inclusive, end exclusive.
    public var eventTimeRange: @Sendable (_ column: String, _ start: String, _ end: String) -> String
    /// The time a snapshot stamps versions with (dbt's snapshot_get_time()).
    public var snapshotTime: String

    public init(createTableAs: @escaping @Sendable (String, String) -> String,
                createViewAs: @escaping @Sendable (String, String) -> String,
                rename: @escaping @Sendable (String, String, String) -> String,
                drop: @escaping @Sendable (String, String) -> String,
                canRenameViews: Bool, checkView: (@Sendable (String) -> String)?, viewsCrossSchemas: Bool,
                addColumn: @escaping @Sendable (String, String, String) -> String,
                dropColumn: @escaping @Sendable (String, String) -> String,
                alterColumnType: (@Sendable (String, String, String, String) -> [String])?,
                merge: (@Sendable (MergeSpec) -> String)?,
                comment: (@Sendable (String, String, String) -> String)?,
                grant: (@Sendable (String, String, String) -> String)?,
                seedTypes: [String: String], booleanLiterals: (true: String, false: String),
                isDistinct: @escaping @Sendable (String, String) -> String = { "\($0) is distinct from \($1)" },
                scdHash: @escaping @Sendable (String) -> String = { "md5(\($0))" },
                secondsSince: @escaping @Sendable (String) -> String = {
                    "extract(epoch from (current_timestamp - cast(\($0) as timestamptz)))"
                }, qualifiedReferences: Bool = true,
                eventTimeRange: @escaping @Sendable (String, String, String) -> String = { c, s, e in
                    // dbt's text: the bounds as Python prints an aware UTC datetime
                    "\(c) >= '\(s)+00:00' and \(c) < '\(e)+00:00'"
                },
                createIndex: (@Sendable (IndexSpec) -> String)? = nil, supportsUnlogged: Bool = false,
                createMaterializedViewAs: (@Sendable (String, String) -> String)? = nil,
                snapshotTime: String = "current_timestamp",
                revoke: (@Sendable (String, String, String) -> String)? = nil,
                showGrants: (@Sendable (String, String) -> String)? = nil,
                showIndexes: (@Sendable (String, String) -> String)? = nil,
                dropIndex: (@Sendable (String, String) -> String)? = nil,
                buildsTablesInPlace: Bool = false) {
        self.createTableAs = createTableAs
        self.createViewAs = createViewAs
        self.rename = rename
        self.drop = drop
        self.canRenameViews = canRenameViews
        self.buildsTablesInPlace = buildsTablesInPlace
        self.checkView = checkView
        self.viewsCrossSchemas = viewsCrossSchemas
        self.addColumn = addColumn
        self.dropColumn = dropColumn
        self.alterColumnType = alterColumnType
        self.merge = merge
        self.comment = comment
        self.grant = grant
        self.revoke = revoke
        self.showGrants = showGrants
        self.seedTypes = seedTypes
        self.booleanLiterals = booleanLiterals
        self.isDistinct = isDistinct
        self.scdHash = scdHash
        self.secondsSince = secondsSince
        self.qualifiedReferences = qualifiedReferences
        self.eventTimeRange = eventTimeRange
        self.createIndex = createIndex
        self.supportsUnlogged = supportsUnlogged
        self.createMaterializedViewAs = createMaterializedViewAs
        self.showIndexes = showIndexes
        self.dropIndex = dropIndex
        self.snapshotTime = snapshotTime
    }
}

/// 'text' as a SQL string literal.
public func sqlStringLiteral(_ s: String) -> String {
    "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
}

/// What an incremental merge writes, names quoted: rows of `source` (aliased
/// DBT_INTERNAL_SOURCE, as dbt aliases it) into `target` (DBT_INTERNAL_DEST), matched on the
/// unique key columns and the model's `incremental_predicates` (written against those aliases,
/// as in dbt); matched rows get `updateColumns` (merge_update_columns / merge_exclude_columns),
/// the others are inserted with `columns`.
public struct MergeSpec: Sendable {
    public var target: String
    public var source: String
    public var keys: [String]
    public var columns: [String]
    public var updateColumns: [String]
    public var predicates: [String]
    /// How a single unique key matches (dbt's `equals` macro): plain `=` unless the project
    /// sets `enable_truthy_nulls_equals_macro`, when a NULL key matches a NULL key.
    public var keyEquals: (@Sendable (_ source: String, _ dest: String) -> String)?

    public init(target: String, source: String, keys: [String], columns: [String], updateColumns: [String],
                predicates: [String]) {
        self.target = target
        self.source = source
        self.keys = keys
        self.columns = columns
        self.updateColumns = updateColumns
        self.predicates = predicates
    }

    /// dbt's equals() under `enable_truthy_nulls_equals_macro`, for a unique_key given as one
    /// string: a NULL key matches a NULL key.
    public mutating func matchNullKeys(_ ddl: DDL) {
        let isDistinct = ddl.isDistinct
        keyEquals = { "not (\(isDistinct($0, $1)))" }
    }

    /// The columns a merge updates: `only` (merge_update_columns), else every column but
    /// `except` (merge_exclude_columns, case-insensitive), else all, as dbt's
    /// get_merge_update_columns; nil when both are given, which dbt refuses.
    public static func updateColumns(_ columns: [String], only: [String], except: [String]) -> [String]? {
        if !only.isEmpty && !except.isEmpty { return nil }
        if !only.isEmpty { return only }
        let excluded = Set(except.map { $0.lowercased() })
        return columns.filter { !excluded.contains($0.lowercased()) }
    }

    /// dbt's message when both are given.
    public static let bothUpdateColumnConfigs = "Model cannot specify merge_update_columns and merge_exclude_columns. "
        + "Please update model to use only one config"

    /// The ON condition: each key match and each predicate, parenthesised, as dbt joins them.
    /// Without a unique key dbt's merge matches nothing (`FALSE`): every row is inserted.
    public var condition: String {
        let match: (String) -> String = { key in
            let (s, d) = ("DBT_INTERNAL_SOURCE.\(key)", "DBT_INTERNAL_DEST.\(key)")
            // (set only for a unique_key given as one string: dbt's list of keys compares with `=`)
            if self.keys.count == 1, let keyEquals = self.keyEquals { return keyEquals(s, d) }
            return "\(s) = \(d)"
        }
        let parts = keys.map(match) + predicates + (keys.isEmpty ? ["FALSE"] : [])
        return "(" + parts.joined(separator: ") and (") + ")"
    }
}

/// One entry of a table's `indexes` config (dbt-postgres's): its columns as written, whether it
/// is unique, the access method (`btree`, `hash`, …), the index's name, and the table's schema
/// and bare name with the full relation (SQLite names an index by schema, its table bare).
public struct IndexSpec: Sendable {
    public var relation: String
    public var schema: String
    public var table: String
    public var name: String
    public var columns: [String]
    public var unique: Bool
    public var type: String?

    public init(relation: String, schema: String, table: String, name: String, columns: [String], unique: Bool, type: String?) {
        self.relation = relation
        self.schema = schema
        self.table = table
        self.name = name
        self.columns = columns
        self.unique = unique
        self.type = type
    }
}
