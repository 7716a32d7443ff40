// Expressions of the SQL AST. Every expression keeps the byte span of its text, so a check on
// a column can point at the column's place.

/// A name part: folded to lower case unless it was quoted (both dialects fold unquoted names;
/// PostgreSQL to lower case, SQLite compares case-insensitively).
public struct SQLIdent: Sendable, Hashable {
    public var name: String
    public var quoted: Bool
    public var span: SQLSpan
    public init(name: String, quoted: Bool, span: SQLSpan) {
        self.name = name
        self.quoted = quoted
        self.span = span
    }
}

public struct SQLExpr: Sendable {
    public var kind: SQLExprKind
    public var span: SQLSpan
    public init(_ kind: SQLExprKind, _ span: SQLSpan) {
        self.kind = kind
        self.span = span
    }
}

public enum SQLLiteral: Sendable, Equatable {
    case number(String)
    case string(String)
    case boolean(Bool)
    case null
    /// `DATE '2020-01-01'`, `TIMESTAMP '…'`, `X'00ff'`, …
    case typed(type: String, value: String)
    /// `INTERVAL '1 day'` (with an optional unit such as `INTERVAL '1' DAY`).
    case interval(String)
}

public struct SQLTypeName: Sendable, Equatable {
    /// The type as written, normalised to lower case and single spaces, e.g. `numeric(10, 2)`.
    public var text: String
}

public struct SQLWhen: Sendable {
    public var condition: SQLExpr
    public var result: SQLExpr
}

public struct SQLOrderItem: Sendable {
    public var expr: SQLExpr
    public var descending: Bool
    public var nullsFirst: Bool?
}

public struct SQLWindowFrame: Sendable {
    /// rows, range or groups
    public var unit: String
    /// e.g. `unbounded preceding`, `current row`, or an expression with `preceding`/`following`.
    public var start: String
    public var end: String?
    public var bounds: [SQLExpr]
}

public struct SQLWindowSpec: Sendable {
    /// `OVER w` or `OVER (w …)`: the named window this one builds on.
    public var base: SQLIdent?
    public var partitionBy: [SQLExpr]
    public var orderBy: [SQLOrderItem]
    public var frame: SQLWindowFrame?
}

public struct SQLFunctionCall: Sendable {
    public var name: [SQLIdent]
    public var args: [SQLExpr]
    /// `count(*)`
    public var star: Bool
    public var distinct: Bool
    /// `string_agg(x, ',' ORDER BY y)`
    public var orderBy: [SQLOrderItem]
    /// `percentile_cont(0.5) WITHIN GROUP (ORDER BY x)`
    public var withinGroup: [SQLOrderItem]
    /// `count(*) FILTER (WHERE …)`
    public var filter: SQLExpr?
    public var over: SQLWindowSpec?
    public var span: SQLSpan

    /// The unqualified function name, lower case.
    public var baseName: String { name.last?.name.lowercased() ?? "" }
}

public enum SQLIsTest: Sendable {
    case null, true_, false_, unknown
    case distinctFrom(SQLExpr)
}

public indirect enum SQLExprKind: Sendable {
    /// `a`, `t.a`, `s.t.a`
    case column([SQLIdent])
    case literal(SQLLiteral)
    case parameter(String)
    case unary(op: String, SQLExpr)
    case binary(op: String, SQLExpr, SQLExpr)
    case function(SQLFunctionCall)
    /// `CAST(x AS t)`, `x::t`
    case cast(SQLExpr, SQLTypeName)
    case caseWhen(operand: SQLExpr?, whens: [SQLWhen], otherwise: SQLExpr?)
    /// A scalar subquery `(SELECT …)`.
    case subquery(SQLQuery)
    case exists(SQLQuery)
    case inList(SQLExpr, [SQLExpr], negated: Bool)
    case inSubquery(SQLExpr, SQLQuery, negated: Bool)
    case between(SQLExpr, low: SQLExpr, high: SQLExpr, negated: Bool)
    /// LIKE, ILIKE, GLOB, MATCH, REGEXP, SIMILAR TO
    case like(op: String, SQLExpr, pattern: SQLExpr, escape: SQLExpr?, negated: Bool)
    case isTest(SQLExpr, SQLIsTest, negated: Bool)
    /// `x = ANY (…)`, `x > ALL (…)` over an array or a subquery.
    case quantified(op: String, quantifier: String, SQLExpr, SQLExpr)
    case quantifiedSubquery(op: String, quantifier: String, SQLExpr, SQLQuery)
    /// `ARRAY[…]`
    case array([SQLExpr])
    case arraySubquery(SQLQuery)
    /// `(a, b)` or `ROW(a, b)`
    case row([SQLExpr])
    /// `a[i]` or `a[i:j]`
    case `subscript`(SQLExpr, SQLExpr?, SQLExpr?, slice: Bool)
    /// `(expr).field`
    case field(SQLExpr, SQLIdent)
    case collate(SQLExpr, String)
    case atTimeZone(SQLExpr, SQLExpr)
    /// `*` where an expression may be a star (inside `count(*)`-like calls it is `star: true`).
    case star
}

extension SQLExpr {
    /// The direct sub-expressions, in source order (not those inside subqueries).
    public var children: [SQLExpr] {
        func orders(_ items: [SQLOrderItem]) -> [SQLExpr] { items.map(\.expr) }
        switch kind {
        case .column, .literal, .parameter, .star, .subquery, .exists, .arraySubquery: return []
        case .unary(_, let e), .cast(let e, _), .field(let e, _), .collate(let e, _), .inSubquery(let e, _, _),
             .quantifiedSubquery(_, _, let e, _):
            return [e]
        case .binary(_, let a, let b), .atTimeZone(let a, let b), .quantified(_, _, let a, let b): return [a, b]
        case .function(let f):
            var out = f.args + orders(f.orderBy) + orders(f.withinGroup)
            if let filter = f.filter { out.append(filter) }
            if let w = f.over { out += w.partitionBy + orders(w.orderBy) + (w.frame?.bounds ?? []) }
            return out
        case .caseWhen(let operand, let whens, let otherwise):
            var out: [SQLExpr] = operand.map { [$0] } ?? []
            for w in whens { out += [w.condition, w.result] }
            if let otherwise { out.append(otherwise) }
            return out
        case .inList(let e, let list, _): return [e] + list
        case .between(let e, let lo, let hi, _): return [e, lo, hi]
        case .like(_, let e, let p, let esc, _): return [e, p] + (esc.map { [$0] } ?? [])
        case .isTest(let e, let t, _):
            if case .distinctFrom(let o) = t { return [e, o] }
            return [e]
        case .array(let list), .row(let list): return list
        case .subscript(let e, let a, let b, _): return [e] + [a, b].compactMap { $0 }
        }
    }

    /// Subqueries directly inside this expression (not inside its sub-expressions).
    public var subqueries: [SQLQuery] {
        switch kind {
        case .subquery(let q), .exists(let q), .arraySubquery(let q), .inSubquery(_, let q, _),
             .quantifiedSubquery(_, _, _, let q):
            return [q]
        default: return []
        }
    }

    /// Visits this expression and every sub-expression, depth first; `subqueries` receives the
    /// subqueries met on the way (they are not descended into).
    public func walk(_ visit: (SQLExpr) -> Void, subqueries: (SQLQuery) -> Void = { _ in }) {
        visit(self)
        for q in self.subqueries { subqueries(q) }
        for c in children { c.walk(visit, subqueries: subqueries) }
    }
}
