// Recursive-descent parser for the SELECT side of SQL: WITH, set operations, SELECT and its
// clauses, FROM items and joins. Expressions are in SQLExprParser.swift, type names and
// windows in SQLParserParts.swift. Nesting is capped so hostile input ends in an error, not a
// stack overflow: by a level count, by the thread's real stack bounds (SQLStackGuard), and by
// the depth of the tree built, where chains of operators, joins and set operations count too
// (they are parsed in loops but make left-deep trees that later passes and deinit recurse over).

public struct SQLParser {
    var tokens: [SQLToken]
    var pos = 0
    let syntax: SQLSyntax
    /// Nesting of recursive parse calls (parentheses, subqueries, operands).
    var depth = 0
    static let maxDepth = 200
    /// Depth of the tree being built: `depth` plus the links of the chains (`a + b + c`,
    /// `t1 join t2 join t3`, `q1 union q2 union q3`) around the cursor.
    var treeDepth = 0
    static let maxTreeDepth = 1000
    /// Checked once nesting passes `guardedDepth` (small enough for sanitizer builds' frames on
    /// a 512 KiB stack, large enough that ordinary queries never pay for reading the bounds).
    var stackGuard = SQLStackGuard()
    static let guardedDepth = 16

    /// Parses one query (a SELECT, VALUES or WITH … SELECT), allowing surrounding semicolons.
    public static func parse(_ text: String, syntax: SQLSyntax) throws(SQLParseError) -> SQLQuery {
        var lexer = SQLLexer(text, syntax: syntax)
        var parser = SQLParser(tokens: try lexer.tokenize(), syntax: syntax)
        return try parser.parseStatement()
    }

    /// Parses a single expression (for tests and for checks that hold expressions).
    public static func parseExpression(_ text: String, syntax: SQLSyntax) throws(SQLParseError) -> SQLExpr {
        var lexer = SQLLexer(text, syntax: syntax)
        var parser = SQLParser(tokens: try lexer.tokenize(), syntax: syntax)
        let e = try parser.parseExpr()
        try parser.expectEnd()
        return e
    }

    /// Whether the lexer's `.niladic` class covers this dialect's niladic functions (true for
    /// the built-in dialects), so words without the class need no set lookup.
    let niladicWordsKnown: Bool

    init(tokens: [SQLToken], syntax: SQLSyntax) {
        self.tokens = tokens
        self.syntax = syntax
        self.niladicWordsKnown = syntax.niladicWordsKnown
    }

    // MARK: Token cursor

    // The hot paths look at tokens in place (`_read`, `peekKind`, `skip`) rather than copying
    // them: a copy retains and releases the token's strings.
    var current: SQLToken {
        _read { yield tokens[min(pos, tokens.count - 1)] }
    }
    func peek(_ k: Int = 1) -> SQLToken { tokens[min(pos + k, tokens.count - 1)] }
    var currentKind: SQLTokenKind { tokens[min(pos, tokens.count - 1)].kind }
    var currentSpan: SQLSpan { tokens[min(pos, tokens.count - 1)].span }
    var currentClasses: SQLWordClass { tokens[min(pos, tokens.count - 1)].classes }
    func peekKind(_ k: Int = 1) -> SQLTokenKind { tokens[min(pos + k, tokens.count - 1)].kind }
    func peekIsWord(_ w: SQLKeyword, at k: Int = 1) -> Bool { tokens[min(pos + k, tokens.count - 1)].keyword == w }
    func peekIsSymbol(_ s: String, at k: Int = 1) -> Bool { tokens[min(pos + k, tokens.count - 1)].isSymbol(s) }

    mutating func advance() -> SQLToken {
        let t = current
        if pos < tokens.count - 1 { pos += 1 }
        return t
    }

    /// `advance()` without returning the token.
    mutating func skip() {
        if pos < tokens.count - 1 { pos += 1 }
    }

    /// Whether the token at the cursor is the word `w` (only unquoted words have a keyword).
    func atWord(_ w: SQLKeyword) -> Bool { tokens[min(pos, tokens.count - 1)].keyword == w }
    func atSymbol(_ s: String) -> Bool {
        let i = min(pos, tokens.count - 1)
        return tokens[i].kind == .symbol && tokens[i].text.utf8.count == s.utf8.count && tokens[i].text == s
    }

    mutating func acceptWord(_ w: SQLKeyword) -> Bool {
        guard atWord(w) else { return false }
        skip()
        return true
    }

    mutating func accept(_ kind: SQLTokenKind) -> Bool {
        guard tokens[min(pos, tokens.count - 1)].kind == kind else { return false }
        skip()
        return true
    }

