// Attribute, item and slice access, iteration, calls, filters and tests, following Jinja2's
// sandboxed environment: `a.b` tries the attribute (str/list/dict methods) then the item;
// `a[b]` tries the item then the attribute; a miss is an Undefined carrying Jinja's hint, and
// names starting with `_` are never attributes (the sandbox hides Python internals).

extension Renderer {
    /// Python str() of a value; host objects render themselves.
    public func str(_ v: Value) throws -> String {
        switch v {
        case .string(let s): return s
        case .object(let o): return try o.render(renderer: self)
        case .list, .tuple, .dict: return try v.checkedRepr()
        default: return v.pythonString
        }
    }

    public func call(_ f: Value, _ args: Arguments) throws -> Value {
        switch f {
        case .callable(let c):
            return try c.body(args, self)
        case .object(let o):
            if let r = try o.call(args, renderer: self) { return r }
            throw TemplateError(.type, "'\(o.typeName)' object is not callable")
        case .undefined(let u):
            if lenientUndefined {
                leniencyUsed = true
                return f
            }
            guard u.isUnknownName else { throw TemplateError(.undefined, u.message) }
            let name = u.name ?? ""
            throw TemplateError(.undefined, u.message, hint: environment.unknownCallHint?(name)
                ?? "no macro named '\(name)' is defined: check the name, or install the package that defines it (list it in packages.yml, then run `flowc deps`)")
        default:
            throw TemplateError(.type, "'\(f.typeName)' object is not callable")
        }
    }

    public func filter(_ name: String, _ v: Value, _ args: Arguments) throws -> Value {
        guard let f = environment.filters[name] else {
            throw TemplateError(.runtime, "no filter named '\(name)' found")
        }
        return try f(v, args, self)
    }

    public func test(_ name: String, _ v: Value, _ args: Arguments) throws -> Bool {
        guard let t = environment.tests[name] else {
            throw TemplateError(.runtime, "no test named '\(name)' found")
        }
        return try t(v, args, self)
    }

