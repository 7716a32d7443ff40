// The graph of a project as flowc builds it: nodes (models, seeds, tests, snapshots, analyses),
// sources, macros and docs, with dbt's identifiers (unique_id, fqn) so the manifest reads like
// dbt's. Plain Sendable values: built once, then read by compilation, selection and writers.
import FlowcProject
import Foundation

public enum ResourceType: String, Sendable, CaseIterable {
    case model, seed, test, snapshot, analysis, source, macro, exposure, doc, group, operation
    case unitTest = "unit_test"
    /// Only as `build` runs one: a no-op after the models its metrics measure.
    case savedQuery = "saved_query"
}

public struct RefCall: Sendable, Hashable {
    public var name: String
    public var package: String?
    public var version: String?

    public init(name: String, package: String? = nil, version: String? = nil) {
        self.name = name
        self.package = package
        self.version = version
    }
}

public struct ColumnInfo: Sendable {
    public var name: String
    public var description: String = ""
    public var dataType: String?
    public var meta: JSON = .object(JSONObject())
    public var tags: [String] = []
    public var constraints: [JSON] = []
    public var quote: Bool?
    /// `granularity:` (a time spine's column).
    public var granularity: String?
    /// Where the column is declared in properties YAML (its `name:` entry).
    public var span: SourceSpan?
    /// The `{% docs %}` blocks its description uses (`doc.<package>.<name>`).
    public var docBlocks: [String] = []
}

public struct TestMetadata: Sendable {
    /// The test macro's short name: unique, not_null, accepted_values, relationships, or custom.
    public var name: String
    /// Arguments as written in YAML (strings hold Jinja like "{{ ref('x') }}" verbatim).
    public var kwargs: JSONObject
    public var namespace: String?
}

public struct SourceTable: Sendable {
    public var uniqueId: String
    /// A table's `external:` properties (dbt's ExternalTable: location, file_format,
    /// row_format, tbl_properties, partitions, and whatever else a package reads there).
    public var external: JSON?
    public var packageName: String
    public var sourceName: String
    public var name: String
    public var identifier: String
    public var schema: String
    public var database: String
    public var originalFilePath: String
    public var path: String
    public var fqn: [String]
    public var description = ""
    public var sourceDescription = ""
    public var loader = ""
    public var loadedAtField: String?
    public var columns: [ColumnInfo] = []
    public var meta: JSON = .object(JSONObject())
    public var sourceMeta: JSON = .object(JSONObject())
    public var tags: [String] = []
    public var config: JSONObject = JSONObject()
    public var freshness: JSON = .null
    /// The table's YAML says `freshness: null`: no freshness, not even its source's.
    public var freshnessDisabled = false
    public var quoting: JSONObject = JSONObject()
    public var span: SourceSpan?
    /// `schema:` / `database:` as written in the YAML, before Jinja ("{{ target.schema }}").
    public var unrenderedSchema: String?
    public var unrenderedDatabase: String?
    public var docBlocks: [String] = []
}

public struct MacroInfo: Sendable {
    public var uniqueId: String
    public var name: String
    public var packageName: String
    public var path: String
    public var originalFilePath: String
    public var macroSQL: String
    public var description = ""
    public var dependsOnMacros: [String] = []
    public var arguments: [String] = []
    /// A materialization's `supported_languages`; nil for other macros, as dbt writes null.
    public var supportedLanguages: [String]?
    /// What a `macros:` entry in properties YAML gives (dbt's macro patch): its file
    /// (`package://path`), arguments ({name, type, description}), meta and docs.
    public var patchPath: String?
    public var documentedArguments: [JSON] = []
    public var meta = JSONObject()
    public var docs: JSON?
}

public struct DocBlock: Sendable {
    public var uniqueId: String
    public var name: String
    public var packageName: String
    public var path: String
    public var originalFilePath: String
    public var contents: String
}

public struct Exposure: Sendable {
    public var uniqueId: String
    public var name: String
    public var packageName: String
    public var path: String
    public var originalFilePath: String
    public var fqn: [String]
    public var type: String
    public var owner: JSON
    public var description = ""
    public var label: String?
    public var maturity: String?
    public var url: String?
    public var tags: [String] = []
    public var meta: JSON = .object(JSONObject())
    /// The config keys set for it (project folder configs, then its own `config:`), as dbt's
    /// unrendered_config lists them.
    public var configSet = JSONObject()
    public var refs: [RefCall] = []
    public var sources: [[String]] = []
    /// `metric('name')` / `metric('package', 'name')` in depends_on, as dbt records them, with
    /// the place of each (for an error when the metric does not exist).
    public var metrics: [[String]] = []
    var metricSpans: [SourceSpan?] = []
    public var dependsOnNodes: [String] = []
    /// Where the exposure is declared (its `name:`).
    public var span: SourceSpan?
}

