// One side of a state comparison: for every node, source and exposure, the few facts
// `state:modified` compares (each already normalised), plus what deferral and `flowc diff`
// need (relations, parents, declared columns). Built from manifest JSON, whether it was read
// from an earlier run's manifest.json or produced in memory for the current project or a git
// revision: both sides then go through the same code, so a difference in representation can
// never look like a change.
import FlowcGraph
import Foundation

public struct StateColumn: Sendable, Equatable {
    public var name: String
    public var dataType: String?
    public var description: String

    public init(name: String, dataType: String?, description: String = "") {
        self.name = name
        self.dataType = dataType
        self.description = description
    }
}

public struct StateNode: Sendable {
    public var uniqueId: String
    public var resourceType: String
    public var name: String
    public var originalFilePath: String
    /// Normalised raw SQL (seeds: the file's checksum).
    public var rawBody: String
    /// Normalised compiled SQL, when the node was compiled.
    public var compiledBody: String?
    /// Canonical JSON of the effective config without relation and contract keys.
    public var config: String
    /// The configured database / schema / alias (target independent).
    public var relation: String
    public var persistedDescriptions: String
    public var contract: String
    /// What defines a node beyond SQL and config (StateChange.properties), canonical JSON.
    public var properties: String
    public var macros: [String]
    public var dependsOn: [String]
    public var columns: [StateColumn]
    public var materialized: String?
    /// The resolved relation, for deferral.
    public var database: String
    public var schema: String
    public var alias: String
    public var relationName: String?
}

public struct StateMacro: Sendable {
    public var body: String
    public var dependsOn: [String]
}

public struct StateSnapshot: Sendable {
    public var projectName: String
    public var nodes: [String: StateNode]
    public var macros: [String: StateMacro]
    /// Each model's contract (ContractBreakingChanges), by unique id.
    public var contracts: [String: ContractFacts] = [:]
    /// The disabled nodes' unique ids.
    public var disabledIds: Set<String> = []
    /// The manifest's adapter (which constraints it enforces).
    public var adapterType = ""

    public init(projectName: String, nodes: [String: StateNode], macros: [String: StateMacro]) {
        self.projectName = projectName
        self.nodes = nodes
        self.macros = macros
    }

    /// Fills in the macros each macro calls when the manifest does not say (flowc's own
    /// manifests leave a macro's depends_on empty): every `name(` or `package.name(` in its
    /// body that names a macro, preferring the caller's own package.
    static func inferringCalls(_ macros: [String: StateMacro]) -> [String: StateMacro] {
        var byName: [String: [String]] = [:]
        for id in macros.keys {
            let parts = id.split(separator: ".")
            guard parts.count == 3 else { continue }
            byName[String(parts[2]), default: []].append(id)
        }
        var out = macros
        for (id, m) in macros where m.dependsOn.isEmpty {
            let package = id.split(separator: ".").dropFirst().first.map(String.init) ?? ""
            var calls: Set<String> = []
            for name in calledNames(m.body) {
                if name.contains(".") {
                    if macros["macro." + name] != nil { calls.insert("macro." + name) }
                } else if let candidates = byName[name] {
                    calls.insert(candidates.first { $0 == "macro.\(package).\(name)" } ?? candidates.min() ?? id)
                }
            }
            calls.remove(id)
            out[id]?.dependsOn = calls.sorted()
        }
        return out
    }

    /// Dotted names directly followed by "(" in a (normalised) macro body.
    static func calledNames(_ body: String) -> [String] {
        let b = Array(body.utf8)
        var out: [String] = []
        var i = 0
        while i < b.count {
            guard isNameStart(b[i]), i == 0 || !isNameByte(b[i - 1]) else { i += 1; continue }
            var j = i
            while j < b.count, isNameByte(b[j]) || b[j] == UInt8(ascii: ".") { j += 1 }
            if j < b.count, b[j] == UInt8(ascii: "(") { out.append(String(decoding: b[i..<j], as: UTF8.self)) }
            i = j
        }
        return out
    }

