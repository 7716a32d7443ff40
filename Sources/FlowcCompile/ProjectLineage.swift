// Column lineage of a whole project: every model, snapshot and analysis traced through its
// compiled SQL, in DAG order, so each node's inputs have known columns when it is analyzed.
// Schemas come, in order of trust, from the warehouse (when connected), YAML declarations
// (sources, seeds, and models with an enforced contract), seed headers, and the lineage of
// upstream models. Pure: compiled SQL and the manifest in, values out.

import FlowcGraph
import FlowcLineage
import FlowcProject
import FlowcSQL
import FlowcSQLParser

public enum LineageStatus: String, Sendable {
    /// Every output column is known and traced.
    case complete
    /// The columns are known only in part (a `*` over an unknown relation, untraceable names).
    case partial
    /// Nothing is known (SQL the parser cannot read, or no SQL).
    case unknown
}

public struct NodeColumnLineage: Sendable {
    public var name: String
    public var dataType: String?
    /// How the column derives from its sources (nil for nodes that are inputs: seeds, sources).
    public var kind: LineageKind?
    /// Upstream columns; `relation` is a node's unique_id.
    public var sources: [ColumnSource]
}

public struct NodeLineage: Sendable {
    public var uniqueId: String
    public var resourceType: String
    public var name: String
    public var relationName: String?
    public var status: LineageStatus
    /// Where the columns came from: sql, warehouse, yaml, seed.
    public var origin: String
    public var columns: [NodeColumnLineage]
    public var filters: [ColumnSource]
    public var joins: [ColumnSource]
    /// Why the status is not complete, when there is a reason to give.
    public var reason: String?
    /// Whether `columns` are all the relation has; false for a source whose YAML documents
    /// some columns (dbt projects usually declare only the tested ones).
    public var exhaustive = true

    /// The column list other nodes may rely on: nil unless every column is known.
    var knownColumns: [String]? { status == .complete ? columns.map(\.name) : nil }
}

public struct ProjectLineage: Sendable {
    public var nodes: [String: NodeLineage]
    /// Static-check findings and unreadable SQL by node, with places in the project's files.
    public var findings: [String: [Diagnostic]]

    public init(nodes: [String: NodeLineage], findings: [String: [Diagnostic]]) {
        self.nodes = nodes
        self.findings = findings
    }

    /// The findings of the given nodes (all when nil), in file order.
    public func diagnostics(of ids: Set<String>? = nil) -> [Diagnostic] {
        findings.filter { ids?.contains($0.key) ?? true }.flatMap(\.value).sorted {
            ($0.span?.file ?? "", $0.span?.line ?? 0, $0.span?.column ?? 0)
                < ($1.span?.file ?? "", $1.span?.line ?? 0, $1.span?.column ?? 0)
        }
    }
}

public struct LineageInputs: Sendable {
    public var build: GraphBuild
    /// Compiled SQL of the nodes to analyze (models, snapshots, analyses).
    public var compiled: [String: CompiledNode]
    /// The nodes of `compiled` to analyze, when not all of them: a command's compiled nodes
    /// hold its tests too, and making a dictionary of only the rest cost more than asking.
    public var traced: [String]?
    /// Columns of relations as the warehouse reports them, by unique_id (sources, seeds,
    /// models), when connected.
    public var warehouseColumns: [String: [(name: String, type: String)]]
    public var checks: CheckLevels
    public var threads: Int
    /// The project directory (seed files are read from it).
    public var projectRoot: String

    public init(build: GraphBuild, compiled: [String: CompiledNode], traced: [String]? = nil, projectRoot: String,
                warehouseColumns: [String: [(name: String, type: String)]] = [:], checks: CheckLevels, threads: Int) {
        self.build = build
        self.traced = traced
        self.projectRoot = projectRoot
        self.compiled = compiled
        self.warehouseColumns = warehouseColumns
        self.checks = checks
        self.threads = threads
    }
}

