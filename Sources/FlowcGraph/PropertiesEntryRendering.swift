// Jinja in a properties entry rendered as dbt's SchemaYamlRenderer renders it: every string
// value, natively (one `{{ expr }}` keeps its value's type, see renderedValue), except those a rule keeps as written (descriptions, tests and their
// arguments, `loaded_at_query`, hooks), which are rendered later or never.
import FlowcProject

extension Builder {
    /// `entry` with the Jinja in its strings rendered, except at the key paths `keep` says
    /// (a path is the keys and list indexes from the entry down, indexes as digits).
    mutating func renderedEntry(_ entry: YAMLValue, worker: RenderWorker?, package: String,
                                keep: ([String]) -> Bool, path: [String] = []) -> YAMLValue {
        guard worker != nil, !keep(path) else { return entry }
        switch entry {
        case .string(let text, let span):
            guard text.holdsJinjaTag else { return entry }
            return renderedValue(text, worker: worker, span: span, package: package)
        case .list(let items, let span):
            return .list(items.enumerated().map { i, item in
                renderedEntry(item, worker: worker, package: package, keep: keep, path: path + [String(i)])
            }, span)
        case .map(let entries, let span):
            return .map(entries.map { e in
                (e.key, e.keySpan, renderedEntry(e.value, worker: worker, package: package, keep: keep, path: path + [e.key]))
            }, span)
        default:
            return entry
        }
    }

    /// dbt's keys left unrendered in an entry of models, seeds, snapshots, exposures, tables of
    /// a source (`_is_norender_key`): tests, descriptions, loaded_at_query and hooks.
    static func keptUnrendered(_ path: [String]) -> Bool {
        let kept: Set<String> = ["tests", "data_tests", "description", "loaded_at_query"]
        if let first = path.first, kept.contains(first) { return true }
        if path.count == 2, kept.contains(path[1]) { return true }
        if path.count >= 2, path[0] == "config", ["pre_hook", "post_hook", "loaded_at_query"].contains(path[1]) { return true }
        if path.count >= 3, ["columns", "dimensions", "measures", "entities"].contains(path[0]),
           ["tests", "data_tests", "description"].contains(path[2]) { return true }
        return false
    }

    /// A source's own keys left unrendered (its tables are rendered one by one, by
    /// keptUnrendered); `meta` is rendered natively elsewhere, as flowc reads it.
    static func keptUnrenderedInSource(_ path: [String]) -> Bool {
        guard let first = path.first else { return false }
        if ["description", "loaded_at_query", "tables", "meta"].contains(first) { return true }
        return path.count >= 2 && first == "config" && ["loaded_at_query", "meta"].contains(path[1])
    }

    /// A source table's keys left unrendered; `meta` is rendered natively elsewhere.
    static func keptUnrenderedInTable(_ path: [String]) -> Bool {
        if path.first == "meta" || (path.count >= 2 && path[0] == "config" && path[1] == "meta") { return true }
        return keptUnrendered(path)
    }
}
