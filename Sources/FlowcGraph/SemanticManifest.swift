// dbt's target/semantic_manifest.json, the file MetricFlow reads: the semantic layer in the
// shape of dbt-semantic-interfaces 0.9 (each entry's manifest JSON cut down to that library's
// fields, in its order, with its defaults where the manifest has no such key), plus the project
// configuration with the time spines. dbt writes it beside every manifest it writes.

public enum SemanticManifest {
    /// The version of dbt-semantic-interfaces whose shape this is (dbt-core 1.11 ships 0.9.0).
    static let dsiVersion = ("0", "9", "0")

    public static func json(_ m: Manifest, relationName: (Node) -> String?) -> JSON {
        func entries(_ kind: SemanticResource.Kind, _ shape: Shape) -> JSON {
            let resources = m.semanticResources.values.filter { $0.kind == kind && $0.enabled }
                .sorted { ($0.order, $0.uniqueId) < ($1.order, $1.uniqueId) }
            return .array(resources.map { r in
                shape.project(ManifestWriter.semantic(r, createdAt: 0, manifest: m, relationName: relationName))
            })
        }
        return .object(JSONObject([
            ("semantic_models", entries(.semanticModel, Shape.semanticModel)),
            ("metrics", entries(.metric, Shape.metric)),
            ("project_configuration", projectConfiguration(m, relationName: relationName)),
            ("saved_queries", entries(.savedQuery, Shape.savedQuery)),
        ]))
    }

    /// The time spines of models with `time_spine:`, and dbt's older `metricflow_time_spine`
    /// model (a day grain on `date_day`) when the project has semantic models and that model has
    /// no `time_spine:` of its own.
    static func projectConfiguration(_ m: Manifest, relationName: (Node) -> String?) -> JSON {
        var spines: [JSON] = []
        for (id, spine) in m.timeSpines.sorted(by: { $0.key < $1.key }) {
            guard let n = m.nodes[id], let primary = m.timeSpinePrimaryColumn(id) else { continue }
            spines.append(.object(JSONObject([
                ("node_relation", nodeRelation(n, relationName: relationName)),
                ("primary_column", .object(JSONObject([("name", .string(primary.name)), ("time_granularity", .string(primary.granularity))]))),
                ("custom_granularities", .array((spine["custom_granularities"]?.arrayValue ?? []).map { g in
                    .object(JSONObject([("name", g["name"] ?? .null), ("column_name", g["column_name"] ?? .null)]))
                })),
            ])))
        }
        var legacy: [JSON] = []
        if m.hasSemanticModels, let n = m.legacyTimeSpine, m.timeSpines[n.uniqueId] == nil {
            legacy.append(.object(JSONObject([
                ("location", relationName(n).map { .string($0) } ?? .null), ("column_name", .string("date_day")), ("grain", .string("day")),
            ])))
        }
        return .object(JSONObject([
            ("time_spine_table_configurations", .array(legacy)),
            ("metadata", .null),
            ("dsi_package_version", .object(JSONObject([("major_version", .string(dsiVersion.0)),
                                                         ("minor_version", .string(dsiVersion.1)),
                                                         ("patch_version", .string(dsiVersion.2))]))),
            ("time_spines", .array(spines)),
        ]))
    }

    static let legacySpineModel = "metricflow_time_spine"

    static func nodeRelation(_ n: Node, relationName: (Node) -> String?) -> JSON {
        .object(JSONObject([("alias", .string(n.alias.isEmpty ? n.name : n.alias)), ("schema_name", .string(n.schema)),
                            ("database", n.database.isEmpty ? .null : .string(n.database)),
                            ("relation_name", .string(relationName(n) ?? ""))]))
    }
}

extension Manifest {
    /// Whether the project has an enabled semantic model: dbt's time-spine rules apply then.
    var hasSemanticModels: Bool { semanticResources.values.contains { $0.kind == .semanticModel && $0.enabled } }

    /// A time spine model's standard granularity column and that column's `granularity:`;
    /// nil when the model, the column or its granularity is missing.
    func timeSpinePrimaryColumn(_ id: String) -> (name: String, granularity: String)? {
        guard let n = nodes[id], let column = timeSpines[id]?["standard_granularity_column"]?.stringValue,
              let granularity = n.columns.first(where: { $0.name == column })?.granularity else { return nil }
        return (column, granularity)
    }

    /// dbt's older time spine, the `metricflow_time_spine` model: the root project's, else the
    /// first by unique id.
    var legacyTimeSpine: Node? {
        let models = nodes.values.filter { $0.resourceType == .model && $0.name == SemanticManifest.legacySpineModel }
        return models.first { $0.packageName == projectName } ?? models.min { $0.uniqueId < $1.uniqueId }
    }
}

