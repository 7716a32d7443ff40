// `{% … %}` statements: if, for, set, macro, call, filter, with, do, break/continue, print,
// autoescape, and host-defined macro-like tags. Each parser starts after the tag name token.

extension Parser {
    mutating func parseStatement(_ tagToken: Token, at pos: Pos) throws -> Node? {
        advance()  // the tag name
        switch tagToken.keyword {
        case .if: return try parseIf(pos)
        case .for: return try parseFor(pos)
        case .set: return try parseSet(pos)
        case .macro: return try parseMacro(pos, namePrefix: "", tag: "macro", end: EndTags(.endmacro))
        case .call: return try parseCallBlock(pos)
        case .filter: return try parseFilterBlock(pos)
        case .with: return try parseWith(pos)
        case .do:
            let e = try parseTuple()
            try expectBlockEnd()
            return .doExpr(e, pos)
        case .print:
            let e = try parseTuple()
            try expectBlockEnd()
            return .output(e, pos)
        case .break, .continue:
            if loopDepth == 0 { throw error("'\(text(tagToken))' outside of a loop", at: pos) }
            try expectBlockEnd()
            return tagToken.keyword == .break ? .breakLoop : .continueLoop
        case .autoescape:
            // Autoescaping is off in dbt; the block only groups its body.
            _ = try parseExpression()
            try expectBlockEnd()
            let body = try parseBody(tag: "autoescape", pos: pos, end: EndTags(.endautoescape))
            return .with([], body, pos)
        case .block:
            // Without `extends` a block just renders its body in place (in its own scope).
            let (blockName, namePos) = try expectName()
            if !blockNames.insert(blockName).inserted {
                throw error("block '\(blockName)' defined twice", at: namePos)
            }
            _ = skipName(.scoped)
            _ = skipName(.required)
            try expectBlockEnd()
            openBlocks.append(("block", pos))
            defer { openBlocks.removeLast() }
            let (body, _) = try subparse(until: EndTags(.endblock))
            advance()
            if current.kind == .name { advance() }
            try expectBlockEnd()
            return .with([], body, pos)
        case .extends, .include, .import, .from:
            throw error("the '\(text(tagToken))' tag is not supported", at: pos,
                        hint: "dbt projects share code through macros; define a macro and call it")
        default:
            let tag = text(tagToken)
            if let prefix = options.macroTags[tag] {
                return try parseMacro(pos, namePrefix: prefix, tag: tag, end: EndTags(custom: "end" + tag))
            }
            if tag.hasPrefix("end") || tag == "else" || tag == "elif" {
                if openBlocks.isEmpty, options.strayEndTags.contains(tag) {
                    try expectBlockEnd()
                    skippedEndTags.append((tag, pos))
                    return nil
                }
                if let open = openBlocks.last {
                    let loc = source.sourceLocation(of: Int(open.pos))
                    throw error("unexpected '\(tag)'; the innermost open block is '\(open.tag)' opened at \(loc)", at: pos)
                }
                throw error("unexpected '\(tag)'", at: pos, hint: "no block is open here")
            }
            throw error("unknown tag '\(tag)'", at: pos)
        }
    }

    /// Parses a block body up to `{% end %}` and consumes that end tag.
    mutating func parseBody(tag: String, pos: Pos, end: EndTags) throws -> [Node] {
        openBlocks.append((tag, pos))
        defer { openBlocks.removeLast() }
        let (body, _) = try subparse(until: end)
        advance()  // end tag name
        try expectBlockEnd()
        return body
    }

    mutating func parseIf(_ pos: Pos) throws -> Node {
        var branches: [(Expr, [Node])] = []
        var otherwise: [Node] = []
        softDepth += 1  // Jinja2 compiles the whole `if`, its tests included, in a soft frame
        var test = try parseTuple(withConditional: false)
        try expectBlockEnd()
        openBlocks.append(("if", pos))
        defer {
            openBlocks.removeLast()
            softDepth -= 1
        }
        while true {
            let (body, end) = try subparse(until: EndTags(.elif, .else, .endif))
            branches.append((test, body))
            advance()
            if end?.keyword == .elif {
                test = try parseTuple(withConditional: false)
                try expectBlockEnd()
                continue
            }
            if end?.keyword == .else {
                try expectBlockEnd()
                let (elseBody, _) = try subparse(until: EndTags(.endif))
                otherwise = elseBody
                advance()
            }
            try expectBlockEnd()
            return .ifBlock(branches, otherwise: otherwise)
        }
    }

    mutating func parseFor(_ pos: Pos) throws -> Node {
        let target = try parseAssignTarget(endName: .in)
        guard skipName(.in) else { throw error("expected 'in', got \(describe(current))") }
        let iterable = try parseTuple(withConditional: false, endName: .recursive)
        var condition: Expr?
        if skipName(.if) { condition = try parseExpression() }
        let recursive = skipName(.recursive)
        try expectBlockEnd()
        openBlocks.append(("for", pos))
        loopDepth += 1
        let (body, end) = try subparse(until: EndTags(.endfor, .else))
        loopDepth -= 1
        advance()
        var elseBody: [Node] = []
        if end?.keyword == .else {
            try expectBlockEnd()
            let (e, _) = try subparse(until: EndTags(.endfor))
            elseBody = e
            advance()
        }
        openBlocks.removeLast()
        try expectBlockEnd()
        return .forLoop(ForLoop(target: target, iterable: iterable, condition: condition, body: body,
                                elseBody: elseBody, recursive: recursive, pos: pos))
    }

