// Filters about values as a whole: default/d, attr, pprint and tojson.

extension Builtins {
    static let miscFilters: [String: FilterFunction] = [
        "default": defaultFilter,
        "d": defaultFilter,
        "attr": attr,
        "pprint": { v, a, r in
            _ = try Params(a, "pprint", [])
            return .string(try PrettyPrint.format(v, r))
        },
        "tojson": { v, a, r in
            let p = try Params(a, "tojson", ["indent"])
            var indent: String? = nil
            if let i = p[0], !i.isNone {
                switch i {
                case .string(let s): indent = s
                default: indent = String(repeating: " ", count: Swift.max(0, try Support.index(i)))
                }
            }
            return .string(try JSONWriter.htmlSafe(v, indent: indent, r))
        },
    ]

    @Sendable static func defaultFilter(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "default", ["default_value", "boolean"])
        if v.isUndefined || (Support.flag(p[1]) && !v.truthy) { return p[0] ?? .string("") }
        return v
    }

    /// Attribute access without the item fallback: dict keys are not attributes here.
    @Sendable static func attr(_ v: Value, _ a: Arguments, _ r: Renderer) throws -> Value {
        let p = try Params(a, "attr", ["name"])
        guard let nameValue = p[0] else {
            throw TemplateError(.type, "do_attr() missing 1 required positional argument: 'name'")
        }
        guard case .string(let name) = nameValue else {
            throw TemplateError(.type, "attribute name must be string, not '\(nameValue.typeName)'")
        }
        switch v {
        case .undefined(let u):
            throw TemplateError(.undefined, u.message)
        case .object, .callable:
            return try r.getAttribute(v, name)
        default:
            if PyMethods.has(v, name) { return try r.getAttribute(v, name) }
            return .undefined(Undefined(name: name,
                hint: "\(pythonStringRepr(Support.objectTypeRepr(v))) has no attribute \(pythonStringRepr(name))"))
        }
    }
}
