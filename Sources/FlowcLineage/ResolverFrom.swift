// FROM items into scope entries, and what `SELECT *` expands to over them: USING and NATURAL
// joins merge their common columns (listed first in PostgreSQL, in the left table's place in
// SQLite), and join conditions feed the query's join columns.

import FlowcSQLParser

/// The columns `*` expands to over a FROM item, and what is unknown about them.
struct FromPart {
    var columns: [ColDef] = []
    var open: [String] = []
    var opaque = false

    mutating func append(_ other: FromPart) {
        columns += other.columns
        open += other.open
        opaque = opaque || other.opaque
    }

    /// Column `key` of this side of a join, traced through an open relation when needed.
    func lookup(_ key: String, name: String) -> ColDef? {
        Shape(columns: columns, open: open, opaque: opaque).lookup(key, name: name)
    }
}

extension Resolver {
    func resolveFrom(_ ref: SQLTableRef, scope: Scope, env: CTEEnvironment?) -> FromPart {
        depth += 1
        defer { depth -= 1 }
        guard haveStack() else {
            return add(Entry(alias: "", qualified: [], shape: Shape(opaque: true)), to: scope)
        }
        switch ref {
        case .table(let name, let alias, _):
            var shape = tableShape(name, env: env)
            var entryName = name.last?.name ?? ""
            if let alias {
                entryName = alias.name.name
                rename(&shape, alias.columns)
            }
            return add(Entry(alias: entryName.foldedKey, qualified: name.map { $0.name.foldedKey }, shape: shape),
                       to: scope)
        case .derived(let q, let alias, let lateral, _):
            // A LATERAL subquery sees the FROM items before it; any subquery sees enclosing queries.
            var shape = resolveQuery(q, env: env, outer: lateral ? scope : scope.parent)
            if let alias { rename(&shape, alias.columns) }
            return add(Entry(alias: alias?.name.name.foldedKey ?? "", qualified: [], shape: shape), to: scope)
        case .function(let call, let alias, _, _):
            let ctx = ExprContext(scope: scope, env: env)
            var info = ExprInfo.none
            for a in call.args { info.merge(analyze(a, ctx)) }
            var shape = Shape()
            if let alias, !alias.columns.isEmpty {
                shape.columns = alias.columns.map {
                    ColDef(name: $0.name, kind: .transform, sources: info.sources, resolved: info.resolved)
                }
            } else {
                shape.opaque = true
            }
            let entryName = alias?.name.name ?? call.baseName
            return add(Entry(alias: entryName.foldedKey, qualified: [], shape: shape), to: scope)
        case .join(let j):
            let left = resolveFrom(j.left, scope: scope, env: env)
            let right = resolveFrom(j.right, scope: scope, env: env)
            switch j.condition {
            case .none:
                return combine(left, right, merged: [])
            case .on(let e):
                joins.absorb(analyze(e, ExprContext(scope: scope, env: env)).sources)
                return combine(left, right, merged: [])
            case .using(let names):
                var merged: [ColDef] = []
                for n in names {
                    let l = left.lookup(n.name.foldedKey, name: n.name)
                    let r = right.lookup(n.name.foldedKey, name: n.name)
                    if l == nil && left.open.isEmpty && !left.opaque {
                        report(.unknownColumn, "USING column '\(n.name)' is not a column of the left side of the join",
                               at: n.span, hint: suggestion(n.name, left.columns.map(\.name)))
                    }
                    if r == nil && right.open.isEmpty && !right.opaque {
                        report(.unknownColumn, "USING column '\(n.name)' is not a column of the right side of the join",
                               at: n.span, hint: suggestion(n.name, right.columns.map(\.name)))
                    }
                    merged.append(mergedColumn(n.name, l, r))
                }
                return combine(left, right, merged: merged, scope: scope)
            case .natural:
                let rightKeys = Set(right.columns.map(\.key))
                let common = left.columns.filter { rightKeys.contains($0.key) }
                let merged = common.map { c in mergedColumn(c.name, c, right.columns.first { $0.key == c.key }) }
                return combine(left, right, merged: merged, scope: scope)
            }
        }
    }

    private func mergedColumn(_ name: String, _ l: ColDef?, _ r: ColDef?) -> ColDef {
        let sources = (l?.sources ?? []).union(r?.sources ?? [])
        joins.absorb(sources)
        return ColDef(name: name, kind: max(l?.kind ?? .copy, r?.kind ?? .copy), sources: sources,
                      resolved: (l?.resolved ?? false) || (r?.resolved ?? false))
    }

    private func combine(_ l: FromPart, _ r: FromPart, merged: [ColDef], scope: Scope? = nil) -> FromPart {
        var out = FromPart(columns: [], open: l.open + r.open, opaque: l.opaque || r.opaque)
        guard !merged.isEmpty else {
            out.columns = l.columns + r.columns
            return out
        }
        let keys = Set(merged.map(\.key))
        for m in merged { scope?.merged[m.key] = m }
        if !syntax.mergedJoinColumnsFirst {
            // SQLite keeps the merged column where the left side has it.
            out.columns = l.columns.map { c in keys.contains(c.key) ? (merged.first { $0.key == c.key } ?? c) : c }
            out.columns += merged.filter { m in !l.columns.contains { $0.key == m.key } }
        } else {
            out.columns = merged + l.columns.filter { !keys.contains($0.key) }
        }
        out.columns += r.columns.filter { !keys.contains($0.key) }
        return out
    }

    private func add(_ entry: Entry, to scope: Scope) -> FromPart {
        scope.entries.append(entry)
        return FromPart(columns: entry.shape.columns, open: entry.shape.open, opaque: entry.shape.opaque)
    }

    /// A named relation: a CTE in scope, else the catalog, else an unknown relation.
    func tableShape(_ name: [SQLIdent], env: CTEEnvironment?) -> Shape {
        if name.count == 1, let cte = env?.lookup(name[0].name) { return cte }
        let parts = name.map(\.name)
        let relation = catalog.relation(named: parts)
        let id = relation?.id ?? parts.joined(separator: ".")
        relationsRead.insert(id)
        guard let relation, let columns = relation.columns else { return Shape(columns: [], open: [id], opaque: false) }
        return Shape(columns: columns.map {
            ColDef(name: $0, kind: .copy, sources: [ColumnSource(relation: id, column: $0)])
        }, open: relation.exhaustive ? [] : [id])
    }
}