extension ProjectLineage {
    public static func compute(_ inputs: LineageInputs) -> ProjectLineage {
        let manifest = inputs.build.manifest
        let dialect = inputs.build.setup.dialect
        var nodes: [String: NodeLineage] = [:]
        for s in manifest.sources.values { nodes[s.uniqueId] = inputLineage(source: s, inputs) }
        for n in manifest.nodes.values where n.resourceType == .seed { nodes[n.uniqueId] = inputLineage(seed: n, inputs) }
        let index = RelationIndex(manifest, dialect: dialect, threads: inputs.threads)
        var findings: [String: [Diagnostic]] = [:]
        for level in analysisLevels(manifest, compiled: inputs.compiled, ids: inputs.traced) {
            let known = nodes
            // many small slices: the cost of a node varies with its SQL, and a fixed half per
            // thread left one thread idle at the end of every level
            let results: [(NodeLineage, [Diagnostic])] = parallelSlices(count: level.count, threads: inputs.threads,
                                                                         slices: inputs.threads * 8) { range in
                range.compactMap { i in
                    guard let node = manifest.nodes[level[i]], let compiled = inputs.compiled[level[i]] else { return nil }
                    let (lineage, found) = analyzeNode(node, compiled: compiled, index: index, known: known, inputs: inputs)
                    return (lineage, node.packageName == manifest.projectName ? found : found.map(Self.asWarning))
                }
            }.flatMap { $0 }
            for (lineage, found) in results {
                nodes[lineage.uniqueId] = lineage
                if !found.isEmpty { findings[lineage.uniqueId] = found }
            }
        }
        // governance over the whole graph: personal data reaching exposures and public models
        for (id, found) in PIIFlow.findings(manifest: manifest, lineage: nodes, checks: inputs.checks) {
            let own = manifest.nodes[id]?.packageName == manifest.projectName
            findings[id, default: []].append(contentsOf: own ? found : found.map(Self.asWarning))
        }
        return ProjectLineage(nodes: nodes, findings: findings)
    }

    /// A finding on an installed package's node: users cannot edit a package's code, so its
    /// findings inform and never fail a build (installing dbt_project_evaluator must not).
    static func asWarning(_ d: Diagnostic) -> Diagnostic {
        var d = d
        if d.severity == .error { d.severity = .warning }
        return d
    }

    /// Nodes with compiled SQL (those of `ids`, when given) grouped so that every node comes
    /// after the nodes it reads.
    static func analysisLevels(_ manifest: Manifest, compiled: [String: CompiledNode], ids: [String]? = nil) -> [[String]] {
        var depth: [String: Int] = [:]
        func level(_ id: String, _ stack: inout Set<String>) -> Int {
            if let d = depth[id] { return d }
            guard stack.insert(id).inserted else { return 0 }
            var d = 0
            for p in manifest.parentMap[id] ?? [] where compiled[p] != nil { d = max(d, level(p, &stack) + 1) }
            stack.remove(id)
            depth[id] = d
            return d
        }
        depth.reserveCapacity(compiled.count)
        var levels: [[String]] = []
        // one path set for every walk: each walk leaves it empty, and keeping its storage saves
        // an allocation per node
        var stack: Set<String> = []
        // in no particular order: a level's nodes are traced in parallel and kept by id
        for id in ids ?? Array(compiled.keys) where compiled[id] != nil {
            let d = level(id, &stack)
            while levels.count <= d { levels.append([]) }
            levels[d].append(id)
        }
        return levels
    }

