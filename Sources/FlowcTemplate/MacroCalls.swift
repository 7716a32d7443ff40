// The macros a macro's body calls, read from its syntax tree without rendering it, the way dbt
// fills a macro's `depends_on.macros`: plain calls (`f(...)`), package-qualified calls
// (`pkg.f(...)`), and `adapter.dispatch('name', 'namespace')`, whose target the caller resolves
// for its adapter.

public struct MacroCalls: Sendable, Equatable {
    /// Called names in order of first appearance: "f" or "pkg.f".
    public var names: [String] = []
    /// Dispatched macro names, each with the namespace given (nil when none).
    public var dispatched: [Dispatched] = []

    public struct Dispatched: Sendable, Equatable {
        public var name: String
        public var namespace: String?
    }
}

extension MacroDefinition {
    /// Whether a call may pass keywords the parameters do not name (the body uses `kwargs`).
    public var acceptsAnyKeyword: Bool { usesKwargs }

    public var calls: MacroCalls {
        var walker = CallWalker()
        walker.visit(body)
        return walker.calls
    }
}

private struct CallWalker {
    var calls = MacroCalls()

    mutating func visit(_ nodes: [Node]) {
        for node in nodes { visit(node) }
    }

    mutating func visit(_ node: Node) {
        switch node {
        case .text, .breakLoop, .continueLoop: break
        case .output(let e, _), .doExpr(let e, _), .set(_, let e, _): visit(e)
        case .ifBlock(let branches, let otherwise):
            for (test, body) in branches { visit(test); visit(body) }
            visit(otherwise)
        case .forLoop(let loop):
            visit(loop.iterable)
            if let c = loop.condition { visit(c) }
            visit(loop.body)
            visit(loop.elseBody)
        case .setBlock(_, let filters, let body, _), .filterBlock(let filters, let body, _):
            for f in filters { visit(f.args) }
            visit(body)
        case .macro(let m): visit(m.body)
        case .callBlock(let block):
            visit(block.call)
            visit(block.caller.body)
        case .with(let assignments, let body, _):
            for (_, e) in assignments { visit(e) }
            visit(body)
        }
    }

    mutating func visit(_ args: CallArgs) {
        for e in args.positional { visit(e) }
        for (_, e) in args.keywords { visit(e) }
        if let s = args.star { visit(s) }
        if let s = args.starStar { visit(s) }
    }

    mutating func note(_ name: String) {
        if !calls.names.contains(name) { calls.names.append(name) }
    }

    mutating func visit(_ e: Expr) {
        switch e {
        case .literal, .name: break
        case .list(let items), .tuple(let items), .concat(let items, _): for i in items { visit(i) }
        case .dict(let pairs, _): for (k, v) in pairs { visit(k); visit(v) }
        case .getattr(let base, _, _), .neg(let base, _), .pos(let base, _), .not(let base): visit(base)
        case .getitem(let a, let b, _), .binary(_, let a, let b, _), .and(let a, let b), .or(let a, let b):
            visit(a); visit(b)
        case .slice(let a, let b, let c, let d, _):
            visit(a)
            for x in [b, c, d] { if let x { visit(x) } }
        case .compare(let first, let rest, _):
            visit(first)
            for (_, x) in rest { visit(x) }
        case .conditional(let test, let then, let otherwise):
            visit(test); visit(then)
            if let otherwise { visit(otherwise) }
        case .filter(let base, _, let args, _), .test(let base, _, let args, _, _):
            visit(base); visit(args)
        case .call(let callee, let args, _):
            switch callee {
            case .name(let name, _):
                note(name)
            case .getattr(.name("adapter", _), "dispatch", _):
                if case .literal(.string(let name))? = args.positional.first {
                    var namespace: String?
                    if args.positional.count > 1, case .literal(.string(let ns)) = args.positional[1] { namespace = ns }
                    for (k, v) in args.keywords where k == "macro_namespace" {
                        if case .literal(.string(let ns)) = v { namespace = ns }
                    }
                    let d = MacroCalls.Dispatched(name: name, namespace: namespace)
                    if !calls.dispatched.contains(d) { calls.dispatched.append(d) }
                }
            case .getattr(.name(let package, _), let name, _):
                note(package + "." + name)
            default:
                visit(callee)
            }
            visit(args)
        }
    }
}
