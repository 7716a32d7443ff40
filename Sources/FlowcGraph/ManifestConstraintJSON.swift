// A model's constraints as dbt's manifest writes them: every field of its ColumnLevelConstraint
// or ModelLevelConstraint (name, expression, warn_unenforced, warn_unsupported, to, to_columns,
// and a model-level one's columns), and a foreign key's `to` rendered as the relation it names
// (`"db"."s"."customers"` for `ref('customers')`), with that ref among the model's refs.

extension NodeJSONContext {
    /// The constraint in dbt's shape; `to` is the rendered relation where one was resolved.
    func constraintJSON(_ c: JSON, of node: Node, modelLevel: Bool) -> JSON {
        let to = c["to"]?.stringValue.map { JSON.string(foreignKeyRelations[Self.foreignKeyKey(node.uniqueId, $0)] ?? $0) } ?? .null
        return Self.constraintShape(c, to: to, modelLevel: modelLevel)
    }

    /// Every field of dbt's constraint, `to` as given (a source column's: dbt renders no
    /// relation there).
    static func constraintShape(_ c: JSON, to: JSON, modelLevel: Bool) -> JSON {
        var o = JSONObject()
        o["type"] = c["type"] ?? .null
        o["name"] = c["name"] ?? .null
        o["expression"] = c["expression"] ?? .null
        o["warn_unenforced"] = c["warn_unenforced"] ?? true
        o["warn_unsupported"] = c["warn_unsupported"] ?? true
        o["to"] = to
        o["to_columns"] = c["to_columns"] ?? .array([])
        if modelLevel { o["columns"] = c["columns"] ?? .array([]) }
        return .object(o)
    }

    /// The refs a node's foreign keys make (`to: ref('x')`), which dbt lists after the SQL's.
    static func foreignKeyRefs(_ n: Node) -> [RefCall] {
        guard n.resourceType == .model else { return [] }
        var calls: [RefCall] = []
        for c in allConstraints(n) where c["type"]?.stringValue == "foreign_key" {
            if let to = c["to"]?.stringValue, case .ref(let call)? = RelationReference.parse(to),
               !n.refs.contains(call), !calls.contains(call) {
                calls.append(call)
            }
        }
        return calls
    }

    static func foreignKeyKey(_ id: String, _ to: String) -> String { id + "\u{1}" + to }

    /// The model's own constraints and its columns'.
    static func allConstraints(_ n: Node) -> [JSON] { n.constraints + n.columns.flatMap(\.constraints) }

    /// Each foreign key's `to`, rendered, by node and text; built only when a model has one.
    static func foreignKeyRelations(_ m: Manifest, relationName: (Node) -> String?,
                                    sourceRelationName: (SourceTable) -> String?) -> [String: String] {
        let holders = m.nodes.values.filter { n in
            n.resourceType == .model && (allConstraints(n)).contains { $0["type"]?.stringValue == "foreign_key" }
        }
        guard !holders.isEmpty else { return [:] }
        let refs = RefIndex(m.nodes.values, rootProject: m.projectName, packageFirst: m.refSearchesPackageFirst)
        let sources = SourceIndex(m.sources.values, rootProject: m.projectName, packageFirst: m.refSearchesPackageFirst)
        var out: [String: String] = [:]
        for n in holders {
            for c in allConstraints(n) {
                guard let to = c["to"]?.stringValue else { continue }
                switch RelationReference.parse(to) {
                case .ref(let call)?: out[foreignKeyKey(n.uniqueId, to)] = refs.node(call, from: n.packageName).flatMap(relationName)
                case .source(let s, let t)?: out[foreignKeyKey(n.uniqueId, to)] = sources.source(s, t, from: n.packageName).flatMap(sourceRelationName)
                default: break
                }
            }
        }
        return out
    }
}
