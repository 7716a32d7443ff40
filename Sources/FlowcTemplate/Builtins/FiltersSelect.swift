// Higher-order filters that apply another filter, a test or an attribute lookup to every
// item: map, select, reject, selectattr, rejectattr. Filter and test names are resolved
// through the renderer, so host-registered ones work as in Jinja's environment.

extension Builtins {
    static let selectFilters: [String: FilterFunction] = [
        "map": map,
        "select": { v, a, r in try selectOrReject(v, a, r, keep: true, attribute: false) },
        "reject": { v, a, r in try selectOrReject(v, a, r, keep: false, attribute: false) },
        "selectattr": { v, a, r in try selectOrReject(v, a, r, keep: true, attribute: true) },
        "rejectattr": { v, a, r in try selectOrReject(v, a, r, keep: false, attribute: true) },
    ]

    @Sendable static func map(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        // Jinja yields nothing for a falsy input without looking at the arguments.
        guard v.truthy else { return .list(ListBox()) }
        let items = try r.iterate(v)
        var out: [Value] = []
        out.reserveCapacity(items.count)
        if a.positional.isEmpty, let attribute = a.keyword("attribute") {
            var dflt: Value? = nil
            for (k, x) in a.keywords where k != "attribute" {
                guard k == "default" else {
                    throw TemplateError(.runtime, "Unexpected keyword argument \(pythonStringRepr(k))")
                }
                dflt = x
            }
            let getter = Support.attrGetter(try Support.attributePath(attribute), r, default: dflt)
            for item in items { out.append(try getter(item)) }
            return .list(ListBox(out))
        }
        guard let nameValue = a.positional.first else {
            throw TemplateError(.runtime, "map requires a filter argument")
        }
        let name = try Support.text(nameValue, r)
        let rest = Arguments(Array(a.positional.dropFirst()), keywords: a.keywords)
        for item in items { out.append(try r.filter(name, item, rest)) }
        return .list(ListBox(out))
    }

    static func selectOrReject(_ v: Value, _ a: Arguments, _ r: Renderer, keep: Bool, attribute: Bool) throws -> Value {
        guard v.truthy else { return .list(ListBox()) }
        var offset = 0
        var getter: ((Value) throws -> Value)? = nil
        if attribute {
            guard let attr = a.positional.first else {
                throw TemplateError(.runtime, "Missing parameter for attribute name")
            }
            getter = Support.attrGetter(try Support.attributePath(attr), r)
            offset = 1
        }
        var testName: String? = nil
        var rest = Arguments()
        if offset < a.positional.count {
            testName = try Support.text(a.positional[offset], r)
            rest = Arguments(Array(a.positional.dropFirst(offset + 1)), keywords: a.keywords)
        }
        var out: [Value] = []
        for item in try r.iterate(v) {
            let x = try getter?(item) ?? item
            let passed = try testName.map { try r.test($0, x, rest) } ?? x.truthy
            if passed == keep { out.append(item) }
        }
        return .list(ListBox(out))
    }
}
