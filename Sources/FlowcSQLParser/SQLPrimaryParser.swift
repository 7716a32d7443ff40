// Primary expressions: literals, names, function calls (with DISTINCT, ORDER BY, WITHIN GROUP,
// FILTER and OVER), CASE, CAST, EXISTS, subqueries, rows and arrays, and the special-syntax
// functions (EXTRACT, SUBSTRING … FROM, POSITION … IN, TRIM … FROM).

extension SQLParser {
    static let typedLiteralTypes: Set<String> = [
        "date", "time", "timestamp", "timestamptz", "timetz", "datetime", "json", "jsonb", "uuid", "inet",
        "numeric", "decimal", "integer", "int", "bigint", "text", "varchar", "boolean", "bool", "real", "float",
    ]

    mutating func parsePrimary() throws(SQLParseError) -> SQLExpr {
        switch currentKind {
        case .number:
            let t = advance()
            return SQLExpr(.literal(.number(t.text)), t.span)
        case .string:
            let t = advance()
            if t.prefix == UInt8(ascii: "x") || t.prefix == UInt8(ascii: "b") {
                return SQLExpr(.literal(.typed(type: String(UnicodeScalar(t.prefix)), value: t.text)), t.span)
            }
            return SQLExpr(.literal(.string(t.text)), t.span)
        case .parameter:
            let t = advance()
            return SQLExpr(.parameter(t.text), t.span)
        case .leftParen:
            return try parseParenthesised()
        case .symbol where atSymbol("*"):
            let t = advance()
            return SQLExpr(.star, t.span)
        case .quotedIdentifier:
            return try parseNameOrCall()
        case .word:
            return try parseWordPrimary()
        default:
            throw unexpected(expecting: "an expression")
        }
    }

    private mutating func parseParenthesised() throws(SQLParseError) -> SQLExpr {
        let open = advance()
        if startsQuery(at: pos) {
            let q = try parseQuery()
            let close = try expect(.rightParen, "')' to close the subquery")
            return SQLExpr(.subquery(q), open.span + close.span)
        }
        var list = [try parseExpr()]
        while accept(.comma) { list.append(try parseExpr()) }
        let close = try expect(.rightParen, "')'", hint: "to close the '(' at offset \(open.span.start)")
        if list.count == 1 {
            var inner = list[0]
            inner.span = open.span + close.span
            return inner
        }
        return SQLExpr(.row(list), open.span + close.span)
    }

