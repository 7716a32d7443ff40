// What on-run-end's `results` need from the graph layer: each node as the manifest describes
// it (compiled code included), and dbt's datetimes for the results' timing. FlowcRun's Runner
// builds the result values (status, adapter_response, …) around them.
import FlowcSQL
import FlowcTemplate

extension Manifest {
    /// A function giving a node, by unique id, as the manifest describes it, for templates:
    /// with `compiled` (SQL and path) the node is the compiled one, as dbt's result.node is.
    /// Unknown ids give `{unique_id, name}`.
    public func nodeDescriber(dialect: Dialect, projectRoot: String) -> (_ id: String, _ compiled: (sql: String, path: String)?) -> Value {
        let ctx = NodeJSONContext(self, createdAt: 0, projectRoot: projectRoot)
        return { id, compiled in
            guard let n = self.nodes[id] else {
                // an exposure's no-op result holds the exposure, as the manifest describes it
                if let x = self.exposures[id] { return Value(json: ManifestWriter.exposure(x, createdAt: 0)) }
                return .dict([("unique_id", .string(id)), ("name", .string(String(id.split(separator: ".").last ?? "")))])
            }
            let relation = hasRelationName(n)
                ? dialect.renderRelation(database: n.database, schema: n.schema, identifier: n.alias) : nil
            let c = compiled.map { (sql: $0.sql, path: $0.path, extraCTEs: [(id: String, sql: String)]()) }
            let described = Value(json: ctx.node(n, compiled: c, relationName: relation)).withMicrobatchBegin()
            if case .dict(let d) = described, let config = d.get("config") {
                d.set("config", .object(AttributeMap(name: "NodeConfig", values: config, deep: false)))
            }
            return described
        }
    }
}

extension Value {
    /// An aware UTC datetime, as dbt's timing and `run_started_at` are, from ISO 8601 text
    /// ("…T17:00:48.252000Z"); the text itself if it does not read as one.
    public static func utcDateTime(iso: String) -> Value {
        DateTimeObject.utc(iso: iso).map { .object($0) } ?? .string(iso)
    }
}

/// One of dbt's result objects in templates (RunResult, TimingInfo; also Hook, Policy, Path):
/// its fields as attributes, and `to_dict()`, the fields as dbt serializes them (datetimes as
/// ISO text), which elementary's on-run-end upload calls. Not a mapping, as dbt's dataclasses
/// are not; `r['status']` still reads a field.
public final class RecordObject: TemplateObject {
    public let typeName: String
    let fields: Value
    let serialized: () -> Value

    public init(_ typeName: String, fields: Value, serialized: @escaping () -> Value) {
        self.typeName = typeName
        self.fields = fields
        self.serialized = serialized
    }

    /// A dataclass of plain fields (dbt's Hook, a relation's Policy and Path): `to_dict()` gives
    /// the fields themselves.
    public convenience init(_ typeName: String, _ pairs: [(String, Value)]) {
        let fields = Value.dict(pairs)
        self.init(typeName, fields: fields) { fields }
    }

    public func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        if name == "to_dict" {
            let make = serialized
            return .callable(Callable(name: "to_dict") { _, _ in make() })
        }
        if case .dict(let d) = fields { return d.get(name) }
        return nil
    }

    public func item(_ key: Value, renderer: Renderer) throws -> Value? {
        if case .dict(let d) = fields { return d.get(key) }
        return nil
    }

    public var pythonRepr: String { typeName + "(" + fieldsRepr + ")" }
    private var fieldsRepr: String {
        guard case .dict(let d) = fields else { return "" }
        return zip(d.keys, d.values).map { "\($0.stringValue ?? "")=\($1.pythonRepr)" }.joined(separator: ", ")
    }
    public func render(renderer: Renderer) throws -> String { pythonRepr }
}

extension JSON {
    /// A result's value as dbt's to_dict() gives it: a node's config as its mapping, datetimes as
    /// ISO text, result objects as their own to_dict().
    public static func serialized(_ value: Value) -> JSON {
        switch value {
        case .object(let o as AttributeMap): return serialized(o.values)
        case .object(let o as DateTimeObject): return .string(o.isoText)
        case .object(let o as RecordObject): return serialized(o.serialized())
        case .list(let l): return .array(l.items.map(serialized))
        case .dict(let d):
            var out = JSONObject()
            for (k, v) in d.pairs { out[k.stringValue ?? k.pythonString] = serialized(v) }
            return .object(out)
        default: return JSON(value: value)
        }
    }
}
