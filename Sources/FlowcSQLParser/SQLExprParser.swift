// Expressions by precedence climbing. Binding powers come from `Precedence` and the dialect's
// operator table; postfix forms (`::type`, `[i]`, COLLATE, IS, IN, BETWEEN, LIKE) are handled
// in the same loop as binary operators.

extension SQLParser {
    mutating func parseExpr(_ minPrecedence: Int = 0) throws(SQLParseError) -> SQLExpr {
        try enter()
        defer { leave() }
        var left = try parsePrefix()
        var links = 0
        defer { treeDepth -= links }
        while true {
            guard let prec = infixPrecedence(), prec >= minPrecedence else { return left }
            links += 1
            try enterLink()
            left = try parseInfix(left, precedence: prec)
        }
    }

    /// The binding power of the token at the cursor as an infix/postfix operator, or nil.
    func infixPrecedence() -> Int? {
        switch currentKind {
        case .word:
            guard currentClasses.contains(.infix) else { return nil }
            switch current.text {
            case "or": return Precedence.or
            case "and": return Precedence.and
            case "is", "isnull", "notnull": return Precedence.isTest
            case "in", "between", "like", "ilike", "glob", "match", "regexp": return Precedence.likeInBetween
            case "similar": return peekIsWord(.to) ? Precedence.likeInBetween : nil
            case "not":
                let n = peek()
                if n.kind == .word, ["in", "between", "like", "ilike", "glob", "match", "regexp", "similar"].contains(n.text) {
                    return Precedence.likeInBetween
                }
                if n.isWord(.null) { return Precedence.isTest } // SQLite `x NOT NULL`
                return nil
            case "collate": return Precedence.collate
            case "at": return peekIsWord(.time) ? Precedence.collate : nil
            case "escape": return nil
            default: return nil
            }
        case .leftBracket:
            return syntax.arrays ? Precedence.postfix : nil
        case .dot:
            return Precedence.postfix
        case .symbol:
            let t = current
            switch t.text {
            case "=", "==", "<>", "!=", "<", ">", "<=", ">=": return Precedence.comparison
            case "+", "-": return Precedence.additive
            case "*", "/", "%": return Precedence.multiplicative
            case "^": return Precedence.exponent
            case "::": return syntax.doubleColonCast ? Precedence.postfix : nil
            case ":", "=>": return nil
            default: return syntax.operatorPrecedence[t.text] ?? Precedence.otherOperator
            }
        default:
            return nil
        }
    }

    mutating func parseInfix(_ left: SQLExpr, precedence prec: Int) throws(SQLParseError) -> SQLExpr {
        let t = advance()
        func span(_ e: SQLExpr) -> SQLSpan { left.span + e.span }
        var lastSpan: SQLSpan { tokens[max(0, pos - 1)].span }
        switch t.kind {
        case .leftBracket:
            var lower: SQLExpr?, upper: SQLExpr?
            var slice = false
            if !atSymbol(":") { lower = try parseExpr() }
            if atSymbol(":") {
                skip()
                slice = true
                if currentKind != .rightBracket { upper = try parseExpr() }
            }
            try expect(.rightBracket, "']' to close the subscript")
            return SQLExpr(.subscript(left, lower, upper, slice: slice), left.span + lastSpan)
        case .dot:
            // `(r).f1` is a field of a parenthesized (composite) value, not the column f1 of a
            // relation r: the token before the dot closed the parentheses
            let afterParen = pos >= 2 && tokens[pos - 2].kind == .rightParen
            let field = try parseIdent("a field name")
            if !afterParen, case .column(let parts) = left.kind {
                return SQLExpr(.column(parts + [field]), left.span + field.span)
            }
            return SQLExpr(.field(left, field), left.span + field.span)
        case .symbol where t.text == "::":
            let type = try parseTypeName(castSuffix: true)
            return SQLExpr(.cast(left, type), left.span + lastSpan)
        case .symbol:
            var op = t.text
            if op == "==" { op = "=" }
            if op == "!=" { op = "<>" }
            if prec == Precedence.comparison || prec == Precedence.otherOperator,
               atWord(.any) || atWord(.all) || atWord(.some), peekKind() == .leftParen {
                let quantifier = advance().text
                let open = advance()
                if startsQuery(at: pos) {
                    let q = try parseQuery()
                    try expect(.rightParen, "')'")
                    return SQLExpr(.quantifiedSubquery(op: op, quantifier: quantifier, left, q), left.span + lastSpan)
                }
                let inner = try parseExpr()
                try expect(.rightParen, "')'", hint: "to close '(' at offset \(open.span.start)")
                return SQLExpr(.quantified(op: op, quantifier: quantifier, left, inner), left.span + lastSpan)
            }
            let right = try parseExpr(prec + 1)
            return SQLExpr(.binary(op: op, left, right), span(right))
        default:
            break
        }
        // Word operators.
        switch t.text {
        case "or", "and":
            let right = try parseExpr(prec + 1)
            return SQLExpr(.binary(op: t.text, left, right), span(right))
        case "isnull":
            return SQLExpr(.isTest(left, .null, negated: false), left.span + t.span)
        case "notnull":
            return SQLExpr(.isTest(left, .null, negated: true), left.span + t.span)
        case "is":
            let negated = acceptWord(.not)
            let test: SQLIsTest
            if acceptWord(.null) { test = .null }
            else if acceptWord(.true) { test = .true_ }
            else if acceptWord(.false) { test = .false_ }
            else if acceptWord(.unknown) { test = .unknown }
            else if acceptWord(.distinct) {
                try expectWord(.from)
                test = .distinctFrom(try parseExpr(Precedence.isTest + 1))
            } else {
                // SQLite: `a IS b` compares with NULLs equal.
                test = .distinctFrom(try parseExpr(Precedence.isTest + 1))
                return SQLExpr(.isTest(left, test, negated: !negated), left.span + lastSpan)
            }
            return SQLExpr(.isTest(left, test, negated: negated), left.span + lastSpan)
        case "collate":
            let name = try parseIdent("a collation name")
            return SQLExpr(.collate(left, name.name), left.span + name.span)
        case "at":
            try expectWord(.time)
            try expectWord(.zone)
            let zone = try parseExpr(Precedence.collate + 1)
            return SQLExpr(.atTimeZone(left, zone), span(zone))
        case "not":
            if acceptWord(.null) { return SQLExpr(.isTest(left, .null, negated: true), left.span + lastSpan) }
            return try parseNegatable(left, negated: true)
        default:
            pos -= 1
            return try parseNegatable(left, negated: false)
        }
    }

