// Sources declared in properties YAML: one SourceTable per table, with dbt's identity
// (`source.<package>.<source>.<table>`), schema/database/identifier defaults and quoting.
import FlowcProject

extension Builder {
    /// Jinja in a properties value (`schema: "{{ target.schema }}"`), rendered as dbt does.
    /// `package` is the project the YAML belongs to: its vars are the ones var() sees.
    mutating func rendered(_ value: String?, worker: RenderWorker?, span: SourceSpan, package: String) -> String? {
        guard let value, value.holdsJinjaTag, let worker else { return value }
        do {
            let t = try worker.environment.parse(value, name: span.file)
            return NodeFactory.stripped(try worker.render(t, state: Self.propertiesState(value, span: span, package: package)))
        } catch {
            diagnostics.append(Diagnostic(templateError: error, inValueAt: span))
            return value
        }
    }

    /// A properties string with Jinja rendered natively, as dbt's SchemaYamlRenderer does: one
    /// non-constant `{{ expr }}` keeps its value's type (`tags: "{{ var('tags') }}"` a list,
    /// `count: "{{ var('hours', 12) }}"` an int); anything else becomes its text.
    mutating func renderedValue(_ value: String, worker: RenderWorker?, span: SourceSpan, package: String) -> YAMLValue {
        guard value.holdsJinjaTag, let worker else { return .string(value, span) }
        do {
            let t = try worker.environment.parse(value, name: span.file)
            let state = Self.propertiesState(value, span: span, package: package)
            if t.yieldsNativeValue { return YAMLValue.from(try worker.renderNative(t, state: state), at: span) }
            return .string(NodeFactory.stripped(try worker.render(t, state: state)), span)
        } catch {
            diagnostics.append(Diagnostic(templateError: error, inValueAt: span))
            return .string(value, span)
        }
    }

    /// Jinja in a source's `meta` values, rendered natively as dbt renders properties YAML
    /// (`is_enabled: "{{ var('x', true) }}"` becomes true, which Fivetran's packages read).
    mutating func renderedMeta(_ json: JSON, worker: RenderWorker?, span: SourceSpan, package: String) -> JSON {
        switch json {
        case .string(let text) where text.holdsJinjaTag:
            guard let worker else { return json }
            do {
                return JSON(value: try worker.evaluateNative(text, state: Self.propertiesState(text, span: span, package: package)))
            } catch {
                diagnostics.append(Diagnostic(templateError: error, inValueAt: span))
                return json
            }
        case .object(let o):
            var out = JSONObject()
            for (k, v) in o { out[k] = renderedMeta(v, worker: worker, span: span, package: package) }
            return .object(out)
        case .array(let items):
            return .array(items.map { renderedMeta($0, worker: worker, span: span, package: package) })
        default:
            return json
        }
    }

    /// The render state of a value in a properties file: a stand-in node of the file's package
    /// (whose vars var() sees), rendered as at parse time.
    static func propertiesState(_ text: String, span: SourceSpan, package: String) -> NodeState {
        let node = Node(uniqueId: "source.\(package).properties", resourceType: .source, packageName: package,
                        name: "properties", path: span.file, originalFilePath: span.file, fqn: [], rawCode: text,
                        checksum: "", config: JSONObject())
        return NodeState(node: node, mode: .parse)
    }

    mutating func readSources(setup: RenderSetup) {
        let worker = try? RenderWorker(setup: setup)
        let overrides = collectSourceOverrides()
        var used: Set<String> = []
        for scope in scopes {
            for props in scope.properties { readSources(props, scope: scope, worker: worker, overrides: overrides, used: &used) }
        }
        warnUnused(overrides, used: used)
    }

