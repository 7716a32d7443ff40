// Config values dbt refuses when it parses a project, checked once every config is final
// (project folders, properties YAML and config() calls merged): a docs node_color that is no
// color, a test severity other than warn/error, a snapshot without its strategy's settings, an
// incremental contract without an on_schema_change rule, a column or exposure entry missing
// what dbt requires. dbt stops at the first; flowc reports them all with their places.
import FlowcProject

extension Builder {
    /// Every node's parse-time checks (constraints, config values and their types), run on
    /// both cores since they read every node of a large project, reported in unique-id order;
    /// a disabled node's config types are checked too. Then the properties entries' own.
    mutating func checkNodes(patches: [String: [PropertyPatch]]) {
        let checks = NodeChecks(patches: patches, resolvers: resolvers)
        let nodes = Array(manifest.nodes.values) + Array(manifest.disabled.values)
        let enabledCount = manifest.nodes.count
        let found = parallelSlices(count: nodes.count, threads: options.threads, slices: options.threads * 4) { range in
            range.compactMap { i -> (id: String, checks: NodeChecks)? in
                var c = checks
                c.check(nodes[i], enabled: i < enabledCount)
                return c.diagnostics.isEmpty ? nil : (nodes[i].uniqueId, c)
            }
        }.flatMap { $0 }.sorted { $0.id < $1.id }
        // one place, one error: a folder's value reaches many nodes (merged with their own
        // tags), reported at the first of them by unique id
        var reported: Set<String> = []
        for (_, c) in found {
            for (i, d) in c.diagnostics.enumerated() where c.oncePerPlace[i].map({ reported.insert($0).inserted }) ?? true {
                diagnostics.append(d)
            }
        }
        checkColumnEntries(patches: patches)
    }

    /// Properties entries' columns without a name, and a `docs: show` that is no boolean.
    private mutating func checkColumnEntries(patches: [String: [PropertyPatch]]) {
        var found: [(key: String, diagnostics: [Diagnostic])] = []
        for (key, list) in patches {
            guard let patch = list.first else { continue }
            let before = diagnostics.count
            defer {
                if diagnostics.count > before {
                    found.append((key, Array(diagnostics[before...])))
                    diagnostics.removeSubrange(before...)
                }
            }
            if let show = patch.entry["docs"]?["show"], !NodeChecks.ConfigType.boolean.accepts(show.json) {
                error("docs 'show' of '\(patch.name)' is \(show.scalarText.map { "'\($0)'" } ?? "not a value"), which is not true or false",
                      show.span, hint: "write `docs: {show: true}` or `docs: {show: false}`")
            }
            for column in patch.entry["columns"]?.list ?? [] where column["name"]?.scalarText == nil {
                let kind = key.split(separator: ".").first.map(String.init) ?? "model"
                error("a column of \(kind) '\(patch.name)' has no 'name'", column.span,
                      hint: "every entry under `columns:` starts with `- name: …`")
            }
        }
        for f in found.sorted(by: { $0.key < $1.key }) { diagnostics += f.diagnostics }
    }

}

extension NodeChecks {
    mutating func checkConfigValues(_ node: Node) {
        if node.resourceType != .test, let color = node.config["docs"]?["node_color"]?.stringValue, !Self.isDocsColor(color) {
            error("Invalid color name for docs.node_color: \(color). It is neither a valid HTML color name nor a valid HEX code.",
                  configSpan(node, key: "docs"), hint: "use a color name such as 'teal' or a hex code such as '#1f6feb'")
        }
        switch node.resourceType {
        case .test: checkSeverity(node)
        case .snapshot: checkSnapshotConfig(node)
        case .model: checkIncrementalContract(node)
        default: break
        }
    }

    /// dbt's validate_color: a hex code (#abc, #aabbcc) or one of the HTML color names it knows.
    static func isDocsColor(_ color: String) -> Bool {
        let lower = color.lowercased()
        if lower.hasPrefix("#") {
            let digits = lower.dropFirst()
            return (digits.count == 3 || digits.count == 6) && digits.allSatisfy(\.isHexDigit)
        }
        return htmlColors.contains(lower)
    }

    /// A test's severity, which dbt reads case-insensitively.
    private mutating func checkSeverity(_ node: Node) {
        guard let severity = node.config["severity"], !severity.isNull else { return }
        let text = severity.stringValue ?? JSONWriter.string(severity)
        guard !["warn", "error"].contains(text.lowercased()) else { return }
        error("Severity must be either 'warn' or 'error'. Got '\(text)'", node.span,
              hint: "set `severity: warn` or `severity: error` in the test's config")
    }

