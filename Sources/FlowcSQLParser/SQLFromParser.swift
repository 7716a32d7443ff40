// FROM items: named relations, subqueries, table functions, VALUES, LATERAL, parenthesised
// joins, and the join chain (every join kind, NATURAL, ON, USING).

extension SQLParser {
    mutating func parseFromItem() throws(SQLParseError) -> SQLTableRef {
        try enter()
        defer { leave() }
        var left = try parseTablePrimary()
        var links = 0
        defer { treeDepth -= links }
        while true {
            let start = currentSpan
            var natural = false
            if acceptWord(.natural) { natural = true }
            var kind: SQLJoinKind?
            if acceptWord(.join) {
                kind = .inner
            } else if atWord(.inner) || atWord(.cross) {
                kind = advance().text == "inner" ? .inner : .cross
                try expectWord(.join)
            } else if atWord(.left) || atWord(.right) || atWord(.full) {
                let word = advance().text
                kind = word == "left" ? .left : word == "right" ? .right : .full
                _ = acceptWord(.outer)
                try expectWord(.join)
            }
            guard let kind else {
                if natural { throw unexpected(expecting: "JOIN after NATURAL") }
                return left
            }
            links += 1
            try enterLink()
            let right = try parseTablePrimary()
            var condition = SQLJoinCondition.none
            if natural {
                condition = .natural
            } else if acceptWord(.on) {
                condition = .on(try parseExpr())
            } else if atWord(.using) {
                skip()
                condition = .using(try parseIdentList())
            } else if kind != .cross {
                if kind == .inner && syntax.joinWithoutCondition {
                    // SQLite allows `a JOIN b` without a condition (a cross join).
                } else {
                    throw unexpected(expecting: "ON or USING", hint: "a \(kind.rawValue) join needs a join condition")
                }
            }
            left = .join(SQLJoin(kind: kind, left: left, right: right, condition: condition,
                                 span: left.span + start + tokens[max(0, pos - 1)].span))
        }
    }

    mutating func parseTablePrimary() throws(SQLParseError) -> SQLTableRef {
        let start = currentSpan
        let lateral = acceptWord(.lateral)
        if currentKind == .leftParen {
            if startsQuery(at: pos + 1) {
                skip()
                let q = try parseQuery()
                try expect(.rightParen, "')' to close the subquery")
                let alias = try parseTableAlias()
                return .derived(q, alias: alias, lateral: lateral, span: start + tokens[max(0, pos - 1)].span)
            }
            skip()
            let inner = try parseFromItem()
            try expect(.rightParen, "')' to close the parenthesised join")
            if let alias = try parseTableAlias() {
                // `(a join b) as x`: keep the alias by wrapping as a derived table over a star select.
                throw SQLParseError("an alias on a parenthesised join ('\(alias.name.name)') is not supported",
                                    at: alias.name.span, hint: "alias the tables inside the parentheses instead")
            }
            return inner
        }
        if atWord(.values) {
            let values = try parseValues()
            let q = SQLQuery(with: nil, body: values, orderBy: [], limit: nil, offset: nil, span: values.span)
            return .derived(q, alias: try parseTableAlias(), lateral: false, span: start + tokens[max(0, pos - 1)].span)
        }
        let name = try parseQualifiedName("a table name")
        if currentKind == .leftParen {
            let call = try parseFunctionCall(name: name)
            _ = acceptWord(.with) && acceptWord(.ordinality)
            let alias = try parseTableAlias()
            return .function(call, alias: alias, lateral: lateral, span: start + tokens[max(0, pos - 1)].span)
        }
        let alias = try parseTableAlias()
        // SQLite: INDEXED BY name / NOT INDEXED
        if atWord(.indexed) { skip(); try expectWord(.by); _ = try parseIdent("an index name") }
        return .table(name: name, alias: alias, span: start + tokens[max(0, pos - 1)].span)
    }

    /// Whether a query (SELECT, WITH, VALUES, or a parenthesised one) starts at token `k`.
    func startsQuery(at k: Int) -> Bool {
        var k = k
        while k < tokens.count, tokens[k].kind == .leftParen { k += 1 }
        guard k < tokens.count else { return false }
        let t = tokens[k]
        return t.isWord(.select) || t.isWord(.with) || t.isWord(.values)
    }

    mutating func parseTableAlias() throws(SQLParseError) -> SQLTableAlias? {
        let name: SQLIdent
        if acceptWord(.as) {
            name = try parseIdent("an alias after AS")
        } else if currentKind == .quotedIdentifier
                    || (currentKind == .word && currentClasses.isDisjoint(with: [.reserved, .joinWord])) {
            name = try parseIdent("an alias")
        } else {
            return nil
        }
        var columns: [SQLIdent] = []
        if currentKind == .leftParen { columns = try parseIdentList() }
        return SQLTableAlias(name: name, columns: columns)
    }

    static let joinWords: Set<String> = ["indexed", "outer", "ordinality"]
}
