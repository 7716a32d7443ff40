// What the docs site shows, gathered from the manifest, the compiled SQL, the column lineage and
// the catalog into one list of items (models, seeds, snapshots, analyses, tests, sources,
// exposures, macros) that the page scripts index by position. Columns merge the warehouse's
// (names, types, order), the SQL's (lineage) and the YAML's (descriptions, tags, tests).
import FlowcCompile
import FlowcGraph
import FlowcLineage
import Foundation

public struct DocsColumn: Sendable {
    public var name: String
    public var type: String = ""
    public var description: String = ""
    public var tags: [String] = []
    public var tests: [String] = []
}

public struct DocsItem: Sendable {
    public var id: String
    /// model, seed, snapshot, analysis, test, source, exposure, macro
    public var type: String
    public var name: String
    public var package: String
    public var path: String
    public var fqn: [String]
    public var description: String
    public var tags: [String]
    public var materialized: String
    public var relation: String
    /// For sources: the source's name (`source:NAME` selects it).
    public var sourceName: String
    public var columns: [DocsColumn]
    public var parents: [Int] = []
    public var lineageStatus: String
    public var rowCount: Int?
    public var rawSQL: String
    public var compiledSQL: String
    /// Facts shown under the title, in order: an exposure's owner and maturity, a source's loader…
    public var details: [(label: String, value: String)] = []
}

/// One column-lineage edge between items: `to.toColumn` reads `from.fromColumn`
/// (`toColumn` -1 for filter and join edges).
public struct DocsColumnEdge: Sendable {
    public var from: Int
    public var fromColumn: Int
    public var to: Int
    public var toColumn: Int
    public var kind: LineageKind
}

public struct DocsData: Sendable {
    public var projectName: String
    public var adapter: String
    public var overview: String
    public var items: [DocsItem]
    public var edges: [DocsColumnEdge]
    public var hasCatalog: Bool

