// The project file (flowc.yml or dbt_project.yml) as values: name, profile, the paths where
// resources live, resource configs kept raw for the graph stage, hooks, vars and dispatch.
// `ProjectConfig.parse` reads an already-rendered YAML tree (see ProjectLoader) and reports
// every problem it finds, falling back to dbt's defaults so discovery can still run.

public struct ProjectConfig: Sendable {
    public var name: String
    public var version: String?
    public var profile: String?
    public var configVersion: Int

    public var modelPaths: [String]
    public var macroPaths: [String]
    public var seedPaths: [String]
    public var testPaths: [String]
    public var snapshotPaths: [String]
    public var analysisPaths: [String]
    /// Where `.md` docs blocks live; defaults to all the resource paths above.
    public var docsPaths: [String]
    public var assetPaths: [String]
    public var targetPath: String
    public var logPath: String
    public var packagesInstallPath: String
    public var cleanTargets: [String]

    /// The project's `vars:` as written (not rendered: dbt renders vars where they are used).
    public var vars: YAMLValue?

    /// Resource configs as written under each key (rendered, except pre-/post-hooks), e.g.
    /// `models: {bench: {staging: {+materialized: view}}}`.
    public var models: YAMLValue?
    public var seeds: YAMLValue?
    public var tests: YAMLValue?
    public var dataTests: YAMLValue?
    public var snapshots: YAMLValue?
    public var sources: YAMLValue?
    public var analyses: YAMLValue?
    public var exposures: YAMLValue?
    public var unitTests: YAMLValue?

    /// `on-run-start` / `on-run-end` SQL, unrendered (rendered at run time).
    public var onRunStart: [String]
    public var onRunEnd: [String]
    public var dispatch: [(macroNamespace: String, searchOrder: [String])]
    public var quoting: YAMLValue?
    public var queryComment: YAMLValue?
    public var flags: YAMLValue?
    /// dbt's behaviour flag `skip_nodes_if_on_run_start_fails` (off by default since dbt 1.9):
    /// when on, a failing on-run-start hook skips every node; when off, the nodes still run.
    public var skipNodesIfOnRunStartFails: Bool { flags?["skip_nodes_if_on_run_start_fails"]?.bool == true }
    /// `require-dbt-version`: the dbt versions the project (or package) says it works with.
    public var requireDbtVersion: RequiredDbtVersion?
    /// `restrict-access: true`: this project's protected models may be referenced only from
    /// itself, and its private models only from itself and their group (dbt's model governance
    /// across packages).
    public var restrictAccess = false

    /// "flowc.yml" or "dbt_project.yml".
    public var fileName: String
    /// The whole (rendered) project file, for keys this struct does not name.
    public var raw: YAMLValue?
    /// The project file as written, before its Jinja rendered: dbt's `unrendered_config` keeps
    /// a folder config's text (`+enabled: "{{ var('x') }}"`), not its value.
    public var unrendered: YAMLValue?
    /// sha256 of the project file's text without its surrounding whitespace: dbt's checksum of
    /// every hook the file declares.
    public var fileChecksum = ""

    /// dbt's defaults for a project called `name`.
    public init(name: String, fileName: String) {
        self.name = name
        self.version = nil
        self.profile = nil
        self.configVersion = 2
        self.modelPaths = ["models"]
        self.macroPaths = ["macros"]
        self.seedPaths = ["seeds"]
        self.testPaths = ["tests"]
        self.snapshotPaths = ["snapshots"]
        self.analysisPaths = ["analyses"]
        self.docsPaths = []
        self.assetPaths = []
        self.targetPath = "target"
        self.logPath = "logs"
        self.packagesInstallPath = "dbt_packages"
        self.cleanTargets = ["target", "dbt_packages"]
        self.onRunStart = []
        self.onRunEnd = []
        self.dispatch = []
        self.fileName = fileName
        self.docsPaths = defaultDocsPaths
    }

