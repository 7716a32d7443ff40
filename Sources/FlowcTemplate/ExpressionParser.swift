// Expressions, by Jinja2's precedence (lowest first): conditional `a if b else c`, `or`, `and`,
// `not`, comparisons, `+ -`, `~`, `* / // %`, `**` (left-associative, as in Jinja2), unary
// `- +`, then postfix (`.attr`, `[item]`, calls) and filters/tests.

extension Parser {
    mutating func nest() throws {
        nesting += 1
        if nesting > Parser.maxNesting { throw error("expression nested too deeply") }
    }

    mutating func parseExpression(withConditional: Bool = true) throws -> Expr {
        try nest()
        defer { nesting -= 1 }
        if isLonePrimary() {
            try nest()  // the level parseUnary would have added, so depth limits stay the same
            defer { nesting -= 1 }
            return try parsePrimary()
        }
        return withConditional ? try parseConditional() : try parseOr()
    }

    /// Whether the expression at `current` is a single literal or name followed by a token
    /// that ends any expression (`,` `)` `]` `}` `:` `}}` `%}`). Most arguments and list items
    /// are; they then skip the dozen precedence levels, which would each find nothing to do.
    func isLonePrimary() -> Bool {
        switch current.kind {
        case .name: if current.keyword == .not { return false }  // `not` starts a unary expression
        case .string, .integer, .float: break
        default: return false
        }
        switch peekNext.kind {
        case .op(.comma), .op(.rparen), .op(.rbracket), .op(.rbrace), .op(.colon), .variableEnd, .blockEnd:
            return true
        default:
            return false
        }
    }

    mutating func parseConditional() throws -> Expr {
        let unknownBefore = unknownCallables.count
        var expr = try parseOr()
        var h = height
        while isName(current, .if) {
            let pos = current.start
            advance()
            // the whole conditional expression is a soft frame, its first operand included
            unknownCallables.removeSubrange(unknownBefore...)
            softDepth += 1
            defer { softDepth -= 1 }
            let test = try parseOr()
            h = max(h, height)
            var otherwise: Expr?
            if skipName(.else) {
                // `a if b else c if d else …` recurses here, so it counts as nesting
                try nest()
                defer { nesting -= 1 }
                otherwise = try parseConditional()
                h = max(h, height)
            }
            expr = .conditional(test: test, then: expr, otherwise: otherwise)
            h = try grow(h, at: pos)
        }
        height = h
        return expr
    }

    mutating func noteUnknown(_ kind: String, _ name: String, _ pos: Pos) {
        if softDepth == 0 { unknownCallables.append(("no \(kind) named '\(name)'", pos)) }
    }

    mutating func parseOr() throws -> Expr {
        var left = try parseAnd()
        var h = height
        while isName(current, .or) {
            let pos = current.start
            advance()
            left = .or(left, try parseAnd())
            h = try grow(max(h, height), at: pos)
        }
        height = h
        return left
    }

    mutating func parseAnd() throws -> Expr {
        var left = try parseNot()
        var h = height
        while isName(current, .and) {
            let pos = current.start
            advance()
            left = .and(left, try parseNot())
            h = try grow(max(h, height), at: pos)
        }
        height = h
        return left
    }

    mutating func parseNot() throws -> Expr {
        if isName(current, .not) {
            let pos = current.start
            advance()
            try nest()
            defer { nesting -= 1 }
            let e = Expr.not(try parseNot())
            try grow(height, at: pos)
            return e
        }
        return try parseCompare()
    }

    mutating func parseCompare() throws -> Expr {
        let start = current.start
        let first = try parseMath1()
        var h = height
        var ops: [(CompareOp, Expr)] = []
        operators: while true {
            let op: CompareOp
            if case .op(let o) = current.kind {
                switch o {
                case .eq: op = .eq
                case .ne: op = .ne
                case .lt: op = .lt
                case .lteq: op = .lteq
                case .gt: op = .gt
                case .gteq: op = .gteq
                default: break operators
                }
                advance()
            } else if isName(current, .in) {
                advance()
                op = .in
            } else if isName(current, .not) && isName(peekNext, .in) {
                advance()
                advance()
                op = .notIn
            } else {
                break
            }
            ops.append((op, try parseMath1()))
            h = max(h, height)
        }
        if ops.isEmpty {
            height = h
            return first
        }
        try grow(h, at: start)
        return .compare(first, ops, start)
    }

