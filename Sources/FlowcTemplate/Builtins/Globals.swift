// Jinja2's default global functions under the sandbox: range (capped at MAX_RANGE), dict,
// namespace, cycler and joiner. `lipsum` is omitted: nothing in dbt projects uses it.

enum Globals {
    /// SandboxedEnvironment's MAX_RANGE.
    static let maxRange = 100_000

    static func make() -> [String: Value] {
        [
            "range": .callable(Callable(name: "range") { args, _ in try range(args) }),
            "dict": .callable(Callable(name: "dict") { args, r in
                if args.positional.count > 1 {
                    throw TemplateError(.type, "dict expected at most 1 argument, got \(args.positional.count)")
                }
                let d = DictBox()
                if let src = args.positional.first { try DictMethods.merge(src, into: d, r) }
                for (k, v) in args.keywords { d.set(.string(k), v) }
                return .dict(d)
            }),
            "namespace": .callable(Callable(name: "namespace") { args, r in
                if args.positional.count > 1 {
                    throw TemplateError(.type, "dict expected at most 1 argument, got \(args.positional.count)")
                }
                let d = DictBox()
                if let src = args.positional.first { try DictMethods.merge(src, into: d, r) }
                for (k, v) in args.keywords { d.set(.string(k), v) }
                return .object(Namespace(d))
            }),
            "cycler": .callable(Callable(name: "cycler") { args, _ in
                if !args.keywords.isEmpty {
                    throw TemplateError(.type, "Cycler.__init__() got an unexpected keyword argument '\(args.keywords[0].0)'")
                }
                guard !args.positional.isEmpty else {
                    throw TemplateError(.runtime, "at least one item has to be provided")
                }
                return .object(Cycler(args.positional))
            }),
            "joiner": .callable(Callable(name: "joiner") { args, r in
                let p = try Params(args, "joiner", ["sep"])
                let sep = try p[0].map { try Support.text($0, r) } ?? ", "
                let state = JoinerState()
                return .callable(Callable(name: "joiner") { callArgs, _ in
                    _ = try Params(callArgs, "joiner", [])
                    if state.used { return .string(sep) }
                    state.used = true
                    return .string("")
                })
            }),
        ]
    }

    static func range(_ args: Arguments) throws -> Value {
        if !args.keywords.isEmpty { throw TemplateError(.type, "range() takes no keyword arguments") }
        let a = args.positional
        guard !a.isEmpty else { throw TemplateError(.type, "range expected at least 1 argument, got 0") }
        guard a.count <= 3 else { throw TemplateError(.type, "range expected at most 3 arguments, got \(a.count)") }
        var start = 0, stop = 0, step = 1
        if a.count == 1 {
            stop = try Support.index(a[0])
        } else {
            start = try Support.index(a[0])
            stop = try Support.index(a[1])
            if a.count == 3 { step = try Support.index(a[2]) }
        }
        if step == 0 { throw TemplateError(.value, "range() arg 3 must not be zero") }
        // Length without overflow: the distance is computed in magnitude space.
        var count = 0
        if step > 0 && start < stop {
            let distance = UInt(bitPattern: stop &- start)
            count = Int(clamping: (distance - 1) / UInt(step) + 1)
        } else if step < 0 && start > stop {
            let distance = UInt(bitPattern: start &- stop)
            count = Int(clamping: (distance - 1) / step.magnitude + 1)
        }
        if count > maxRange {
            throw TemplateError(.overflow,
                "Range too big. The sandbox blocks ranges larger than MAX_RANGE (\(maxRange)).")
        }
        var out: [Value] = []
        out.reserveCapacity(count)
        var x = start
        for _ in 0..<count {
            out.append(.int(x))
            x = x &+ step
        }
        return .list(ListBox(out))
    }
}

/// Jinja's `namespace()`: attribute storage that `{% set ns.attr = value %}` may write to,
/// which lets loops carry values out of their scope.
public final class Namespace: TemplateObject {
    public let attributes: DictBox

    public init(_ attributes: DictBox = DictBox()) {
        self.attributes = attributes
    }

    public var typeName: String { "Namespace" }

    public func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        attributes.get(name)
    }

    public func setAttribute(_ name: String, _ value: Value) -> Bool {
        attributes.set(.string(name), value)
        return true
    }

    public func render(renderer: Renderer) throws -> String {
        "<Namespace " + Value.dict(attributes).pythonRepr + ">"
    }
}

/// Jinja's `cycler(...)`: `next()` returns the current item and advances, `reset()` rewinds,
/// `current` peeks.
final class Cycler: TemplateObject {
    let items: [Value]
    var position = 0

    init(_ items: [Value]) {
        self.items = items
    }

    var typeName: String { "Cycler" }

    var current: Value {
        items.indices.contains(position) ? items[position] : Value.none
    }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "current": return current
        case "items": return .tuple(items)
        case "pos": return .int(position)
        case "next":
            return .callable(Callable(name: "next") { [self] args, _ in
                _ = try Params(args, "next", [])
                return self.advance()
            })
        case "reset":
            return .callable(Callable(name: "reset") { [self] args, _ in
                _ = try Params(args, "reset", [])
                self.position = 0
                return Value.none
            })
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments, renderer: Renderer) throws -> Value? {
        switch name {
        case "next":
            _ = try Params(args, "next", [])
            return advance()
        case "reset":
            _ = try Params(args, "reset", [])
            position = 0
            return Value.none
        default:
            guard let f = try attribute(name, renderer: renderer) else { return nil }
            return try renderer.call(f, args)
        }
    }

    private func advance() -> Value {
        let v = current
        position = items.isEmpty ? 0 : (position + 1) % items.count
        return v
    }
}

private final class JoinerState {
    var used = false
}
