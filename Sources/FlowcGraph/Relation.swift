// A warehouse relation as templates see it (`this`, what `ref()`/`source()` return): prints as
// the dialect spells it (`main."orders"` on SQLite, `"db"."schema"."orders"` on PostgreSQL)
// and has dbt's Relation attributes and methods.
import FlowcSQL
import FlowcTemplate

public class RelationObject: TemplateObject {
    public let database: String?
    public let schema: String?
    public let identifier: String?
    public let relationType: String?
    let dialect: Dialect
    let policy: QuotePolicy
    let includeDatabase: Bool
    let includeSchema: Bool
    let includeIdentifier: Bool
    /// Rows to read when printed into SQL (`--empty` gives 0); nil reads the whole relation.
    var limit: Int?
    /// A microbatch batch's condition on the relation's event_time column (dbt's
    /// render_event_time_filtered); nil reads every row.
    var eventTimeFilter: String?

    public init(database: String?, schema: String?, identifier: String?, type: String? = nil, dialect: Dialect,
                policy: QuotePolicy? = nil, includeDatabase: Bool = true, includeSchema: Bool = true,
                includeIdentifier: Bool = true) {
        self.database = database
        self.schema = schema
        self.identifier = identifier
        self.relationType = type
        self.dialect = dialect
        self.policy = policy ?? dialect.quotePolicy
        self.includeDatabase = includeDatabase
        self.includeSchema = includeSchema
        self.includeIdentifier = includeIdentifier
    }

    public var typeName: String { "Relation" }

    public var rendered: String {
        dialect.renderRelation(database: database, schema: schema, identifier: includeIdentifier ? identifier : nil,
                               policy: policy, includeDatabase: includeDatabase, includeSchema: includeSchema)
    }

    /// Printed into SQL: with a limit, a subquery (dbt's render_limited); `.render()` stays plain.
    public func render(renderer: Renderer) throws -> String {
        var text = rendered
        if let limit {
            let rows = limit == 0 ? "where false limit 0" : "limit \(limit)"
            text = "(select * from \(text) \(rows)) _dbt_limit_subq_\(identifier ?? "")"
        }
        // the batch filter wraps the limited subquery, as dbt nests them
        if let eventTimeFilter {
            text = "(select * from \(text) where \(eventTimeFilter)) _dbt_et_filter_subq_\(identifier ?? "")"
        }
        return text
    }
    /// as dbt prints a relation: `<PostgresRelation "db"."schema"."t">`
    public var pythonRepr: String { "<\(dialect.relationClassName) \(rendered)>" }

    func copy(database: String?? = nil, schema: String?? = nil, identifier: String?? = nil, type: String?? = nil,
              policy: QuotePolicy? = nil, includeDatabase: Bool? = nil, includeSchema: Bool? = nil,
              includeIdentifier: Bool? = nil) -> RelationObject {
        let copied = RelationObject(database: database ?? self.database, schema: schema ?? self.schema,
                       identifier: identifier ?? self.identifier, type: type ?? self.relationType, dialect: dialect,
                       policy: policy ?? self.policy, includeDatabase: includeDatabase ?? self.includeDatabase,
                       includeSchema: includeSchema ?? self.includeSchema,
                       includeIdentifier: includeIdentifier ?? self.includeIdentifier)
        copied.limit = limit  // as dbt's dataclass replace keeps it
        copied.eventTimeFilter = eventTimeFilter
        return copied
    }

    private static func optionalString(_ v: Value?) -> String?? {
        guard let v else { return nil }
        if v.isNone { return .some(nil) }
        return .some(v.stringValue ?? v.pythonString)
    }