    @discardableResult
    mutating func expectWord(_ w: SQLKeyword, hint: String? = nil) throws(SQLParseError) -> SQLToken {
        guard atWord(w) else { throw unexpected(expecting: w.text.uppercased(), hint: hint) }
        return advance()
    }

    @discardableResult
    mutating func expect(_ kind: SQLTokenKind, _ what: String, hint: String? = nil) throws(SQLParseError) -> SQLToken {
        guard currentKind == kind else { throw unexpected(expecting: what, hint: hint) }
        return advance()
    }

    func unexpected(expecting what: String, hint: String? = nil) -> SQLParseError {
        let found = currentKind == .end ? "the end of the query" : "'\(current.text)'"
        return SQLParseError("expected \(what), found \(found)", at: currentSpan, hint: hint)
    }

    mutating func enter() throws(SQLParseError) {
        depth += 1
        treeDepth += 1
        if depth > Self.maxDepth {
            throw SQLParseError("query nested too deeply (more than \(Self.maxDepth) levels)", at: currentSpan,
                                hint: "split the query into CTEs or models")
        }
        if depth > Self.guardedDepth && stackGuard.exhausted() {
            throw SQLParseError("query nested too deeply for this thread's stack (\(depth) levels)", at: currentSpan,
                                hint: "split the query into CTEs or models")
        }
        try checkTreeDepth()
    }

    mutating func leave() {
        depth -= 1
        treeDepth -= 1
    }

    /// One more link of a chain (`+ b`, `join t`, `union select …`); the caller takes its
    /// links off `treeDepth` when the chain ends.
    mutating func enterLink() throws(SQLParseError) {
        treeDepth += 1
        try checkTreeDepth()
    }

    private func checkTreeDepth() throws(SQLParseError) {
        if treeDepth > Self.maxTreeDepth {
            throw SQLParseError("query nested too deeply (more than \(Self.maxTreeDepth) levels, counting chained "
                                + "operators, joins and set operations)", at: currentSpan,
                                hint: "split the query into CTEs or models")
        }
    }

    mutating func expectEnd() throws(SQLParseError) {
        while accept(.semicolon) {}
        guard currentKind == .end else {
            throw SQLParseError("unexpected '\(current.text)' after the end of the query", at: currentSpan,
                                hint: "a model holds one SELECT statement")
        }
    }

    // MARK: Queries

    mutating func parseStatement() throws(SQLParseError) -> SQLQuery {
        while accept(.semicolon) {}
        let q = try parseQuery()
        try expectEnd()
        return q
    }

    /// Words that end an expression or a FROM item rather than naming an alias.
    static let reserved: Set<String> = [
        "all", "and", "any", "array", "as", "asc", "between", "both", "case", "cast", "collate", "cross",
        "current_date", "current_time", "current_timestamp", "default", "desc", "distinct", "do", "else", "end",
        "except", "exists", "false", "fetch", "filter", "for", "from", "full", "glob", "group", "having", "ilike",
        "in", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit",
        "match", "natural", "not", "notnull", "null", "nulls", "offset", "on", "or", "order", "over", "qualify",
        "regexp", "returning", "right", "select", "similar", "some", "table", "then", "trailing", "true", "union",
        "using", "values", "when", "where", "window", "with", "within",
    ]

    func isAliasToken(_ t: SQLToken) -> Bool {
        t.kind == .quotedIdentifier || (t.kind == .word && !t.classes.contains(.reserved))
            || (t.kind == .string && syntax.stringAliases && t.prefix == 0)
    }

    mutating func parseQuery() throws(SQLParseError) -> SQLQuery {
        try enter()
        defer { leave() }
        let start = currentSpan.start
        var with: SQLWith?
        if acceptWord(.with) {
            let recursive = acceptWord(.recursive)
            var ctes: [SQLCTE] = []
            repeat {
                ctes.append(try parseCTE())
            } while accept(.comma)
            with = SQLWith(recursive: recursive, ctes: ctes)
        }
        let body = try parseSetExpr(minPrecedence: 0)
        var orderBy: [SQLOrderItem] = []
        if atWord(.order) {
            skip()
            try expectWord(.by)
            orderBy = try parseOrderItems()
        }
        var limit: SQLExpr?
        var offset: SQLExpr?
        while true {
            if acceptWord(.limit) {
                if acceptWord(.all) { continue }
                let first = try parseExpr()
                if accept(.comma) {
                    // SQLite: LIMIT offset, count
                    offset = first
                    limit = try parseExpr()
                } else {
                    limit = first
                }
            } else if acceptWord(.offset) {
                offset = try parseExpr()
                _ = acceptWord(.row) || acceptWord(.rows)
            } else if acceptWord(.fetch) {
                _ = acceptWord(.first) || acceptWord(.next)
                if !atWord(.row) && !atWord(.rows) { limit = try parseExpr() }
                _ = acceptWord(.row) || acceptWord(.rows)
                if !acceptWord(.only) {
                    try expectWord(.with)
                    try expectWord(.ties)
                }
            } else {
                break
            }
        }
        let end = tokens[max(0, pos - 1)].span.end
        return SQLQuery(with: with, body: body, orderBy: orderBy, limit: limit, offset: offset,
                        span: SQLSpan(start: start, end: max(start, end)))
    }

