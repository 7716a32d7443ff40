// dbt's `graph` context variable at compile and run time: the project's nodes, sources and
// exposures as the manifest describes them (`graph.nodes.values() | selectattr(...)`). Built
// on first use and per render thread, because most projects never read it and a 10,000-node
// graph as template values is large. At parse time `graph` stays empty, as in dbt.
import FlowcSQL
import Foundation
import FlowcTemplate

final class GraphObject: TemplateObject {
    let manifest: Manifest
    let dialect: Dialect
    private var cache: [String: Value] = [:]
    /// dbt's flat_graph, key for key (it has no unit tests)
    static let keys = ["exposures", "functions", "groups", "metrics", "nodes", "sources", "semantic_models", "saved_queries"]
    /// Each resource's `created_at`, as dbt's objects carry one (the time the graph was made).
    let createdAt: Double
    /// The root project's directory, the nodes' `root_path`.
    let projectRoot: String

    init(manifest: Manifest, dialect: Dialect, projectRoot: String) {
        self.manifest = manifest
        self.dialect = dialect
        self.projectRoot = projectRoot
        createdAt = Date().timeIntervalSince1970
    }

    var typeName: String { "dict" }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        guard Self.keys.contains(name) else { return nil }
        if let v = cache[name] { return v }
        let v = build(name)
        cache[name] = v
        return v
    }

    func callMethod(_ name: String, _ args: Arguments, renderer: Renderer) throws -> Value? {
        switch name {
        case "get":
            let key = args.positional.first?.stringValue ?? ""
            return try attribute(key, renderer: renderer) ?? (args.positional.count > 1 ? args.positional[1] : Value.none)
        case "keys": return .list(Self.keys.map { .string($0) })
        case "values": return .list(try Self.keys.compactMap { try attribute($0, renderer: renderer) })
        case "items":
            return .list(try Self.keys.compactMap { k in try attribute(k, renderer: renderer).map { .list([.string(k), $0]) } })
        default: return nil
        }
    }

    func iterate(renderer: Renderer) throws -> [Value]? { Self.keys.map { .string($0) } }
    var pythonRepr: String { "{" + Self.keys.map { "'\($0)': {...}" }.joined(separator: ", ") + "}" }

    private func build(_ key: String) -> Value {
        var out = JSONObject()
        switch key {
        case "nodes":
            let ctx = NodeJSONContext(manifest, createdAt: createdAt, projectRoot: projectRoot)
            // the project's hooks are nodes too (operation.<project>.<project>-on-run-end-0), as
            // in dbt's flat graph
            for id in manifest.writtenNodeIds {
                guard let n = manifest.writtenNode(id) else { continue }
                let relation = manifest.hasRelationName(n)
                    ? dialect.renderRelation(database: n.database, schema: n.schema, identifier: n.alias) : nil
                guard case .object(let described) = ctx.node(n, compiled: nil, relationName: relation) else { continue }
                // fields of dbt's node objects that its manifest leaves out, where dbt's node
                // dict has them (tojson(node) is stored as text by packages such as dbt_artifacts)
                var node = JSONObject()
                for (key, value) in described {
                    node[key] = value
                    if key == "created_at" {
                        node["config_call_dict"] = .object(n.configCallDict)
                        node["unrendered_config_call_dict"] = .object(JSONObject())
                    }
                    if key == "deprecation_date" && n.resourceType == .model { node["defer_relation"] = .null }
                }
                if n.resourceType == .model { node["batch"] = .null }
                out[id] = .object(node)
            }
            // a microbatch model's config.begin is a datetime in dbt's graph
            let nodes = Value(json: .object(out))
            if case .dict(let d) = nodes { for v in d.values { _ = v.withMicrobatchBegin() } }
            return nodes
        case "sources":
            for id in manifest.sources.keys.sorted() {
                guard let s = manifest.sources[id] else { continue }
                guard case .object(var source) = ManifestWriter.source(s, createdAt: createdAt, relationName:
                    s.relationName(dialect)) else { continue }
                source["_event_status"] = .object(JSONObject())
                out[id] = .object(source)
            }
        case "exposures":
            for id in manifest.exposures.keys.sorted() {
                if let x = manifest.exposures[id] { out[id] = ManifestWriter.exposure(x, createdAt: createdAt) }
            }
        case "groups":
            for id in manifest.groups.keys.sorted() {
                if let g = manifest.groups[id] { out[id] = ManifestWriter.group(g) }
            }
        case "metrics", "semantic_models", "saved_queries":
            let kind: SemanticResource.Kind = key == "metrics" ? .metric : key == "semantic_models" ? .semanticModel : .savedQuery
            let dialect = self.dialect
            return Value(json: ManifestWriter.semanticSection(kind, createdAt: createdAt, manifest: manifest, relationName: {
                NodeJSONContext.hasRelation($0) ? dialect.renderRelation(database: $0.database, schema: $0.schema, identifier: $0.alias) : nil
            }))
        default:
            break
        }
        return Value(json: .object(out))
    }
}

extension RenderWorker {
    /// Makes `graph` the project's manifest for renders on this worker (compile and run time).
    public func installGraph(_ manifest: Manifest) {
        environment.globals["graph"] = .object(GraphObject(manifest: manifest, dialect: setup.dialect, projectRoot: setup.projectRoot))
    }
}