    public func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        func str(_ s: String?) -> Value { s.map { .string($0) } ?? .none }
        switch name {
        case "database": return str(database)
        case "schema": return str(schema)
        case "identifier", "name", "table": return str(identifier)
        case "type": return str(relationType)
        case "is_table": return .bool(relationType == "table")
        case "is_view": return .bool(relationType == "view")
        case "is_materialized_view": return .bool(relationType == "materialized_view")
        case "is_cte": return .bool(relationType == "cte")
        case "quote_character": return .string(String(dialect.quoteCharacter))
        // dbt-postgres: identifiers are cut at 63 characters; tables, views and materialized
        // views can be renamed, tables and views replaced
        case "relation_max_name_length":
            let limit: Value = dialect.name == "postgres" ? .int(63) : .none
            return .callable(Callable(name: name) { _, _ in limit })
        case "can_be_renamed": return .bool(["table", "view", "materialized_view"].contains(relationType ?? ""))
        case "can_be_replaced": return .bool(["table", "view"].contains(relationType ?? ""))
        case "path":
            return .object(RecordObject("Path", [("database", str(database)), ("schema", str(schema)), ("identifier", str(identifier))]))
        case "quote_policy":
            return .object(RecordObject(dialect.policyClassNames.quote, [("database", .bool(policy.database)), ("schema", .bool(policy.schema)),
                                                                         ("identifier", .bool(policy.identifier))]))
        case "include_policy":
            // a dialect that never prints the database (SQLite) does not include it
            return .object(RecordObject(dialect.policyClassNames.include, [("database", .bool(includeDatabase && dialect.includesDatabase)),
                                                                           ("schema", .bool(includeSchema)), ("identifier", .bool(includeIdentifier))]))
        case "limit": return limit.map { .int($0) } ?? Value.none
        case "require_alias": return .bool(true)
        case "add_ephemeral_prefix": return Self.addEphemeralPrefix
        case "render", "include", "quote", "incorporate", "replace_path", "without_identifier", "information_schema",
             "information_schema_only":
            return .callable(Callable(name: name) { [self] args, r in
                try self.callMethod(name, args, renderer: r) ?? .none
            })
        default: return nil
        }
    }

    /// dbt's classmethod naming an ephemeral model's CTE: `__dbt__cte__` before the name.
    static var addEphemeralPrefix: Value { .callable(Callable(name: "add_ephemeral_prefix") { args, r in
        .string("__dbt__cte__" + (try r.str(try args.bind("add_ephemeral_prefix", ["name"])[0] ?? .string(""))))
    }) }

    /// dbt's relations are Python mappings: `is mapping` holds, `rel['schema']` and
    /// `rel.get('schema')` read attributes, and `rel.get('metadata')` names the class, which
    /// dbt_utils checks before it accepts a relation (`_is_relation`, in star, union_relations…).
    public var isMapping: Bool { true }

    /// Relations are hashable, by what they render to, as dbt's (`{relation: []}`, in unpivot).
    public var hashKey: String? { rendered }

    /// Two relations naming the same object are equal, as dbt's compare by value
    /// (`ref('x') == ref('x')`, `relation in relations`); relations have no order.
    public func order(_ other: Value) throws -> Int? {
        guard case .object(let o) = other, let r = o as? RelationObject, r.rendered == rendered else { return nil }
        return 0
    }

    public func callMethod(_ name: String, _ args: Arguments, renderer: Renderer) throws -> Value? {
        switch name {
        case "get":
            if try args.bind("get", ["key", "default"])[0]?.stringValue == "metadata" {
                return .dict([("type", .string(dialect.relationClassName))])
            }
            return try mappingGet(args, renderer: renderer)
        case "render":
            return .string(rendered)
        case "include":
            let slots = try args.bind("include", ["database", "schema", "identifier"])
            return .object(copy(includeDatabase: slots[0].map(\.truthy), includeSchema: slots[1].map(\.truthy),
                                includeIdentifier: slots[2].map(\.truthy)))
        case "quote":
            let slots = try args.bind("quote", ["database", "schema", "identifier"])
            let p = QuotePolicy(database: slots[0]?.truthy ?? policy.database, schema: slots[1]?.truthy ?? policy.schema,
                                identifier: slots[2]?.truthy ?? policy.identifier)
            return .object(copy(policy: p))
        case "without_identifier":
            return .object(copy(includeIdentifier: false))
        case "information_schema", "information_schema_only":
            // dbt's InformationSchema: `<database>.INFORMATION_SCHEMA[.<view>]`, the database
            // quoted as the relation quotes it, the rest never (audit_helper reads columns so)
            let view = name == "information_schema" ? try args.bind(name, ["view_name"])[0]?.stringValue : nil
            return .object(RelationObject(database: database, schema: "INFORMATION_SCHEMA", identifier: view, type: "view",
                                          dialect: dialect, policy: QuotePolicy(database: policy.database, schema: false, identifier: false),
                                          includeDatabase: includeDatabase))
        case "incorporate", "replace_path":
            var database: String?? = nil, schema: String?? = nil, identifier: String?? = nil
            if let path = args.keyword("path"), case .dict(let d) = path {
                database = Self.optionalString(d.get("database"))
                schema = Self.optionalString(d.get("schema"))
                identifier = Self.optionalString(d.get("identifier"))
            }
            if let v = args.keyword("database") { database = Self.optionalString(v) }
            if let v = args.keyword("schema") { schema = Self.optionalString(v) }
            if let v = args.keyword("identifier") { identifier = Self.optionalString(v) }
            let type = Self.optionalString(args.keyword("type"))
            return .object(copy(database: database, schema: schema, identifier: identifier, type: type))
        default:
            guard let f = try attribute(name, renderer: renderer) else { return nil }
            return try renderer.call(f, args)
        }
    }
}