    /// All resource paths, deduplicated in order: dbt's default for `docs-paths`.
    var defaultDocsPaths: [String] {
        var out: [String] = []
        for p in modelPaths + seedPaths + macroPaths + testPaths + snapshotPaths + analysisPaths where !out.contains(p) {
            out.append(p)
        }
        return out
    }

    /// Every top-level key dbt_project.yml may have (dbt 1.11's schema, its older `modules-path`),
    /// and flowc's own `checks`.
    static let knownKeys: Set<String> = [
        "name", "version", "config-version", "profile", "project-root", "packages", "checks",
        "model-paths", "source-paths", "seed-paths", "data-paths", "test-paths", "analysis-paths",
        "macro-paths", "snapshot-paths", "docs-paths", "asset-paths", "function-paths",
        "target-path", "log-path", "packages-install-path", "modules-path", "clean-targets",
        "on-run-start", "on-run-end", "require-dbt-version", "quoting", "query-comment",
        "models", "seeds", "snapshots", "sources", "tests", "data_tests", "unit_tests", "analyses",
        "exposures", "metrics", "semantic-models", "saved-queries", "functions",
        "vars", "dispatch", "restrict-access", "flags", "dbt-cloud",
    ]

    /// Reads the rendered project tree. Always returns a config (defaults where a key is bad).
    static func parse(_ root: YAMLValue, fileName: String, text: String) -> (ProjectConfig, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func error(_ message: String, _ span: SourceSpan, hint: String? = nil) {
            diagnostics.append(.error(message, at: span, in: text, hint: hint))
        }
        var config = ProjectConfig(name: "", fileName: fileName)
        config.raw = root
        var stripped = Substring(text)
        while stripped.first?.isWhitespace == true { stripped.removeFirst() }
        while stripped.last?.isWhitespace == true { stripped.removeLast() }
        config.fileChecksum = Hashing.sha256Hex(String(stripped))
        guard let entries = root.entries else {
            error("\(fileName) must be a mapping of keys to values, found \(root.kindName)", root.span)
            return (config, diagnostics)
        }

        // name
        if let name = root["name"] {
            if let s = name.scalarText, !s.isEmpty {
                config.name = s
                if !isIdentifier(s) {
                    error("project name '\(s)' is not a valid name", name.span,
                          hint: "use letters, digits and underscores, not starting with a digit")
                }
            } else {
                error("project 'name' must be a non-empty string", name.span)
            }
        } else {
            error("\(fileName) has no 'name'", root.span, hint: "add `name: my_project` at the top")
        }
        config.version = root["version"]?.scalarText
        if let profile = root["profile"] {
            if profile.isNull {
                config.profile = nil
            } else if let s = profile.scalarText {
                config.profile = s
            } else {
                error("'profile' must be a string, found \(profile.kindName)", profile.span)
            }
        }
        if let cv = root["config-version"] {
            if let v = cv.int {
                if v != 2 {
                    error("config-version \(v) is not supported", cv.span,
                          hint: "use `config-version: 2` (or leave it out)")
                }
                config.configVersion = v
            } else {
                error("'config-version' must be an integer, found \(cv.kindName)", cv.span)
            }
        }

        // paths
        func paths(_ keys: [String], _ assign: (inout ProjectConfig, [String]) -> Void) {
            for key in keys {
                guard let value = root[key] else { continue }
                if let list = pathList(value, key: key, error: error) { assign(&config, list) }
                return
            }
        }
        paths(["model-paths", "source-paths"]) { $0.modelPaths = $1 }
        paths(["seed-paths", "data-paths"]) { $0.seedPaths = $1 }
        paths(["macro-paths"]) { $0.macroPaths = $1 }
        paths(["test-paths"]) { $0.testPaths = $1 }
        paths(["snapshot-paths"]) { $0.snapshotPaths = $1 }
        paths(["analysis-paths"]) { $0.analysisPaths = $1 }
        paths(["asset-paths"]) { $0.assetPaths = $1 }
        paths(["clean-targets"]) { $0.cleanTargets = $1 }
        config.docsPaths = config.defaultDocsPaths
        paths(["docs-paths"]) { $0.docsPaths = $1 }
        func single(_ key: String, _ assign: (inout ProjectConfig, String) -> Void) {
            guard let value = root[key] else { return }
            if let s = value.scalarText, !s.isEmpty {
                assign(&config, normalizePath(s))
            } else {
                error("'\(key)' must be a path string, found \(value.kindName)", value.span)
            }
        }
        single("target-path") { $0.targetPath = $1 }
        single("log-path") { $0.logPath = $1 }
        single("packages-install-path") { $0.packagesInstallPath = $1 }

        // raw sections
        config.vars = root["vars"]
        if let vars = config.vars, !vars.isMap, !vars.isNull {
            error("'vars' must be a mapping, found \(vars.kindName)", vars.span)
        }
        config.models = root["models"]
        config.seeds = root["seeds"]
        config.tests = root["tests"]
        config.dataTests = root["data_tests"]
        config.snapshots = root["snapshots"]
        config.sources = root["sources"]
        config.analyses = root["analyses"]
        config.exposures = root["exposures"]
        config.unitTests = root["unit_tests"]
        config.quoting = root["quoting"]
        config.queryComment = root["query-comment"]
        config.flags = root["flags"]
        if let r = root["restrict-access"], !r.isNull {
            if let b = r.bool { config.restrictAccess = b } else {
                error("'restrict-access' must be true or false, found \(r.kindName)", r.span)
            }
        }
        for key in ["models", "seeds", "tests", "data_tests", "snapshots", "sources", "analyses",
                    "exposures", "unit_tests", "quoting", "flags"] {
            if let v = root[key], !v.isMap, !v.isNull {
                error("'\(key)' must be a mapping, found \(v.kindName)", v.span)
            }
        }

        // hooks
        config.onRunStart = hooks(root["on-run-start"], key: "on-run-start", error: error)
        config.onRunEnd = hooks(root["on-run-end"], key: "on-run-end", error: error)

        // dispatch
        if let dispatch = root["dispatch"] {
            config.dispatch = parseDispatch(dispatch, error: error)
        }

        // dbt's ConfigSourcePathDeprecation and ConfigDataPathDeprecation: the old names still work
        for (old, new) in [("source-paths", "model-paths"), ("data-paths", "seed-paths")] {
            if let e = root.entry(old) {
                diagnostics.append(.make(.warning, "the `\(old)` config has been renamed to `\(new)` (deprecated in dbt)",
                                         at: e.keySpan, in: text, hint: "rename `\(old)` to `\(new)` in \(fileName)"))
            }
        }
        if let v = root.entry("require-dbt-version") {
            // a string or a list of strings; anything else is checked as its text, and fails
            let specs: [String]
            if case .list(let items, _) = v.value { specs = items.map(\.description) } else { specs = [v.value.description] }
            config.requireDbtVersion = RequiredDbtVersion(specs: specs, span: v.keySpan, sourceLine: lineText(text, v.keySpan.line))
        }
        // an error, as in dbt ("Additional properties are not allowed"): a misspelt key such as
        // `restrict_access` would otherwise quietly change what the project means
        for entry in entries where !knownKeys.contains(entry.key) {
            let hint = suggestion(entry.key, in: knownKeys).map { "did you mean '\($0)'?" }
                ?? "the project file's keys are dbt's (name, model-paths, models, vars, …) and flowc's checks"
            error("unknown key '\(entry.key)' in \(fileName)", entry.keySpan, hint: hint)
        }
        return (config, diagnostics)
    }