    /// IN, BETWEEN, LIKE and friends, after an optional NOT.
    mutating func parseNegatable(_ left: SQLExpr, negated: Bool) throws(SQLParseError) -> SQLExpr {
        let t = advance()
        var lastSpan: SQLSpan { tokens[max(0, pos - 1)].span }
        switch t.text {
        case "in":
            if currentKind == .leftParen {
                let open = advance()
                if startsQuery(at: pos) {
                    let q = try parseQuery()
                    try expect(.rightParen, "')' to close the IN subquery")
                    return SQLExpr(.inSubquery(left, q, negated: negated), left.span + lastSpan)
                }
                var list: [SQLExpr] = []
                if currentKind != .rightParen {
                    repeat { list.append(try parseExpr()) } while accept(.comma)
                }
                try expect(.rightParen, "')' to close the IN list", hint: "opened at offset \(open.span.start)")
                return SQLExpr(.inList(left, list, negated: negated), left.span + lastSpan)
            }
            // SQLite: `x IN table_name`
            let name = try parseQualifiedName("a list or a table after IN")
            let e = SQLExpr(.column(name), name[0].span + name[name.count - 1].span)
            return SQLExpr(.inList(left, [e], negated: negated), left.span + lastSpan)
        case "between":
            _ = acceptWord(.symmetric) || acceptWord(.asymmetric)
            let low = try parseExpr(Precedence.likeInBetween + 1)
            try expectWord(.and, hint: "BETWEEN is written `x between low and high`")
            let high = try parseExpr(Precedence.likeInBetween + 1)
            return SQLExpr(.between(left, low: low, high: high, negated: negated), left.span + high.span)
        case "like", "ilike", "glob", "match", "regexp", "similar":
            var op = t.text
            if op == "similar" { try expectWord(.to); op = "similar to" }
            let pattern = try parseExpr(Precedence.likeInBetween + 1)
            var escape: SQLExpr?
            if acceptWord(.escape) { escape = try parseExpr(Precedence.likeInBetween + 1) }
            return SQLExpr(.like(op: op, left, pattern: pattern, escape: escape, negated: negated),
                           left.span + lastSpan)
        default:
            throw SQLParseError("expected IN, BETWEEN or LIKE after NOT, found '\(t.text)'", at: t.span, hint: nil)
        }
    }

    mutating func parsePrefix() throws(SQLParseError) -> SQLExpr {
        if currentKind == .symbol, current.text == "-" || current.text == "+" || current.text == "~" {
            let t = advance()
            let operand = try parseExpr(Precedence.unary)
            return SQLExpr(.unary(op: t.text, operand), t.span + operand.span)
        }
        if atWord(.not) {
            let t = advance()
            let operand = try parseExpr(Precedence.not)
            return SQLExpr(.unary(op: "not", operand), t.span + operand.span)
        }
        return try parsePrimary()
    }
}
