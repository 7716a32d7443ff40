// A properties ("schema") YAML file: the `models:`, `sources:`, `seeds:`, … lists of entries
// as written, each entry a mapping with its places. Checks only the shape every entry shares
// (a list of mappings, each with a `name`); what the keys mean is the graph stage's business.

public struct PropertiesFile: Sendable {
    public var path: String
    public var version: Int?
    public var models: [YAMLValue]
    public var seeds: [YAMLValue]
    public var snapshots: [YAMLValue]
    public var analyses: [YAMLValue]
    public var macros: [YAMLValue]
    public var exposures: [YAMLValue]
    public var groups: [YAMLValue]
    public var sources: [YAMLValue]
    public var unitTests: [YAMLValue]
    /// The semantic layer: `semantic_models`, `metrics`, `saved_queries`.
    public var semanticModels: [YAMLValue]
    public var metrics: [YAMLValue]
    public var savedQueries: [YAMLValue]
    /// `functions`: kept, not interpreted.
    public var other: [YAMLValue.Entry]
    /// The whole document (nil when the file is empty).
    public var raw: YAMLValue?

    public init(path: String) {
        self.path = path
        version = nil
        models = []
        seeds = []
        snapshots = []
        analyses = []
        macros = []
        exposures = []
        groups = []
        sources = []
        unitTests = []
        semanticModels = []
        metrics = []
        savedQueries = []
        other = []
        raw = nil
    }

    static let sectionKeys = ["models", "seeds", "snapshots", "analyses", "macros", "exposures", "groups",
                              "sources", "unit_tests", "semantic_models", "metrics", "saved_queries"]
    static let otherKeys: Set<String> = ["functions"]

    /// Parses one properties file's text; errors and warnings come back as diagnostics.
    static func parse(path: String, text: String) -> (PropertiesFile, [Diagnostic]) {
        var file = PropertiesFile(path: path)
        let (root, yamlDiagnostics) = YAMLReader.parseFile(text, file: path)
        var diagnostics = yamlDiagnostics
        guard let root else { return (file, diagnostics) }
        file.raw = root
        func error(_ message: String, _ span: SourceSpan, hint: String? = nil) {
            diagnostics.append(.error(message, at: span, in: text, hint: hint))
        }
        guard let entries = root.entries else {
            error("a properties file must be a mapping (`version: 2`, `models:` …), found \(root.kindName)", root.span)
            return (file, diagnostics)
        }
        for entry in entries {
            let key = entry.key
            if key == "version" {
                if let v = entry.value.int {
                    file.version = v
                    if v != 2 {
                        error("properties files are version 2, not \(v)", entry.value.span, hint: "write `version: 2`")
                    }
                } else {
                    error("'version' must be the integer 2, found \(entry.value.kindName)", entry.value.span,
                          hint: "write `version: 2`")
                }
                continue
            }
            if otherKeys.contains(key) {
                file.other.append(entry)
                continue
            }
            guard sectionKeys.contains(key) else {
                let hint = suggestion(key, in: sectionKeys + ["version"] + otherKeys.sorted()).map { "did you mean '\($0)'?" }
                diagnostics.append(.warning("unknown key '\(key)' in a properties file is ignored",
                                            at: entry.keySpan, in: text, hint: hint))
                continue
            }
            let items = section(entry, error: error)
            switch key {
            case "models": file.models = items
            case "seeds": file.seeds = items
            case "snapshots": file.snapshots = items
            case "analyses": file.analyses = items
            case "macros": file.macros = items
            case "exposures": file.exposures = items
            case "groups": file.groups = items
            case "sources": file.sources = items
            case "semantic_models": file.semanticModels = items
            case "metrics": file.metrics = items
            case "saved_queries": file.savedQueries = items
            default: file.unitTests = items
            }
        }
        return (file, diagnostics)
    }

    /// The entries of one section: a list of mappings, each with a string `name`.
    static func section(_ entry: YAMLValue.Entry, error: (String, SourceSpan, String?) -> Void) -> [YAMLValue] {
        let key = entry.key
        if entry.value.isNull { return [] }
        guard let items = entry.value.list else {
            error("'\(key)' must be a list of entries (`- name: …`), found \(entry.value.kindName)", entry.value.span, nil)
            return []
        }
        var out: [YAMLValue] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard item.isMap else {
                error("each entry of '\(key)' must be a mapping with a 'name', found \(item.kindName)", item.span, nil)
                continue
            }
            guard let name = item["name"] else {
                error("an entry of '\(key)' has no 'name'", item.span,
                      "every entry starts with `- name: …`")
                continue
            }
            guard let s = name.scalarText, !s.isEmpty else {
                error("'name' must be a non-empty string, found \(name.kindName)", name.span, nil)
                continue
            }
            out.append(item)
        }
        return out
    }
}
