// Mappings whose keys templates also read as attributes (dbt's config objects).
import FlowcTemplate

/// A mapping whose keys read as attributes too, as dbt's config and RuntimeConfig objects
/// behave in templates: a key it does not have reads as None (`r.node.config.full_refresh is
/// none` for a test, which dbt_artifacts relies on), not as undefined; the mapping's own
/// methods (get, keys, items, …) still work. `deep`: nested mappings read so too
/// (`conf.packages.packages[0].version`, `conf.dependencies["elementary"].version`).
final class AttributeMap: TemplateObject {
    let typeName: String
    let values: Value
    let deep: Bool

    init(name: String, values: Value, deep: Bool = true) {
        typeName = name
        self.values = values
        self.deep = deep
    }

    var pythonRepr: String { values.pythonRepr }
    var isMapping: Bool { true }
    func render(renderer: Renderer) throws -> String { try renderer.str(values) }
    func iterate(renderer: Renderer) throws -> [Value]? { try renderer.iterate(values) }

    private func wrap(_ v: Value) -> Value {
        guard deep else { return v }
        switch v {
        case .dict: return .object(AttributeMap(name: "dict", values: v))
        case .list(let l): return .list(l.items.map(wrap))
        default: return v
        }
    }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        if case .dict(let d) = values, let v = d.get(name) { return wrap(v) }
        let method = try renderer.getAttribute(values, name)
        if case .undefined = method { return Value.none }
        return method
    }

    func item(_ key: Value, renderer: Renderer) throws -> Value? {
        if case .dict(let d) = values { return d.get(key).map(wrap) }
        if case .list(let l) = values, let i = key.intValue, l.items.indices.contains(i) { return wrap(l.items[i]) }
        return nil
    }
}