    mutating func parseCTE() throws(SQLParseError) -> SQLCTE {
        let name = try parseIdent("a CTE name")
        var columns: [SQLIdent] = []
        if currentKind == .leftParen {
            columns = try parseIdentList()
        }
        try expectWord(.as, hint: "a CTE is written `name as (select …)`")
        if acceptWord(.not) { try expectWord(.materialized) } else { _ = acceptWord(.materialized) }
        try expect(.leftParen, "'(' to open the CTE's query")
        let q = try parseQuery()
        try expect(.rightParen, "')' to close the CTE '\(name.name)'")
        return SQLCTE(name: name, columns: columns, query: q)
    }

    /// Set operations: INTERSECT binds tighter than UNION and EXCEPT; all associate left.
    mutating func parseSetExpr(minPrecedence: Int) throws(SQLParseError) -> SQLSetExpr {
        var left = try parseSetTerm()
        var links = 0
        defer { treeDepth -= links }
        while true {
            let op: SQLSetOperator
            let prec: Int
            if atWord(.union) { (op, prec) = (.union, 1) } else if atWord(.except) { (op, prec) = (.except, 1) }
            else if atWord(.intersect) { (op, prec) = (.intersect, 2) } else { break }
            guard prec > minPrecedence else { break }
            links += 1
            try enterLink()
            skip()
            let all = acceptWord(.all)
            if !all { _ = acceptWord(.distinct) }
            let right = try parseSetExpr(minPrecedence: prec)
            left = .setOperation(op, all: all, left, right, span: left.span + right.span)
        }
        return left
    }

    mutating func parseSetTerm() throws(SQLParseError) -> SQLSetExpr {
        if currentKind == .leftParen {
            let open = advance()
            let q = try parseQuery()
            try expect(.rightParen, "')'", hint: "to close '(' at offset \(open.span.start)")
            return .nested(q)
        }
        if atWord(.values) { return try parseValues() }
        if atWord(.select) { return .select(try parseSelect()) }
        throw unexpected(expecting: "SELECT, VALUES or WITH")
    }

    mutating func parseValues() throws(SQLParseError) -> SQLSetExpr {
        let start = advance().span
        var rows: [[SQLExpr]] = []
        repeat {
            try expect(.leftParen, "'(' to open a VALUES row")
            var row: [SQLExpr] = []
            repeat { row.append(try parseExpr()) } while accept(.comma)
            try expect(.rightParen, "')' to close a VALUES row")
            rows.append(row)
        } while accept(.comma)
        return .values(rows, span: start + tokens[max(0, pos - 1)].span)
    }

    mutating func parseSelect() throws(SQLParseError) -> SQLSelect {
        let start = try expectWord(.select).span
        var distinct = SQLDistinct.none
        if acceptWord(.distinct) {
            if syntax.distinctOn && atWord(.on) {
                skip()
                try expect(.leftParen, "'(' after DISTINCT ON")
                var exprs: [SQLExpr] = []
                repeat { exprs.append(try parseExpr()) } while accept(.comma)
                try expect(.rightParen, "')' to close DISTINCT ON")
                distinct = .distinctOn(exprs)
            } else {
                distinct = .distinct
            }
        } else {
            _ = acceptWord(.all)
        }
        var items: [SQLSelectItem] = []
        repeat {
            items.append(try parseSelectItem())
        } while accept(.comma)
        var from: [SQLTableRef] = []
        if acceptWord(.from) {
            repeat { from.append(try parseFromItem()) } while accept(.comma)
        }
        var whereClause: SQLExpr?
        if acceptWord(.where) { whereClause = try parseExpr() }
        var groupBy: [SQLGroupingElement] = []
        if atWord(.group) {
            skip()
            try expectWord(.by)
            if !acceptWord(.all) { _ = acceptWord(.distinct) }
            repeat { groupBy.append(try parseGroupingElement()) } while accept(.comma)
        }
        var having: SQLExpr?
        if acceptWord(.having) { having = try parseExpr() }
        var windows: [SQLNamedWindow] = []
        if acceptWord(.window) {
            repeat {
                let name = try parseIdent("a window name")
                try expectWord(.as)
                try expect(.leftParen, "'(' to open the window definition")
                let spec = try parseWindowSpecBody()
                windows.append(SQLNamedWindow(name: name, spec: spec))
            } while accept(.comma)
        }
        var qualify: SQLExpr?
        if syntax.qualify, acceptWord(.qualify) { qualify = try parseExpr() }
        let end = tokens[max(0, pos - 1)].span
        return SQLSelect(distinct: distinct, items: items, from: from, whereClause: whereClause, groupBy: groupBy,
                         having: having, windows: windows, qualify: qualify, span: start + end)
    }

