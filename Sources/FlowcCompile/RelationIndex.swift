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

    init(_ manifest: Manifest, dialect: Dialect, threads: Int = 1) {
        struct Entry: Sendable { var id: String; var full: String; var short: String; var rendered: String }
        var relations: [(id: String, database: String, schema: String, identifier: String)] = []
        // the relations first, then sorted: sorting every node's id (tests are half) cost more
        for n in manifest.nodes.values where [.model, .seed, .snapshot].contains(n.resourceType) && n.materialized != "ephemeral" {
            relations.append((n.uniqueId, n.database, n.schema, n.alias))
        }
        relations.sort { $0.id < $1.id }
        let nodeCount = relations.count
        for s in manifest.sources.values {
            relations.append((s.uniqueId, s.database, s.schema, s.identifier))
        }
        relations[nodeCount...].sort { $0.id < $1.id }
        // The names are made on every thread (they are most of the cost: eleven thousand
        // relations took 80 ms on one) and indexed in order, so ids sharing a name keep the
        // order of the sorted ids.
        let work = relations
        let entries = parallelSlices(count: work.count, threads: threads, slices: threads * 4) { range in
            range.map { i -> Entry in
                let r = work[i]
                return Entry(id: r.id,
                             full: [r.database, r.schema, r.identifier].filter { !$0.isEmpty }.joined(separator: ".").foldedKey,
                             short: [r.schema, r.identifier].filter { !$0.isEmpty }.joined(separator: ".").foldedKey,
                             rendered: dialect.renderRelation(database: r.database, schema: r.schema, identifier: r.identifier))
            }
        }.joined()
        names.reserveCapacity(work.count)
        byName.reserveCapacity(work.count * 2)
        for e in entries {
            byName[e.full, default: []].append(e.id)
            if e.short != e.full { byName[e.short, default: []].append(e.id) }
            names[e.id] = e.rendered
        }
    }

    /// The node a name refers to, preferring the node's declared parents when several match.
    /// `parents` is a node's few depends_on ids: comparing with each is cheaper than hashing
    /// every id a name has (a source's table name may have dozens).
    func node(named parts: [String], parents: [String]) -> String? {
        guard let ids = byName[parts.count == 1 ? parts[0].foldedKey : parts.joined(separator: ".").foldedKey] else { return nil }
        if ids.count == 1 { return ids.first }
        return ids.first { parents.contains($0) } ?? ids.first
    }
    func isNode(_ id: String) -> Bool { names[id] != nil }
    func relationName(_ node: Node) -> String? { names[node.uniqueId] }
}

/// What one node's SQL may read: nodes by relation name, with the columns known so far.
struct NodeCatalog: LineageCatalog {
    let index: RelationIndex
    let known: [String: NodeLineage]
    /// The node's depends_on ids.
    let parents: [String]

    func relation(named parts: [String]) -> LineageRelation? {
        guard let id = index.node(named: parts, parents: parents) else { return nil }
        let node = known[id]
        return LineageRelation(id: id, columns: node?.knownColumns, exhaustive: node?.exhaustive ?? true)
    }
}