    /// Python iter(), materialised: list/tuple items, dict keys, the characters of a str.
    public func iterate(_ v: Value) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t
        case .dict(let d): return d.keys
        case .string(let s): return s.unicodeScalars.map { .string(String($0)) }
        case .undefined: return []
        case .object(let o):
            if let items = try o.iterate(renderer: self) { return items }
            throw TemplateError(.type, "'\(o.typeName)' object is not iterable")
        default:
            throw TemplateError(.type, "'\(v.typeName)' object is not iterable")
        }
    }

    /// How Jinja2 names an object's type in "has no attribute" hints.
    static func typeRepr(_ v: Value) -> String {
        switch v {
        case .none: return "None"
        case .object(let o): return "\(o.typeName) object"
        default: return "\(v.typeName) object"
        }
    }

    static func missingAttribute(_ v: Value, _ name: String) -> Value {
        .undefined(Undefined(name: name, hint: "'\(typeRepr(v))' has no attribute '\(name)'"))
    }

    /// Jinja's sandbox refuses Python's dunder attributes, which every object has.
    static func unsafeAttribute(_ v: Value, _ name: String) -> Value? {
        guard name.count > 4, name.hasPrefix("__"), name.hasSuffix("__") else { return nil }
        var u = Undefined(name: name, hint: "access to attribute '\(name)' of '\(v.typeName)' object is unsafe.")
        u.unsafe = true
        return .undefined(u)
    }

    public func getAttribute(_ v: Value, _ name: String) throws -> Value {
        if case .undefined(let u) = v {
            if u.unsafe {
                if !lenientUndefined { throw TemplateError(.undefined, u.message) }
                leniencyUsed = true
            }
        } else if let refused = Renderer.unsafeAttribute(v, name) {
            return refused
        }
        switch v {
        case .dict(let d):
            if PyMethods.has(v, name) { return boundMethod(v, name) }
            return d.get(name) ?? Renderer.missingAttribute(v, name)
        case .string, .list, .tuple:
            if PyMethods.has(v, name) { return boundMethod(v, name) }
            return Renderer.missingAttribute(v, name)
        case .object(let o):
            if name.hasPrefix("_") { return Renderer.missingAttribute(v, name) }
            return try o.attribute(name, renderer: self) ?? Renderer.missingAttribute(v, name)
        case .undefined(let u):
            // the sandbox answers Python-internal names with a fresh Undefined, not an error
            if name.hasPrefix("_") { return Renderer.missingAttribute(v, name) }
            if lenientUndefined {
                leniencyUsed = true
                return .undefined(Undefined(name: name))
            }
            throw TemplateError(.undefined, u.message, hint: u.isUnknownName
                ? "no variable, macro or package named '\(u.name ?? "")' is defined; a package's macros need the package in packages.yml and `flowc deps`"
                : nil)
        case .callable(let c):
            if let m = c.macro {
                switch name {
                case "name": return .string(m.definition.name)
                case "arguments": return .tuple(m.definition.parameterNames.map { .string($0) })
                case "catch_kwargs": return .bool(m.definition.usesKwargs)
                case "catch_varargs": return .bool(m.definition.usesVarargs)
                case "caller": return .bool(m.definition.usesCaller)
                default: break
                }
            }
            return Renderer.missingAttribute(v, name)
        default:
            return Renderer.missingAttribute(v, name)
        }
    }

    func boundMethod(_ receiver: Value, _ name: String) -> Value {
        .callable(Callable(name: name) { args, r in
            guard let result = try PyMethods.call(receiver, name, args, r) else {
                throw TemplateError(.attribute, "'\(receiver.typeName)' object has no attribute '\(name)'")
            }
            return result
        })
    }

    public func getItem(_ v: Value, _ key: Value) throws -> Value {
        switch v {
        case .list, .tuple, .string:
            if let i = key.intValue {
                let count: Int
                switch v {
                case .list(let l): count = l.items.count
                case .tuple(let t): count = t.count
                case .string(let s): count = s.unicodeScalars.count
                default: count = 0
                }
                let index = i < 0 ? i + count : i
                guard index >= 0 && index < count else {
                    return .undefined(Undefined(hint: "'\(Renderer.typeRepr(v))' has no element \(i)"))
                }
                switch v {
                case .list(let l): return l.items[index]
                case .tuple(let t): return t[index]
                case .string(let s):
                    let scalars = s.unicodeScalars
                    return .string(String(scalars[scalars.index(scalars.startIndex, offsetBy: index)]))
                default: break
                }
            }
            if case .string(let name) = key { return try getAttribute(v, name) }
            if case .undefined(let u) = key { throw TemplateError(.undefined, u.message) }
            return .undefined(Undefined(hint: "'\(Renderer.typeRepr(v))' has no element \(key.pythonRepr)"))
        case .dict(let d):
            if let found = d.get(key) { return found }
            if case .string(let name) = key {
                if PyMethods.has(v, name) { return boundMethod(v, name) }
                return Renderer.missingAttribute(v, name)
            }
            return .undefined(Undefined(hint: "'dict object' has no element \(key.pythonRepr)"))
        case .object(let o):
            if let found = try o.item(key, renderer: self) { return found }
            if case .string(let name) = key { return Renderer.missingAttribute(v, name) }
            return .undefined(Undefined(hint: "'\(o.typeName) object' has no element \(key.pythonRepr)"))
        case .undefined(let u):
            if lenientUndefined {
                leniencyUsed = true
                return v
            }
            throw TemplateError(.undefined, u.message)
        default:
            if case .string(let name) = key { return try getAttribute(v, name) }
            return .undefined(Undefined(hint: "'\(Renderer.typeRepr(v))' has no element \(key.pythonRepr)"))
        }
    }

    /// `a.b.0` paths as filters' `attribute=` arguments take them: digits index, names look up.
    public func getAttributePath(_ v: Value, _ path: String) throws -> Value {
        var current = v
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            let key: Value = Int(part).map { .int($0) } ?? .string(String(part))
            current = try getItem(current, key)
        }
        return current
    }

    /// Python slicing `v[a:b:c]` of lists, tuples and strings.
    func slice(_ v: Value, _ a: Value?, _ b: Value?, _ c: Value?) throws -> Value {
        func bound(_ x: Value?) throws -> Int? {
            guard let x, !x.isNone else { return nil }
            if case .undefined(let u) = x { throw TemplateError(.undefined, u.message) }
            guard let i = x.intValue else {
                throw TemplateError(.type, "slice indices must be integers or None or have an __index__ method")
            }
            return i
        }
        let start = try bound(a), stop = try bound(b), step = try bound(c) ?? 1
        if step == 0 { throw TemplateError(.value, "slice step cannot be zero") }
        func indices(_ count: Int) -> [Int] {
            func clamp(_ x: Int?, _ dflt: Int, lower: Int, upper: Int) -> Int {
                guard var x else { return dflt }
                if x < 0 { x += count }
                return min(max(x, lower), upper)
            }
            var out: [Int] = []
            if step > 0 {
                var i = clamp(start, 0, lower: 0, upper: count)
                let end = clamp(stop, count, lower: 0, upper: count)
                while i < end { out.append(i); i += step }
            } else {
                var i = clamp(start, count - 1, lower: -1, upper: count - 1)
                let end = clamp(stop, -1, lower: -1, upper: count - 1)
                while i > end { out.append(i); i += step }
            }
            return out
        }
        switch v {
        case .list(let l): return .list(ListBox(indices(l.items.count).map { l.items[$0] }))
        case .tuple(let t): return .tuple(indices(t.count).map { t[$0] })
        case .string(let s):
            let scalars = Array(s.unicodeScalars)
            var out = String.UnicodeScalarView()
            for i in indices(scalars.count) { out.append(scalars[i]) }
            return .string(String(out))
        case .undefined(let u):
            throw TemplateError(.undefined, u.message)
        default:
            throw TemplateError(.type, "'\(v.typeName)' object is not subscriptable")
        }
    }
}
