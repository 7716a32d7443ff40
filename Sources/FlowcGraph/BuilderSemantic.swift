// The semantic layer's YAML (`semantic_models:`, `metrics:`, `saved_queries:`) read as dbt 1.11
// parses it: configs from the project file's `semantic-models:` / `metrics:` / `saved-queries:`
// folders and the entry's `config:`, measures with `create_metric: true` turned into metrics,
// then each resource linked: a semantic model to its `model: ref('…')`, a metric to the semantic
// models holding its measures (or to the metrics it derives from), a saved query to its metrics.
// Models' `time_spine:` properties are read here too: dbt refuses a semantic layer without one.
import FlowcProject

extension Builder {
    mutating func readSemanticLayer() {
        readTimeSpines()
        for scope in scopes {
            for props in scope.properties {
                let file = scope.local(props.path)
                // dbt's order: the semantic manifest lists each kind in the order it was read
                for (kind, items) in [(SemanticResource.Kind.metric, props.metrics),
                                      (.semanticModel, props.semanticModels), (.savedQuery, props.savedQueries)] {
                    // each entry is a mapping with a name (the properties file checked that)
                    for item in items {
                        guard let name = item["name"]?.scalarText else { continue }
                        readSemantic(kind, item, name: name, file: file, scope: scope)
                    }
                }
            }
        }
    }

    /// `time_spine: {standard_granularity_column, custom_granularities}` of model entries.
    mutating func readTimeSpines() {
        for scope in scopes {
            for props in scope.properties {
                for entry in props.models {
                    guard let spine = entry["time_spine"], !spine.isNull, let name = entry["name"]?.scalarText else { continue }
                    let uid = "model.\(scope.name).\(name)"
                    checkTimeSpineColumns(spine, model: name, columns: manifest.nodes[uid]?.columns.map { ($0.name, $0.granularity) }
                                          ?? (entry["columns"]?.list ?? []).compactMap { c in
                                              c["name"]?.scalarText.map { ($0, c["granularity"]?.scalarText) } })
                    manifest.timeSpines[uid] = .object(JSONObject([
                        ("standard_granularity_column", SemanticJSON.text(spine["standard_granularity_column"])),
                        ("custom_granularities", .array((spine["custom_granularities"]?.list ?? []).map { g in
                            .object(JSONObject([("name", SemanticJSON.text(g["name"])),
                                                ("column_name", SemanticJSON.text(g["column_name"]))]))
                        })),
                    ]))
                }
            }
        }
    }

    /// dbt's checks of a time spine: its standard column is one of the model's columns and has a
    /// `granularity:`, and its custom granularities' columns exist.
    mutating func checkTimeSpineColumns(_ spine: YAMLValue, model: String, columns: [(name: String, granularity: String?)]) {
        let names = columns.map(\.name)
        let known = names.isEmpty ? "the model documents no columns" : "its columns are " + names.joined(separator: ", ")
        let standard = spine["standard_granularity_column"]
        if let column = standard?.scalarText {
            if let found = columns.first(where: { $0.name == column }) {
                if found.granularity?.isEmpty ?? true {
                    error("the time spine column '\(column)' of model '\(model)' has no granularity", standard?.span ?? spine.span,
                          hint: "give the column `granularity: day` (or its grain) under `columns:`, as dbt requires")
                }
            } else {
                error("the time spine column '\(column)' of model '\(model)' is not one of its columns", standard?.span ?? spine.span,
                      hint: Suggest.didYouMean(column, names).map { "did you mean '\($0)'?" } ?? known)
            }
        } else {
            error("the time spine of model '\(model)' has no standard_granularity_column", spine.span,
                  hint: "write `time_spine: {standard_granularity_column: date_day}`")
        }
        let missing = (spine["custom_granularities"]?.list ?? []).compactMap { g in
            (g["column_name"]?.scalarText ?? g["name"]?.scalarText).flatMap { names.contains($0) ? nil : $0 }
        }
        if !missing.isEmpty {
            error("the time spine of model '\(model)' names custom granularity columns it does not have: " + missing.joined(separator: ", "),
                  spine["custom_granularities"]?.span ?? spine.span, hint: known)
        }
    }

    /// Defaults, then the project file's folders, then the entry's `config:`; and what dbt
    /// records as unrendered (it leaves the semantic-models and saved-queries folders out).
    func semanticConfig(_ kind: SemanticResource.Kind, fqn: [String], own: YAMLValue?, scope: PackageScope,
                        extra: JSONObject = JSONObject()) -> (JSONObject, JSONObject) {
        var config = JSONObject([("enabled", .bool(true)), ("group", .null), ("meta", .object(JSONObject()))])
        if kind == .savedQuery {
            config["export_as"] = .null
            config["schema"] = .null
            config["cache"] = .object(JSONObject([("enabled", .bool(false))]))
        }
        var unrendered = JSONObject()
        for layer in ConfigResolver.layers(in: scope.config.raw?[kind.projectKey], fqn: fqn) {
            ConfigMerge.apply(layer, to: &config)
            if kind == .metric { ConfigMerge.apply(layer, to: &unrendered) }
        }
        var entry = extra
        if case .object(let o)? = own?.json { for (k, v) in o { entry[k] = v } }
        ConfigMerge.apply(entry, to: &config)
        for (k, v) in entry { unrendered[k] = v }
        return (config, unrendered)
    }

