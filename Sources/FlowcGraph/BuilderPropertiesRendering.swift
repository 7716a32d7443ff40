// Jinja in a model's, seed's, snapshot's or analysis's properties entry, rendered as dbt's
// SchemaYamlRenderer renders it before reading the entry: every string with `{{` or `{%`
// (`materialized: "{{ var('mat') }}"`, `data_type: "{{ 'int' }}"`, meta and tags), natively as
// renderedValue does, except what dbt renders later in its own context: descriptions (doc()),
// data tests (their arguments are rendered per test), versions, and pre-/post-hooks.
import FlowcProject

extension Builder {
    /// Whether dbt leaves the value at `path` (keys, and list positions as numbers) of a
    /// properties entry unrendered here.
    static func rendersLater(_ path: [String]) -> Bool {
        guard let first = path.first else { return false }
        if ["description", "tests", "data_tests", "versions"].contains(first) { return true }
        if first == "columns", path.count >= 3, ["description", "tests", "data_tests"].contains(path[2]) { return true }
        if first == "config", path.count >= 2, ["pre_hook", "post_hook", "pre-hook", "post-hook"].contains(path[1]) { return true }
        return false
    }

    /// The entry with its Jinja rendered (errors are reported at the value and leave it as written).
    /// `worker` is made on first need: most properties files have no Jinja.
    mutating func renderedProperties(_ value: YAMLValue, path: [String] = [], package: String, setup: RenderSetup,
                                     worker: inout RenderWorker?) -> YAMLValue {
        switch value {
        case .string(let text, let span):
            guard text.holdsJinjaTag, !Self.rendersLater(path) else { return value }
            if worker == nil { worker = try? RenderWorker(setup: setup) }
            return renderedValue(text, worker: worker, span: span, package: package)
        case .list(let items, let span):
            var out: [YAMLValue] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                out.append(renderedProperties(item, path: path + [String(i)], package: package, setup: setup, worker: &worker))
            }
            return .list(out, span)
        case .map(let entries, let span):
            var out: [YAMLValue.Entry] = []
            out.reserveCapacity(entries.count)
            for e in entries {
                out.append((e.key, e.keySpan, renderedProperties(e.value, path: path + [e.key], package: package, setup: setup,
                                                                 worker: &worker)))
            }
            return .map(out, span)
        default:
            return value
        }
    }

    /// Whether any string in the value holds Jinja (so the entry needs rendering at all).
    static func holdsJinja(_ value: YAMLValue) -> Bool {
        switch value {
        case .string(let text, _): return text.holdsJinjaTag
        case .list(let items, _): return items.contains(where: holdsJinja)
        case .map(let entries, _): return entries.contains { holdsJinja($0.value) }
        default: return false
        }
    }
}
