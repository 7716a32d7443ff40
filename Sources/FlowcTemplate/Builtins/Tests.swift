// Jinja2's builtin tests (`x is defined`, `n is divisibleby 3`, `a is eq b`, ...). Type tests
// follow Python's isinstance rules (bool counts as a number but not as an integer);
// comparison tests raise on Undefined operands as Jinja's Undefined does.

enum Tests {
    static let all: [String: TestFunction] = [
        "boolean": { v, a, _ in try noArgs("boolean", a); if case .bool = v { return true }; return false },
        "callable": { v, a, _ in try noArgs("callable", a); return isCallable(v) },
        "defined": { v, a, _ in try noArgs("defined", a); return !v.isUndefined },
        "undefined": { v, a, _ in try noArgs("undefined", a); return v.isUndefined },
        "none": { v, a, _ in try noArgs("none", a); return v.isNone },
        "true": { v, a, _ in try noArgs("true", a); if case .bool(true) = v { return true }; return false },
        "false": { v, a, _ in try noArgs("false", a); if case .bool(false) = v { return true }; return false },
        "integer": { v, a, _ in try noArgs("integer", a); if case .int = v { return true }; return false },
        "float": { v, a, _ in try noArgs("float", a); if case .double = v { return true }; return false },
        "number": { v, a, _ in try noArgs("number", a); return v.isNumber || v.decimalValue != nil },
        "string": { v, a, _ in try noArgs("string", a); return v.stringValue != nil },
        "mapping": { v, a, _ in
            try noArgs("mapping", a)
            switch v {
            case .dict: return true
            case .object(let o): return o.isMapping
            default: return false
            }
        },
        "sequence": { v, a, _ in
            try noArgs("sequence", a)
            switch v {
            case .string, .list, .tuple, .dict, .undefined: return true
            default: return false
            }
        },
        "iterable": { v, a, r in
            try noArgs("iterable", a)
            switch v {
            case .string, .list, .tuple, .dict, .undefined: return true
            case .object(let o): return try o.iterate(renderer: r) != nil
            default: return false
            }
        },
        "escaped": { _, a, _ in
            // No Markup values exist with autoescaping off.
            try noArgs("escaped", a)
            return false
        },
        "lower": { v, a, r in try noArgs("lower", a); return PyStr.isLower(try Support.text(v, r)) },
        "upper": { v, a, r in try noArgs("upper", a); return PyStr.isUpper(try Support.text(v, r)) },
        "odd": { v, a, _ in try noArgs("odd", a); return try Arithmetic.mod(v, .int(2)).pyEquals(.int(1)) },
        "even": { v, a, _ in try noArgs("even", a); return try Arithmetic.mod(v, .int(2)).pyEquals(.int(0)) },
        "divisibleby": { v, a, _ in
            let n = try one("divisibleby", "num", a)
            return try Arithmetic.mod(v, n).pyEquals(.int(0))
        },
        "filter": { v, a, _ in
            try noArgs("filter", a)
            guard case .string(let name) = v else { return false }
            return Builtins.filters[name] != nil
        },
        "test": { v, a, _ in
            try noArgs("test", a)
            guard case .string(let name) = v else { return false }
            return Builtins.tests[name] != nil
        },
        "sameas": { v, a, _ in sameAs(v, try one("sameas", "other", a)) },
        "in": { v, a, r in try Support.contains(try one("in", "seq", a), v, r) },
        "==": eq, "eq": eq, "equalto": eq,
        "!=": ne, "ne": ne,
        ">": gt, "gt": gt, "greaterthan": gt,
        ">=": ge, "ge": ge,
        "<": lt, "lt": lt, "lessthan": lt,
        "<=": le, "le": le,
    ]

    @Sendable static func eq(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Bool {
        try v.pyEqualsChecked(try one("eq", "b", a))
    }

    @Sendable static func ne(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Bool {
        !(try v.pyEqualsChecked(try one("ne", "b", a)))
    }

    @Sendable static func gt(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Bool {
        try Support.compare(v, try one("gt", "b", a), op: ">") > 0
    }

    @Sendable static func ge(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Bool {
        try Support.compare(v, try one("ge", "b", a), op: ">=") >= 0
    }

    @Sendable static func lt(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Bool {
        try Support.compare(v, try one("lt", "b", a), op: "<") < 0
    }

    @Sendable static func le(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Bool {
        try Support.compare(v, try one("le", "b", a), op: "<=") <= 0
    }

    @inline(__always)
    private static func noArgs(_ name: String, _ a: Arguments) throws {
        if a.isEmpty { return }
        _ = try Params(a, "test_\(name)", [])
    }

    @inline(__always)
    private static func one(_ name: String, _ param: String, _ a: Arguments) throws -> Value {
        if a.keywords.isEmpty, a.positional.count == 1 { return a.positional[0] }
        guard let v = try Params(a, name, [param])[0] else {
            throw TemplateError(.type, "\(name)() missing 1 required positional argument: '\(param)'")
        }
        return v
    }

    static func isCallable(_ v: Value) -> Bool {
        switch v {
        case .callable: return true
        default: return false
        }
    }

    /// Python's `is`: identity for containers and objects. Immutable values compare by value,
    /// which is what CPython's constant sharing yields for the literals templates compare with.
    static func sameAs(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)): return x === y
        case (.dict(let x), .dict(let y)): return x === y
        case (.callable(let x), .callable(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }
}
