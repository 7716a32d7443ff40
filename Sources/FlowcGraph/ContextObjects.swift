// Objects of the dbt Jinja context that are more than functions: `config` (callable with
// get/require), `model`/`node` views of the rendering node, package namespaces (`dbt.concat`),
// and small helpers (`exceptions`, `api`, `flags`).
import FlowcSQL
import Foundation
import FlowcTemplate

/// `config(...)` records configuration at parse time; `config.get/require` read it.
final class ConfigObject: TemplateObject {
    unowned let worker: RenderWorker
    init(worker: RenderWorker) { self.worker = worker }
    var typeName: String { "Config" }

    func call(_ args: Arguments, renderer: Renderer) throws -> Value? {
        guard let state = worker.state else { return .string("") }
        if state.mode == .parse {
            for (k, v) in args.updatePairs() {
                let j = JSON(value: v)
                state.configCalls[k] = j
                // config(pre_hook=…) lands where the folder and YAML levels put it: `pre-hook`
                let key = ConfigMerge.canonicalKey(k)
                state.config[key] = ConfigMerge.merged(key: key, old: state.config[key], new: j)
            }
        }
        return .string("")
    }

    func callMethod(_ name: String, _ args: Arguments, renderer: Renderer) throws -> Value? {
        let config = worker.state?.config ?? JSONObject()
        // what config holds at parse time is not all it holds when compiling (config.set is config())
        if name != "set" { worker.state?.noteModeDependence() }
        if worker.state?.configReadsEmpty == true {
            switch name {
            case "get", "require", "meta_get", "meta_require": return .string("")
            case "persist_relation_docs", "persist_column_docs": return .bool(false)
            default: break
            }
        }
        switch name {
        case "get":
            let slots = try args.bind("config.get", ["name", "default", "validator"])
            guard let key = slots[0]?.stringValue else { throw TemplateError(.type, "config.get() needs a name") }
            // dbt's config holds hooks as `pre_hook`/`post_hook`, lists of Hook objects (empty
            // when none); `pre-hook` is no name there
            if key == "pre_hook" || key == "post_hook" { return HookObject.list(config[key == "pre_hook" ? "pre-hook" : "post-hook"]) }
            if key == "pre-hook" || key == "post-hook" { return slots[1] ?? Value.none }
            if let v = config[key], !v.isNull { return Value(json: v) }
            return slots[1] ?? Value.none
        case "require":
            let slots = try args.bind("config.require", ["name", "validator"])
            guard let key = slots[0]?.stringValue else { throw TemplateError(.type, "config.require() needs a name") }
            guard let v = config[key], !v.isNull else {
                throw TemplateError(.host, "No config value named '\(key)' was set for \(worker.state?.node.uniqueId ?? "this node")")
            }
            return Value(json: v)
        case "meta_get", "meta_require":
            // dbt 1.10's config.meta_get(name, default) / meta_require(name): a key of the config's meta
            let slots = try args.bind("config.\(name)", name == "meta_get" ? ["name", "default", "validator"] : ["name", "validator"])
            guard let key = slots[0]?.stringValue else { throw TemplateError(.type, "config.\(name)() needs a name") }
            if let v = config["meta"]?[key], !v.isNull { return Value(json: v) }
            if name == "meta_get" { return slots[1] ?? Value.none }
            throw TemplateError(.host, "No meta value named '\(key)' was set for \(worker.state?.node.uniqueId ?? "this node")")
        case "set":
            // dbt's config.set(name, value) is config({name: value})
            let slots = try args.bind("config.set", ["name", "value"])
            guard let key = slots[0]?.stringValue else { throw TemplateError(.type, "config.set() needs a name") }
            return try call(Arguments(keywords: [(key, slots[1] ?? Value.none)]), renderer: renderer)
        case "persist_relation_docs", "persist_column_docs":
            let docs = config["persist_docs"]?.objectValue
            return .bool(docs?[name == "persist_relation_docs" ? "relation" : "columns"]?.boolValue ?? false)
        default:
            return nil
        }
    }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "get", "require", "meta_get", "meta_require", "set", "persist_relation_docs", "persist_column_docs":
            return .callable(Callable(name: "config.\(name)") { [self] args, r in
                try self.callMethod(name, args, renderer: r) ?? .none
            })
        default: return nil
        }
    }
}

/// Hooks as dbt's config holds them (`config.get('pre_hook')`): Hook(sql, transaction, index).
enum HookObject {
    /// The hooks of a config value (`pre-hook` as flowc stores it) as dbt's list of Hooks.
    static func list(_ value: JSON?) -> Value {
        .list(HookConfig.hookItems(value ?? .null).map {
            .object(RecordObject("Hook", [("sql", .string($0.sql)), ("transaction", .bool($0.transaction)), ("index", Value.none)]))
        })
    }
}

