// One group of the `groupby` filter: Jinja2's namedtuple (grouper, list). It unpacks and prints
// like a 2-tuple and also answers `.grouper` and `.list`.

final class GroupTuple: TemplateObject {
    let grouper: Value
    let list: Value

    init(grouper: Value, list: Value) {
        self.grouper = grouper
        self.list = list
    }

    var typeName: String { "_GroupTuple" }
    var items: [Value] { [grouper, list] }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "grouper": return grouper
        case "list": return list
        default: return nil
        }
    }

    func item(_ key: Value, renderer: Renderer) throws -> Value? {
        guard let i = key.intValue else {
            if case .string(let s) = key { return try attribute(s, renderer: renderer) }
            return nil
        }
        let index = i < 0 ? i + 2 : i
        return index == 0 ? grouper : (index == 1 ? list : nil)
    }

    func iterate(renderer: Renderer) throws -> [Value]? { items }
    var pythonRepr: String { Value.tuple(items).pythonRepr }
    func render(renderer: Renderer) throws -> String { pythonRepr }
}