    /// dbt's SnapshotConfig.final_validate.
    private mutating func checkSnapshotConfig(_ node: Node) {
        let c = node.config
        let strategy = c["strategy"]?.stringValue ?? ""
        var problem: (String, String)?
        if strategy.isEmpty || !Self.truthy(c["unique_key"]) {
            problem = ("Snapshots must be configured with a 'strategy' and 'unique_key'.", strategy.isEmpty ? "strategy" : "unique_key")
        } else if strategy == "check" {
            if !Self.truthy(c["check_cols"]) {
                problem = ("A snapshot configured with the check strategy must specify a check_cols configuration.", "strategy")
            } else if let cols = c["check_cols"]?.stringValue, cols != "all" {
                problem = ("Invalid value for 'check_cols': \(cols). Expected 'all' or a list of strings.", "check_cols")
            }
        } else if strategy == "timestamp" {
            if !Self.truthy(c["updated_at"]) {
                problem = ("A snapshot configured with the timestamp strategy must specify an updated_at configuration.", "strategy")
            } else if Self.truthy(c["check_cols"]) {
                problem = ("A 'timestamp' snapshot should not have 'check_cols'", "check_cols")
            }
        }
        if problem == nil, let m = c["materialized"]?.stringValue, !m.isEmpty, m != "snapshot" {
            problem = ("A snapshot must have a materialized value of 'snapshot'", "materialized")
        }
        guard let (message, key) = problem else { return }
        error(message, configSpan(node, key: key), hint: "a snapshot needs `strategy` and `unique_key`; `timestamp` also needs `updated_at`, "
              + "`check` needs `check_cols` (a list of columns, or 'all')")
    }

    /// dbt's rule for an incremental model with an enforced contract: a changed query must
    /// either add its new columns or fail, never silently drift from the contract.
    private mutating func checkIncrementalContract(_ node: Node) {
        guard node.config["contract"]?["enforced"]?.boolValue == true, node.materialized == "incremental" else { return }
        let policy = node.config["on_schema_change"]?.stringValue ?? "ignore"
        guard policy != "append_new_columns" && policy != "fail" else { return }
        error("Invalid value for on_schema_change: \(policy). Models materialized as incremental with contracts enabled "
              + "must set on_schema_change to 'append_new_columns' or 'fail'", configSpan(node, key: "contract"),
              hint: "add `on_schema_change: append_new_columns` (or `fail`) to the model's config")
    }

    /// Python's truth of a config value: None, false, 0 and empty strings and lists are false.
    static func truthy(_ v: JSON?) -> Bool {
        switch v {
        case nil, .null?: return false
        case .bool(let b)?: return b
        case .int(let i)?: return i != 0
        case .double(let d)?: return d != 0
        case .string(let s)?: return !s.isEmpty
        case .array(let a)?: return !a.isEmpty
        case .object(let o)?: return !o.isEmpty
        }
    }

    /// The color names dbt's validate_color accepts (its list, which lacks the "grey" spellings).
    static let htmlColors: Set<String> = [
        "aliceblue", "antiquewhite", "aqua", "aquamarine", "azure", "beige", "bisque", "black", "blanchedalmond", "blue",
        "blueviolet", "brown", "burlywood", "cadetblue", "chartreuse", "chocolate", "coral", "cornflowerblue", "cornsilk",
        "crimson", "cyan", "darkblue", "darkcyan", "darkgoldenrod", "darkgray", "darkgreen", "darkkhaki", "darkmagenta",
        "darkolivegreen", "darkorange", "darkorchid", "darkred", "darksalmon", "darkseagreen", "darkslateblue",
        "darkslategray", "darkturquoise", "darkviolet", "deeppink", "deepskyblue", "dimgray", "dodgerblue", "firebrick",
        "floralwhite", "forestgreen", "fuchsia", "gainsboro", "ghostwhite", "gold", "goldenrod", "gray", "green",
        "greenyellow", "honeydew", "hotpink", "indianred", "indigo", "ivory", "khaki", "lavender", "lavenderblush",
        "lawngreen", "lemonchiffon", "lightblue", "lightcoral", "lightcyan", "lightgoldenrodyellow", "lightgray",
        "lightgreen", "lightpink", "lightsalmon", "lightseagreen", "lightskyblue", "lightslategray", "lightsteelblue",
        "lightyellow", "lime", "limegreen", "linen", "magenta", "maroon", "mediumaquamarine", "mediumblue", "mediumorchid",
        "mediumpurple", "mediumseagreen", "mediumslateblue", "mediumspringgreen", "mediumturquoise", "mediumvioletred",
        "midnightblue", "mintcream", "mistyrose", "moccasin", "navajowhite", "navy", "oldlace", "olive", "olivedrab",
        "orange", "orangered", "orchid", "palegoldenrod", "palegreen", "paleturquoise", "palevioletred", "papayawhip",
        "peachpuff", "peru", "pink", "plum", "powderblue", "purple", "rebeccapurple", "red", "rosybrown", "royalblue",
        "saddlebrown", "salmon", "sandybrown", "seagreen", "seashell", "sienna", "silver", "skyblue", "slateblue",
        "slategray", "snow", "springgreen", "steelblue", "tan", "teal", "thistle", "tomato", "turquoise", "violet",
        "wheat", "white", "whitesmoke", "yellow", "yellowgreen",
    ]
}
