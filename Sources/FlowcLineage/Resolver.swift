// Scope resolution over a query: WITH (and RECURSIVE), set operations and SELECT. FROM items
// are in ResolverFrom.swift, expressions in ResolverExpr.swift. Filters and joins are
// collected for the whole query, from every scope. The passes recurse over the syntax tree;
// when the thread's stack runs low (a tree near the parser's depth caps on a 512 KiB thread,
// or a sanitizer build) they stop descending and the lineage becomes unknown (`exhausted`).

import FlowcSQLParser

final class Resolver {
    let syntax: SQLSyntax
    let catalog: any LineageCatalog
    let text: SQLSourceText
    var diagnostics: [LineageDiagnostic] = []
    var filters: ColumnSources = []
    var joins: ColumnSources = []
    var relationsRead: Set<String> = []
    /// While > 0, findings are not reported (a recursive CTE's anchor is resolved twice).
    var muted = 0
    /// Below this many muted passes a recursive CTE's anchor gets its own pass; deeper, its
    /// recursive reference is opaque. Each nested recursive CTE inside an anchor would
    /// otherwise double the work (2^n for n nested levels).
    static let maxSeedPasses = 4
    /// Recursion depth of the passes, and the stack check made once it is deep.
    var depth = 0
    private var stackGuard = SQLStackGuard()
    /// Set when the stack ran low: some part of the query was not resolved, so the result is
    /// incomplete and its findings are not reported.
    private(set) var exhausted = false

    init(syntax: SQLSyntax, catalog: any LineageCatalog, text: SQLSourceText) {
        self.syntax = syntax
        self.catalog = catalog
        self.text = text
    }

    /// Whether a pass may descend one more level (call after `depth += 1`).
    func haveStack() -> Bool {
        if exhausted { return false }
        if depth > 16 && stackGuard.exhausted() { exhausted = true }
        return !exhausted
    }

    func report(_ check: LineageCheck, _ message: String, at span: SQLSpan, hint: String? = nil) {
        guard muted == 0 else { return }
        diagnostics.append(LineageDiagnostic(check: check, message: message, hint: hint, span: span))
    }

    func resolveQuery(_ q: SQLQuery, env: CTEEnvironment?, outer: Scope?) -> Shape {
        depth += 1
        defer { depth -= 1 }
        guard haveStack() else { return Shape(opaque: true) }
        var env = env
        if let with = q.with {
            for cte in with.ctes {
                var shape: Shape
                if with.recursive, case .setOperation(_, _, let anchor, _, _) = cte.query.body {
                    // The anchor (first branch) gives the recursive reference its columns.
                    var seed = Shape(opaque: true)
                    if muted < Self.maxSeedPasses {
                        muted += 1
                        seed = resolveSetExpr(anchor, env: env, outer: outer, orderBy: [])
                        muted -= 1
                    }
                    rename(&seed, cte.columns)
                    shape = resolveQuery(cte.query, env: CTEEnvironment([cte.name.name: seed], parent: env), outer: outer)
                } else {
                    shape = resolveQuery(cte.query, env: env, outer: outer)
                }
                rename(&shape, cte.columns)
                env = CTEEnvironment([cte.name.name: shape], parent: env)
            }
        }
        return resolveSetExpr(q.body, env: env, outer: outer, orderBy: q.orderBy)
    }

    /// Applies a column list (`cte (a, b)`, `as s(a, b)`) to the first columns.
    func rename(_ shape: inout Shape, _ names: [SQLIdent]) {
        for (i, n) in names.enumerated() where i < shape.columns.count {
            let old = shape.columns[i]
            shape.columns[i] = ColDef(name: n.name, kind: old.kind, sources: old.sources, resolved: old.resolved,
                                      span: old.span)
        }
    }