    static func analyzeNode(_ node: Node, compiled: CompiledNode, index: RelationIndex, known: [String: NodeLineage],
                            inputs: LineageInputs) -> (NodeLineage, [Diagnostic]) {
        let dialect = inputs.build.setup.dialect
        var lineage = NodeLineage(uniqueId: node.uniqueId, resourceType: node.resourceType.rawValue, name: node.name,
                                  relationName: index.relationName(node), status: .unknown, origin: "sql",
                                  columns: [], filters: [], joins: [], reason: nil)
        // A node that compiles to nothing has no columns to trace and no compiled file (dbt
        // writes none) for a warning to point into; running it is the database's to refuse.
        if compiled.sql.allSatisfy(\.isWhitespace) {
            lineage.reason = "the compiled SQL is empty"
            return (fallback(lineage, node: node), [])
        }
        let text = SQLSourceText(compiled.sql)
        let query: SQLQuery
        do {
            query = try SQLParser.parse(compiled.sql, syntax: dialect.syntax)
        } catch {
            lineage.reason = "cannot parse the compiled SQL: \(error.message)"
            let where_ = text.location(of: error.span.start)
            let place = SourceSpan(file: compiled.compiledPath, line: where_.line, column: where_.column)
            var found: [Diagnostic] = []
            if let severity = inputs.checks.severity(.unparsedSQL) {
                found.append(Diagnostic(severity, "\(node.name): column lineage unknown: \(error.message)", span: place,
                                        hint: "flowc's SQL parser could not read this; the model still runs",
                                        sourceLine: text.line(where_.line)))
            }
            return (fallback(lineage, node: node), found)
        }
        let catalog = NodeCatalog(index: index, known: known, parents: node.dependsOnNodes)
        let result = ColumnLineage.analyze(query, text: text, syntax: dialect.syntax, catalog: catalog)
        lineage.status = result.complete && result.columns.allSatisfy(\.resolved) ? .complete : .partial
        if !result.complete { lineage.reason = "reads a relation whose columns are unknown" }
        let documentedTypes = documentedTypes(node)
        lineage.columns = result.columns.map { c in
            NodeColumnLineage(name: c.name, dataType: documentedTypes[c.name.foldedKey] ?? nil, kind: c.kind,
                              sources: c.sources.filter { known[$0.relation] != nil || index.isNode($0.relation) })
        }
        lineage.filters = result.filters.filter { index.isNode($0.relation) }
        lineage.joins = result.joins.filter { index.isNode($0.relation) }
        if node.resourceType == .snapshot && result.complete {
            for meta in ["dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to"] {
                lineage.columns.append(NodeColumnLineage(name: meta, dataType: nil, kind: .transform, sources: []))
            }
        }
        let mapper = TemplateSpanMapper(raw: node.rawCode, compiled: compiled, rawFile: node.displayPath)
        var found = result.diagnostics.compactMap { d -> Diagnostic? in
            guard let severity = inputs.checks.severity(CheckLevels.Check(d.check)) else { return nil }
            return mapper.diagnostic(severity, d, text: text)
        }
        found += documentedColumnFindings(node, lineage: lineage, result: result, checks: inputs.checks)
        if node.resourceType == .model && !MaterializationLookup.isNative(node.materialized) {
            // a custom materialization may rewrite the SQL before it runs (insert_by_period's
            // __PERIOD_FILTER__): what the checks find in it cannot stop the build
            found = found.map { d in
                guard d.severity == .error else { return d }
                var w = d
                w.severity = .warning
                w.hint = (d.hint.map { $0 + "; " } ?? "") + "a warning, as the '\(node.materialized)' materialization may rewrite this SQL before it runs"
                return w
            }
        }
        if let warehouse = inputs.warehouseColumns[node.uniqueId] {
            lineage = applyWarehouse(lineage, warehouse)
        }
        return (lineage, found)
    }

    /// A model whose SQL could not be read still has the columns its YAML declares.
    static func fallback(_ lineage: NodeLineage, node: Node) -> NodeLineage {
        var l = lineage
        l.columns = node.columns.map { NodeColumnLineage(name: $0.name, dataType: $0.dataType, kind: nil, sources: []) }
        if contractEnforced(node) && !node.columns.isEmpty {
            l.status = .complete
            l.origin = "yaml"
        }
        return l
    }

    static func contractEnforced(_ node: Node) -> Bool { node.config["contract"]?["enforced"]?.boolValue == true }

    /// The data type the node's YAML gives each column, by lower-cased name (a name's first
    /// entry counts): looked up once per column of its SQL or seed header, where a search
    /// through the entries per column was a visible part of tracing large projects.
    /// By folded name (`foldedKey`: the name itself when already lower case, as most are).
    static func documentedTypes(_ node: Node) -> [String: String?] {
        var types: [String: String?] = [:]
        types.reserveCapacity(node.columns.count)
        for c in node.columns where types[c.name.foldedKey] == nil { types[c.name.foldedKey] = .some(c.dataType) }
        return types
    }

    /// A model's YAML documenting a column its SQL does not produce.
    static func documentedColumnFindings(_ node: Node, lineage: NodeLineage, result: QueryLineage,
                                         checks: CheckLevels) -> [Diagnostic] {
        guard result.complete, !node.columns.isEmpty, let severity = checks.severity(.documentedColumn) else { return [] }
        let produced = Set(lineage.columns.map { $0.name.foldedKey })
        return node.columns.compactMap { c in
            guard !produced.contains(c.name.foldedKey) else { return nil }
            return Diagnostic(severity, "model '\(node.name)' documents column '\(c.name)', which its SQL does not produce",
                              span: c.span ?? node.patchPath.map { SourceSpan.start(of: $0) },
                              hint: NameSuggestion.hint(for: c.name, among: lineage.columns.map(\.name))
                                ?? "its columns are: \(lineage.columns.map(\.name).joined(separator: ", "))")
        }
    }

    static func applyWarehouse(_ lineage: NodeLineage, _ columns: [(name: String, type: String)]) -> NodeLineage {
        var l = lineage
        let types = Dictionary(columns.map { ($0.name.lowercased(), $0.type) }, uniquingKeysWith: { a, _ in a })
        for i in l.columns.indices where l.columns[i].dataType == nil {
            l.columns[i].dataType = types[l.columns[i].name.lowercased()]
        }
        return l
    }
}