    /// One entry; `config` is what dbt sets for a metric it creates from a measure.
    mutating func readSemantic(_ kind: SemanticResource.Kind, _ item: YAMLValue, name: String, file: String,
                               scope: PackageScope, config generatedConfig: JSONObject = JSONObject()) {
        let (_, rest) = NodeFactory.split(file, roots: scope.config.modelPaths)
        let fqn = [scope.name] + NodeFactory.directories(rest) + [name]
        let uid = "\(kind.rawValue).\(scope.name).\(name)"
        if manifest.semanticResources[uid] != nil {
            error("two \(kind.section.replacingOccurrences(of: "_", with: " ")) are named '\(name)'", item["name"]?.span,
                  hint: "names are unique within a package")
            return
        }
        var problems: [(String, SourceSpan?, String?)] = []
        let shape = SemanticJSON { problems.append(($0, $1, $2)) }
        defer { for p in problems { error(p.0, p.1, hint: p.2) } }
        if let c = item["config"], !c.isNull, !c.isMap {
            problems.append(("the config of \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) '\(name)' must be a mapping, found \(c.kindName)", c.span, nil))
        }
        let (config, unrendered) = semanticConfig(kind, fqn: fqn, own: item["config"], scope: scope, extra: generatedConfig)
        var json = JSONObject([
            ("name", .string(name)), ("resource_type", .string(kind.rawValue)), ("package_name", .string(scope.name)),
            ("path", .string(rest)), ("original_file_path", .string(file)), ("unique_id", .string(uid)),
            ("fqn", .array(fqn.map { .string($0) })),
        ])
        var resource = SemanticResource(kind: kind, uniqueId: uid, name: name, packageName: scope.name, originalFilePath: file,
                                        fqn: fqn, tags: [], enabled: config["enabled"] != .bool(false),
                                        group: Manifest.groupName(config["group"]), json: JSONObject(), span: item["name"]?.span)
        switch kind {
        case .semanticModel:
            let meta = config["meta"] ?? .object(JSONObject())
            let model = item["model"]?.scalarText
            if let model { resource.ref = Self.refCall(model) }
            if model == nil || resource.ref == nil {
                problems.append(("semantic model '\(name)' needs `model: ref('<model>')`", item["model"]?.span ?? item["name"]?.span,
                                 model == nil ? "name the model it describes" : "write it as ref('name'), without {{ }}"))
            }
            json["model"] = SemanticJSON.text(item["model"])
            json["node_relation"] = .null
            json["description"] = SemanticJSON.text(item["description"])
            json["label"] = SemanticJSON.text(item["label"])
            json["defaults"] = item["defaults"].map { d in d.isNull ? .null
                : .object(JSONObject([("agg_time_dimension", SemanticJSON.text(d["agg_time_dimension"]))])) } ?? .null
            json["entities"] = .array((item["entities"]?.list ?? []).map { shape.entity($0, model: name, meta: meta) })
            json["measures"] = .array((item["measures"]?.list ?? []).map { shape.measure($0, model: name, meta: meta) })
            json["dimensions"] = .array((item["dimensions"]?.list ?? []).map { shape.dimension($0, model: name, meta: meta) })
            json["metadata"] = .null
            json["depends_on"] = .null
            json["refs"] = .array(resource.ref.map { r in [.object(JSONObject([
                ("name", .string(r.name)), ("package", r.package.map { .string($0) } ?? .null),
                ("version", r.version.map { .string($0) } ?? .null)]))] } ?? [])
            json["created_at"] = .null
            json["config"] = .object(config)
            json["unrendered_config"] = .object(unrendered)
            json["primary_entity"] = SemanticJSON.text(item["primary_entity"])
            json["group"] = config["group"] ?? .null
            // a measure with `create_metric: true` becomes a simple metric of its own name
            for m in item["measures"]?.list ?? [] where m["create_metric"]?.bool == true {
                guard let measure = m["name"]?.scalarText else { continue }
                let generated: [YAMLValue.Entry] = [
                    (key: "name", keySpan: m.span, value: .string(measure, m.span)),
                    (key: "label", keySpan: m.span, value: m["label"] ?? .string(measure, m.span)),
                    (key: "type", keySpan: m.span, value: .string("simple", m.span)),
                    (key: "type_params", keySpan: m.span, value: .map([
                        (key: "measure", keySpan: m.span, value: .string(measure, m.span)),
                        (key: "expr", keySpan: m.span, value: m["expr"] ?? .string(measure, m.span)),
                    ], m.span)),
                    (key: "description", keySpan: m.span,
                     value: m["description"] ?? .string("Metric created from measure \(measure)", m.span)),
                ]
                var generatedConfig = JSONObject([("enabled", .bool(resource.enabled))])
                if case .object(let meta) = meta, !meta.isEmpty { generatedConfig["meta"] = .object(meta) }
                readSemantic(.metric, .map(generated, m.span), name: measure, file: file, scope: scope, config: generatedConfig)
            }
        case .metric:
            let owner = "metric '\(name)'"
            let type = shape.oneOf(item["type"], SemanticJSON.metricTypes, what: "the type", owner: owner, span: item["name"]?.span)
            if item["label"]?.scalarText == nil {
                problems.append(("metric '\(name)' has no label", item["name"]?.span, "add `label: …` (dbt requires it)"))
            }
            var meta = item["meta"]?.json ?? .object(JSONObject())
            if case .object(let m)? = config["meta"], !m.isEmpty { meta = .object(m) }
            resource.tags = ConfigMerge.asList(item["tags"]?.json ?? .array([])).compactMap(\.stringValue)
            json["description"] = .string(item["description"]?.scalarText ?? "")
            json["label"] = SemanticJSON.text(item["label"])
            json["type"] = type
            json["type_params"] = .object(shape.metricTypeParams(item, type: type.stringValue ?? "", owner: owner))
            json["filter"] = SemanticJSON.filter(item["filter"])
            json["metadata"] = .null
            json["time_granularity"] = SemanticJSON.text(item["time_granularity"])
            json["meta"] = meta
            json["tags"] = .array(resource.tags.map { .string($0) })
            json["config"] = .object(config)
            json["unrendered_config"] = .object(unrendered)
            json["sources"] = .array([])
            json["depends_on"] = .null
            json["refs"] = .array([])
            json["metrics"] = .array([])
            json["created_at"] = .null
            json["group"] = config["group"] ?? .null
        case .savedQuery:
            var tags = Set(ConfigMerge.asList(item["tags"]?.json ?? .array([])).compactMap(\.stringValue))
            for t in ConfigMerge.asList(config["tags"] ?? .null).compactMap(\.stringValue) { tags.insert(t) }
            resource.tags = tags.sorted()
            json["query_params"] = SemanticJSON.queryParams(item["query_params"])
            json["exports"] = .array((item["exports"]?.list ?? []).map { savedQueryExport($0, config: config) })
            json["description"] = SemanticJSON.text(item["description"])
            json["label"] = SemanticJSON.text(item["label"])
            json["metadata"] = .null
            json["config"] = .object(config)
            json["unrendered_config"] = .object(unrendered)
            json["group"] = config["group"] ?? .null
            json["depends_on"] = .null
            json["created_at"] = .null
            json["refs"] = .array([])
            json["tags"] = .array(resource.tags.map { .string($0) })
        }
        resource.json = json
        resource.order = manifest.semanticResources.count
        manifest.semanticResources[uid] = resource
    }