    private mutating func parseWordPrimary() throws(SQLParseError) -> SQLExpr {
        let t = current
        let nextKind = peekKind()
        // Only words of the switch below need it (most primaries are plain column names).
        if t.classes.contains(.primary) {
            switch t.text {
            case "null": skip(); return SQLExpr(.literal(.null), t.span)
            case "true": skip(); return SQLExpr(.literal(.boolean(true)), t.span)
            case "false": skip(); return SQLExpr(.literal(.boolean(false)), t.span)
            case "case": return try parseCase()
            case "cast" where nextKind == .leftParen, "try_cast" where nextKind == .leftParen:
                skip(); skip()
                let e = try parseExpr()
                try expectWord(.as, hint: "CAST is written `cast(expr as type)`")
                let type = try parseTypeName(castSuffix: false)
                let close = try expect(.rightParen, "')' to close CAST")
                return SQLExpr(.cast(e, type), t.span + close.span)
            case "exists" where nextKind == .leftParen:
                skip(); skip()
                let q = try parseQuery()
                let close = try expect(.rightParen, "')' to close EXISTS")
                return SQLExpr(.exists(q), t.span + close.span)
            case "array" where syntax.arrays && (nextKind == .leftBracket || nextKind == .leftParen):
                skip()
                if accept(.leftParen) {
                    let q = try parseQuery()
                    let close = try expect(.rightParen, "')' to close ARRAY(…)")
                    return SQLExpr(.arraySubquery(q), t.span + close.span)
                }
                return try parseArrayLiteral(start: t.span)
            case "row" where nextKind == .leftParen:
                skip(); skip()
                var list: [SQLExpr] = []
                if currentKind != .rightParen { repeat { list.append(try parseExpr()) } while accept(.comma) }
                let close = try expect(.rightParen, "')' to close ROW(…)")
                return SQLExpr(.row(list), t.span + close.span)
            case "interval" where nextKind == .string:
                skip()
                let value = advance()
                var text = value.text
                if currentKind == .word, Self.intervalUnits.contains(current.text) {
                    text += " " + advance().text
                    if acceptWord(.to) { text += " to " + (try parseIdent("an interval unit")).name }
                }
                return SQLExpr(.literal(.interval(text)), t.span + tokens[max(0, pos - 1)].span)
            case "extract" where nextKind == .leftParen:
                skip(); skip()
                let field = advance()
                try expectWord(.from, hint: "EXTRACT is written `extract(field from expr)`")
                let e = try parseExpr()
                let close = try expect(.rightParen, "')' to close EXTRACT")
                let fieldExpr = SQLExpr(.literal(.string(field.text)), field.span)
                return SQLExpr(.function(call(t, [fieldExpr, e], close.span)), t.span + close.span)
            case "substring", "position", "trim", "overlay":
                if nextKind == .leftParen { return try parseSpecialCall() }
            default:
                break
            }
        }
        if nextKind == .string, Self.typedLiteralTypes.contains(t.text) {
            skip()
            let value = advance()
            return SQLExpr(.literal(.typed(type: t.text, value: value.text)), t.span + value.span)
        }
        if t.classes.contains(.niladic) || !niladicWordsKnown, syntax.niladicFunctions.contains(t.text),
           nextKind != .leftParen, nextKind != .dot {
            skip()
            return SQLExpr(.function(call(t, [], t.span)), t.span)
        }
        if t.classes.contains(.reserved) && nextKind != .leftParen {
            throw unexpected(expecting: "an expression")
        }
        return try parseNameOrCall()
    }

    static let intervalUnits: Set<String> = ["year", "month", "day", "hour", "minute", "second", "years", "months",
                                             "days", "hours", "minutes", "seconds", "week", "weeks"]

    private func call(_ name: SQLToken, _ args: [SQLExpr], _ end: SQLSpan) -> SQLFunctionCall {
        SQLFunctionCall(name: [SQLIdent(name: name.text, quoted: false, span: name.span)], args: args, star: false,
                        distinct: false, orderBy: [], withinGroup: [], filter: nil, over: nil, span: name.span + end)
    }

    private mutating func parseArrayLiteral(start: SQLSpan) throws(SQLParseError) -> SQLExpr {
        try enter()
        defer { leave() }
        try expect(.leftBracket, "'['")
        var list: [SQLExpr] = []
        if currentKind != .rightBracket {
            repeat {
                if currentKind == .leftBracket {
                    list.append(try parseArrayLiteral(start: currentSpan))
                } else {
                    list.append(try parseExpr())
                }
            } while accept(.comma)
        }
        let close = try expect(.rightBracket, "']' to close the array")
        return SQLExpr(.array(list), start + close.span)
    }

    /// SUBSTRING(x FROM a FOR b), POSITION(a IN b), TRIM(BOTH 'x' FROM y), OVERLAY(x PLACING y FROM a FOR b);
    /// the keywords separate arguments like commas.
    private mutating func parseSpecialCall() throws(SQLParseError) -> SQLExpr {
        let name = advance()
        skip()
        var args: [SQLExpr] = []
        if name.text == "trim", currentKind == .word, ["both", "leading", "trailing"].contains(current.text) {
            skip()
        }
        if name.text == "trim", acceptWord(.from) {}
        while currentKind != .rightParen {
            // POSITION(a IN b): parse `a` above IN's binding power so IN separates.
            args.append(try parseExpr(name.text == "position" ? Precedence.likeInBetween + 1 : 0))
            if accept(.comma) || acceptWord(.from) || acceptWord(.for) || acceptWord(.in) || acceptWord(.placing) {
                continue
            }
            break
        }
        let close = try expect(.rightParen, "')' to close \(name.text.uppercased())")
        return SQLExpr(.function(call(name, args, close.span)), name.span + close.span)
    }

