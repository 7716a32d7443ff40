// A node of the graph (model, seed, test, snapshot, analysis, operation) with dbt's
// identifiers and its effective config. Its own file because of its storage: the fields sit in
// a copy-on-write box behind one accessor each.
import FlowcProject

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
        var config: JSONObject { didSet { cacheConfig() } }
        /// `config`'s materialized and enabled, kept with it: most passes over the graph ask
        /// every node (a node's ephemeral parents, what to link), and a dictionary lookup with
        /// its string hash each time was 1% of a large project's compile.
        var cachedMaterialized = "view"
        var cachedEnabled = true
        mutating func cacheConfig() {
            cachedMaterialized = config["materialized"]?.stringValue ?? "view"
            cachedEnabled = config["enabled"]?.boolValue ?? true
        }
        var unrenderedConfig: JSONObject = JSONObject()
        /// What the node's own config() calls set at parse time (dbt's config_call_dict, which
        /// `graph` shows and the manifest does not).
        var configCallDict: JSONObject = JSONObject()
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
        /// Generic tests: the tags of what they test (column, source, table), sorted.
        var inheritedTags: [String] = []
        var columnName: String?
        var attachedNode: String?
        var fileKeyName: String?
        var seedColumnTypes: JSONObject = JSONObject()
        var span: SourceSpan?
        var version: String?
        var latestVersion: String?
        /// A model's `deprecation_date`, in dbt's ISO form ("2024-01-01T00:00:00+00:00").
        var deprecationDate: String?
        var docBlocks: [String] = []
        var unitTest: UnitTestSpec?
        var constraints: [JSON] = []
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
    public var configCallDict: JSONObject {
        get { box.fields.configCallDict }
        set { fields.configCallDict = newValue }
        _modify { yield &fields.configCallDict }
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
    /// Generic tests: the tags of the column (and source and table) they test, which dbt adds to
    /// the test's tags (not to its config's).
    public var inheritedTags: [String] {
        get { box.fields.inheritedTags }
        set { fields.inheritedTags = newValue }
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
    /// Model-level `constraints:` from properties YAML (primary keys, checks over several columns).
    public var constraints: [JSON] {
        get { box.fields.constraints }
        set { fields.constraints = newValue }
        _modify { yield &fields.constraints }
    }
    /// Unit tests: the given inputs, the expected rows and the overrides.
    public var unitTest: UnitTestSpec? {
        get { box.fields.unitTest }
        set { fields.unitTest = newValue }
        _modify { yield &fields.unitTest }
    }
    public var deprecationDate: String? {
        get { box.fields.deprecationDate }
        set { fields.deprecationDate = newValue }
        _modify { yield &fields.deprecationDate }
    }
    public var latestVersion: String? {
        get { box.fields.latestVersion }
        set { fields.latestVersion = newValue }
        _modify { yield &fields.latestVersion }
    }

    public init(uniqueId: String, resourceType: ResourceType, packageName: String, name: String, path: String,
                originalFilePath: String, fqn: [String], rawCode: String, checksum: String, config: JSONObject,
                span: SourceSpan? = nil) {
        var fields = Fields(uniqueId: uniqueId, resourceType: resourceType, packageName: packageName, name: name, path: path,
                            originalFilePath: originalFilePath, fqn: fqn, rawCode: rawCode, checksum: checksum,
                            config: config, span: span)
        fields.cacheConfig()
        box = Box(fields)
    }

    public var materialized: String { box.fields.cachedMaterialized }
    /// dbt's should_full_refresh(): the node's `full_refresh` config, else the invocation's flag.
    public func fullRefresh(_ flag: Bool) -> Bool { config["full_refresh"]?.boolValue ?? flag }
    /// Whether is_incremental() may be true: an incremental model that is not being rebuilt
    /// (the rest is whether the warehouse holds its table).
    public func buildsIncrementally(fullRefresh flag: Bool) -> Bool { materialized == "incremental" && !fullRefresh(flag) }
    public var enabled: Bool { box.fields.cachedEnabled }
    /// The config's tags; a generic test's start with the sorted tags it inherits and its own
    /// `config: {tags}`, as dbt builds them (sorted(set(...))), then the project's it lacks.
    public var tags: [String] {
        let configured = config["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !box.fields.inheritedTags.isEmpty else { return configured }
        let head = box.fields.inheritedTags
        return head + configured.filter { !head.contains($0) }
    }
}
