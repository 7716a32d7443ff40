// Helpers shared by filters, tests, methods and globals: argument coercion with Python's
// error messages, Jinja's soft_str, attribute getters for `attribute=` parameters, and
// Undefined handling, so each builtin states only what is particular to it.

extension Value {
    /// An Undefined carrying one of Jinja's explanatory messages ("No first item, ...").
    static func undefined(hint: String) -> Value { .undefined(Undefined(hint: hint)) }
}

/// Python-style binding of positional and keyword arguments to parameter names. Unlike
/// `Arguments.bind` it allocates nothing when all arguments are positional (the usual case,
/// and builtins run millions of times); otherwise it defers to `bind` for Python's errors.
struct Params {
    let args: Arguments
    let names: [String]

    @inline(__always)
    init(_ args: Arguments, _ function: String, _ names: [String]) throws {
        self.args = args
        self.names = names
        if !args.keywords.isEmpty || args.positional.count > names.count {
            _ = try args.bind(function, names)
        }
    }

    /// The argument for parameter `i`, or nil when it was not passed.
    @inline(__always)
    subscript(_ i: Int) -> Value? {
        if i < args.positional.count { return args.positional[i] }
        if args.keywords.isEmpty || i >= names.count { return nil }
        return args.keyword(names[i])
    }
}

enum Support {
    /// Jinja's soft_str / Python str(): strings pass through without a renderer round trip.
    @inline(__always)
    static func text(_ v: Value, _ r: Renderer) throws -> String {
        if case .string(let s) = v { return s }
        return try r.str(v)
    }

    /// Jinja raises UndefinedError where Python code would touch the Undefined further.
    @inline(__always)
    static func requireDefined(_ v: Value) throws {
        if case .undefined(let u) = v { throw TemplateError(.undefined, u.message) }
    }

    /// Python ordering where Undefined operands raise UndefinedError (Jinja's Undefined
    /// fails every comparison) rather than the TypeError pyCompare reports.
    @inline(__always)
    static func compare(_ a: Value, _ b: Value, op: String = "<") throws -> Int {
        if case .undefined(let u) = a { throw TemplateError(.undefined, u.message) }
        if case .undefined(let u) = b { throw TemplateError(.undefined, u.message) }
        return try a.pyCompare(b, op: op)
    }

    /// Refuses output sizes (padding widths, repeat counts) beyond what the `*` operator
    /// allows, so a template cannot exhaust memory with `center(10**12)`.
    @inline(__always)
    static func checkSize(_ n: Int) throws {
        if n > Arithmetic.maxRepeatedLength {
            throw TemplateError(.overflow, "result is too large (\(n) items)")
        }
    }