    mutating func parseSet(_ pos: Pos) throws -> Node {
        let target = try parseAssignTarget(allowNamespace: true)
        if skipOp(.assign) {
            let value = try parseTuple()
            try expectBlockEnd()
            return .set(target, value, pos)
        }
        var filters: [FilterCall] = []
        while skipOp(.pipe) { filters.append(try parseFilterCall()) }
        try expectBlockEnd()
        let body = try parseBody(tag: "set", pos: pos, end: EndTags(.endset))
        return .setBlock(target, filters, body, pos)
    }

    /// A name, `a, b` / `(a, b)` tuple of names, or (for `set`) `ns.attr`.
    mutating func parseAssignTarget(endName: Keyword = .none, allowNamespace: Bool = false) throws -> AssignTarget {
        var items: [AssignTarget] = []
        var isTuple = false
        while true {
            if !items.isEmpty { try expectOp(.comma) }
            if isTupleEnd(endName) || isOp(.assign) || isOp(.pipe) { break }
            if skipOp(.lparen) {
                let inner = try parseAssignTarget(endName: endName)
                try expectOp(.rparen)
                items.append(inner)
            } else {
                let keyword = current.keyword
                let (name, p) = try expectName()
                if keyword == .trueValue || keyword == .falseValue || keyword == .noneValue {
                    throw error("can't assign to constant '\(name)'", at: p)
                }
                if allowNamespace && skipOp(.dot) {
                    items.append(.attribute(name, try expectName().0))
                } else {
                    items.append(.name(name))
                }
            }
            if isOp(.comma) { isTuple = true } else { break }
        }
        if !isTuple, let only = items.first { return only }
        if items.isEmpty { throw error("expected a name to assign to, got \(describe(current))") }
        return .tuple(items)
    }

    mutating func parseSignature() throws -> [(String, Expr?)] {
        var params: [(String, Expr?)] = []
        try expectOp(.lparen)
        while !isOp(.rparen) {
            if !params.isEmpty { try expectOp(.comma) }
            let (name, p) = try expectName()
            if params.contains(where: { $0.0 == name }) {
                throw error("duplicate argument '\(name)' in macro definition", at: p)
            }
            if skipOp(.assign) {
                params.append((name, try parseExpression()))
            } else {
                if params.contains(where: { $0.1 != nil }) {
                    throw error("non-default argument follows default argument", at: p)
                }
                params.append((name, nil))
            }
        }
        try expectOp(.rparen)
        return params
    }

    mutating func parseMacro(_ pos: Pos, namePrefix: String, tag: String, end: EndTags) throws -> Node {
        var (name, _) = try expectName()
        var params: [(String, Expr?)] = []
        if isOp(.lparen) || tag != "materialization" {
            params = try parseSignature()
        } else {
            // dbt's `{% materialization table, default %}` / `, adapter='sqlite'`: one macro per
            // adapter, named materialization_<name>_<adapter>
            var adapter = "default"
            while skipOp(.comma) {
                if current.kind == .name, case .op(.assign) = peekNext.kind {
                    let (key, _) = try expectName()
                    advance()
                    let value = try parseExpression()
                    if key == "adapter", case .literal(.string(let a)) = value { adapter = a }
                } else {
                    _ = try expectName()
                }
            }
            name += "_" + adapter
        }
        try expectBlockEnd()
        macroNameReads.append(MacroNameUses())
        let savedLoop = loopDepth
        loopDepth = 0
        let body = try parseBody(tag: tag, pos: pos, end: end)
        loopDepth = savedLoop
        let reads = macroNameReads.removeLast()
        return .macro(MacroDefinition(name: namePrefix + name, parameters: params, body: body, source: source,
                                      pos: pos, uses: reads))
    }

    mutating func parseCallBlock(_ pos: Pos) throws -> Node {
        let params: [(String, Expr?)] = isOp(.lparen) ? try parseSignature() : []
        let call = try parseExpression()
        guard case .call = call else { throw error("expected a call after 'call'", at: pos) }
        try expectBlockEnd()
        macroNameReads.append(MacroNameUses())
        let savedLoop = loopDepth
        loopDepth = 0
        let body = try parseBody(tag: "call", pos: pos, end: EndTags(.endcall))
        loopDepth = savedLoop
        let reads = macroNameReads.removeLast()
        let caller = MacroDefinition(name: "caller", parameters: params, body: body, source: source, pos: pos,
                                     uses: reads, isAnonymous: true)
        return .callBlock(CallBlock(call: call, caller: caller, pos: pos))
    }

    mutating func parseFilterBlock(_ pos: Pos) throws -> Node {
        var filters = [try parseFilterCall()]
        while skipOp(.pipe) { filters.append(try parseFilterCall()) }
        try expectBlockEnd()
        let body = try parseBody(tag: "filter", pos: pos, end: EndTags(.endfilter))
        return .filterBlock(filters, body, pos)
    }

    mutating func parseWith(_ pos: Pos) throws -> Node {
        var assignments: [(AssignTarget, Expr)] = []
        while current.kind != .blockEnd {
            if !assignments.isEmpty { try expectOp(.comma) }
            let target = try parseAssignTarget()
            try expectOp(.assign)
            assignments.append((target, try parseExpression()))
        }
        try expectBlockEnd()
        let body = try parseBody(tag: "with", pos: pos, end: EndTags(.endwith))
        return .with(assignments, body, pos)
    }
}