extension SemanticManifest {
    /// A dbt-semantic-interfaces class: its fields in order, each with the shape of its value and
    /// the default written when the manifest entry has no such key.
    indirect enum Shape: Sendable {
        case value
        case list(Shape)
        case object([(name: String, shape: Shape, missing: JSON)])

        /// `value` cut to this shape: objects keep the shape's fields only, in its order.
        func project(_ value: JSON) -> JSON {
            switch (self, value) {
            case (.list(let item), .array(let items)):
                return .array(items.map { item.project($0) })
            case (.object(let fields), .object(let o)):
                var out = JSONObject()
                for f in fields { out[f.name] = o[f.name].map { f.shape.project($0) } ?? f.missing }
                return .object(out)
            default:
                return value
            }
        }

        static func fields(_ names: [String], _ special: [String: (Shape, JSON)] = [:]) -> Shape {
            .object(names.map { name in (name, special[name]?.0 ?? .value, special[name]?.1 ?? .null) })
        }

        static let config = fields(["meta"], ["meta": (.value, .object(JSONObject()))])
        static let filter = fields(["where_filters"], ["where_filters": (.list(fields(["where_sql_template"])), .array([]))])
        static let window = fields(["count", "granularity"])
        static let nodeRelation = fields(["alias", "schema_name", "database", "relation_name"], ["relation_name": (.value, "")])

        static let entity = fields(["name", "description", "type", "role", "expr", "metadata", "label", "config"],
                                   ["config": (config, .null)])
        static let measure = fields(
            ["name", "agg", "description", "create_metric", "expr", "agg_params", "metadata", "non_additive_dimension",
             "agg_time_dimension", "label", "config"],
            ["agg_params": (fields(["percentile", "use_discrete_percentile", "use_approximate_percentile"]), .null),
             "non_additive_dimension": (fields(["name", "window_choice", "window_groupings"]), .null),
             "config": (config, .null)])
        static let dimension = fields(
            ["name", "description", "type", "is_partition", "type_params", "expr", "metadata", "label", "config"],
            ["is_partition": (.value, false),
             "type_params": (fields(["time_granularity", "validity_params"],
                                    ["validity_params": (fields(["is_start", "is_end"]), .null)]), .null),
             "config": (config, .null)])
        static let semanticModel = fields(
            ["name", "defaults", "description", "node_relation", "primary_entity", "entities", "measures", "dimensions",
             "label", "metadata", "config"],
            ["defaults": (fields(["agg_time_dimension"]), .null), "node_relation": (nodeRelation, .null),
             "entities": (.list(entity), .array([])), "measures": (.list(measure), .array([])),
             "dimensions": (.list(dimension), .array([])), "config": (config, .null)])

        static let inputMeasure = fields(["name", "filter", "alias", "join_to_timespine", "fill_nulls_with"],
                                         ["filter": (filter, .null), "join_to_timespine": (.value, false)])
        static let metricInput = fields(["name", "filter", "alias", "offset_window", "offset_to_grain"],
                                        ["filter": (filter, .null), "offset_window": (window, .null)])
        static let typeParams = fields(
            ["measure", "numerator", "denominator", "expr", "window", "grain_to_date", "metrics", "conversion_type_params",
             "cumulative_type_params", "input_measures"],
            ["measure": (inputMeasure, .null), "numerator": (metricInput, .null), "denominator": (metricInput, .null),
             "window": (window, .null), "metrics": (.list(metricInput), .null),
             "conversion_type_params": (fields(
                ["base_measure", "conversion_measure", "entity", "calculation", "window", "constant_properties"],
                ["base_measure": (inputMeasure, .null), "conversion_measure": (inputMeasure, .null),
                 "calculation": (.value, "conversion_rate"), "window": (window, .null),
                 "constant_properties": (.list(fields(["base_property", "conversion_property"])), .null)]), .null),
             "cumulative_type_params": (fields(["window", "grain_to_date", "period_agg"],
                                               ["window": (window, .null), "period_agg": (.value, "first")]), .null),
             "input_measures": (.list(inputMeasure), .array([]))])
        static let metric = fields(
            ["name", "description", "type", "type_params", "filter", "metadata", "label", "config", "time_granularity"],
            ["type_params": (typeParams, .null), "filter": (filter, .null), "config": (config, .null)])

        static let savedQuery = fields(
            ["name", "query_params", "description", "metadata", "label", "exports", "tags"],
            ["query_params": (fields(["metrics", "group_by", "order_by", "limit", "where"],
                                     ["metrics": (.value, .array([])), "group_by": (.value, .array([])),
                                      "order_by": (.value, .array([])), "where": (filter, .null)]), .null),
             "exports": (.list(fields(["name", "config"],
                                      ["config": (fields(["export_as", "schema_name", "alias"]), .null)])), .array([])),
             "tags": (.value, .array([]))])
    }
}
