// Lists and dicts are shared by reference, so a template can put one inside itself
// (`{% do l.append(l) %}`) or nest them thousands deep; every walk over a value's items must
// then end. Printing follows Python's repr: a container met again inside itself prints as
// `[...]` / `{...}`. Comparing, ordering or printing deeper than Python's recursion limit
// (a cycle of two distinct lists compared with each other, say) is an error worded like
// Python's RecursionError, raised before the thread's stack runs out.
import CFlowcSupport

enum ValueRecursion {
    /// Python's default recursion limit, which Jinja2's rendering runs under.
    static let maxDepth = 1000

    /// Whether a walk `depth` containers deep must stop: past Python's limit, or with the
    /// thread's stack nearly used up (small-stack threads run out first).
    static func tooDeep(_ depth: Int) -> Bool {
        depth > maxDepth || flowc_stack_exhausted() != 0
    }

    static func error(_ while_: String) -> TemplateError {
        TemplateError(.runtime, "RecursionError: maximum recursion depth exceeded \(while_)",
                      hint: "a list or dict contains itself, or nests too deeply")
    }
}

/// The containers whose repr is being built, outermost first, for Python's `[...]`.
struct ReprWalk {
    var active: [ObjectIdentifier] = []
    /// Containers open around the current one, tuples included (they have no identity).
    var depth = 0
    /// Set when the walk stopped at the depth limit (the text then has "..." in its place).
    var truncated = false

    /// One container deeper; false (and `truncated` set) past the recursion limit.
    mutating func enter() -> Bool {
        if ValueRecursion.tooDeep(depth) {
            truncated = true
            return false
        }
        depth += 1
        return true
    }
}

extension Value {
    /// repr() for the renderer's output: the same text as `pythonRepr`, but nesting past the
    /// recursion limit raises Python's RecursionError instead of printing "...".
    func checkedRepr() throws -> String {
        var walk = ReprWalk()
        let text = repr(&walk)
        if walk.truncated { throw ValueRecursion.error("while getting the repr of an object") }
        return text
    }

    func repr(_ walk: inout ReprWalk) -> String {
        switch self {
        case .list(let l):
            let id = ObjectIdentifier(l)
            if walk.active.contains(id) { return l.isSet ? "{...}" : "[...]" }
            if !walk.enter() { return "..." }
            walk.active.append(id)
            defer { walk.active.removeLast(); walk.depth -= 1 }
            let items = l.items.map { $0.repr(&walk) }.joined(separator: ", ")
            if l.isSet { return l.items.isEmpty ? "set()" : "{" + items + "}" }
            return "[" + items + "]"
        case .tuple(let t):
            if !walk.enter() { return "..." }
            defer { walk.depth -= 1 }
            if t.count == 1 { return "(" + t[0].repr(&walk) + ",)" }
            return "(" + t.map { $0.repr(&walk) }.joined(separator: ", ") + ")"
        case .dict(let d):
            let id = ObjectIdentifier(d)
            if walk.active.contains(id) { return "{...}" }
            if !walk.enter() { return "..." }
            walk.active.append(id)
            defer { walk.active.removeLast(); walk.depth -= 1 }
            var parts: [String] = []
            parts.reserveCapacity(d.count)
            for (k, v) in d.pairs { parts.append(k.repr(&walk) + ": " + v.repr(&walk)) }
            return "{" + parts.joined(separator: ", ") + "}"
        case .string(let s): return pythonStringRepr(s)
        case .undefined: return "Undefined"
        case .object(let o): return o.pythonRepr
        default: return pythonString
        }
    }

    /// Python `==` that raises RecursionError where Python does (two distinct cyclic lists
    /// compared with each other) instead of recursing without end.
    public func pyEqualsChecked(_ other: Value) throws -> Bool {
        try equals(other, depth: 0)
    }
}
