// Queries of the SQL AST: WITH, set operations, SELECT with its clauses, and FROM items.
// `SQLQuery` is a class so that the recursive structure (subqueries in expressions and FROM)
// is shared, not copied; it is immutable after parsing.

public final class SQLQuery: Sendable {
    public let with: SQLWith?
    public let body: SQLSetExpr
    public let orderBy: [SQLOrderItem]
    public let limit: SQLExpr?
    public let offset: SQLExpr?
    public let span: SQLSpan

    public init(with: SQLWith?, body: SQLSetExpr, orderBy: [SQLOrderItem], limit: SQLExpr?, offset: SQLExpr?,
                span: SQLSpan) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
        self.span = span
    }
}

public struct SQLWith: Sendable {
    public var recursive: Bool
    public var ctes: [SQLCTE]
}

public struct SQLCTE: Sendable {
    public var name: SQLIdent
    public var columns: [SQLIdent]
    public var query: SQLQuery
}

public enum SQLSetOperator: String, Sendable {
    case union, intersect, except
}

public indirect enum SQLSetExpr: Sendable {
    case select(SQLSelect)
    case setOperation(SQLSetOperator, all: Bool, SQLSetExpr, SQLSetExpr, span: SQLSpan)
    /// `VALUES (…), (…)`
    case values([[SQLExpr]], span: SQLSpan)
    /// A parenthesised query used as a set operand, possibly with its own WITH/ORDER/LIMIT.
    case nested(SQLQuery)

    public var span: SQLSpan {
        switch self {
        case .select(let s): return s.span
        case .setOperation(_, _, _, _, let span), .values(_, let span): return span
        case .nested(let q): return q.span
        }
    }
}

public enum SQLDistinct: Sendable {
    case none
    case distinct
    case distinctOn([SQLExpr])
}

public enum SQLSelectItem: Sendable {
    case expr(SQLExpr, alias: SQLIdent?)
    /// `*` or `t.*` (qualifier empty for a bare star).
    case star(qualifier: [SQLIdent], span: SQLSpan)
}

public indirect enum SQLGroupingElement: Sendable {
    case expr(SQLExpr)
    case rollup([SQLExpr])
    case cube([SQLExpr])
    case groupingSets([SQLGroupingElement])
    /// `()` inside GROUPING SETS
    case empty
}

public struct SQLNamedWindow: Sendable {
    public var name: SQLIdent
    public var spec: SQLWindowSpec
}

public struct SQLSelect: Sendable {
    public var distinct: SQLDistinct
    public var items: [SQLSelectItem]
    public var from: [SQLTableRef]
    public var whereClause: SQLExpr?
    public var groupBy: [SQLGroupingElement]
    public var having: SQLExpr?
    public var windows: [SQLNamedWindow]
    public var qualify: SQLExpr?
    public var span: SQLSpan
}

public struct SQLTableAlias: Sendable {
    public var name: SQLIdent
    public var columns: [SQLIdent]
}

public enum SQLJoinKind: String, Sendable {
    case inner, left, right, full, cross
}

public enum SQLJoinCondition: Sendable {
    case on(SQLExpr)
    case using([SQLIdent])
    case natural
    case none
}

public final class SQLJoin: Sendable {
    public let kind: SQLJoinKind
    public let left: SQLTableRef
    public let right: SQLTableRef
    public let condition: SQLJoinCondition
    public let span: SQLSpan

    public init(kind: SQLJoinKind, left: SQLTableRef, right: SQLTableRef, condition: SQLJoinCondition, span: SQLSpan) {
        self.kind = kind
        self.left = left
        self.right = right
        self.condition = condition
        self.span = span
    }
}

public indirect enum SQLTableRef: Sendable {
    /// A named relation: `orders`, `raw.orders`, `"db"."schema"."orders"`.
    case table(name: [SQLIdent], alias: SQLTableAlias?, span: SQLSpan)
    /// `(SELECT …) AS x`, `LATERAL (…)`, `(VALUES …) AS v(a, b)`
    case derived(SQLQuery, alias: SQLTableAlias?, lateral: Bool, span: SQLSpan)
    /// `generate_series(1, 3) AS g(n)`, `json_each(t.payload)`
    case function(SQLFunctionCall, alias: SQLTableAlias?, lateral: Bool, span: SQLSpan)
    case join(SQLJoin)

    public var span: SQLSpan {
        switch self {
        case .table(_, _, let s), .derived(_, _, _, let s), .function(_, _, _, let s): return s
        case .join(let j): return j.span
        }
    }
}
