// Methods of Python's set, on a ListBox marked as a set (dbt's `set()`): membership by Python
// equality, mutating methods change the shared box and return None, the others return new sets.

enum SetMethods {
    static let names: Set<String> = [
        "add", "discard", "remove", "pop", "clear", "copy", "update", "union", "intersection", "difference",
        "symmetric_difference", "issubset", "issuperset", "isdisjoint",
    ]

    static func call(_ box: ListBox, _ name: String, _ args: Arguments, _ r: Renderer) throws -> Value? {
        func has(_ items: [Value], _ x: Value) -> Bool { items.contains { $0.pyEquals(x) } }
        func others() throws -> [[Value]] { try args.positional.map { try r.iterate($0) } }
        switch name {
        case "add":
            let a = try Params(args, name, ["elem"])
            guard let x = a[0] else { throw TemplateError(.type, "set.add() takes exactly one argument (0 given)") }
            if !has(box.items, x) { box.items.append(x) }
            return Value.none
        case "discard", "remove":
            let a = try Params(args, name, ["elem"])
            guard let x = a[0] else { throw TemplateError(.type, "set.\(name)() takes exactly one argument (0 given)") }
            if let i = box.items.firstIndex(where: { $0.pyEquals(x) }) {
                box.items.remove(at: i)
            } else if name == "remove" {
                throw TemplateError(.key, x.pythonRepr)
            }
            return Value.none
        case "pop":
            _ = try Params(args, name, [])
            guard !box.items.isEmpty else { throw TemplateError(.key, "'pop from an empty set'") }
            return box.items.removeFirst()
        case "clear":
            _ = try Params(args, name, [])
            box.items.removeAll()
            return Value.none
        case "copy":
            _ = try Params(args, name, [])
            return .list(ListBox.set(box.items))
        case "update":
            for other in try others() { for x in other where !has(box.items, x) { box.items.append(x) } }
            return Value.none
        case "union":
            return .list(ListBox.set(box.items + (try others()).joined()))
        case "intersection":
            let sets = try others()
            return .list(ListBox.set(box.items.filter { x in sets.allSatisfy { has($0, x) } }))
        case "difference":
            let sets = try others()
            return .list(ListBox.set(box.items.filter { x in !sets.contains { has($0, x) } }))
        case "symmetric_difference":
            let other = try others().first ?? []
            return .list(ListBox.set(box.items.filter { !has(other, $0) } + other.filter { !has(box.items, $0) }))
        case "issubset":
            let other = try others().first ?? []
            return .bool(box.items.allSatisfy { has(other, $0) })
        case "issuperset":
            let other = try others().first ?? []
            return .bool(other.allSatisfy { has(box.items, $0) })
        case "isdisjoint":
            let other = try others().first ?? []
            return .bool(!box.items.contains { has(other, $0) })
        default:
            return nil
        }
    }
}