    public init(manifest: Manifest, compiled: [String: CompiledNode], lineage: ProjectLineage?, catalog: Catalog?,
                relationName: (String) -> String) {
        projectName = manifest.projectName
        adapter = manifest.adapterType
        hasCatalog = catalog != nil
        overview = OverviewDoc.text(manifest)
        var items: [DocsItem] = []

        for id in manifest.nodes.keys.sorted() {
            guard let n = manifest.nodes[id], n.enabled, n.docsShow else { continue }
            let isTest = n.resourceType == .test
            items.append(DocsItem(
                id: id, type: n.resourceType.rawValue, name: n.name, package: n.packageName, path: n.originalFilePath,
                fqn: n.fqn, description: n.description, tags: n.tags,
                materialized: isTest ? "test" : n.materialized, relation: isTest ? "" : relationName(id), sourceName: "",
                columns: n.columns.map { DocsColumn(name: $0.name, type: $0.dataType ?? "", description: $0.description, tags: $0.tags) },
                lineageStatus: lineage?.nodes[id]?.status.rawValue ?? "", rowCount: catalog?[id]?.rowCount,
                rawSQL: n.rawCode, compiledSQL: compiled[id]?.sql ?? ""))
        }
        for id in manifest.sources.keys.sorted() {
            guard let s = manifest.sources[id] else { continue }
            let description = s.description.isEmpty ? s.sourceDescription : s.description
            var details: [(label: String, value: String)] = []
            if !s.loader.isEmpty { details.append(("loader", s.loader)) }
            if let field = s.loadedAtField { details.append(("loaded at field", field)) }
            if !s.sourceDescription.isEmpty && !s.description.isEmpty { details.append(("source", s.sourceDescription)) }
            items.append(DocsItem(
                id: id, type: "source", name: s.sourceName + "." + s.name, package: s.packageName, path: s.originalFilePath,
                fqn: s.fqn, description: description, tags: s.tags, materialized: "source",
                relation: relationName(id), sourceName: s.sourceName,
                columns: s.columns.map { DocsColumn(name: $0.name, type: $0.dataType ?? "", description: $0.description, tags: $0.tags) },
                lineageStatus: "", rowCount: catalog?[id]?.rowCount, rawSQL: "", compiledSQL: "", details: details))
        }
        for id in manifest.exposures.keys.sorted() {
            guard let e = manifest.exposures[id] else { continue }
            items.append(DocsItem(
                id: id, type: "exposure", name: e.name, package: e.packageName, path: e.originalFilePath, fqn: e.fqn,
                description: e.description, tags: e.tags, materialized: e.type, relation: e.url ?? "",
                sourceName: "", columns: [], lineageStatus: "", rawSQL: "", compiledSQL: "",
                details: [("owner", [e.owner["name"]?.stringValue, e.owner["email"]?.stringValue].compactMap { $0 }.joined(separator: ", ")),
                          ("maturity", e.maturity ?? ""), ("label", e.label ?? "")].filter { !$0.1.isEmpty }))
        }
        // The project's own macros and its packages'; the built-in ones (package `dbt`: adapter
        // and generic-test macros) would bury them.
        for id in manifest.macros.keys.sorted() {
            guard let m = manifest.macros[id], m.packageName != "dbt" else { continue }
            items.append(DocsItem(
                id: id, type: "macro", name: m.name, package: m.packageName, path: m.originalFilePath, fqn: [m.packageName, m.name],
                description: m.description, tags: [], materialized: "macro", relation: "", sourceName: "",
                columns: [], lineageStatus: "", rawSQL: m.macroSQL, compiledSQL: ""))
        }

        var index: [String: Int] = [:]
        for (i, item) in items.enumerated() { index[item.id] = i }
        for (i, item) in items.enumerated() {
            let parents: [String]
            if let n = manifest.nodes[item.id] { parents = n.dependsOnNodes } else if let e = manifest.exposures[item.id] {
                parents = e.dependsOnNodes
            } else { parents = [] }
            items[i].parents = Array(Set(parents.compactMap { index[$0] })).sorted()
            items[i].columns = Self.mergeColumns(yaml: item.columns, lineage: lineage?.nodes[item.id], catalog: catalog?[item.id])
        }
        // Generic tests name their column: list them there ("unique", "accepted_values", …).
        for item in items where item.type == "test" {
            guard let n = manifest.nodes[item.id], let attached = n.attachedNode ?? n.dependsOnNodes.first,
                  let column = n.columnName, let target = index[attached] else { continue }
            let testName = n.testMetadata?.name ?? item.name
            if let c = items[target].columns.firstIndex(where: { $0.name.lowercased() == column.lowercased() }) {
                items[target].columns[c].tests.append(testName)
            }
        }

        var edges: [DocsColumnEdge] = []
        if let lineage {
            func column(_ item: Int, _ name: String) -> Int {
                if let c = items[item].columns.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) { return c }
                items[item].columns.append(DocsColumn(name: name))
                return items[item].columns.count - 1
            }
            for e in lineage.edges {
                guard let from = index[e.fromNode], let to = index[e.toNode] else { continue }
                edges.append(DocsColumnEdge(from: from, fromColumn: column(from, e.fromColumn), to: to,
                                            toColumn: e.toColumn.map { column(to, $0) } ?? -1, kind: e.kind))
            }
        }
        self.items = items
        self.edges = edges
    }

    /// Warehouse columns first (their order and types are the truth), then the columns the SQL
    /// produces, then YAML-only ones; descriptions, tags and declared types come from the YAML.
    static func mergeColumns(yaml: [DocsColumn], lineage: NodeLineage?, catalog: CatalogTable?) -> [DocsColumn] {
        var out: [DocsColumn] = []
        var seen: [String: Int] = [:]
        func add(_ c: DocsColumn) {
            let key = c.name.lowercased()
            if let i = seen[key] {
                if out[i].type.isEmpty { out[i].type = c.type }
                if out[i].description.isEmpty { out[i].description = c.description }
                if out[i].tags.isEmpty { out[i].tags = c.tags }
            } else {
                seen[key] = out.count
                out.append(c)
            }
        }
        for c in catalog?.columns ?? [] { add(DocsColumn(name: c.name, type: c.dataType)) }
        for c in lineage?.columns ?? [] { add(DocsColumn(name: c.name, type: c.dataType ?? "")) }
        for c in yaml { add(c) }
        return out
    }
}

/// The `{% docs __overview__ %}` block for the home page: the project's own, else a package's.
/// (doc() calls in descriptions were already replaced when the graph was built.) The built-in
/// `doc.dbt.__overview__`, there for dbt Docs, is not one: this site has its own home page.
enum OverviewDoc {
    static func text(_ manifest: Manifest) -> String {
        let blocks = manifest.docs.values.filter { $0.name == "__overview__" && $0.packageName != BuiltinMacros.packageName }
            .sorted { $0.uniqueId < $1.uniqueId }
        return (blocks.first { $0.packageName == manifest.projectName } ?? blocks.first)?.contents ?? ""
    }
}
