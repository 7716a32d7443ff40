// dbt's warning for folder configs in the project file that apply to nothing
// (`models: {shop: {stagng: {+materialized: view}}}`): a misspelt folder silently configures
// nothing otherwise. Paths are found as dbt finds them (every level under a resource type's
// key that holds a setting) and used when some resource of that type, or a disabled node,
// has an fqn starting with the path.
import FlowcProject

extension Builder {
    /// The project file's resource-type keys and the resource type plural each configures.
    static let configPathSections: [(key: String, plural: String)] = [
        ("models", "models"), ("seeds", "seeds"), ("snapshots", "snapshots"), ("sources", "sources"),
        ("data_tests", "data_tests"), ("tests", "data_tests"), ("unit_tests", "unit_tests"), ("metrics", "metrics"),
        ("semantic-models", "semantic_models"), ("saved-queries", "saved_queries"), ("exposures", "exposures"),
    ]

    mutating func warnUnusedConfigPaths() {
        guard let raw = project.config.raw else { return }
        // the configured paths first (a handful), then one pass over the resources marks the
        // ones some fqn starts with
        var pending: [(key: String, plural: String, path: [String], span: SourceSpan)] = []
        for (key, plural) in Self.configPathSections {
            guard let tree = raw[key], tree.isMap else { continue }
            var paths: [(path: [String], span: SourceSpan)] = []
            Self.configPaths(tree, [], tree.span, into: &paths)
            pending += paths.map { (key, plural, $0.path, $0.span) }
        }
        guard !pending.isEmpty else { return }
        var used = [Bool](repeating: false, count: pending.count)
        func mark(_ fqn: [String], _ plural: String?) {
            for i in pending.indices where !used[i] && (plural == nil || pending[i].plural == plural)
                && fqn.starts(with: pending[i].path) {
                used[i] = true
            }
        }
        var plurals: [ResourceType: String] = [:]
        for t in ResourceType.allCases { plurals[t] = Self.plural(t.rawValue) }
        for n in manifest.nodes.values { mark(n.fqn, plurals[n.resourceType]) }
        for s in manifest.sources.values { mark(s.fqn, "sources") }
        for e in manifest.exposures.values { mark(e.fqn, "exposures") }
        for e in manifest.disabledExposures.values { mark(e.fqn, "exposures") }
        for u in manifest.unitTests.values { mark(u.fqn, "unit_tests") }
        for r in manifest.semanticResources.values { mark(r.fqn, Self.plural(r.kind.rawValue)) }
        for d in manifest.disabled.values { mark(d.fqn, nil) }
        // named as dbt names them: `semantic_models.p`, `data_tests.p.x` for a `tests:` key
        let unused = pending.indices.filter { !used[$0] }.map { (path: ([pending[$0].plural] + pending[$0].path).joined(separator: "."),
                                                                  span: pending[$0].span) }
        guard let first = unused.first else { return }
        warning("Configuration paths exist in your dbt_project.yml file which do not apply to any resources.\n"
                + "There are \(unused.count) unused configuration paths:\n"
                + unused.map { "- \($0.path)" }.joined(separator: "\n"),
                first.span, hint: "check the folder names under these keys against the project's folders and packages")
    }

    static func plural(_ type: String) -> String {
        switch type {
        case "test": return "data_tests"
        case "analysis": return "analyses"
        case "saved_query": return "saved_queries"
        default: return type + "s"
        }
    }

    /// dbt's `_get_config_paths`: a mapping under a key without `+` is a deeper level; any other
    /// entry makes the current level a configured path.
    static func configPaths(_ tree: YAMLValue, _ path: [String], _ span: SourceSpan,
                            into paths: inout [(path: [String], span: SourceSpan)]) {
        guard case .map(let entries, _) = tree else { return }
        var settles = false
        for e in entries {
            if e.value.isMap && !e.key.hasPrefix("+") {
                configPaths(e.value, path + [e.key], e.keySpan, into: &paths)
            } else {
                settles = true
            }
        }
        if settles && !paths.contains(where: { $0.path == path }) { paths.append((path, span)) }
    }
}