/// The whole parsed project. Node order is deterministic (sorted by unique id).
public struct Manifest: Sendable {
    public var projectName: String
    public var adapterType: String
    /// The project's target-path (compiled files go to `<target-path>/compiled/…`).
    public var targetPath = "target"
    public var nodes: [String: Node] = [:]
    public var sources: [String: SourceTable] = [:]
    public var macros: [String: MacroInfo] = [:]
    public var docs: [String: DocBlock] = [:]
    public var exposures: [String: Exposure] = [:]
    /// Semantic models, metrics and saved queries, by unique id.
    public var semanticResources: [String: SemanticResource] = [:]
    /// Models' `time_spine:` properties as the manifest writes them, by unique id.
    public var timeSpines: [String: JSON] = [:]
    /// `groups:` entries, by unique id ("group.<package>.<name>").
    public var groups: [String: Group] = [:]
    public var disabled: [String: Node] = [:]
    /// Exposures with `enabled: false`, which dbt's manifest lists under `disabled` too.
    public var disabledExposures: [String: Exposure] = [:]
    /// dbt unit tests (`unit_tests:` in properties files), kept apart from `nodes` as dbt's
    /// manifest keeps them: they build nothing and only `test`/`build` run them.
    public var unitTests: [String: Node] = [:]
    /// The project hooks as dbt's `operation` nodes (see BuilderHooks.swift): in the manifest's
    /// nodes, not in the DAG.
    public var operations: [String: Node] = [:]
    /// `--store-failures` of the command: every test without a store_failures config then keeps
    /// its failures, and dbt gives it its audit table as relation_name.
    public var storeFailuresFlag = false
    /// Installed packages whose nodes are in the manifest: name → directory relative to the
    /// project root ("dbt_packages/pkg"). A node's files sit under its package's directory.
    public var packageDirectories: [String: String] = [:]
    public var parentMap: [String: [String]] = [:]
    public var childMap: [String: [String]] = [:]
    /// dbt's flag `require_ref_searches_node_package_before_root`: a one-argument ref() from a
    /// package's node looks in that package before the root project. Kept here so that every
    /// later lookup (compilation, `--inline`) resolves names as the DAG did.
    public var refSearchesPackageFirst = false
    /// `--defer`: nodes not built by this invocation whose ref() resolves to another
    /// environment's relation (the state's), by unique id.
    public var deferredRelations: [String: DeferredRelation] = [:]

    /// A node or a unit test: what the run stage can execute.
    public func runnable(_ id: String) -> Node? {
        nodes[id] ?? unitTests[id] ?? exposures[id].map(Manifest.exposureNode) ?? savedQueryNode(id)
    }

    /// A saved query as dbt 1.11's `build` runs it: a no-op once the models behind its metrics
    /// (through their semantic models) are built, skipped when one of them failed.
    func savedQueryNode(_ id: String) -> Node? {
        guard let q = semanticResources[id], q.kind == .savedQuery, q.enabled else { return nil }
        var node = Node(uniqueId: q.uniqueId, resourceType: .savedQuery, packageName: q.packageName, name: q.name,
                        path: "", originalFilePath: q.originalFilePath, fqn: q.fqn, rawCode: "", checksum: "",
                        config: JSONObject([("enabled", true)]))
        var models: [String] = []
        var seen: Set<String> = [id]
        var queue = q.dependsOnNodes
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            if nodes[next] != nil { models.append(next) } else if let r = semanticResources[next] { queue += r.dependsOnNodes }
        }
        node.dependsOnNodes = models.sorted()
        return node
    }

    /// An exposure as `build` runs it: a no-op node after its parents, as dbt 1.11's build has it.
    static func exposureNode(_ x: Exposure) -> Node {
        var node = Node(uniqueId: x.uniqueId, resourceType: .exposure, packageName: x.packageName, name: x.name,
                        path: x.path, originalFilePath: x.originalFilePath, fqn: x.fqn, rawCode: "", checksum: "",
                        config: JSONObject([("enabled", true)]))
        node.dependsOnNodes = x.dependsOnNodes
        return node
    }
}

/// Where a deferred node's ref() points instead of the node's own relation.
public struct DeferredRelation: Sendable, Equatable {
    public var database: String
    public var schema: String
    public var identifier: String

    public init(database: String, schema: String, identifier: String) {
        self.database = database
        self.schema = schema
        self.identifier = identifier
    }
}

extension SourceTable {
    /// dbt 1.10's `loaded_at_query`: SQL giving the time the source was last loaded.
    public var loadedAtQuery: String? {
        config["loaded_at_query"]?.stringValue.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }
}
