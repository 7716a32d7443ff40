// The resolver's picture of a relation inside one query: its columns (each with the input
// columns it comes from), plus what is not known about it. `open` names relations whose
// unknown columns pass through unchanged (a `*` over a source without declared columns), so
// `renamed.id` can still be traced to `raw.payments.id`; `opaque` means columns exist that
// cannot be traced at all (a table function without a column list).

import FlowcSQLParser

struct ColDef {
    var name: String
    /// Lower-cased name, for matching (both dialects match unquoted names case-insensitively).
    var key: String
    var kind: LineageKind
    var sources: ColumnSources
    var resolved: Bool
    var span: SQLSpan?

    init(name: String, kind: LineageKind, sources: ColumnSources, resolved: Bool = true, span: SQLSpan? = nil) {
        self.name = name
        self.key = name.foldedKey
        self.kind = kind
        self.sources = sources
        self.resolved = resolved
        self.span = span
    }
}

struct Shape {
    var columns: [ColDef] = []
    var open: [String] = []
    var opaque = false

    var isClosed: Bool { open.isEmpty && !opaque }

    func column(_ key: String) -> ColDef? { columns.first { $0.key == key } }

    /// The column `key`, or a pass-through of the one open relation it must come from.
    func lookup(_ key: String, name: String) -> ColDef? {
        if let c = column(key) { return c }
        if !opaque, open.count == 1, let origin = open.first {
            return ColDef(name: name, kind: .copy, sources: [ColumnSource(relation: origin, column: name)])
        }
        return nil
    }
}

/// A relation in a FROM clause, under the name the query uses for it.
struct Entry {
    var alias: String
    /// For named tables: the lower-cased name parts, so `raw.orders.id` matches `raw.orders`.
    var qualified: [String]
    var shape: Shape
}

/// The relations visible to one SELECT; `parent` is the enclosing query's scope (correlated
/// subqueries, LATERAL).
final class Scope {
    var entries: [Entry] = []
    /// Columns merged by USING / NATURAL joins, by key.
    var merged: [String: ColDef] = [:]
    /// The SELECT's output columns, for clauses that may name them (GROUP BY, ORDER BY, HAVING,
    /// and WHERE in SQLite).
    var outputs: [ColDef] = []
    let parent: Scope?

    init(parent: Scope?) { self.parent = parent }

    var isClosed: Bool { entries.allSatisfy(\.shape.isClosed) }

    func entry(named qualifier: [String]) -> Entry? {
        guard let last = qualifier.last else { return nil }
        return entries.last { e in
            guard e.alias == last else { return false }
            // `schema.table.column` must match the table's schema too, when it has one.
            return qualifier.count == 1 || e.qualified.count < qualifier.count
                || Array(e.qualified.suffix(qualifier.count)) == qualifier
        }
    }
}

/// CTEs visible at a point of the query, innermost first.
final class CTEEnvironment {
    let shapes: [String: Shape]
    let parent: CTEEnvironment?

    init(_ shapes: [String: Shape], parent: CTEEnvironment?) {
        self.shapes = shapes
        self.parent = parent
    }

    func lookup(_ name: String) -> Shape? { shapes[name] ?? parent?.lookup(name) }
}