    static func isNameStart(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F }
    static func isNameByte(_ c: UInt8) -> Bool { isNameStart(c) || (c >= 0x30 && c <= 0x39) }

    /// Reads dbt's manifest JSON (v12; older versions have the same keys for what is read).
    public init(manifest json: JSON) {
        projectName = json["metadata"]?["project_name"]?.stringValue ?? ""
        var nodes: [String: StateNode] = [:]
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        for section in ["nodes", "sources", "exposures", "unit_tests", "metrics", "semantic_models", "saved_queries"] {
            for (id, n) in json[section]?.objectValue ?? JSONObject() {
                nodes[id] = Self.node(id, n)
                if n["resource_type"]?.stringValue == "model" { contracts[id] = ContractFacts(n, today: today) }
            }
        }
        disabledIds = Set((json["disabled"]?.objectValue ?? JSONObject()).map { $0.0 })
        adapterType = json["metadata"]?["adapter_type"]?.stringValue ?? ""
        var macros: [String: StateMacro] = [:]
        for (id, m) in json["macros"]?.objectValue ?? JSONObject() {
            macros[id] = StateMacro(body: SQLNormalizer.normalize(m["macro_sql"]?.stringValue ?? ""),
                                    dependsOn: Self.strings(m["depends_on"]?["macros"]))
        }
        self.nodes = nodes
        self.macros = Self.inferringCalls(macros)
    }

    static let semanticTypes: Set<String> = ["metric", "semantic_model", "saved_query"]
    static let semanticBookkeeping: Set<String> = ["created_at", "unique_id", "fqn", "path", "original_file_path",
                                                   "package_name", "config", "unrendered_config", "depends_on", "refs",
                                                   "metrics"]

    /// Config keys compared as their own kinds (relation, contract), or not at all (tags and
    /// group, as dbt's config comparison leaves them out).
    static let nonConfigKeys: Set<String> = ["database", "schema", "alias", "contract", "tags", "group"]

