// Finds which node a relation name in compiled SQL refers to: ref() and source() render
// `"db"."schema"."identifier"` (PostgreSQL) or `"schema"."identifier"` (SQLite), so both the
// full name and the name without the database are indexed, lower-cased.

import FlowcGraph
import FlowcLineage
import FlowcSQL

struct RelationIndex: Sendable {
    /// Lower-cased name → unique_ids (a source may name the relation a seed or model builds).
    private var byName: [String: [String]] = [:]
    private var names: [String: String] = [:]

    init(_ manifest: Manifest, dialect: Dialect) {
        func add(_ id: String, database: String, schema: String, identifier: String) {
            let full = [database, schema, identifier].filter { !$0.isEmpty }.joined(separator: ".").foldedKey
            let short = [schema, identifier].filter { !$0.isEmpty }.joined(separator: ".").foldedKey
            byName[full, default: []].append(id)
            if short != full { byName[short, default: []].append(id) }
            names[id] = dialect.renderRelation(database: database, schema: schema, identifier: identifier)
        }
        for id in manifest.nodes.keys.sorted() {
            guard let n = manifest.nodes[id], [.model, .seed, .snapshot].contains(n.resourceType),
                  n.materialized != "ephemeral" else { continue }
            add(id, database: n.database, schema: n.schema, identifier: n.alias)
        }
        for id in manifest.sources.keys.sorted() {
            guard let s = manifest.sources[id] else { continue }
            add(id, database: s.database, schema: s.schema, identifier: s.identifier)
        }
    }

    /// The node a name refers to, preferring the node's declared parents when several match.
    func node(named parts: [String], parents: Set<String>) -> String? {
        guard let ids = byName[parts.joined(separator: ".").foldedKey] else { return nil }
        return ids.first { parents.contains($0) } ?? ids.first
    }
    func isNode(_ id: String) -> Bool { names[id] != nil }
    func relationName(_ node: Node) -> String? { names[node.uniqueId] }
}

/// What one node's SQL may read: nodes by relation name, with the columns known so far.
struct NodeCatalog: LineageCatalog {
    let index: RelationIndex
    let known: [String: NodeLineage]
    let parents: Set<String>

    func relation(named parts: [String]) -> LineageRelation? {
        guard let id = index.node(named: parts, parents: parents) else { return nil }
        let node = known[id]
        return LineageRelation(id: id, columns: node?.knownColumns, exhaustive: node?.exhaustive ?? true)
    }
}
