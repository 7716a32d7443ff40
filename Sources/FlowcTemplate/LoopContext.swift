// The `loop` variable inside `{% for %}`: position, neighbours, cycle(), changed(), and for
// recursive loops a callable that renders the loop again over a child sequence.

final class LoopContext: TemplateObject {
    let items: [Value]
    let depth: Int
    var index0 = 0
    var recurse: ((Value) throws -> String)?
    private var lastChanged: [Value]?

    init(items: [Value], depth: Int) {
        self.items = items
        self.depth = depth
    }

    var typeName: String { "LoopContext" }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        let length = items.count
        switch name {
        case "index": return .int(index0 + 1)
        case "index0": return .int(index0)
        case "revindex": return .int(length - index0)
        case "revindex0": return .int(length - index0 - 1)
        case "first": return .bool(index0 == 0)
        case "last": return .bool(index0 == length - 1)
        case "length": return .int(length)
        case "depth": return .int(depth)
        case "depth0": return .int(depth - 1)
        case "previtem":
            return index0 > 0 ? items[index0 - 1] : .undefined(Undefined(name: "previtem", hint: "there is no previous item"))
        case "nextitem":
            return index0 + 1 < length ? items[index0 + 1] : .undefined(Undefined(name: "nextitem", hint: "there is no next item"))
        case "cycle":
            return .callable(Callable(name: "cycle") { [unowned self] args, _ in
                guard !args.positional.isEmpty else { throw TemplateError(.type, "no items for cycling given") }
                return args.positional[self.index0 % args.positional.count]
            })
        case "changed":
            return .callable(Callable(name: "changed") { [unowned self] args, _ in
                let now = args.positional
                if let last = self.lastChanged, try Value.equalSequences(last, now, depth: 0) { return .bool(false) }
                self.lastChanged = now
                return .bool(true)
            })
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments, renderer: Renderer) throws -> Value? {
        guard let f = try attribute(name, renderer: renderer) else { return nil }
        return try renderer.call(f, args)
    }

    func call(_ args: Arguments, renderer: Renderer) throws -> Value? {
        guard let recurse else {
            throw TemplateError(.type, "Tried to call non recursive loop. Maybe you forgot the 'recursive' modifier.")
        }
        guard let items = args.positional.first, args.positional.count == 1 else {
            throw TemplateError(.type, "loop() takes exactly one argument")
        }
        return .string(try recurse(items))
    }

    func render(renderer: Renderer) throws -> String { "<LoopContext \(index0 + 1)/\(items.count)>" }
}
