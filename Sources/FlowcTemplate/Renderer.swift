// Executes a parsed template: statements write into an output string, expressions evaluate
// to Values (ExpressionEvaluator.swift), attribute/item/call rules live in ValueAccess.swift.
// One Renderer serves one render call; it is not shared across threads.

public final class Renderer {
    public let environment: Environment
    /// The template-level scope: the render context plus top-level `set`s and macros.
    public let root: Scope
    var scope: Scope
    /// The file whose code is running (macros switch it), for error places.
    var source: SourceFile
    var callDepth = 0
    /// dbt's parse-time Undefined (`capture_macros`): calling an undefined name, or taking an
    /// attribute or item of one, gives the Undefined back instead of failing, so a node that
    /// calls a macro the project lacks fails when it is compiled, not every invocation's parse.
    public var lenientUndefined = false
    /// Set when `lenientUndefined` changed an outcome (an undefined name was called, or an
    /// attribute of one taken): the render then differs from a strict one.
    public internal(set) var leniencyUsed = false
    /// Global names whose reading is reported in `watchedRead` (a host learns whether a render
    /// looked at context that another render of the same code would see differently).
    public var watchedGlobals: Set<String>?
    public internal(set) var watchedRead = false
    /// Asked first for an object printed by `{{ … }}` straight into the template's own output
    /// (not a macro's, a `set` block's or a nested render's); a string it returns is printed
    /// instead of the object's text.
    public var objectOutput: ((any TemplateObject) -> String?)?
    /// How many output buffers are open: 1 while the outermost render writes its own output.
    var openOutputs = 0
    var stackGuard = StackGuard()
    /// Scopes that hold macros. A macro keeps the scope it was defined in, and that scope holds
    /// the macro: a reference cycle. The renderer owns these scopes' lifetime and breaks the
    /// cycles when it goes away (macros kept past that still run, reading globals only).
    private var macroScopes: [ObjectIdentifier: Scope] = [:]

    deinit {
        for scope in macroScopes.values { scope.vars.removeAll() }
    }

    func retainMacroScope(_ scope: Scope) {
        macroScopes[ObjectIdentifier(scope)] = scope
    }

    enum Flow { case normal, breakLoop, continueLoop }

    public init(environment: Environment, context: [String: Value] = [:]) {
        self.environment = environment
        self.root = Scope(context)
        self.scope = root
        self.source = SourceFile(name: "<template>", text: "")
    }

    /// Renders a template in this renderer's root scope (so its top-level sets and macros are
    /// visible to later renders with the same renderer).
    public func render(_ template: Template) throws -> String {
        let savedSource = source
        source = template.source
        openOutputs += 1
        defer {
            source = savedSource
            openOutputs -= 1
        }
        var out = ""
        _ = try exec(template.body, &out)
        return out
    }

    /// Attaches the current file's place to an error that has none yet.
    func located(_ error: Error, _ pos: Pos) -> Error {
        guard let e = error as? TemplateError, e.location == nil else { return error }
        return source.locate(e, at: Int(pos))
    }

    func exec(_ nodes: [Node], _ out: inout String) throws -> Flow {
        if stackGuard.exhausted() {
            throw TemplateError(.runtime, "template recursion too deep: the stack is nearly exhausted",
                                hint: "a macro probably calls itself without end")
        }
        for node in nodes {
            switch node {
            case .text(let s):
                out += s
            case .output(let e, let pos):
                do {
                    let v = try eval(e)
                    if case .string(let s) = v {
                        out += s
                    } else if openOutputs == 1, let hook = objectOutput, case .object(let o) = v, let s = hook(o) {
                        out += s
                    } else {
                        out += try str(v)
                    }
                } catch { throw located(error, pos) }
            case .ifBlock(let branches, let otherwise):
                var taken = false
                for (test, body) in branches where try eval(test).truthy {
                    taken = true
                    let flow = try exec(body, &out)
                    if flow != .normal { return flow }
                    break
                }
                if !taken {
                    let flow = try exec(otherwise, &out)
                    if flow != .normal { return flow }
                }
            case .forLoop(let loop):
                do {
                    let items = try eval(loop.iterable)
                    try runLoop(loop, items, depth: 1, &out)
                } catch { throw located(error, loop.pos) }
            case .set(let target, let expr, let pos):
                do { try assign(target, try eval(expr)) } catch { throw located(error, pos) }
            case .setBlock(let target, let filters, let body, let pos):
                do {
                    let captured = try capture(body)
                    try assign(target, try applyFilters(filters, .string(captured)))
                } catch { throw located(error, pos) }
            case .macro(let def):
                scope.vars[def.name] = makeMacro(def, closure: scope)
                retainMacroScope(scope)
            case .callBlock(let block):
                do { out += try str(try runCallBlock(block)) } catch { throw located(error, block.pos) }
            case .filterBlock(let filters, let body, let pos):
                do {
                    let captured = try capture(body)
                    out += try str(try applyFilters(filters, .string(captured)))
                } catch { throw located(error, pos) }
            case .doExpr(let e, let pos):
                do { _ = try eval(e) } catch { throw located(error, pos) }
            case .with(let assignments, let body, let pos):
                let inner = Scope(parent: scope)
                do {
                    for (target, e) in assignments { try assign(target, try eval(e), in: inner) }
                } catch { throw located(error, pos) }
                let saved = scope
                scope = inner
                defer { scope = saved }
                let flow = try exec(body, &out)
                if flow != .normal { return flow }
            case .breakLoop:
                return .breakLoop
            case .continueLoop:
                return .continueLoop
            }
        }
        return .normal
    }