    private mutating func parseCase() throws(SQLParseError) -> SQLExpr {
        let start = advance()
        var operand: SQLExpr?
        if !atWord(.when) { operand = try parseExpr() }
        var whens: [SQLWhen] = []
        while acceptWord(.when) {
            let condition = try parseExpr()
            try expectWord(.then, hint: "each WHEN needs a THEN")
            whens.append(SQLWhen(condition: condition, result: try parseExpr()))
        }
        if whens.isEmpty { throw unexpected(expecting: "WHEN", hint: "CASE needs at least one WHEN … THEN") }
        var otherwise: SQLExpr?
        if acceptWord(.else) { otherwise = try parseExpr() }
        let end = try expectWord(.end, hint: "close CASE with END")
        return SQLExpr(.caseWhen(operand: operand, whens: whens, otherwise: otherwise), start.span + end.span)
    }

    /// A column reference (`a`, `t.a`, `t.*`) or a function call (`f(…)`, `s.f(…)`).
    private mutating func parseNameOrCall() throws(SQLParseError) -> SQLExpr {
        var parts = [try parseIdent("a name")]
        while currentKind == .dot {
            let n = peek()
            if n.kind == .word || n.kind == .quotedIdentifier {
                skip()
                parts.append(try parseIdent("a name"))
            } else if n.isSymbol("*") {
                skip()
                let star = advance()
                parts.append(SQLIdent(name: "*", quoted: false, span: star.span))
                break
            } else {
                break
            }
        }
        let span = parts[0].span + parts[parts.count - 1].span
        if currentKind == .leftParen, parts.last?.name != "*" {
            let c = try parseFunctionCall(name: parts)
            return SQLExpr(.function(c), c.span)
        }
        return SQLExpr(.column(parts), span)
    }

    mutating func parseFunctionCall(name: [SQLIdent]) throws(SQLParseError) -> SQLFunctionCall {
        let open = try expect(.leftParen, "'('")
        var args: [SQLExpr] = []
        var star = false, distinct = false
        var orderBy: [SQLOrderItem] = []
        if atSymbol("*") && peekKind() == .rightParen {
            skip()
            star = true
        } else if currentKind != .rightParen {
            if acceptWord(.distinct) { distinct = true } else { _ = acceptWord(.all) }
            repeat {
                // Named arguments `name => value` (PostgreSQL): keep the value.
                if currentKind == .word, peekIsSymbol("=>") { skip(); skip() }
                args.append(try parseExpr())
            } while accept(.comma)
            if atWord(.order) {
                skip()
                try expectWord(.by)
                orderBy = try parseOrderItems()
            }
        }
        var close = try expect(.rightParen, "')' to close the call of \(name.last?.name ?? "")",
                               hint: "opened at offset \(open.span.start)").span
        var withinGroup: [SQLOrderItem] = []
        if atWord(.within) && peekIsWord(.group) {
            skip(); skip()
            try expect(.leftParen, "'(' after WITHIN GROUP")
            try expectWord(.order)
            try expectWord(.by)
            withinGroup = try parseOrderItems()
            close = try expect(.rightParen, "')' to close WITHIN GROUP").span
        }
        var filter: SQLExpr?
        if atWord(.filter) && peekKind() == .leftParen {
            skip(); skip()
            try expectWord(.where, hint: "FILTER is written `filter (where condition)`")
            filter = try parseExpr()
            close = try expect(.rightParen, "')' to close FILTER").span
        }
        var over: SQLWindowSpec?
        if acceptWord(.over) {
            if accept(.leftParen) {
                over = try parseWindowSpecBody()
            } else {
                let base = try parseIdent("a window name or '(' after OVER")
                over = SQLWindowSpec(base: base, partitionBy: [], orderBy: [], frame: nil)
            }
            close = tokens[max(0, pos - 1)].span
        }
        return SQLFunctionCall(name: name, args: args, star: star, distinct: distinct, orderBy: orderBy,
                               withinGroup: withinGroup, filter: filter, over: over, span: name[0].span + close)
    }
}
