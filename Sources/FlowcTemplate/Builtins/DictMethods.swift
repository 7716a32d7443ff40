// Methods of Python's dict. `items()`, `keys()` and `values()` return lists (of 2-tuples for
// items) rather than live views: templates only iterate, test or print them.

enum DictMethods {
    static let names: Set<String> = [
        "items", "keys", "values", "get", "update", "pop", "setdefault", "copy", "clear", "popitem",
    ]

    static func call(_ d: DictBox, _ name: String, _ args: Arguments, _ r: Renderer) throws -> Value? {
        if !args.keywords.isEmpty, name != "update", names.contains(name) {
            throw TemplateError(.type, "dict.\(name)() takes no keyword arguments")
        }
        switch name {
        case "items":
            try noArgs(name, args)
            var out: [Value] = []
            out.reserveCapacity(d.count)
            for (k, v) in d.pairs { out.append(.tuple([k, v])) }
            return .list(ListBox(out))
        case "keys":
            try noArgs(name, args)
            return .list(ListBox(d.keys))
        case "values":
            try noArgs(name, args)
            return .list(ListBox(d.values))
        case "get":
            let a = try Params(args, name, ["key", "default"])
            guard let k = a[0] else { throw TemplateError(.type, "get expected at least 1 argument, got 0") }
            try checkHashable(k)
            return d.get(k) ?? a[1] ?? Value.none
        case "update":
            if args.positional.count > 1 {
                throw TemplateError(.type, "update expected at most 1 argument, got \(args.positional.count)")
            }
            if let other = args.positional.first { try merge(other, into: d, r) }
            for (k, v) in args.keywords { d.set(.string(k), v) }
            return Value.none
        case "pop":
            let a = try Params(args, name, ["key", "default"])
            guard let k = a[0] else { throw TemplateError(.type, "pop expected at least 1 argument, got 0") }
            try checkHashable(k)
            if let v = d.remove(k) { return v }
            if let dflt = a[1] { return dflt }
            throw TemplateError(.key, k.pythonRepr)
        case "setdefault":
            let a = try Params(args, name, ["key", "default"])
            guard let k = a[0] else { throw TemplateError(.type, "setdefault expected at least 1 argument, got 0") }
            if let v = d.get(k) { return v }
            let v = a[1] ?? Value.none
            try d.setChecked(k, v)
            return v
        case "copy":
            try noArgs(name, args)
            return .dict(d.copy())
        case "clear":
            try noArgs(name, args)
            d.removeAll()
            return Value.none
        case "popitem":
            try noArgs(name, args)
            guard let k = d.keys.last, let v = d.remove(k) else {
                throw TemplateError(.key, "'popitem(): dictionary is empty'")
            }
            return .tuple([k, v])
        default:
            return nil
        }
    }

    /// dict(x) / d.update(x): a mapping's pairs, or an iterable of 2-item sequences.
    static func merge(_ other: Value, into d: DictBox, _ r: Renderer) throws {
        if case .dict(let src) = other {
            for (k, v) in src.pairs { d.set(k, v) }
            return
        }
        if case .undefined(let u) = other { throw TemplateError(.undefined, u.message) }
        let elements: [Value]
        do {
            elements = try r.iterate(other)
        } catch let e as TemplateError where e.kind == .type {
            throw TemplateError(.type, "'\(other.typeName)' object is not iterable")
        }
        for (i, element) in elements.enumerated() {
            let pair: [Value]
            switch element {
            case .tuple(let t): pair = t
            case .list(let l): pair = l.items
            case .string(let s): pair = s.unicodeScalars.map { .string(String($0)) }
            default:
                throw TemplateError(.type,
                    "cannot convert dictionary update sequence element #\(i) to a sequence")
            }
            guard pair.count == 2 else {
                throw TemplateError(.value,
                    "dictionary update sequence element #\(i) has length \(pair.count); 2 is required")
            }
            try d.setChecked(pair[0], pair[1])
        }
    }

    private static func checkHashable(_ k: Value) throws {
        if case .undefined = k { return }
        if HashKey(k) == nil { throw TemplateError(.type, "unhashable type: '\(k.typeName)'") }
    }

    private static func noArgs(_ name: String, _ args: Arguments) throws {
        if !args.isEmpty {
            throw TemplateError(.type, "dict.\(name)() takes no arguments (\(args.positional.count + args.keywords.count) given)")
        }
    }
}