    func resolveSetExpr(_ body: SQLSetExpr, env: CTEEnvironment?, outer: Scope?, orderBy: [SQLOrderItem]) -> Shape {
        depth += 1
        defer { depth -= 1 }
        guard haveStack() else { return Shape(opaque: true) }
        switch body {
        case .select(let s):
            return resolveSelect(s, env: env, outer: outer, orderBy: orderBy)
        case .nested(let q):
            return resolveQuery(q, env: env, outer: outer)
        case .values(let rows, _):
            let width = rows.first?.count ?? 0
            var shape = Shape()
            let scope = Scope(parent: outer)
            for i in 0..<width {
                var info = ExprInfo.none
                for row in rows where i < row.count { info.merge(analyze(row[i], ExprContext(scope: scope, env: env))) }
                shape.columns.append(ColDef(name: "column\(i + 1)", kind: max(.transform, info.kind),
                                            sources: info.sources, resolved: info.resolved))
            }
            return shape
        case .setOperation(let op, _, let left, let right, _):
            let l = resolveSetExpr(left, env: env, outer: outer, orderBy: [])
            let r = resolveSetExpr(right, env: env, outer: outer, orderBy: [])
            if l.isClosed && r.isClosed && l.columns.count != r.columns.count {
                report(.setOperationColumns,
                       "each \(op.rawValue.uppercased()) branch must have the same number of columns: "
                        + "\(l.columns.count) before, \(r.columns.count) here",
                       at: right.span, hint: "add or remove columns so the branches line up")
            }
            var shape = l
            for i in shape.columns.indices where i < r.columns.count {
                shape.columns[i].sources.absorb(r.columns[i].sources)
                shape.columns[i].kind = max(shape.columns[i].kind, r.columns[i].kind)
                shape.columns[i].resolved = shape.columns[i].resolved && r.columns[i].resolved
                shape.columns[i].span = nil
            }
            shape.open += r.open.filter { !shape.open.contains($0) }
            shape.opaque = l.opaque || r.opaque
            return shape
        }
    }

    func resolveSelect(_ s: SQLSelect, env: CTEEnvironment?, outer: Scope?, orderBy: [SQLOrderItem]) -> Shape {
        let scope = Scope(parent: outer)
        var star = FromPart()
        for item in s.from { star.append(resolveFrom(item, scope: scope, env: env)) }
        let windows = Dictionary(s.windows.map { ($0.name.name, $0.spec) }, uniquingKeysWith: { a, _ in a })
        let ctx = ExprContext(scope: scope, env: env, windows: windows)
        var shape = Shape()
        for item in s.items {
            switch item {
            case .star(let qualifier, let span):
                if qualifier.isEmpty {
                    if s.from.isEmpty {
                        report(.unknownColumn, "SELECT * with no FROM clause", at: span)
                    }
                    shape.columns += star.columns.map { var c = $0; c.span = span; return c }
                    shape.open += star.open
                    shape.opaque = shape.opaque || star.opaque
                } else if let entry = lookupEntry(qualifier, scope: scope, span: span) {
                    shape.columns += entry.shape.columns.map { var c = $0; c.span = span; return c }
                    shape.open += entry.shape.open
                    shape.opaque = shape.opaque || entry.shape.opaque
                }
            case .expr(let e, let alias):
                let info = analyze(e, ctx)
                let name = alias?.name ?? defaultName(e)
                shape.columns.append(ColDef(name: name, kind: info.kind, sources: info.sources,
                                            resolved: info.resolved, span: alias.map { e.span + $0.span } ?? e.span))
            }
        }
        scope.outputs = shape.columns
        let aliasCtx = ExprContext(scope: scope, env: env, windows: windows, allowOutputs: true)
        if let w = s.whereClause {
            filters.absorb(analyze(w, syntax.outputAliasesInWhere ? aliasCtx : ctx).sources)
        }
        for g in s.groupBy { analyzeGrouping(g, aliasCtx) }
        if let h = s.having { filters.absorb(analyze(h, aliasCtx).sources) }
        if let q = s.qualify { filters.absorb(analyze(q, aliasCtx).sources) }
        if case .distinctOn(let exprs) = s.distinct { for e in exprs { _ = analyze(e, aliasCtx) } }
        for o in orderBy { _ = analyze(o.expr, aliasCtx) }
        return shape
    }

    func analyzeGrouping(_ g: SQLGroupingElement, _ ctx: ExprContext) {
        depth += 1
        defer { depth -= 1 }
        guard haveStack() else { return }
        switch g {
        case .expr(let e): _ = analyze(e, ctx)
        case .rollup(let list), .cube(let list): for e in list { _ = analyze(e, ctx) }
        case .groupingSets(let sets): for s in sets { analyzeGrouping(s, ctx) }
        case .empty: break
        }
    }
}
