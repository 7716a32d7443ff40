// Methods of Python's list (and the read-only ones of tuple). Mutating methods change the
// shared ListBox in place and return None, as Python's do, so `{% do xs.append(1) %}` is
// visible through every alias.

enum ListMethods {
    static let listNames: Set<String> = [
        "append", "extend", "pop", "insert", "remove", "index", "count", "sort", "reverse", "copy", "clear",
    ]
    static let tupleNames: Set<String> = ["index", "count"]

    static func call(_ box: ListBox, _ name: String, _ args: Arguments, _ r: Renderer) throws -> Value? {
        // Only sort takes keywords (and only keywords); CPython's other list methods are
        // positional-only.
        if !args.keywords.isEmpty, name != "sort", listNames.contains(name) {
            throw TemplateError(.type, "list.\(name)() takes no keyword arguments")
        }
        switch name {
        case "append":
            let a = try Params(args, name, ["object"])
            guard let x = a[0] else { throw TemplateError(.type, "list.append() takes exactly one argument (0 given)") }
            box.items.append(x)
            return Value.none
        case "extend":
            let a = try Params(args, name, ["iterable"])
            guard let x = a[0] else { throw TemplateError(.type, "list.extend() takes exactly one argument (0 given)") }
            // iterate() copies first, so `xs.extend(xs)` doubles the list as in Python.
            box.items.append(contentsOf: try r.iterate(x))
            return Value.none
        case "pop":
            let a = try Params(args, name, ["index"])
            guard !box.items.isEmpty else { throw TemplateError(.index, "pop from empty list") }
            var i = try Support.index(a[0], default: -1)
            if i < 0 { i += box.items.count }
            guard i >= 0, i < box.items.count else { throw TemplateError(.index, "pop index out of range") }
            return box.items.remove(at: i)
        case "insert":
            let a = try Params(args, name, ["index", "object"])
            guard let iv = a[0], let x = a[1] else {
                throw TemplateError(.type, "insert expected 2 arguments, got \(args.positional.count)")
            }
            let n = box.items.count
            var i = try Support.index(iv)
            if i < 0 { i = Swift.max(0, i + n) }
            box.items.insert(x, at: Swift.min(i, n))
            return Value.none
        case "remove":
            let a = try Params(args, name, ["value"])
            guard let x = a[0] else { throw TemplateError(.type, "list.remove() takes exactly one argument (0 given)") }
            guard let i = try box.items.firstIndex(where: { try $0.pyEqualsChecked(x) }) else {
                throw TemplateError(.value, "list.remove(x): x not in list")
            }
            box.items.remove(at: i)
            return Value.none
        case "index": return try index(box.items, args, what: "list")
        case "count": return try count(box.items, args)
        case "sort":
            let a = try Params(args, name, ["key", "reverse"])
            if !args.positional.isEmpty {
                throw TemplateError(.type, "sort() takes no positional arguments")
            }
            let reverse = Support.flag(a[1])
            let items = box.items
            var keys = items
            if let key = a[0], !key.isNone {
                keys = try items.map { try r.call(key, Arguments([$0])) }
            }
            box.items = try PySort.sorted(items, keys: keys, reverse: reverse)
            return Value.none
        case "reverse":
            try noArgs(name, args)
            box.items.reverse()
            return Value.none
        case "copy":
            try noArgs(name, args)
            return .list(ListBox(box.items))
        case "clear":
            try noArgs(name, args)
            box.items.removeAll()
            return Value.none
        default:
            return nil
        }
    }

    static func callTuple(_ items: [Value], _ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "index": return try index(items, args, what: "tuple")
        case "count": return try count(items, args)
        default: return nil
        }
    }

    private static func index(_ items: [Value], _ args: Arguments, what: String) throws -> Value {
        let a = try Params(args, "index", ["value", "start", "stop"])
        guard let x = a[0] else { throw TemplateError(.type, "index expected at least 1 argument, got 0") }
        let n = items.count
        let lo = PyStr.clampIndex(try Support.index(a[1], default: 0), n)
        let hi = PyStr.clampIndex(try Support.index(a[2], default: n), n)
        var i = lo
        while i < hi {
            if try items[i].pyEqualsChecked(x) { return .int(i) }
            i += 1
        }
        if what == "tuple" { throw TemplateError(.value, "tuple.index(x): x not in tuple") }
        throw TemplateError(.value, "\(x.pythonRepr) is not in list")
    }

    private static func count(_ items: [Value], _ args: Arguments) throws -> Value {
        let a = try Params(args, "count", ["value"])
        guard let x = a[0] else { throw TemplateError(.type, "count() takes exactly one argument (0 given)") }
        var n = 0
        for item in items where try item.pyEqualsChecked(x) { n += 1 }
        return .int(n)
    }

    private static func noArgs(_ name: String, _ args: Arguments) throws {
        if !args.isEmpty {
            throw TemplateError(.type, "list.\(name)() takes no arguments (\(args.positional.count + args.keywords.count) given)")
        }
    }
}
