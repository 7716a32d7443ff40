// Expressions: which input columns a value reads and how (copy, transform, aggregate), and
// column references resolved through the scope chain, with the unknown/ambiguous checks.
// A check fires only when every relation that could hold the name has known columns.

import FlowcSQLParser

struct ExprInfo {
    var sources: ColumnSources = []
    var kind: LineageKind = .copy
    var resolved = true

    static let none = ExprInfo()

    mutating func merge(_ o: ExprInfo) {
        sources.absorb(o.sources)
        kind = max(kind, o.kind)
        resolved = resolved && o.resolved
    }
}

struct ExprContext {
    var scope: Scope
    var env: CTEEnvironment?
    var windows: [String: SQLWindowSpec] = [:]
    /// Whether names may refer to the SELECT's output columns (GROUP BY, HAVING, ORDER BY).
    var allowOutputs = false
}

extension Resolver {
    func analyze(_ e: SQLExpr, _ ctx: ExprContext) -> ExprInfo {
        depth += 1
        defer { depth -= 1 }
        guard haveStack() else { return ExprInfo(sources: [], kind: .transform, resolved: false) }
        switch e.kind {
        case .column(let parts):
            return resolveColumn(parts, ctx)
        case .cast(let inner, _), .collate(let inner, _):
            return analyze(inner, ctx)
        case .literal, .parameter, .star:
            return ExprInfo(sources: [], kind: .transform)
        case .function(let f):
            var info = ExprInfo(sources: [], kind: .transform)
            for a in f.args { info.merge(analyze(a, ctx)) }
            for o in f.orderBy + f.withinGroup { info.merge(analyze(o.expr, ctx)) }
            if let filter = f.filter { info.merge(analyze(filter, ctx)) }
            if let w = f.over {
                for spec in windowChain(w, ctx) {
                    for p in spec.partitionBy { info.merge(analyze(p, ctx)) }
                    for o in spec.orderBy { info.merge(analyze(o.expr, ctx)) }
                }
            } else if syntax.aggregateFunctions.contains(f.baseName) {
                info.kind = .aggregate
            }
            info.kind = max(info.kind, .transform)
            return info
        case .subquery(let q), .arraySubquery(let q):
            let shape = resolveQuery(q, env: ctx.env, outer: ctx.scope)
            guard let first = shape.columns.first else { return ExprInfo(sources: [], kind: .transform, resolved: false) }
            return ExprInfo(sources: first.sources, kind: max(.transform, first.kind), resolved: first.resolved)
        case .exists(let q):
            _ = resolveQuery(q, env: ctx.env, outer: ctx.scope)
            return ExprInfo(sources: [], kind: .transform)
        case .inSubquery(let x, let q, _), .quantifiedSubquery(_, _, let x, let q):
            var info = analyze(x, ctx)
            let shape = resolveQuery(q, env: ctx.env, outer: ctx.scope)
            if let first = shape.columns.first { info.merge(ExprInfo(sources: first.sources, kind: first.kind)) }
            info.kind = max(info.kind, .transform)
            return info
        default:
            var info = ExprInfo(sources: [], kind: .transform)
            for c in e.children { info.merge(analyze(c, ctx)) }
            info.kind = max(info.kind, .transform)
            return info
        }
    }

    /// A window and the named windows it builds on (`OVER (w ORDER BY …)`).
    private func windowChain(_ w: SQLWindowSpec, _ ctx: ExprContext) -> [SQLWindowSpec] {
        var chain = [w]
        var current = w
        while let base = current.base, let spec = ctx.windows[base.name], chain.count < 16 {
            chain.append(spec)
            current = spec
        }
        return chain
    }