/// `model` (and the `node` passed to generate_* macros): a read-only view of a node.
final class NodeObject: TemplateObject {
    let node: Node
    let config: JSONObject
    let batch: MicrobatchBatch?
    init(node: Node, config: JSONObject, batch: MicrobatchBatch? = nil) {
        self.node = node
        self.config = config
        self.batch = batch
    }
    var typeName: String { "Node" }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "unique_id": return .string(node.uniqueId)
        case "name": return .string(node.name)
        case "alias": return .string(node.alias)
        case "schema": return .string(node.schema)
        case "database": return .string(node.database)
        case "resource_type": return .string(node.resourceType.rawValue)
        case "package_name": return .string(node.packageName)
        case "path": return .string(node.path)
        case "original_file_path": return .string(node.originalFilePath)
        case "fqn": return .list(node.fqn.map { .string($0) })
        case "raw_code", "raw_sql": return .string(node.rawCode)
        case "language": return .string(node.language)
        case "description": return .string(node.description)
        case "config": return Value(json: .object(config))
        case "tags": return Value(json: config["tags"] ?? .array([]))
        case "meta": return Value(json: config["meta"] ?? node.meta)
        case "version": return node.version.map { .string($0) } ?? Value.none
        case "latest_version": return node.latestVersion.map { .string($0) } ?? Value.none
        case "refs":
            return .list(node.refs.map {
                .dict([("name", .string($0.name)), ("package", $0.package.map { .string($0) } ?? Value.none),
                       ("version", $0.version.map { .string($0) } ?? Value.none)])
            })
        case "depends_on":
            return .dict([("nodes", .list(node.dependsOnNodes.map { .string($0) })),
                          ("macros", .list(node.dependsOnMacros.map { .string($0) }))])
        case "columns":
            // every field of dbt's ColumnInfo (quote, meta, constraints, … : dbt's contract
            // macros and packages read them), as the manifest lists it
            return Value(json: ManifestWriter.columnsJSON(node.columns, constraint: {
                NodeJSONContext.constraintShape($0, to: $0["to"] ?? .null, modelLevel: false)
            }))
        case "column_name": return node.columnName.map { .string($0) } ?? Value.none
        case "batch":
            // dbt's BatchContext, kept as datetimes (aware, UTC) rather than strings
            guard let batch else { return Value.none }
            func utc(_ d: Date) -> Value { .object(DateTimeObject(micros: Int((d.timeIntervalSince1970 * 1_000_000).rounded()), utc: true)) }
            return .dict([("id", .string(batch.id)), ("event_time_start", utc(batch.start)), ("event_time_end", utc(batch.end))])
        case "test_metadata":
            guard let t = node.testMetadata else { return Value.none }
            return .dict([("name", .string(t.name)), ("kwargs", Value(json: .object(t.kwargs)))])
        default: return nil
        }
    }

    func item(_ key: Value, renderer: Renderer) throws -> Value? {
        guard case .string(let s) = key else { return nil }
        return try attribute(s, renderer: renderer)
    }
    /// dbt's `model` is a dict: `model is mapping`, `model.get('config', {})`.
    var isMapping: Bool { true }
    func callMethod(_ name: String, _ args: Arguments, renderer: Renderer) throws -> Value? {
        if name == "get" { return try mappingGet(args, renderer: renderer) }
        guard let f = try attribute(name, renderer: renderer) else { return nil }
        return try renderer.call(f, args)
    }
    func render(renderer: Renderer) throws -> String { node.uniqueId }
    var pythonRepr: String { "<Node \(node.uniqueId)>" }
}

/// A package's macros as attributes: `dbt.dateadd(...)`, `my_project.helper(...)`.
final class PackageNamespace: TemplateObject {
    let name: String
    var macros: [String: Value] = [:]
    /// The worker whose node a `pkg.update()` belongs to (its changes end with the render).
    weak var worker: RenderWorker?
    init(name: String, worker: RenderWorker? = nil) {
        self.name = name
        self.worker = worker
    }
    var typeName: String { "Namespace" }
    var isMapping: Bool { true }
    func iterate(renderer: Renderer) throws -> [Value]? { macros.keys.sorted().map { .string($0) } }
    func attribute(_ attr: String, renderer: Renderer) throws -> Value? {
        if let m = macros[attr] { return m }
        // dbt's namespace is a dict: dbt_unit_testing's mock_macro swaps a macro with update()
        if attr == "update" {
            return .callable(Callable(name: "update") { [self] args, _ in
                for (k, v) in args.updatePairs() {
                    worker?.state?.namespaceRestores.append((self, k, macros[k]))
                    macros[k] = v
                }
                return .none
            })
        }
        if attr == "get" { return getMethod }
        return nil
    }
}

/// A small object whose attributes are callables or values given as a table.
final class TableObject: TemplateObject {
    let name: String
    let members: [String: Value]
    init(_ name: String, _ members: [String: Value]) {
        self.name = name
        self.members = members
    }
    var typeName: String { name }
    func attribute(_ attr: String, renderer: Renderer) throws -> Value? { members[attr] }
}