    mutating func parseMath1() throws -> Expr {
        var left = try parseConcat()
        var h = height
        while case .op(let o) = current.kind, o == .add || o == .sub {
            let pos = current.start
            advance()
            left = .binary(o == .add ? .add : .sub, left, try parseConcat(), pos)
            h = try grow(max(h, height), at: pos)
        }
        height = h
        return left
    }

    mutating func parseConcat() throws -> Expr {
        let start = current.start
        let first = try parseMath2()
        guard isOp(.tilde) else { return first }  // the common case: no array to allocate
        var h = height
        var parts = [first]
        while skipOp(.tilde) {
            parts.append(try parseMath2())
            h = max(h, height)
        }
        try grow(h, at: start)
        return .concat(parts, start)
    }

    mutating func parseMath2() throws -> Expr {
        var left = try parsePow()
        var h = height
        while case .op(let o) = current.kind {
            let op: BinaryOp
            switch o {
            case .mul: op = .mul
            case .div: op = .div
            case .floordiv: op = .floordiv
            case .mod: op = .mod
            default:
                height = h
                return left
            }
            let pos = current.start
            advance()
            left = .binary(op, left, try parsePow(), pos)
            h = try grow(max(h, height), at: pos)
        }
        height = h
        return left
    }

    mutating func parsePow() throws -> Expr {
        var left = try parseUnary()
        var h = height
        while isOp(.pow) {
            let pos = current.start
            advance()
            left = .binary(.pow, left, try parseUnary(), pos)
            h = try grow(max(h, height), at: pos)
        }
        height = h
        return left
    }

    mutating func parseUnary(withFilter: Bool = true) throws -> Expr {
        try nest()
        defer { nesting -= 1 }
        let pos = current.start
        var node: Expr
        if skipOp(.sub) {
            node = .neg(try parseUnary(withFilter: false), pos)
            try grow(height, at: pos)
        } else if skipOp(.add) {
            node = .pos(try parseUnary(withFilter: false), pos)
            try grow(height, at: pos)
        } else {
            node = try parsePrimary()
        }
        node = try parsePostfix(node)
        if withFilter { node = try parseFilterExpr(node) }
        return node
    }

    mutating func parsePrimary() throws -> Expr {
        let t = current
        switch t.kind {
        case .name:
            advance()
            switch t.keyword {
            case .trueValue: return leaf(.literal(.bool(true)))
            case .falseValue: return leaf(.literal(.bool(false)))
            case .noneValue: return leaf(.literal(.none))
            case .varargs, .kwargs, .caller:
                if !macroNameReads.isEmpty {
                    let k = macroNameReads.count - 1
                    switch t.keyword {
                    case .varargs: macroNameReads[k].varargs = true
                    case .kwargs: macroNameReads[k].kwargs = true
                    default: macroNameReads[k].caller = true
                    }
                }
                return leaf(.name(text(t), t.start))
            default:
                return leaf(.name(text(t), t.start))
            }
        case .string:
            var s = try unescapeString(t)
            advance()
            while current.kind == .string {  // adjacent literals concatenate, as in Python
                s += try unescapeString(current)
                advance()
            }
            return leaf(.literal(.string(s)))
        case .integer:
            advance()
            return leaf(.literal(.int(try parseInteger(t))))
        case .float:
            advance()
            let digits = text(t).filter { $0 != "_" }
            guard let d = Double(digits) else { throw error("invalid float literal", at: t.start) }
            return leaf(.literal(.double(d)))
        case .op(.lparen):
            advance()
            let e = try parseTuple(explicitParentheses: true)
            try expectOp(.rparen)
            return e
        case .op(.lbracket):
            advance()
            var items: [Expr] = []
            var h = 0
            while !isOp(.rbracket) {
                if !items.isEmpty { try expectOp(.comma) } else { items.reserveCapacity(Parser.initialCapacity) }
                if isOp(.rbracket) { break }
                items.append(try parseExpression())
                h = max(h, height)
            }
            try expectOp(.rbracket)
            try grow(h, at: t.start)
            return .list(items)
        case .op(.lbrace):
            advance()
            var pairs: [(Expr, Expr)] = []
            var h = 0
            while !isOp(.rbrace) {
                if !pairs.isEmpty { try expectOp(.comma) }
                if isOp(.rbrace) { break }
                let k = try parseExpression()
                h = max(h, height)
                try expectOp(.colon)
                pairs.append((k, try parseExpression()))
                h = max(h, height)
            }
            try expectOp(.rbrace)
            try grow(h, at: t.start)
            return .dict(pairs, t.start)
        default:
            throw error("unexpected \(describe(t))", at: t.start)
        }
    }

