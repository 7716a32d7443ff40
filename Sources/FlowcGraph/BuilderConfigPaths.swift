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
        var fqns: [String: [[String]]] = [:]
        for n in manifest.nodes.values { fqns[Self.plural(n.resourceType.rawValue), default: []].append(n.fqn) }
        for s in manifest.sources.values { fqns["sources", default: []].append(s.fqn) }
        for e in manifest.exposures.values { fqns["exposures", default: []].append(e.fqn) }
        for u in manifest.unitTests.values { fqns["unit_tests", default: []].append(u.fqn) }
        for r in manifest.semanticResources.values { fqns[Self.plural(r.kind.rawValue), default: []].append(r.fqn) }
        let disabled = manifest.disabled.values.map(\.fqn)
        var unused: [(path: String, span: SourceSpan)] = []
        for (key, plural) in Self.configPathSections {
            guard let tree = raw[key], tree.isMap else { continue }
            var paths: [(path: [String], span: SourceSpan)] = []
            Self.configPaths(tree, [], tree.span, into: &paths)
            let used = (fqns[plural] ?? []) + disabled
            for p in paths where !used.contains(where: { $0.starts(with: p.path) }) {
                unused.append((path: ([key] + p.path).joined(separator: "."), span: p.span))
            }
        }
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