    static func pathList(_ value: YAMLValue, key: String,
                         error: (String, SourceSpan, String?) -> Void) -> [String]? {
        if let s = value.scalarText { return [normalizePath(s)] }
        guard let items = value.list else {
            error("'\(key)' must be a list of paths or one path, found \(value.kindName)", value.span,
                  "e.g. `\(key): [\"models\"]`")
            return nil
        }
        var out: [String] = []
        for item in items {
            guard let s = item.scalarText, !s.isEmpty else {
                error("each entry of '\(key)' must be a path string, found \(item.kindName)", item.span, nil)
                return nil
            }
            out.append(normalizePath(s))
        }
        return out
    }

    static func hooks(_ value: YAMLValue?, key: String, error: (String, SourceSpan, String?) -> Void) -> [String] {
        guard let value, !value.isNull else { return [] }
        if let s = value.string { return [s] }
        guard let items = value.list else {
            error("'\(key)' must be SQL or a list of SQL statements, found \(value.kindName)", value.span, nil)
            return []
        }
        var out: [String] = []
        for item in items {
            if let s = item.scalarText {
                out.append(s)
            } else {
                error("each '\(key)' hook must be a SQL string, found \(item.kindName)", item.span, nil)
            }
        }
        return out
    }

    static func parseDispatch(_ value: YAMLValue,
                              error: (String, SourceSpan, String?) -> Void) -> [(macroNamespace: String, searchOrder: [String])] {
        let hint = "e.g. `dispatch: [{macro_namespace: dbt_utils, search_order: [my_project, dbt_utils]}]`"
        guard let items = value.list else {
            error("'dispatch' must be a list, found \(value.kindName)", value.span, hint)
            return []
        }
        var out: [(macroNamespace: String, searchOrder: [String])] = []
        for item in items {
            guard item.isMap else {
                error("each 'dispatch' entry must be a mapping, found \(item.kindName)", item.span, hint)
                continue
            }
            guard let namespace = item["macro_namespace"]?.scalarText else {
                error("'dispatch' entry has no 'macro_namespace'", item.span, hint)
                continue
            }
            guard let order = item["search_order"], let list = order.list else {
                error("'dispatch' entry for '\(namespace)' needs a 'search_order' list", item.span, hint)
                continue
            }
            var names: [String] = []
            for entry in list {
                if let s = entry.scalarText { names.append(s) } else {
                    error("'search_order' entries must be package names", entry.span, nil)
                }
            }
            out.append((macroNamespace: namespace, searchOrder: names))
        }
        return out
    }
}

