// Token stream → AST. The parser follows Jinja2's grammar (jinja2/parser.py) so that
// precedence, tuple rules and error places match; statements are in StatementParser.swift,
// expressions in ExpressionParser.swift.

struct ParserOptions {
    var isFilter: (String) -> Bool
    var isTest: (String) -> Bool
    /// Block tags that define a macro under a derived name, e.g. dbt's `{% test name(...) %}`
    /// defines the macro `test_name`. Tag → name prefix.
    var macroTags: [String: String] = [:]
    /// End tags skipped, not refused, where no block is open (dbt's macro files: a stray
    /// `{% endmacro %}` is its UnexpectedJinjaBlockDeprecation warning).
    var strayEndTags: Set<String> = []
}

struct Parser {
    let source: SourceFile
    let tokens: [Token]
    var i = 0
    let options: ParserOptions
    /// Open block tags, innermost last, for "expected 'endif' to close 'if' opened at …".
    var openBlocks: [(tag: String, pos: Pos)] = []
    /// The stray end tags skipped (`ParserOptions.strayEndTags`).
    var skippedEndTags: [(tag: String, pos: Pos)] = []
    /// Whether each macro being parsed (innermost last) reads varargs/kwargs/caller.
    var macroNameReads: [MacroNameUses] = []
    var loopDepth = 0
    var blockNames: Set<String> = []
    /// Inside an `if` body or a conditional expression, Jinja2 lets an unknown filter or test
    /// pass until it is reached at render time ("soft" frames); elsewhere it is a parse error.
    var softDepth = 0
    /// Unknown filters/tests seen outside soft frames; the first is reported after parsing.
    var unknownCallables: [(message: String, pos: Pos)] = []
    /// Expression nesting, bounded so hostile input cannot overflow the stack.
    var nesting = 0
    static let maxNesting = 200
    /// Height of the expression the parser built last (a leaf is 1); see ExpressionHeight.swift.
    var height = 0
    static let maxHeight = 1000
    /// Deepest block nesting (`{% if %}` in `{% for %}` in …); each level recurses in the parser
    /// and the renderer, so hostile input must not be able to exhaust the stack.
    static let maxBlockNesting = 200
    /// Capacity reserved by lists that grow item by item (block bodies, call arguments, list
    /// literals) at their first item: most have a few items, which then take one allocation
    /// instead of one for each doubling from 1.
    static let initialCapacity = 4

    init(source: SourceFile, tokens: [Token], options: ParserOptions) {
        self.source = source
        self.tokens = tokens
        self.options = options
    }

    // MARK: token access

    // `i` stays within the tokens (advance stops at the final eof token), so no clamping here.
    var current: Token { tokens[i] }
    var peekNext: Token { tokens[min(i + 1, tokens.count - 1)] }

    mutating func advance() { if i < tokens.count - 1 { i += 1 } }

    func text(_ t: Token) -> String { source.text(Int(t.start), Int(t.end)) }

    /// Whether `t` is the keyword `k` (the lexer classified every name).
    func isName(_ t: Token, _ k: Keyword) -> Bool { t.keyword == k }

    /// Whether `t` is a name spelled `name`: for names that are not keywords (host tags).
    func isName(_ t: Token, _ name: String) -> Bool {
        guard t.kind == .name, Int(t.end - t.start) == name.utf8.count else { return false }
        var k = Int(t.start)
        for c in name.utf8 {
            if source.bytes[k] != c { return false }
            k += 1
        }
        return true
    }

    func isOp(_ op: Op) -> Bool {
        if case .op(let o) = current.kind { return o == op }
        return false
    }

    mutating func skipOp(_ op: Op) -> Bool {
        if isOp(op) {
            advance()
            return true
        }
        return false
    }

    mutating func skipName(_ k: Keyword) -> Bool {
        if current.keyword == k {
            advance()
            return true
        }
        return false
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "end of template"
        case .variableEnd: return "end of print statement"
        case .blockEnd: return "end of statement block"
        case .variableBegin: return "begin of print statement"
        case .blockBegin: return "begin of statement block"
        case .data: return "template data"
        case .op(let o): return "'\(o.text)'"
        default: return "'\(text(t))'"
        }
    }

    func error(_ message: String, at pos: Pos? = nil, hint: String? = nil) -> TemplateError {
        var e = TemplateError(.syntax, message, hint: hint)
        e = source.locate(e, at: Int(pos ?? current.start))
        return e
    }

    mutating func expectOp(_ op: Op) throws {
        guard skipOp(op) else { throw error("expected '\(op.text)', got \(describe(current))") }
    }

    mutating func expectName() throws -> (String, Pos) {
        let t = current
        guard t.kind == .name else { throw error("expected a name, got \(describe(t))") }
        advance()
        return (text(t), t.start)
    }

    mutating func expectBlockEnd() throws {
        guard current.kind == .blockEnd else {
            throw error("expected end of statement block, got \(describe(current))")
        }
        advance()
    }

    // MARK: entry

    static func parse(_ source: SourceFile, options: ParserOptions) throws -> (body: [Node], skipped: [(tag: String, pos: Pos)]) {
        let tokens = try Lexer.tokenize(source)
        var p = Parser(source: source, tokens: tokens, options: options)
        let (body, end) = try p.subparse(until: EndTags())
        if let first = p.unknownCallables.first { throw p.error(first.message, at: first.pos) }
        if let end {
            throw p.error("unexpected '\(p.text(end))'", at: p.current.start, hint: "no open block expects it here")
        }
        return (body, p.skippedEndTags)
    }

    /// Parses nodes until a block tag in `endTags` (returned, and left unconsumed: `current` is
    /// its name token) or the end of the template (returns nil).
    mutating func subparse(until endTags: EndTags) throws -> ([Node], Token?) {
        if openBlocks.count > Parser.maxBlockNesting {
            throw error("blocks nested too deeply (more than \(Parser.maxBlockNesting) levels)")
        }
        var body: [Node] = []
        body.reserveCapacity(Parser.initialCapacity)  // bodies are rarely empty
        while true {
            let t = current
            switch t.kind {
            case .eof:
                if let open = openBlocks.last, !endTags.isEmpty {
                    let loc = source.sourceLocation(of: Int(open.pos))
                    let wanted = endTags.names.map { "'\($0)'" }.joined(separator: " or ")
                    // placed where the last token starts, the line Jinja2 reports
                    let last = i > 0 ? tokens[i - 1].start : t.start
                    throw error("unexpected end of template; expected \(wanted) to close '\(open.tag)' opened at \(loc)",
                                at: last)
                }
                return (body, nil)
            case .data:
                body.append(.text(text(t)))
                advance()
            case .variableBegin:
                advance()
                if current.kind == .variableEnd { throw error("expected an expression, got end of print statement") }
                let e = try parseTuple()
                guard current.kind == .variableEnd else {
                    throw error("expected end of print statement, got \(describe(current))")
                }
                advance()
                body.append(.output(e, t.start))
            case .blockBegin:
                advance()
                let tagToken = current
                guard tagToken.kind == .name else {
                    throw error("expected a tag name, got \(describe(tagToken))")
                }
                if endTags.contains(tagToken.keyword) || endTags.custom.map({ isName(tagToken, $0) }) == true {
                    return (body, tagToken)
                }
                if let node = try parseStatement(tagToken, at: t.start) {
                        body.append(node)
                }
            default:
                throw error("unexpected \(describe(t))")
            }
        }
    }
}