    mutating func readSources(_ props: PropertiesFile, scope: PackageScope, worker: RenderWorker?,
                              overrides: [String: SourceOverride], used: inout Set<String>) {
        let file = scope.local(props.path)
        let (_, rest) = NodeFactory.split(file, roots: scope.config.modelPaths)
        let dirs = NodeFactory.directories(rest)
        for declared in props.sources where declared["overrides"] == nil {
            guard let sourceName = declared["name"]?.string else {
                error("a source needs a name", declared.span)
                continue
            }
            var src = declared
            let override = overrides[scope.name + "." + sourceName]
            if let override {
                used.insert(scope.name + "." + sourceName)
                src = src.overridden(by: override.entry, skipping: ["name", "overrides", "tables", "path"])
            }
            let unrenderedSource = src
            // Jinja in its values (loaded_at_field, freshness, loader, tags, …), as dbt renders them
            src = renderedEntry(src, worker: worker, package: scope.name, keep: Self.keptUnrenderedInSource)
            checkFreshness(src["freshness"])
            checkFreshness(src["config"]?["freshness"])
            if let external = src["external"] {
                // dbt's schema has `external` on tables only
                error("Additional properties are not allowed ('external' was unexpected) in source '\(sourceName)'", external.span,
                      hint: "move `external:` to each table that needs it")
            }
            for declaredTable in src["tables"]?.list ?? [] {
                checkFreshness(declaredTable["freshness"])
                checkFreshness(declaredTable["config"]?["freshness"])
                var table = declaredTable
                if let patch = override?.entry["tables"]?.list?.first(where: { $0["name"]?.scalarText == table["name"]?.scalarText }) {
                    table = table.overridden(by: patch, skipping: ["name"])
                }
                table = renderedEntry(table, worker: worker, package: scope.name, keep: Self.keptUnrenderedInTable)
                guard let tableName = table["name"]?.scalarText else {
                    error("a table of source '\(sourceName)' needs a name", table.span)
                    continue
                }
                let uid = "source.\(scope.name).\(sourceName).\(tableName)"
                if manifest.sources[uid] != nil {
                    error("source '\(sourceName).\(tableName)' is defined twice", table.span)
                    continue
                }
                // (both entries are rendered above)
                let schema = src["schema"]?.scalarText ?? sourceName
                let database = src["database"]?.scalarText ?? options.target.database
                let identifier = table["identifier"]?.scalarText ?? tableName
                let fqn = [scope.name] + dirs + [sourceName, tableName]
                var config = JSONObject([("enabled", true)])
                for layer in resolvers[scope.name]?.folderLayers(.source, fqn: fqn) ?? [] {
                    ConfigMerge.apply(Self.sourceFolderLayer(layer), to: &config)
                }
                var sourceConfig: JSONObject?, tableConfig: JSONObject?
                // config meta rendered natively, as the top-level meta is
                func renderedConfig(_ entry: YAMLValue) -> JSONObject? {
                    guard case .object(var o)? = entry["config"]?.json else { return nil }
                    if let m = o["meta"] { o["meta"] = renderedMeta(m, worker: worker, span: entry["config"]?.span ?? entry.span, package: scope.name) }
                    return o
                }
                if let o = renderedConfig(src) { ConfigMerge.apply(o, to: &config); sourceConfig = o }
                if let o = renderedConfig(table) { ConfigMerge.apply(o, to: &config); tableConfig = o }
                // dbt's source tags: the source's and the table's, top-level and config, sorted (the
                // project file's are left out, see sourceFolderLayer)
                let yamlTags = Set(Builder.entryTags(src) + Builder.entryTags(table)).sorted()
                if !yamlTags.isEmpty { config["tags"] = .array(yamlTags.map { .string($0) }) }
                // dbt's precedence for freshness and the load time: the YAML's levels merged as
                // dbt merges them, over the project's configs
                let freshness = SourceFreshnessConfig.merged([src["freshness"]?.json, sourceConfig?["freshness"],
                                                              table["freshness"]?.json, tableConfig?["freshness"]])
                if let freshness { config["freshness"] = freshness }
                var loadedAt: (field: String?, query: String?) = (nil, nil)
                do {
                    loadedAt = try SourceFreshnessConfig.loadedAt(source: (src, sourceConfig), table: (table, tableConfig))
                } catch let conflict {  // typed: SourceFreshnessConfig.Conflict
                    self.error("Cannot specify both loaded_at_field and loaded_at_query at \(conflict.level) level.",
                               conflict.level == "table" ? table.span : src.span,
                               hint: "keep one: loaded_at_field names a column, loaded_at_query is SQL giving the load time")
                }
                if let field = loadedAt.field { config["loaded_at_field"] = .string(field) }
                if let query = loadedAt.query { config["loaded_at_query"] = .string(query) }
                if table["loaded_at_field"] != nil && loadedAt.field == nil { config["loaded_at_field"] = .null }
                // As for nodes, the root project's `sources: <package>: …` configs come last.
                if !scope.isRoot {
                    for layer in rootResolver?.folderLayers(.source, fqn: fqn) ?? [] {
                        ConfigMerge.apply(Self.sourceFolderLayer(layer), to: &config)
                    }
                }
                var s = SourceTable(uniqueId: uid, packageName: scope.name, sourceName: sourceName, name: tableName,
                                    identifier: identifier, schema: schema, database: database,
                                    originalFilePath: file, path: file, fqn: fqn)
                s.description = table["description"]?.string ?? ""
                if case .map? = table["external"] { s.external = table["external"]?.json }
                s.sourceDescription = src["description"]?.string ?? ""
                s.loader = src["loader"]?.string ?? ""
                s.loadedAtField = config["loaded_at_field"]?.stringValue
                let tableMeta = renderedMeta(table["meta"]?.json ?? .object(JSONObject()), worker: worker,
                                             span: table["meta"]?.span ?? table.span, package: scope.name)
                // dbt's source_meta: the source's meta and its config's
                s.sourceMeta = renderedMeta(src["meta"]?.json ?? .object(JSONObject()), worker: worker,
                                            span: src["meta"]?.span ?? src.span, package: scope.name)
                if case .object(var merged) = s.sourceMeta, case .object(let own)? = sourceConfig?["meta"] {
                    for (k, v) in own { merged[k] = v }
                    s.sourceMeta = .object(merged)
                }
                // meta: the project's, then the source's (its config's included) and the table's
                var meta = config["meta"]?.objectValue ?? JSONObject()
                for level in [s.sourceMeta, tableMeta, tableConfig?["meta"]] {
                    if case .object(let o)? = level { for (k, v) in o { meta[k] = v } }
                }
                if !meta.isEmpty { config["meta"] = .object(meta) }
                s.meta = .object(meta)
                s.tags = config["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
                // what freshness reads, resolved once here: the config's (YAML levels over the project's)
                s.freshness = config["freshness"] ?? .null
                // turned off (`freshness: null`): dbt then writes null
                s.freshnessDisabled = freshness == .null
                if case .object(let q)? = src["quoting"]?.json { s.quoting = q }
                if case .object(let q)? = table["quoting"]?.json { for (k, v) in q { s.quoting[k] = v } }
                s.config = config
                s.columns = PropertyPatch(table, file: file).columns
                s.span = table.span
                s.unrenderedSchema = unrenderedSource["schema"]?.scalarText
                s.unrenderedDatabase = unrenderedSource["database"]?.scalarText
                sourceTableEntries[uid] = table
                if config["enabled"]?.boolValue ?? true {
                    manifest.sources[uid] = s
                    // dbt's parse warning: neither warehouse has metadata to judge freshness by
                    if case .object(let thresholds)? = config["freshness"], SourceFreshnessConfig.isSet(thresholds),
                       loadedAt.field == nil, loadedAt.query == nil {
                        warning("The configured adapter does not support metadata-based freshness. A loaded_at_field must be "
                                + "specified for source '\(sourceName).\(tableName)'.", table.span,
                                hint: "give it `loaded_at_field` (a column) or `loaded_at_query` (SQL), or `freshness: null`")
                    }
                }
            }
        }
    }

    /// A project-file folder config as dbt applies it to sources: `tags` and `loaded_at_field`
    /// come from the YAML only (dbt's source parser reads them there), so the project's are
    /// left out; `freshness`, `meta`, `enabled` and the rest apply.
    static func sourceFolderLayer(_ layer: JSONObject) -> JSONObject {
        var out = JSONObject()
        for (k, v) in layer where !["tags", "loaded_at_field"].contains(ConfigMerge.canonicalKey(k)) { out[k] = v }
        return out
    }

    /// dbt's schema check of a freshness threshold: a period of minute, hour or day and a
    /// whole count (a `period: fortnight` was otherwise never checked at all).
    mutating func checkFreshness(_ freshness: YAMLValue?) {
        for key in ["warn_after", "error_after"] {
            guard let after = freshness?[key], case .map = after else { continue }
            // Jinja in a value is rendered later, and checked by what uses it
            func templated(_ v: YAMLValue) -> Bool { v.scalarText.map { $0.contains("{{") || $0.contains("{%") } ?? false }
            if let period = after["period"], !period.isNull, !templated(period), !["minute", "hour", "day"].contains(period.scalarText ?? "") {
                error("freshness \(key) period '\(period.scalarText ?? period.description)' is not minute, hour or day", period.span,
                      hint: "e.g. {count: 12, period: hour}")
            }
            if let count = after["count"], !count.isNull, !templated(count), count.int == nil {
                error("freshness \(key) count '\(count.scalarText ?? count.description)' is not a whole number", count.span,
                      hint: "e.g. {count: 12, period: hour}")
            }
        }
    }
}