    func resolveColumn(_ parts: [SQLIdent], _ ctx: ExprContext) -> ExprInfo {
        guard let last = parts.last else { return ExprInfo(sources: [], kind: .transform, resolved: false) }
        let key = last.name.foldedKey
        if parts.count == 1 { return resolveUnqualified(last, key: key, ctx) }
        let qualifier = parts.dropLast().map { $0.name.foldedKey }
        var scope: Scope? = ctx.scope
        while let s = scope {
            if let entry = s.entry(named: qualifier) {
                if key == "*" {
                    var info = ExprInfo(sources: [], kind: .transform)
                    for c in entry.shape.columns { info.sources.absorb(c.sources) }
                    return info
                }
                if let c = entry.shape.lookup(key, name: last.name) { return info(c) }
                if entry.shape.isClosed && !Self.pseudoColumns.contains(key) {
                    report(.unknownColumn, "'\(qualifier.joined(separator: "."))' has no column '\(last.name)'",
                           at: last.span, hint: suggestion(last.name, entry.shape.columns.map(\.name)))
                }
                return ExprInfo(sources: [], kind: .copy, resolved: false)
            }
            scope = s.parent
        }
        // `col.field` (a composite value's field) when no relation has that name.
        if parts.count == 2 {
            let inner = resolveUnqualified(parts[0], key: parts[0].name.foldedKey, ctx, quiet: true)
            if !inner.sources.isEmpty { return ExprInfo(sources: inner.sources, kind: .transform, resolved: inner.resolved) }
        }
        let names = allEntries(ctx.scope).map(\.alias).filter { !$0.isEmpty }
        report(.unknownColumn, "no relation named '\(parts.dropLast().map(\.name).joined(separator: "."))' in this query",
               at: parts[0].span + parts[parts.count - 2].span,
               hint: suggestion(parts[parts.count - 2].name, names) ?? "FROM names \(names.map { "'\($0)'" }.joined(separator: ", "))")
        return ExprInfo(sources: [], kind: .copy, resolved: false)
    }

    private func resolveUnqualified(_ ident: SQLIdent, key: String, _ ctx: ExprContext, quiet: Bool = false) -> ExprInfo {
        var scope: Scope? = ctx.scope
        var first = true
        while let s = scope {
            if let m = s.merged[key] { return info(m) }
            let matches = s.entries.compactMap { $0.shape.column(key) }
            if matches.count > 1 && !quiet {
                report(.ambiguousColumn, "column '\(ident.name)' is ambiguous: \(matches.count) relations in FROM have it",
                       at: ident.span, hint: "qualify it, e.g. '\(s.entries.first { $0.shape.column(key) != nil }?.alias ?? "t").\(ident.name)'")
            }
            if !matches.isEmpty {
                var out = ExprInfo(sources: [], kind: .copy)
                for m in matches { out.merge(info(m)) }
                return out
            }
            let openEntries = s.entries.filter { !$0.shape.isClosed }
            if !openEntries.isEmpty {
                if openEntries.count == 1, let c = openEntries[0].shape.lookup(key, name: ident.name) { return info(c) }
                return ExprInfo(sources: [], kind: .copy, resolved: false)
            }
            if first && (ctx.allowOutputs || syntax.outputAliasesInWhere), let o = s.outputs.first(where: { $0.key == key }) {
                return info(o)
            }
            // PostgreSQL's whole-row reference: `row_to_json(o)` reads every column of `o`.
            if let entry = s.entries.last(where: { $0.alias == key }) {
                var out = ExprInfo(sources: [], kind: .transform, resolved: entry.shape.isClosed)
                for c in entry.shape.columns { out.sources.absorb(c.sources) }
                return out
            }
            first = false
            scope = s.parent
        }
        if Self.pseudoColumns.contains(key) || syntax.niladicFunctions.contains(key)
            || (ident.quoted && syntax.quotedNamesMayBeStrings) {
            return ExprInfo(sources: [], kind: .transform)
        }
        if !quiet {
            let candidates = allEntries(ctx.scope).flatMap { $0.shape.columns.map(\.name) } + ctx.scope.outputs.map(\.name)
            report(.unknownColumn, "column '\(ident.name)' does not exist in the relations this query reads",
                   at: ident.span, hint: suggestion(ident.name, candidates))
        }
        return ExprInfo(sources: [], kind: .copy, resolved: false)
    }

    private func info(_ c: ColDef) -> ExprInfo { ExprInfo(sources: c.sources, kind: c.kind, resolved: c.resolved) }

    private func allEntries(_ scope: Scope) -> [Entry] {
        var out: [Entry] = []
        var s: Scope? = scope
        while let cur = s {
            out += cur.entries
            s = cur.parent
        }
        return out
    }

    func lookupEntry(_ qualifier: [SQLIdent], scope: Scope, span: SQLSpan) -> Entry? {
        let q = qualifier.map { $0.name.foldedKey }
        if let e = scope.entry(named: q) { return e }
        let names = scope.entries.map(\.alias).filter { !$0.isEmpty }
        report(.unknownColumn, "no relation named '\(qualifier.map(\.name).joined(separator: "."))' in FROM", at: span,
               hint: suggestion(qualifier.last?.name ?? "", names))
        return nil
    }

    /// Names that resolve without being columns of any relation (row ids and system columns).
    static let pseudoColumns: Set<String> = ["rowid", "oid", "_rowid_", "ctid", "xmin", "xmax", "cmin", "cmax", "tableoid"]
}
