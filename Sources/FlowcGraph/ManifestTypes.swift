// The graph of a project as flowc builds it: nodes (models, seeds, tests, snapshots, analyses),
// sources, macros and docs, with dbt's identifiers (unique_id, fqn) so the manifest reads like
// dbt's. Plain Sendable values: built once, then read by compilation, selection and writers.
import FlowcProject

public enum ResourceType: String, Sendable, CaseIterable {
    case model, seed, test, snapshot, analysis, source, macro, exposure, doc, group, operation
}

public struct RefCall: Sendable, Hashable {
    public var name: String
    public var package: String?
    public var version: String?
}

public struct ColumnInfo: Sendable {
    public var name: String
    public var description: String = ""
    public var dataType: String?
    public var meta: JSON = .object(JSONObject())
    public var tags: [String] = []
    public var constraints: [JSON] = []
    public var quote: Bool?
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

/// One node of the DAG. Its fields live in a shared, copy-on-write box: nodes are copied into
/// dictionaries, selection graphs and work lists many times, and copying ~30 reference-counted
/// fields each time was a fifth of `flowc parse`'s CPU time on large projects.
public struct Node: Sendable {
    struct Fields: Sendable {
        var uniqueId: String
        var resourceType: ResourceType
        var packageName: String
        var name: String
        var path: String
        var originalFilePath: String
        var fqn: [String]
        var rawCode: String
        var language: String = "sql"
        var checksum: String
        var checksumName: String = "sha256"
        var config: JSONObject
        var unrenderedConfig: JSONObject = JSONObject()
        var description: String = ""
        var columns: [ColumnInfo] = []
        var meta: JSON = .object(JSONObject())
        var docsShow: Bool = true
        var patchPath: String?
        var database: String = ""
        var schema: String = ""
        var alias: String = ""
        var refs: [RefCall] = []
        var sources: [[String]] = []
        var dependsOnNodes: [String] = []
        var dependsOnMacros: [String] = []
        var testMetadata: TestMetadata?
        var columnName: String?
        var attachedNode: String?
        var fileKeyName: String?
        var seedColumnTypes: JSONObject = JSONObject()
        var span: SourceSpan?
        var version: String?
        var latestVersion: String?
        var docBlocks: [String] = []
    }