    mutating func parseSelectItem() throws(SQLParseError) -> SQLSelectItem {
        if atSymbol("*") {
            return .star(qualifier: [], span: advance().span)
        }
        // `t.*`, `s.t.*`
        var k = 0
        while peekKind(k) == .word || peekKind(k) == .quotedIdentifier, peekKind(k + 1) == .dot {
            if peekIsSymbol("*", at: k + 2) {
                let start = currentSpan
                var qualifier: [SQLIdent] = []
                for _ in 0...k / 2 {
                    qualifier.append(try parseIdent("a name"))
                    skip() // the dot
                }
                let star = advance()
                return .star(qualifier: qualifier, span: start + star.span)
            }
            k += 2
        }
        let e = try parseExpr()
        if acceptWord(.as) {
            return .expr(e, alias: try parseIdent("an alias after AS", allowString: true))
        }
        if isAliasToken(current) {
            return .expr(e, alias: try parseIdent("an alias", allowString: true))
        }
        return .expr(e, alias: nil)
    }

    mutating func parseGroupingElement() throws(SQLParseError) -> SQLGroupingElement {
        try enter()
        defer { leave() }
        if currentKind == .leftParen && peekKind() == .rightParen {
            skip(); skip()
            return .empty
        }
        if (atWord(.rollup) || atWord(.cube)) && peekKind() == .leftParen {
            let isRollup = advance().text == "rollup"
            skip()
            var list: [SQLExpr] = []
            repeat { list.append(try parseExpr()) } while accept(.comma)
            try expect(.rightParen, "')'")
            return isRollup ? .rollup(list) : .cube(list)
        }
        if atWord(.grouping) && peekIsWord(.sets) {
            skip(); skip()
            try expect(.leftParen, "'(' after GROUPING SETS")
            var sets: [SQLGroupingElement] = []
            repeat { sets.append(try parseGroupingElement()) } while accept(.comma)
            try expect(.rightParen, "')' to close GROUPING SETS")
            return .groupingSets(sets)
        }
        return .expr(try parseExpr())
    }

    mutating func parseOrderItems() throws(SQLParseError) -> [SQLOrderItem] {
        var items: [SQLOrderItem] = []
        repeat {
            let e = try parseExpr()
            var descending = false
            if acceptWord(.desc) { descending = true } else { _ = acceptWord(.asc) }
            var nullsFirst: Bool?
            if acceptWord(.nulls) {
                if acceptWord(.first) { nullsFirst = true } else { try expectWord(.last); nullsFirst = false }
            }
            items.append(SQLOrderItem(expr: e, descending: descending, nullsFirst: nullsFirst))
        } while accept(.comma)
        return items
    }

    // MARK: Names

    mutating func parseIdent(_ what: String, allowString: Bool = false) throws(SQLParseError) -> SQLIdent {
        switch currentKind {
        case .word:
            let t = advance()
            return SQLIdent(name: t.text, quoted: false, span: t.span)
        case .quotedIdentifier:
            let t = advance()
            return SQLIdent(name: t.text, quoted: true, span: t.span)
        case .string where allowString && current.prefix == 0:
            let t = advance()
            return SQLIdent(name: t.text, quoted: true, span: t.span)
        default:
            throw unexpected(expecting: what)
        }
    }

    mutating func parseIdentList() throws(SQLParseError) -> [SQLIdent] {
        try expect(.leftParen, "'('")
        var list: [SQLIdent] = []
        repeat { list.append(try parseIdent("a column name")) } while accept(.comma)
        try expect(.rightParen, "')' to close the column list")
        return list
    }

    /// `a`, `a.b`, `a.b.c` (stopping before `.*`).
    mutating func parseQualifiedName(_ what: String) throws(SQLParseError) -> [SQLIdent] {
        var parts = [try parseIdent(what)]
        while currentKind == .dot, peekKind() == .word || peekKind() == .quotedIdentifier {
            skip()
            parts.append(try parseIdent(what))
        }
        return parts
    }
}