    /// Renders a block body in its own scope (Jinja2: a `set` inside does not leak out).
    func capture(_ body: [Node]) throws -> String {
        let saved = scope
        scope = Scope(parent: saved)
        openOutputs += 1
        defer {
            scope = saved
            openOutputs -= 1
        }
        var captured = ""
        _ = try exec(body, &captured)
        return captured
    }

    func applyFilters(_ filters: [FilterCall], _ value: Value) throws -> Value {
        var v = value
        for f in filters {
            do { v = try filter(f.name, v, try evalArgs(f.args)) } catch { throw located(error, f.pos) }
        }
        return v
    }

    // MARK: assignment

    func assign(_ target: AssignTarget, _ value: Value, in target_scope: Scope? = nil) throws {
        let s = target_scope ?? scope
        switch target {
        case .name(let n):
            s.vars[n] = value
        case .tuple(let targets):
            let items = try iterate(value)
            if items.count != targets.count {
                if items.count > targets.count {
                    throw TemplateError(.value, "too many values to unpack (expected \(targets.count))")
                }
                throw TemplateError(.value, "not enough values to unpack (expected \(targets.count), got \(items.count))")
            }
            for (t, v) in zip(targets, items) { try assign(t, v, in: s) }
        case .attribute(let ns, let attr):
            guard case .object(let o)? = s.lookup(ns) ?? environment.globals[ns], o.setAttribute(attr, value) else {
                throw TemplateError(.runtime, "cannot assign attribute on non-namespace object",
                                    hint: "only namespace() objects take `{% set ns.attr = … %}`")
            }
        }
    }

    // MARK: loops

    /// Jinja2 semantics: each iteration starts from a fresh scope (a `set` in the body lasts
    /// for that iteration only), and `else` runs when no iteration reached the end of its body
    /// (so a `break` in the first iteration still runs it).
    func runLoop(_ loop: ForLoop, _ iterable: Value, depth: Int, _ out: inout String) throws {
        var items = try iterate(iterable)
        let outer = scope
        defer { scope = outer }
        if let condition = loop.condition {
            var kept: [Value] = []
            for item in items {
                let probe = Scope(parent: outer)
                scope = probe
                try assign(loop.target, item, in: probe)
                if try eval(condition).truthy { kept.append(item) }
            }
            scope = outer
            items = kept
        }
        var completed = false
        if !items.isEmpty {
            let context = LoopContext(items: items, depth: depth)
            if loop.recursive {
                context.recurse = { [unowned self] next in
                    var inner = ""
                    let savedScope = self.scope
                    self.scope = outer
                    self.openOutputs += 1
                    defer {
                        self.scope = savedScope
                        self.openOutputs -= 1
                    }
                    try self.runLoop(loop, next, depth: depth + 1, &inner)
                    return inner
                }
            }
            let loopValue = Value.object(context)
            for index in items.indices {
                context.index0 = index
                let iteration = Scope(["loop": loopValue], parent: outer)
                scope = iteration
                try assign(loop.target, items[index], in: iteration)
                let flow = try exec(loop.body, &out)
                if flow == .breakLoop { break }
                if flow == .normal { completed = true }
            }
            scope = outer
        }
        if !completed { _ = try exec(loop.elseBody, &out) }
    }
}