    /// An export: its config over the saved query's, with the relation dbt would name for it.
    func savedQueryExport(_ e: YAMLValue, config: JSONObject) -> JSON {
        let own = e["config"]?.json
        let exportAs = own?["export_as"] ?? config["export_as"] ?? .null
        let schema = own?["schema"]?.stringValue ?? config["schema"]?.stringValue ?? options.target.schema
        let alias = own?["alias"]?.stringValue ?? e["name"]?.scalarText ?? ""
        let database = own?["database"]?.stringValue ?? options.target.database
        return .object(JSONObject([
            ("name", SemanticJSON.text(e["name"])),
            ("config", .object(JSONObject([("export_as", exportAs), ("schema_name", .string(schema)),
                                           ("alias", .string(alias)), ("database", .string(database))]))),
            ("unrendered_config", own ?? .object(JSONObject())),
        ]))
    }

    /// `ref('name')`, `ref('package', 'name')`, `ref('name', v=2)` as written in YAML (a semantic
    /// model's `model:`, an exposure's `depends_on`).
    static func refCall(_ text: String) -> RefCall? {
        guard let args = callArguments(NodeFactory.stripped(text), "ref"), !args.isEmpty else { return nil }
        var positional: [String] = []
        var version: String?
        for a in args {
            let parts = a.split(separator: "=", maxSplits: 1).map { NodeFactory.stripped(String($0)) }
            if parts.count == 2, parts[0] == "v" || parts[0] == "version" { version = parts[1].trimmingCharacters(in: "'\"") }
            else { positional.append(a) }
        }
        switch positional.count {
        case 1: return RefCall(name: positional[0], package: nil, version: version)
        case 2: return RefCall(name: positional[1], package: positional[0], version: version)
        default: return nil
        }
    }
}