/// "./models/" → "models"; "a//b" → "a/b"; backslashes become "/".
func normalizePath(_ path: String) -> String {
    let parts = path.replacingBackslashes.split(separator: "/", omittingEmptySubsequences: true)
        .filter { $0 != "." }
    let joined = parts.joined(separator: "/")
    if path.hasPrefix("/") { return "/" + joined }
    return joined.isEmpty ? "." : joined
}

extension String {
    var replacingBackslashes: String {
        guard contains("\\") else { return self }
        return String(map { $0 == "\\" ? "/" : $0 })
    }
}

/// Letters, digits and underscores, not starting with a digit (dbt's project name rule).
public func isIdentifier(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    for c in s.unicodeScalars where !(c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)) {
        return false
    }
    return true
}

/// The closest of `candidates` to `word` by edit distance, when close enough to be a typo.
func suggestion(_ word: String, in candidates: some Sequence<String>) -> String? {
    var best: (String, Int)?
    let w = Array(word.lowercased().unicodeScalars)
    for candidate in candidates {
        let c = Array(candidate.lowercased().unicodeScalars)
        let d = editDistance(w, c)
        if d <= max(1, min(w.count, c.count) / 3), best.map({ d < $0.1 || (d == $0.1 && candidate < $0.0) }) ?? true {
            best = (candidate, d)
        }
    }
    return best?.0
}

func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for (i, x) in a.enumerated() {
        current[0] = i + 1
        for (j, y) in b.enumerated() {
            current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
