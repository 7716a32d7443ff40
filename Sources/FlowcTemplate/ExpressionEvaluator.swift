// Evaluates expressions to Values with Jinja2's semantics: short-circuit `and`/`or` returning
// an operand, chained comparisons, `~` joining str() of each side, conditional expressions
// whose missing else is Undefined, and calls with *args/**kwargs.

extension Renderer {
    func eval(_ expr: Expr) throws -> Value {
        switch expr {
        case .literal(let l): return l.value
        case .name(let n, _): return lookup(n)
        default: break
        }
        // The parser bounds an expression's height (ExpressionHeight.swift), but an expression
        // evaluated inside deep macro recursion, or on a small-stack thread, can still run out
        // of stack; exec's check alone would not see it, so compound nodes check too.
        if stackGuard.exhausted() {
            throw TemplateError(.runtime, "template recursion too deep: the stack is nearly exhausted",
                                hint: "a macro calls itself without end, or an expression nests too deeply")
        }
        switch expr {
        case .literal(let l):
            return l.value
        case .name(let n, _):
            return lookup(n)
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for e in items { values.append(try eval(e)) }
            return .list(ListBox(values))
        case .tuple(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for e in items { values.append(try eval(e)) }
            return .tuple(values)
        case .dict(let pairs, let pos):
            let d = DictBox()
            do {
                for (k, v) in pairs { try d.setChecked(try eval(k), try eval(v)) }
            } catch { throw located(error, pos) }
            return .dict(d)
        case .getattr(let e, let name, let pos):
            do { return try getAttribute(try eval(e), name) } catch { throw located(error, pos) }
        case .getitem(let e, let key, let pos):
            do { return try getItem(try eval(e), try eval(key)) } catch { throw located(error, pos) }
        case .slice(let e, let a, let b, let c, let pos):
            do {
                return try slice(try eval(e), a.map(eval), b.map(eval), c.map(eval))
            } catch { throw located(error, pos) }
        case .neg(let e, let pos):
            do { return try Arithmetic.negate(try eval(e)) } catch { throw located(error, pos) }
        case .pos(let e, let pos):
            do { return try Arithmetic.plus(try eval(e)) } catch { throw located(error, pos) }
        case .not(let e):
            return .bool(!(try eval(e).truthy))
        case .and(let a, let b):
            let left = try eval(a)
            return left.truthy ? try eval(b) : left
        case .or(let a, let b):
            let left = try eval(a)
            return left.truthy ? left : try eval(b)
        case .binary(let op, let a, let b, let pos):
            let left = try eval(a)
            let right = try eval(b)
            do {
                switch op {
                case .add: return try Arithmetic.add(left, right)
                case .sub: return try Arithmetic.sub(left, right)
                case .mul: return try Arithmetic.mul(left, right)
                case .div: return try Arithmetic.trueDiv(left, right)
                case .floordiv: return try Arithmetic.floorDiv(left, right)
                case .mod: return try Arithmetic.mod(left, right, renderer: self)
                case .pow: return try Arithmetic.pow(left, right)
                }
            } catch { throw located(error, pos) }
        case .compare(let first, let rest, let pos):
            var left = try eval(first)
            do {
                for (op, e) in rest {
                    let right = try eval(e)
                    if !(try compare(op, left, right)) { return .bool(false) }
                    left = right
                }
            } catch { throw located(error, pos) }
            return .bool(true)
        case .concat(let parts, let pos):
            var s = ""
            do {
                for p in parts { s += try str(try eval(p)) }
            } catch { throw located(error, pos) }
            return .string(s)
        case .conditional(let test, let then, let otherwise):
            if try eval(test).truthy { return try eval(then) }
            if let otherwise { return try eval(otherwise) }
            return .undefined(Undefined(hint: "the inline if-expression evaluated to false and no else section was defined."))
        case .call(let fn, let args, let pos):
            do { return try evalCall(fn, args) } catch { throw located(error, pos) }
        case .filter(let e, let name, let args, let pos):
            do { return try filter(name, try eval(e), try evalArgs(args)) } catch { throw located(error, pos) }
        case .test(let e, let name, let args, let negated, let pos):
            do {
                let result = try test(name, try eval(e), try evalArgs(args))
                return .bool(negated ? !result : result)
            } catch { throw located(error, pos) }
        }
    }

    @inline(__always) func lookup(_ name: String) -> Value {
        if let v = scope.lookup(name) { return v }
        if let v = environment.globals[name] {
            if let watched = watchedGlobals, watched.contains(name) { watchedRead = true }
            return v
        }
        return .undefined(Undefined(name: name))
    }

    func compare(_ op: CompareOp, _ a: Value, _ b: Value) throws -> Bool {
        switch op {
        case .eq: return try a.pyEqualsChecked(b)
        case .ne: return !(try a.pyEqualsChecked(b))
        case .lt: return try orderable(a, b, "<") < 0
        case .lteq: return try orderable(a, b, "<=") <= 0
        case .gt: return try orderable(a, b, ">") > 0
        case .gteq: return try orderable(a, b, ">=") >= 0
        case .in: return try contains(b, a)
        case .notIn: return !(try contains(b, a))
        }
    }

    private func orderable(_ a: Value, _ b: Value, _ op: String) throws -> Int {
        try Arithmetic.checkDefined(a, b)
        return try a.pyCompare(b, op: op)
    }

    /// Python's `item in container`.
    public func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .string(let s):
            guard case .string(let sub) = item else {
                if case .undefined(let u) = item { throw TemplateError(.undefined, u.message) }
                throw TemplateError(.type, "'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.isEmpty || s.contains(sub)
        case .list(let l): return try l.items.contains { try $0.pyEqualsChecked(item) }
        case .tuple(let t): return try t.contains { try $0.pyEqualsChecked(item) }
        case .dict(let d):
            guard HashKey(item) != nil else {
                throw TemplateError(.type, "unhashable type: '\(item.typeName)'")
            }
            return d.get(item) != nil
        case .undefined: return false
        case .object(let o):
            guard let items = try o.iterate(renderer: self) else {
                throw TemplateError(.type, "argument of type '\(o.typeName)' is not iterable")
            }
            return try items.contains { try $0.pyEqualsChecked(item) }
        default:
            throw TemplateError(.type, "argument of type '\(container.typeName)' is not iterable")
        }
    }

    func evalArgs(_ args: CallArgs) throws -> Arguments {
        if args.isEmpty { return Arguments() }
        var result = Arguments()
        result.positional.reserveCapacity(args.positional.count)
        for e in args.positional { result.positional.append(try eval(e)) }
        if let star = args.star { result.positional.append(contentsOf: try iterate(try eval(star))) }
        for (k, e) in args.keywords { result.keywords.append((k, try eval(e))) }
        if let starStar = args.starStar {
            let v = try eval(starStar)
            guard case .dict(let d) = v else {
                throw TemplateError(.type, "argument after ** must be a mapping, not \(v.typeName)")
            }
            for (k, val) in d.pairs {
                guard case .string(let key) = k else { throw TemplateError(.type, "keywords must be strings") }
                if result.keywords.contains(where: { $0.0 == key }) {
                    throw TemplateError(.type, "got multiple values for keyword argument '\(key)'")
                }
                result.keywords.append((key, val))
            }
        }
        return result
    }

    /// Calls; `obj.method(...)` on str/list/dict/host objects dispatches directly without
    /// building a bound-method value first (the common case in dbt macros).
    func evalCall(_ fn: Expr, _ args: CallArgs) throws -> Value {
        if case .getattr(let objExpr, let name, _) = fn {
            let obj = try eval(objExpr)
            switch obj {
            case .string, .list, .dict, .tuple:
                if PyMethods.has(obj, name) {
                    let a = try evalArgs(args)
                    if let r = try PyMethods.call(obj, name, a, self) { return r }
                }
            case .object(let o):
                let a = try evalArgs(args)
                if let r = try o.callMethod(name, a, renderer: self) { return r }
                return try call(try getAttribute(obj, name), a)
            default:
                break
            }
            return try call(try getAttribute(obj, name), try evalArgs(args))
        }
        let f = try eval(fn)
        return try call(f, try evalArgs(args))
    }
}
