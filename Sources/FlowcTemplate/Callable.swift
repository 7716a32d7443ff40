// Functions and host objects as templates see them. A host (dbt's context in FlowcCompile)
// registers Swift closures as callables and Swift classes as objects; builtins use the same
// interface, so there is one calling convention for everything a template can call.

/// Arguments of one call: positional values then keyword values in the order written.
public struct Arguments {
    public var positional: [Value]
    public var keywords: [(String, Value)]

    public init(_ positional: [Value] = [], keywords: [(String, Value)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    public var isEmpty: Bool { positional.isEmpty && keywords.isEmpty }

    public func keyword(_ name: String) -> Value? {
        for (k, v) in keywords where k == name { return v }
        return nil
    }

    /// The argument at `index` or named `name`, or nil when neither was passed.
    public func value(_ index: Int, _ name: String) -> Value? {
        if index < positional.count { return positional[index] }
        return keyword(name)
    }

    /// Binds the arguments to a Python-style signature. Returns one slot per parameter (nil when
    /// not passed, so the caller applies its default). Extra or unknown arguments are an error
    /// naming the function, as Python would raise.
    public func bind(_ function: String, _ params: [String]) throws -> [Value?] {
        if positional.count > params.count {
            throw TemplateError(.type,
                "\(function)() takes at most \(params.count) argument\(params.count == 1 ? "" : "s") (\(positional.count) given)")
        }
        var slots = [Value?](repeating: nil, count: params.count)
        for (i, v) in positional.enumerated() { slots[i] = v }
        for (k, v) in keywords {
            guard let i = params.firstIndex(of: k) else {
                throw TemplateError(.type, "\(function)() got an unexpected keyword argument '\(k)'")
            }
            if slots[i] != nil {
                throw TemplateError(.type, "\(function)() got multiple values for argument '\(k)'")
            }
            slots[i] = v
        }
        return slots
    }
}

/// A callable value: a builtin, a host function, a macro, or a bound method.
/// The closure receives the renderer so it can call back into the template (macros render
/// their body; `map` applies filters; host functions may read render state).
public final class Callable {
    public let name: String
    public let body: (Arguments, Renderer) throws -> Value
    /// Set for macros: lets `caller`, `varargs` introspection and the host find the definition.
    public let macro: MacroBinding?

    public init(name: String, _ body: @escaping (Arguments, Renderer) throws -> Value) {
        self.name = name
        self.body = body
        self.macro = nil
    }

    init(name: String, macro: MacroBinding, _ body: @escaping (Arguments, Renderer) throws -> Value) {
        self.name = name
        self.body = body
        self.macro = macro
    }
}

/// A host object: attribute and item access, optional call, iteration and truthiness.
/// Everything has a default so an object implements only what it supports.
public protocol TemplateObject: AnyObject {
    /// Python-ish type name used in messages ("'Relation' object has no attribute 'x'").
    var typeName: String { get }
    /// `obj.name`; nil means "no such attribute" (the template sees an Undefined).
    func attribute(_ name: String, renderer: Renderer) throws -> Value?
    /// `obj[key]`; nil means missing.
    func item(_ key: Value, renderer: Renderer) throws -> Value?
    /// `obj(...)`; nil means "not callable".
    func call(_ args: Arguments, renderer: Renderer) throws -> Value?
    /// `obj.name(...)`: a method call. The default looks the attribute up and calls it.
    func callMethod(_ name: String, _ args: Arguments, renderer: Renderer) throws -> Value?
    /// What `{{ obj }}` prints.
    func render(renderer: Renderer) throws -> String
    /// Python repr(), used when the object sits inside a printed list or dict.
    var pythonRepr: String { get }
    /// Items when iterated; nil means not iterable.
    func iterate(renderer: Renderer) throws -> [Value]?
    var truthy: Bool { get }
    /// Object to mutate for `{% set obj.attr = v %}` (namespaces); false means not allowed.
    func setAttribute(_ name: String, _ value: Value) -> Bool
    /// `self + other` (or `other + self` when `reversed`); nil means unsupported.
    func add(_ other: Value, reversed: Bool) throws -> Value?
    /// `self - other` (or `other - self` when `reversed`); nil means unsupported.
    func subtract(_ other: Value, reversed: Bool) throws -> Value?
    /// `self op other` (or `other op self` when `reversed`) for `*`, `/`, `//` and `%`; nil
    /// means unsupported.
    func arithmetic(_ op: String, _ other: Value, reversed: Bool) throws -> Value?
    /// Python's `format(obj, spec)` for a non-empty spec (`"{:%Y-%m}".format(date)`); nil
    /// means the object takes no format spec.
    func format(_ spec: String) throws -> String?
    /// Whether `obj is mapping` (dbt's relations and `model` are Python mappings).
    var isMapping: Bool { get }
    /// What makes the object a dict key or set member (nil: unhashable, as most objects).
    var hashKey: String? { get }
    /// Python's ordering of this object against `other` (-1, 0, 1) for `==`, `<` and sorting;
    /// nil when the two do not compare (then `==` is identity and `<` a TypeError). A throw
    /// is Python's own TypeError for an ordering (`==` then says false).
    func order(_ other: Value) throws -> Int?
}

extension TemplateObject {
    public var typeName: String { "object" }
    public func attribute(_ name: String, renderer: Renderer) throws -> Value? { nil }
    public func item(_ key: Value, renderer: Renderer) throws -> Value? {
        if case .string(let s) = key { return try attribute(s, renderer: renderer) }
        return nil
    }
    public func call(_ args: Arguments, renderer: Renderer) throws -> Value? { nil }
    public func callMethod(_ name: String, _ args: Arguments, renderer: Renderer) throws -> Value? {
        guard let f = try attribute(name, renderer: renderer) else { return nil }
        return try renderer.call(f, args)
    }
    public func render(renderer: Renderer) throws -> String { "<\(typeName) object>" }
    public var pythonRepr: String { "<\(typeName) object>" }
    public func iterate(renderer: Renderer) throws -> [Value]? { nil }
    public var truthy: Bool { true }
    public func setAttribute(_ name: String, _ value: Value) -> Bool { false }
    public func add(_ other: Value, reversed: Bool) throws -> Value? { nil }
    public func subtract(_ other: Value, reversed: Bool) throws -> Value? { nil }
    public func arithmetic(_ op: String, _ other: Value, reversed: Bool) throws -> Value? { nil }
    public func format(_ spec: String) throws -> String? { nil }
    public var isMapping: Bool { false }
    public var hashKey: String? { nil }
    public func order(_ other: Value) throws -> Int? { nil }

    /// Python's `Mapping.get(key, default=None)`, for objects that are mappings: the item, else
    /// the default.
    public func mappingGet(_ args: Arguments, renderer: Renderer) throws -> Value {
        let slots = try args.bind("get", ["key", "default"])
        guard let key = slots[0], let v = try item(key, renderer: renderer) else { return slots[1] ?? .none }
        return v
    }

    /// `mappingGet` as the `get` attribute's value (`obj.get` handed around, not only called).
    public var getMethod: Value {
        .callable(Callable(name: "get") { [self] args, r in try mappingGet(args, renderer: r) })
    }
}