    /// Comma-separated expressions: one without a comma is itself; otherwise a tuple.
    mutating func parseTuple(withConditional: Bool = true, endName: Keyword = .none,
                             explicitParentheses: Bool = false) throws -> Expr {
        if isTupleEnd(endName) {
            if !explicitParentheses { throw error("expected an expression, got \(describe(current))") }
            return leaf(.tuple([]))
        }
        let start = current.start
        let first = try parseExpression(withConditional: withConditional)
        guard isOp(.comma) else { return first }  // the common case: no array to allocate
        var h = height
        var items = [first]
        while skipOp(.comma) {
            if isTupleEnd(endName) { break }
            items.append(try parseExpression(withConditional: withConditional))
            h = max(h, height)
        }
        try grow(h, at: start)
        return .tuple(items)
    }

    /// Whether the current token ends a tuple; `endName` is a keyword that also ends it (the
    /// `in` of a for loop's targets), `.none` for none.
    func isTupleEnd(_ endName: Keyword) -> Bool {
        switch current.kind {
        case .variableEnd, .blockEnd, .op(.rparen), .eof: return true
        case .name: return endName != .none && current.keyword == endName
        default: return false
        }
    }

    mutating func parsePostfix(_ start: Expr) throws -> Expr {
        var node = start
        while true {
            if isOp(.dot) || isOp(.lbracket) {
                node = try parseSubscript(node)
            } else if isOp(.lparen) {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    /// `node(args)`; `height` holds node's height on entry and the call's on return.
    mutating func parseCall(_ node: Expr) throws -> Expr {
        let pos = current.start
        let nodeHeight = height
        let args = try parseCallArgs()
        try grow(max(nodeHeight, height), at: pos)
        return .call(node, args, pos)
    }

    mutating func parseFilterExpr(_ start: Expr) throws -> Expr {
        var node = start
        while true {
            if isOp(.pipe) {
                node = try parseFilters(node)
            } else if isName(current, .is) {
                node = try parseTest(node)
            } else if isOp(.lparen) {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    mutating func parseSubscript(_ node: Expr) throws -> Expr {
        let t = current
        let nodeHeight = height
        advance()
        if case .op(.dot) = t.kind {
            let attr = current
            advance()
            switch attr.kind {
            case .name:
                try grow(nodeHeight, at: attr.start)
                return .getattr(node, text(attr), attr.start)
            case .integer:
                try grow(nodeHeight, at: attr.start)
                return .getitem(node, .literal(.int(try parseInteger(attr))), attr.start)
            default: throw error("expected name or number", at: attr.start)
            }
        }
        // `[` … `]`; the index's height, plus one for a tuple of several, counts as a child
        var args: [Expr] = []
        var h = nodeHeight
        while !isOp(.rbracket) {
            if !args.isEmpty { try expectOp(.comma) }
            args.append(try parseSubscribed(t.start))
            h = max(h, height + (args.count > 1 ? 1 : 0))
        }
        try expectOp(.rbracket)
        guard let first = args.first else { throw error("expected a subscript", at: t.start) }
        let index = args.count == 1 ? first : .tuple(args)
        try grow(h, at: t.start)
        if case .slice(_, let a, let b, let c, let p) = index {
            return .slice(node, a, b, c, p)
        }
        return .getitem(node, index, t.start)
    }

    /// One subscript: an expression or a slice `a:b:c` (returned as .slice on a placeholder).
    mutating func parseSubscribed(_ pos: Pos) throws -> Expr {
        var parts: [Expr?] = []
        // a slice leaves its bounds' height plus one, as the placeholder node holds them
        var h = 0
        var isSlice = false
        defer { height = isSlice ? h + 1 : h }
        if isOp(.colon) {
            advance()
            parts.append(nil)
        } else {
            let e = try parseExpression()
            h = height
            if !isOp(.colon) { return e }
            advance()
            parts.append(e)
        }
        isSlice = true
        if isOp(.colon) {
            parts.append(nil)
        } else if !isOp(.rbracket) && !isOp(.comma) {
            parts.append(try parseExpression())
            h = max(h, height)
        } else {
            parts.append(nil)
        }
        if isOp(.colon) {
            advance()
            if !isOp(.rbracket) && !isOp(.comma) {
                parts.append(try parseExpression())
                h = max(h, height)
            } else {
                parts.append(nil)
            }
        } else {
            parts.append(nil)
        }
        return .slice(.literal(.none), parts[0], parts[1], parts[2], pos)
    }

    /// Leaves the tallest argument's height in `height` (0 for none).
    mutating func parseCallArgs() throws -> CallArgs {
        try expectOp(.lparen)
        var args = CallArgs()
        var first = true
        var h = 0
        defer { height = h }
        while !isOp(.rparen) {
            if !first {
                try expectOp(.comma)
                if isOp(.rparen) { break }
            }
            first = false
            if skipOp(.mul) {
                if args.star != nil || args.starStar != nil { throw error("invalid syntax for function call expression") }
                args.star = try parseExpression()
                h = max(h, height)
            } else if skipOp(.pow) {
                if args.starStar != nil { throw error("invalid syntax for function call expression") }
                args.starStar = try parseExpression()
                h = max(h, height)
            } else if current.kind == .name, case .op(.assign) = peekNext.kind {
                if args.starStar != nil { throw error("invalid syntax for function call expression") }
                let key = text(current)
                advance()
                advance()
                if args.keywords.isEmpty { args.keywords.reserveCapacity(Parser.initialCapacity) }
                args.keywords.append((key, try parseExpression()))
                h = max(h, height)
            } else {
                if !args.keywords.isEmpty || args.star != nil || args.starStar != nil {
                    throw error("invalid syntax for function call expression",
                                hint: "positional arguments come before keyword arguments")
                }
                if args.positional.isEmpty { args.positional.reserveCapacity(Parser.initialCapacity) }
                args.positional.append(try parseExpression())
                h = max(h, height)
            }
        }
        try expectOp(.rparen)
        return args
    }

    /// `| name(args) | name2 …`; with `inline`, the first `|` is already implied (filter blocks).
    mutating func parseFilters(_ start: Expr, inline: Bool = false) throws -> Expr {
        var node = start
        var h = height
        var first = inline
        while isOp(.pipe) || first {
            if !first { advance() }
            first = false
            let call = try parseFilterCall()
            node = .filter(node, call.name, call.args, call.pos)
            h = try grow(max(h, height), at: call.pos)
        }
        height = h
        return node
    }

    mutating func parseFilterCall() throws -> FilterCall {
        var (name, pos) = try expectName()
        while isOp(.dot) {
            advance()
            name += "." + (try expectName()).0
        }
        if !options.isFilter(name) { noteUnknown("filter", name, pos) }
        height = 0
        let args = isOp(.lparen) ? try parseCallArgs() : CallArgs()
        return FilterCall(name: name, args: args, pos: pos)
    }

    mutating func parseTest(_ node: Expr) throws -> Expr {
        let nodeHeight = height
        advance()  // `is`
        let negated = skipName(.not)
        var (name, pos) = try expectName()
        while isOp(.dot) {
            advance()
            name += "." + (try expectName()).0
        }
        var args = CallArgs()
        height = 0
        if isOp(.lparen) {
            args = try parseCallArgs()
        } else {
            switch current.kind {
            case .name, .string, .integer, .float, .op(.lparen), .op(.lbracket), .op(.lbrace):
                if !isName(current, .else) && !isName(current, .or) && !isName(current, .and) {
                    if isName(current, .is) { throw error("you cannot chain multiple tests with is") }
                    args.positional = [try parsePostfix(try parsePrimary())]
                }
            default: break
            }
        }
        if !options.isTest(name) { noteUnknown("test", name, pos) }
        try grow(max(nodeHeight, height), at: pos)
        return .test(node, name, args, negated: negated, pos)
    }

    func parseInteger(_ t: Token) throws -> Int {
        let raw = text(t).filter { $0 != "_" }
        let lower = raw.lowercased()
        var value: Int?
        if lower.hasPrefix("0x") {
            value = Int(lower.dropFirst(2), radix: 16)
        } else if lower.hasPrefix("0o") {
            value = Int(lower.dropFirst(2), radix: 8)
        } else if lower.hasPrefix("0b") {
            value = Int(lower.dropFirst(2), radix: 2)
        } else {
            value = Int(raw)
        }
        guard let value else { throw error("invalid or too large integer literal '\(text(t))'", at: t.start) }
        return value
    }

    /// Python string-literal escapes (Jinja2 decodes literals with `unicode-escape`).
    func unescapeString(_ t: Token) throws -> String {
        let b = source.bytes
        let start = Int(t.start) + 1
        let end = Int(t.end) - 1
        var hasBackslash = false
        for k in start..<max(start, end) where b[k] == 92 { hasBackslash = true; break }
        if !hasBackslash { return source.text(start, max(start, end)) }
        var out = String.UnicodeScalarView()
        let scalars = Array(source.text(start, end).unicodeScalars)
        var k = 0
        /// `count` hex digits after position k (k sits on the x/u/U).
        func hexValue(_ count: Int) -> UInt32? {
            guard k + 1 + count <= scalars.count else { return nil }
            var v: UInt32 = 0
            for j in 0..<count {
                let d = scalars[k + 1 + j].value
                let digit: UInt32
                switch d {
                case 48...57: digit = d - 48
                case 97...102: digit = d - 87
                case 65...70: digit = d - 55
                default: return nil
                }
                v = v * 16 + digit
            }
            return v
        }
        while k < scalars.count {
            let c = scalars[k]
            guard c == "\\", k + 1 < scalars.count else {
                out.append(c)
                k += 1
                continue
            }
            let e = scalars[k + 1]
            switch e {
            case "n": out.append("\n"); k += 2
            case "t": out.append("\t"); k += 2
            case "r": out.append("\r"); k += 2
            case "\\": out.append("\\"); k += 2
            case "'": out.append("'"); k += 2
            case "\"": out.append("\""); k += 2
            case "a": out.append("\u{07}"); k += 2
            case "b": out.append("\u{08}"); k += 2
            case "f": out.append("\u{0C}"); k += 2
            case "v": out.append("\u{0B}"); k += 2
            case "\n": k += 2
            case "x", "u", "U":
                let count = e == "x" ? 2 : (e == "u" ? 4 : 8)
                k += 1
                guard let v = hexValue(count), let s = Unicode.Scalar(v) else {
                    throw error("invalid \\\(e) escape in string literal", at: t.start)
                }
                out.append(s)
                k += count + 1
            case "0"..."7":
                var v: UInt32 = 0
                var j = k + 1
                while j < scalars.count && j < k + 4, let d = Int(String(scalars[j]), radix: 8) {
                    v = v * 8 + UInt32(d)
                    j += 1
                }
                out.append(Unicode.Scalar(v) ?? "?")
                k = j
            default:
                out.append(c)
                out.append(e)
                k += 2
            }
        }
        return String(out)
    }
}