    static func node(_ id: String, _ n: JSON) -> StateNode {
        let type = n["resource_type"]?.stringValue ?? ""
        // hooks in one shape: dbt's objects, or the strings older flowc manifests hold
        let config = HookConfig.manifestConfig(n["config"]?.objectValue ?? JSONObject())
        // dbt compares configs as written (unrendered_config), so a config that renders per target
        // ("{{ 'table' if target.name == 'prod' else 'view' }}") is no change between targets
        let unrendered = n["unrendered_config"]?.objectValue ?? JSONObject()
        var rest = JSONObject()
        // A null key is the same config as an absent one (manifests of other dbt or flowc
        // versions list different sets of null defaults).
        for (k, v) in unrendered where !nonConfigKeys.contains(k) && v != .null { rest[k] = v }
        var raw = SQLNormalizer.normalize(n["raw_code"]?.stringValue ?? "")
        var props = JSONObject()
        if type == "seed" { raw = JSONCanonical.string(n["checksum"] ?? .null) }
        if type == "model" {
            // dbt's same_ref_representation: an unpinned ref may now read another version
            for key in ["latest_version", "access", "deprecation_date"] where n[key] != nil && n[key] != .null { props[key] = n[key] }
        }
        if type == "unit_test" {
            // what dbt's checksum covers, compared as written: flowc's checksum is not dbt's, and a
            // state manifest may come from either
            for key in ["model", "given", "expect", "overrides", "versions"] { props[key] = n[key] ?? .null }
            raw = ""
        }
        if type == "source" || type == "exposure" {
            // no SQL: what defines them is their properties
            for key in ["loaded_at_field", "freshness", "quoting", "type", "url", "owner", "maturity"] {
                if let v = n[key] { props[key] = v }
            }
            props["depends_on"] = n["depends_on"]?["nodes"] ?? .null
            raw = ""
        }
        if Self.semanticTypes.contains(type), let entry = n.objectValue {
            // defined by their properties, as dbt's same_contents compares them (filter, type
            // params, measures, dimensions, label, description, …), not where or when they were read
            for (k, v) in entry where !Self.semanticBookkeeping.contains(k) { props[k] = v }
            raw = ""
        }
        var columns: [StateColumn] = []
        for (name, c) in n["columns"]?.objectValue ?? JSONObject() {
            columns.append(StateColumn(name: c["name"]?.stringValue ?? name, dataType: c["data_type"]?.stringValue,
                                       description: c["description"]?.stringValue ?? ""))
        }
        var persisted: [String] = []
        let persist = config["persist_docs"]
        if persist?["relation"]?.boolValue == true { persisted.append(n["description"]?.stringValue ?? "") }
        if persist?["columns"]?.boolValue == true {
            // only described columns: a manifest may also list undocumented columns the SQL
            // produces (from lineage), which persist nothing
            persisted += columns.filter { !$0.description.isEmpty }.sorted { $0.name < $1.name }
                .map { "\($0.name): \($0.description)" }
        }
        var contract = ""
        if config["contract"]?["enforced"]?.boolValue == true {
            contract = "enforced;" + columns.sorted { $0.name < $1.name }
                .map { "\($0.name.lowercased()) \($0.dataType?.lowercased() ?? "")" }.joined(separator: ",")
        }
        // a node's configured database/schema/alias as written (dbt's same_database_representation);
        // a source's rendered database, schema and identifier
        let relation = type == "source"
            ? ["database", "schema", "identifier"].map { n[$0]?.stringValue ?? "" }.joined(separator: "|")
            : ["database", "schema", "alias"].map { unrendered[$0].map(JSONCanonical.string) ?? "" }.joined(separator: "|")
        return StateNode(
            uniqueId: id, resourceType: type, name: n["name"]?.stringValue ?? "",
            originalFilePath: n["original_file_path"]?.stringValue ?? "",
            rawBody: raw, compiledBody: n["compiled_code"]?.stringValue.map(SQLNormalizer.normalize),
            config: JSONCanonical.string(.object(rest)), relation: relation,
            persistedDescriptions: persisted.joined(separator: "\n"), contract: contract,
            properties: props.isEmpty ? "" : JSONCanonical.string(.object(props)),
            macros: strings(n["depends_on"]?["macros"]), dependsOn: strings(n["depends_on"]?["nodes"]),
            columns: columns, materialized: config["materialized"]?.stringValue,
            database: n["database"]?.stringValue ?? "", schema: n["schema"]?.stringValue ?? "",
            alias: n["alias"]?.stringValue ?? n["identifier"]?.stringValue ?? "",
            relationName: n["relation_name"]?.stringValue)
    }

    static func strings(_ v: JSON?) -> [String] { v?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// The macros `ids` call, directly or through other macros.
    func macroClosure(_ ids: [String]) -> Set<String> {
        var seen: Set<String> = []
        var stack = ids
        while let id = stack.popLast() {
            guard seen.insert(id).inserted else { continue }
            stack.append(contentsOf: macros[id]?.dependsOn ?? [])
        }
        return seen
    }
}

/// JSON with object keys sorted, so two equal values print the same whatever their key order.
enum JSONCanonical {
    static func string(_ v: JSON) -> String {
        String(decoding: JSONWriter.encode(sorted(v)), as: UTF8.self)
    }

    static func sorted(_ v: JSON) -> JSON {
        switch v {
        case .array(let a): return .array(a.map(sorted))
        case .object(let o):
            let pairs = o.map { ($0.0, sorted($0.1)) }.sorted { $0.0 < $1.0 }
            return .object(JSONObject(pairs))
        case .double(let d) where d == d.rounded() && abs(d) < 1e15:
            // a number read back from JSON may come as a double or an int
            return .int(Int(d))
        default: return v
        }
    }
}