    /// Python's operator.index(): ints and bools only.
    static func index(_ v: Value) throws -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default:
            throw TemplateError(.type, "'\(v.typeName)' object cannot be interpreted as an integer")
        }
    }

    static func index(_ v: Value?, default d: Int) throws -> Int {
        guard let v else { return d }
        return try index(v)
    }

    /// Optional int parameter where Python accepts None for "not given".
    static func optionalIndex(_ v: Value?) throws -> Int? {
        guard let v, !v.isNone else { return nil }
        return try index(v)
    }

    static func flag(_ v: Value?, default d: Bool = false) -> Bool {
        guard let v else { return d }
        return v.truthy
    }

    /// A str parameter of a Python builtin method: anything else is a TypeError.
    static func strArg(_ v: Value, _ function: String, _ position: Int) throws -> String {
        if case .string(let s) = v { return s }
        throw TemplateError(.type, "\(function)() argument \(position) must be str, not \(v.typeName)")
    }

    /// Python's `len()`.
    static func length(_ v: Value, _ r: Renderer) throws -> Int {
        switch v {
        case .string(let s): return PyStr.length(s)
        case .list(let l): return l.items.count
        case .tuple(let t): return t.count
        case .dict(let d): return d.count
        case .undefined: return 0
        case .object: return try r.iterate(v).count
        default:
            throw TemplateError(.type, "object of type '\(v.typeName)' has no len()")
        }
    }

    /// Jinja's ignore_case postprocessing: strings compare lowercased, all else as-is.
    @inline(__always)
    static func foldCase(_ v: Value) -> Value {
        if case .string(let s) = v { return .string(PyStr.lower(s)) }
        return v
    }

    /// The `attribute=` parameter as a path for `Renderer.getAttributePath`; Jinja accepts an
    /// int there too (an item index). None means "the item itself".
    static func attributePath(_ v: Value?) throws -> String? {
        guard let v else { return nil }
        switch v {
        case .none: return nil
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "1" : "0"
        case .undefined(let u): throw TemplateError(.undefined, u.message)
        default:
            throw TemplateError(.attribute, "'\(v.typeName)' object has no attribute 'split'")
        }
    }

    /// Jinja's make_attrgetter: follows the path, substitutes `default` for an Undefined
    /// result, then lowercases strings unless case-sensitive.
    static func attrGetter(
        _ path: String?, _ r: Renderer, default dflt: Value? = nil, foldCase fold: Bool = false
    ) -> (Value) throws -> Value {
        let hasDefault: Bool
        if let dflt, !dflt.isNone { hasDefault = true } else { hasDefault = false }
        guard let path else {
            return { item in fold ? foldCase(item) : item }
        }
        // Split the path once rather than per item; like Jinja, all-digit parts are indices.
        let keys = pathKeys(path)
        return { item in
            var v = item
            for key in keys {
                v = try r.getItem(v, key)
                if hasDefault, v.isUndefined, let dflt { v = dflt }
            }
            return fold ? foldCase(v) : v
        }
    }

    /// Jinja's _prepare_attribute_parts: "a.0.b" -> ["a", 0, "b"].
    static func pathKeys(_ path: String) -> [Value] {
        path.split(separator: ".", omittingEmptySubsequences: false).map { part in
            if !part.isEmpty, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let i = Int(part) {
                return .int(i)
            }
            return .string(String(part))
        }
    }

    /// Jinja's make_multi_attrgetter: "age,name" yields a list of keys compared in order.
    static func multiAttrGetter(_ path: String?, _ r: Renderer, foldCase fold: Bool) -> (Value) throws -> Value {
        guard let path, path.utf8.contains(UInt8(ascii: ",")) else {
            // A single attribute still produces a one-item key list in Jinja; comparing the bare
            // value orders identically and saves an allocation per item.
            return attrGetter(path, r, foldCase: fold)
        }
        let getters = path.split(separator: ",", omittingEmptySubsequences: false).map {
            attrGetter(String($0), r, foldCase: fold)
        }
        return { item in
            var keys: [Value] = []
            keys.reserveCapacity(getters.count)
            for g in getters { keys.append(try g(item)) }
            return .list(ListBox(keys))
        }
    }

    /// Hashable identity for Python sets/dict keys; Undefined is hashable in Python too.
    enum SetKey: Hashable {
        case key(HashKey)
        case undefined
    }

    static func setKey(_ v: Value) throws -> SetKey {
        if case .undefined = v { return .undefined }
        guard let k = HashKey(v) else {
            throw TemplateError(.type, "unhashable type: '\(v.typeName)'")
        }
        return .key(k)
    }

    /// Python's `x in container`.
    static func contains(_ container: Value, _ item: Value, _ r: Renderer) throws -> Bool {
        switch container {
        case .string(let s):
            guard case .string(let sub) = item else {
                throw TemplateError(.type, "'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return PyStr.contains(s, sub)
        case .list(let l): return try l.items.contains { try $0.pyEqualsChecked(item) }
        case .tuple(let t): return try t.contains { try $0.pyEqualsChecked(item) }
        case .dict(let d):
            if case .undefined = item { return false }
            guard HashKey(item) != nil else {
                throw TemplateError(.type, "unhashable type: '\(item.typeName)'")
            }
            return d.get(item) != nil
        case .undefined: return false
        case .object:
            return try r.iterate(container).contains { try $0.pyEqualsChecked(item) }
        default:
            throw TemplateError(.type, "argument of type '\(container.typeName)' is not iterable")
        }
    }

    /// Python's repr of an object's type as Jinja's Undefined messages show it.
    static func objectTypeRepr(_ v: Value) -> String {
        if case .none = v { return "None" }
        return "\(v.typeName) object"
    }
}
