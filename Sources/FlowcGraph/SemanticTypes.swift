// The semantic layer's resources (dbt's MetricFlow YAML): semantic models, metrics and saved
// queries. flowc does not query them; it reads them as dbt parses them, so the manifest, the DAG
// and selection hold them and tools that read dbt manifests find them.
import FlowcProject

public struct SemanticResource: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case semanticModel = "semantic_model"
        case metric
        case savedQuery = "saved_query"

        /// The manifest section (and properties-file key).
        public var section: String {
            switch self {
            case .semanticModel: return "semantic_models"
            case .metric: return "metrics"
            case .savedQuery: return "saved_queries"
            }
        }

        /// The project file's folder-config key.
        var projectKey: String {
            switch self {
            case .semanticModel: return "semantic-models"
            case .metric: return "metrics"
            case .savedQuery: return "saved-queries"
            }
        }
    }

    public var kind: Kind
    public var uniqueId: String
    public var name: String
    public var packageName: String
    public var originalFilePath: String
    public var fqn: [String]
    public var tags: [String]
    public var enabled: Bool
    public var group: String?
    /// The manifest entry as dbt writes it, but for `depends_on.nodes`, a semantic model's
    /// `node_relation` and `created_at`, which the writer fills in.
    public var json: JSONObject
    public var dependsOnNodes: [String] = []
    /// A semantic model's `model: ref('…')`, and the node it resolved to.
    public var ref: RefCall?
    public var modelId: String?
    /// Where it is declared (its `name:`).
    public var span: SourceSpan?
    /// Its place in the order dbt parses the semantic layer (per properties file: metrics, then
    /// semantic models with the metrics their measures create, then saved queries).
    public var order = 0
}

extension Manifest {
    /// The semantic layer's resources of one kind, by unique id.
    public func semanticResources(_ kind: SemanticResource.Kind) -> [String: SemanticResource] {
        semanticResources.filter { $0.value.kind == kind }
    }
}

extension ManifestWriter {
    /// A semantic resource's manifest entry: its JSON with `depends_on`, `created_at` and a
    /// semantic model's `node_relation` (the relation of the model it describes) filled in.
    public static func semantic(_ r: SemanticResource, createdAt: Double, manifest m: Manifest,
                         relationName: (Node) -> String?) -> JSON {
        var o = r.json
        o["depends_on"] = .object(JSONObject([("macros", .array([])), ("nodes", .array(r.dependsOnNodes.map { .string($0) }))]))
        o["created_at"] = .double(createdAt)
        if r.kind == .semanticModel, let id = r.modelId, let n = m.nodes[id] {
            o["node_relation"] = .object(JSONObject([
                ("alias", .string(n.alias)), ("schema_name", .string(n.schema)), ("database", .string(n.database)),
                ("relation_name", relationName(n).map { .string($0) } ?? .null),
            ]))
        }
        return .object(o)
    }

    /// One section (`semantic_models`, `metrics`, `saved_queries`) of enabled resources.
    static func semanticSection(_ kind: SemanticResource.Kind, createdAt: Double, manifest m: Manifest,
                                relationName: (Node) -> String?) -> JSON {
        var out = JSONObject()
        for (id, r) in m.semanticResources(kind).sorted(by: { $0.key < $1.key }) where r.enabled {
            out[id] = semantic(r, createdAt: createdAt, manifest: m, relationName: relationName)
        }
        return .object(out)
    }
}