    final class Box: @unchecked Sendable {
        // Mutated only through a uniquely referenced Node (see `fields`), hence Sendable.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    public var uniqueId: String {
        get { box.fields.uniqueId }
        set { fields.uniqueId = newValue }
        _modify { yield &fields.uniqueId }
    }
    public var resourceType: ResourceType {
        get { box.fields.resourceType }
        set { fields.resourceType = newValue }
        _modify { yield &fields.resourceType }
    }
    public var packageName: String {
        get { box.fields.packageName }
        set { fields.packageName = newValue }
        _modify { yield &fields.packageName }
    }
    public var name: String {
        get { box.fields.name }
        set { fields.name = newValue }
        _modify { yield &fields.name }
    }
    /// Path relative to its resource folder ("staging/stg_orders.sql").
    public var path: String {
        get { box.fields.path }
        set { fields.path = newValue }
        _modify { yield &fields.path }
    }
    /// Path relative to the project root ("models/staging/stg_orders.sql").
    public var originalFilePath: String {
        get { box.fields.originalFilePath }
        set { fields.originalFilePath = newValue }
        _modify { yield &fields.originalFilePath }
    }
    public var fqn: [String] {
        get { box.fields.fqn }
        set { fields.fqn = newValue }
        _modify { yield &fields.fqn }
    }
    public var rawCode: String {
        get { box.fields.rawCode }
        set { fields.rawCode = newValue }
        _modify { yield &fields.rawCode }
    }
    public var language: String {
        get { box.fields.language }
        set { fields.language = newValue }
        _modify { yield &fields.language }
    }
    public var checksum: String {
        get { box.fields.checksum }
        set { fields.checksum = newValue }
        _modify { yield &fields.checksum }
    }
    /// Effective config after precedence: project folder configs < properties YAML < config().
    /// "sha256", or "path" for a seed over 1 MiB (dbt then records the path, not a hash).
    public var checksumName: String {
        get { box.fields.checksumName }
        set { fields.checksumName = newValue }
        _modify { yield &fields.checksumName }
    }
    public var config: JSONObject {
        get { box.fields.config }
        set { fields.config = newValue }
        _modify { yield &fields.config }
    }
    public var unrenderedConfig: JSONObject {
        get { box.fields.unrenderedConfig }
        set { fields.unrenderedConfig = newValue }
        _modify { yield &fields.unrenderedConfig }
    }
    public var description: String {
        get { box.fields.description }
        set { fields.description = newValue }
        _modify { yield &fields.description }
    }
    public var columns: [ColumnInfo] {
        get { box.fields.columns }
        set { fields.columns = newValue }
        _modify { yield &fields.columns }
    }
    public var meta: JSON {
        get { box.fields.meta }
        set { fields.meta = newValue }
        _modify { yield &fields.meta }
    }
    public var docsShow: Bool {
        get { box.fields.docsShow }
        set { fields.docsShow = newValue }
        _modify { yield &fields.docsShow }
    }
    public var patchPath: String? {
        get { box.fields.patchPath }
        set { fields.patchPath = newValue }
        _modify { yield &fields.patchPath }
    }
    public var database: String {
        get { box.fields.database }
        set { fields.database = newValue }
        _modify { yield &fields.database }
    }
    public var schema: String {
        get { box.fields.schema }
        set { fields.schema = newValue }
        _modify { yield &fields.schema }
    }
    public var alias: String {
        get { box.fields.alias }
        set { fields.alias = newValue }
        _modify { yield &fields.alias }
    }
    public var refs: [RefCall] {
        get { box.fields.refs }
        set { fields.refs = newValue }
        _modify { yield &fields.refs }
    }
    public var sources: [[String]] {
        get { box.fields.sources }
        set { fields.sources = newValue }
        _modify { yield &fields.sources }
    }
    public var dependsOnNodes: [String] {
        get { box.fields.dependsOnNodes }
        set { fields.dependsOnNodes = newValue }
        _modify { yield &fields.dependsOnNodes }
    }
    public var dependsOnMacros: [String] {
        get { box.fields.dependsOnMacros }
        set { fields.dependsOnMacros = newValue }
        _modify { yield &fields.dependsOnMacros }
    }
    /// Generic tests: what was tested, with which macro.
    public var testMetadata: TestMetadata? {
        get { box.fields.testMetadata }
        set { fields.testMetadata = newValue }
        _modify { yield &fields.testMetadata }
    }
    public var columnName: String? {
        get { box.fields.columnName }
        set { fields.columnName = newValue }
        _modify { yield &fields.columnName }
    }
    public var attachedNode: String? {
        get { box.fields.attachedNode }
        set { fields.attachedNode = newValue }
        _modify { yield &fields.attachedNode }
    }
    public var fileKeyName: String? {
        get { box.fields.fileKeyName }
        set { fields.fileKeyName = newValue }
        _modify { yield &fields.fileKeyName }
    }
    public var seedColumnTypes: JSONObject {
        get { box.fields.seedColumnTypes }
        set { fields.seedColumnTypes = newValue }
        _modify { yield &fields.seedColumnTypes }
    }
    public var span: SourceSpan? {
        get { box.fields.span }
        set { fields.span = newValue }
        _modify { yield &fields.span }
    }
    /// Model versions: this node's version (`v`) and its model's latest version.
    public var version: String? {
        get { box.fields.version }
        set { fields.version = newValue }
        _modify { yield &fields.version }
    }
    /// The `{% docs %}` blocks its description uses (`doc.<package>.<name>`).
    public var docBlocks: [String] {
        get { box.fields.docBlocks }
        set { fields.docBlocks = newValue }
        _modify { yield &fields.docBlocks }
    }
    public var latestVersion: String? {
        get { box.fields.latestVersion }
        set { fields.latestVersion = newValue }
        _modify { yield &fields.latestVersion }
    }

    public init(uniqueId: String, resourceType: ResourceType, packageName: String, name: String, path: String,
                originalFilePath: String, fqn: [String], rawCode: String, checksum: String, config: JSONObject,
                span: SourceSpan? = nil) {
        box = Box(Fields(uniqueId: uniqueId, resourceType: resourceType, packageName: packageName, name: name, path: path,
                         originalFilePath: originalFilePath, fqn: fqn, rawCode: rawCode, checksum: checksum,
                         config: config, span: span))
    }

    public var materialized: String { config["materialized"]?.stringValue ?? "view" }
    public var enabled: Bool { config["enabled"]?.boolValue ?? true }
    public var tags: [String] { config["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
}

public struct SourceTable: Sendable {
    public var uniqueId: String
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
    public var refs: [RefCall] = []
    public var sources: [[String]] = []
    public var dependsOnNodes: [String] = []
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
    public var disabled: [String: Node] = [:]
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
