// The graph that node selection (`--select`, `--exclude`, `--selector`) works on: one
// `SelectableNode` per resource, holding only the properties selector methods read, and the
// parent/child edges between them. The manifest builder produces it; selection never looks at
// anything else, which keeps it a pure function of this value.

/// What selection needs to know of a node (built from the manifest).
public struct SelectableNode: Sendable, Equatable {
    /// "model.bench.stg_orders", "test.bench.unique_stg_orders_order_id.4f3a2b1c9d",
    /// "seed.bench.raw_orders", "source.bench.erp.orders", "snapshot.…", "exposure.…"
    public var uniqueId: String
    /// model, test, unit_test, seed, snapshot, source, analysis, exposure, metric, …
    public var resourceType: String
    /// The node's name; for sources the table name (the source's own name is `sourceName`).
    public var name: String
    public var packageName: String
    /// dbt's fully qualified name, e.g. ["bench", "staging", "erp05", "stg_erp05__orders"];
    /// a versioned model ends with "v2".
    public var fqn: [String]
    /// Path relative to its package root: "models/staging/erp05/stg_erp05__orders.sql"; for
    /// sources and generic tests the YAML file that defines them.
    public var originalFilePath: String
    /// The YAML file that patches the node (describes a model, seed, snapshot or analysis
    /// defined elsewhere), relative to its package root; `path:` of that file selects it too.
    public var patchPath: String?
    public var tags: [String]
    /// The node's config, for `config.<key>:` ("materialized", "meta.contains_pii").
    public var config: SelectableConfig
    /// Sources only: the source's name (`source('erp05', 'orders')` → "erp05").
    public var sourceName: String?
    /// Tests only: "generic" or "singular" (unit tests have resource type "unit_test").
    public var testType: String?
    /// Generic tests only: the test macro's name, e.g. "unique", "accepted_values", or with a
    /// package namespace "dbt_utils.equality".
    public var testName: String?
    /// Generic tests only: unique id of the node the test is attached to.
    public var attachedNode: String?
    public var access: String?
    public var group: String?
    /// Versioned models: this node's version and the model's latest version.
    public var version: String?
    public var latestVersion: String?

    public init(
        uniqueId: String, resourceType: String, name: String, packageName: String,
        fqn: [String], originalFilePath: String, tags: [String] = [],
        config: SelectableConfig = [:], sourceName: String? = nil, testType: String? = nil,
        testName: String? = nil, attachedNode: String? = nil, access: String? = nil,
        group: String? = nil, version: String? = nil, latestVersion: String? = nil,
        patchPath: String? = nil
    ) {
        self.uniqueId = uniqueId
        self.resourceType = resourceType
        self.name = name
        self.packageName = packageName
        self.fqn = fqn
        self.originalFilePath = originalFilePath
        self.tags = tags
        self.config = config
        self.sourceName = sourceName
        self.testType = testType
        self.testName = testName
        self.attachedNode = attachedNode
        self.access = access
        self.group = group
        self.version = version
        self.latestVersion = latestVersion
        self.patchPath = patchPath
    }
}

/// The nodes and their edges. Invariant: every id in `parents` / `children` names a node in
/// `nodes` (edges to unknown ids are dropped by the initialiser), and `children` is exactly the
/// reverse of `parents`, each list sorted and without duplicates.
public struct SelectionGraph: Sendable {
    public let nodes: [String: SelectableNode]
    public let parents: [String: [String]]
    public let children: [String: [String]]
    /// The comparison with a state manifest, for `state:` (nil: no `--state` given).
    public var state: SelectionState?
    /// unique id → status of a previous run (run_results.json), for `result:`.
    public var previousResults: [String: String]?
    /// Source freshness now and in the state (sources.json: unique id → max_loaded_at), for
    /// `source_status:fresher`.
    public var sourceFreshness: (current: [String: String], previous: [String: String])?
    /// The root project's name, which `package:this` stands for (nil: `this` is a plain name).
    public var rootPackage: String?

    /// `parentMap`: node unique id → the unique ids it depends on (a test's parents are the
    /// nodes it references).
    public init(nodes: [SelectableNode], parentMap: [String: [String]]) {
        var byId: [String: SelectableNode] = [:]
        byId.reserveCapacity(nodes.count)
        for node in nodes { byId[node.uniqueId] = node }
        var parents: [String: [String]] = [:]
        parents.reserveCapacity(parentMap.count)
        var children: [String: [String]] = [:]
        children.reserveCapacity(parentMap.count)
        // Lists in the manifest's parent map are mostly sorted and distinct already; sets and
        // sorting only where they are not (this was most of any `--select` on large projects).
        for (child, ps) in parentMap where byId[child] != nil {
            var known = ps.filter { $0 != child && byId[$0] != nil }
            if !Self.strictlyAscending(known) { known = Set(known).sorted() }
            parents[child] = known
            // each child is visited once and its parents are distinct: no list gets a duplicate
            for p in known { children[p, default: []].append(child) }
        }
        for (p, list) in children where !Self.strictlyAscending(list) { children[p] = list.sorted() }
        self.nodes = byId
        self.parents = parents
        self.children = children
    }

    private static func strictlyAscending(_ list: [String]) -> Bool {
        var i = 1
        while i < list.count {
            if !(list[i - 1] < list[i]) { return false }
            i += 1
        }
        return true
    }

    /// Nodes reachable by following `edges` from `start` in at most `depth` steps (nil: any
    /// number), not counting the start nodes themselves unless reached again.
    func reachable(from start: Set<String>, edges: [String: [String]], depth: Int?) -> Set<String> {
        var found: Set<String> = []
        var frontier = Array(start)
        var level = 0
        while !frontier.isEmpty {
            if let depth, level >= depth { break }
            level += 1
            var next: [String] = []
            for id in frontier {
                for n in edges[id] ?? [] where !found.contains(n) {
                    found.insert(n)
                    next.append(n)
                }
            }
            frontier = next
        }
        return found
    }

    func ancestors(of ids: Set<String>, depth: Int? = nil) -> Set<String> {
        reachable(from: ids, edges: parents, depth: depth)
    }

    func descendants(of ids: Set<String>, depth: Int? = nil) -> Set<String> {
        reachable(from: ids, edges: children, depth: depth)
    }
}
