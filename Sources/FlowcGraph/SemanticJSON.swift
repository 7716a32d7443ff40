// Semantic-layer YAML entries as dbt 1.11 writes them into the manifest: every optional field
// present (null when not given), enums checked, `filter`/`where` strings wrapped as
// `{"where_filters": [{"where_sql_template": …}]}`, windows such as "7 days" split into a count
// and a granularity. What needs other entries (input measures, depends_on, a semantic model's
// relation) is filled in later by BuilderSemantic.
import FlowcProject

struct SemanticJSON {
    /// Reports a problem with a value: message, place, hint.
    let problem: (String, SourceSpan?, String?) -> Void

    static let entityTypes = ["primary", "unique", "foreign", "natural"]
    static let dimensionTypes = ["categorical", "time"]
    static let aggregations = ["sum", "min", "max", "count_distinct", "sum_boolean", "count", "percentile",
                               "median", "average"]
    static let metricTypes = ["simple", "ratio", "cumulative", "derived", "conversion"]
    static let granularities = ["nanosecond", "microsecond", "millisecond", "second", "minute", "hour", "day",
                                "week", "month", "quarter", "year"]
    static let periodAggregations = ["first", "last", "average"]
    static let conversionCalculations = ["conversion_rate", "conversions"]

    static func text(_ v: YAMLValue?) -> JSON { v?.scalarText.map { .string($0) } ?? .null }
    static func meta(_ v: YAMLValue?) -> JSON { v?.json ?? .object(JSONObject()) }

    /// `value` when it is one of `allowed` (any case, as dbt's enums), else a problem.
    func oneOf(_ v: YAMLValue?, _ allowed: [String], what: String, owner: String, span: SourceSpan?) -> JSON {
        guard let v, !v.isNull else {
            problem("\(owner) has no \(what)", span, "one of: " + allowed.joined(separator: ", "))
            return .null
        }
        let s = (v.scalarText ?? "").lowercased()
        guard allowed.contains(s) else {
            let hint = Suggest.didYouMean(s, allowed).map { "did you mean '\($0)'? " } ?? ""
            problem("\(owner) has \(what) '\(v.scalarText ?? v.kindName)'", v.span, hint + "one of: " + allowed.joined(separator: ", "))
            return .null
        }
        return .string(s)
    }

    static func filter(_ v: YAMLValue?) -> JSON {
        guard let v, !v.isNull else { return .null }
        let items = v.list ?? [v]
        return .object(JSONObject([("where_filters", .array(items.compactMap(\.scalarText).map {
            .object(JSONObject([("where_sql_template", .string($0))]))
        }))]))
    }

    /// "7 days" → {count: 7, granularity: day}, as dbt reads a window.
    func window(_ v: YAMLValue?, owner: String) -> JSON {
        guard let v, !v.isNull else { return .null }
        let text = (v.scalarText ?? "").lowercased()
        let parts = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
            problem("\(owner) has the window '\(v.scalarText ?? "")', which is not `<count> <granularity>`", v.span,
                    "write e.g. `window: 28 days`")
            return .null
        }
        var grain = parts[1]
        if grain.hasSuffix("s"), Self.granularities.contains(String(grain.dropLast())) { grain.removeLast() }
        guard let count = Int(parts[0]), parts[0].allSatisfy(\.isNumber) else {
            problem("\(owner) has the window '\(v.scalarText ?? "")', whose count is not a whole number", v.span,
                    "write e.g. `window: 28 days`")
            return .null
        }
        return .object(JSONObject([("count", .int(count)), ("granularity", .string(grain))]))
    }

    // MARK: semantic models

    func entity(_ e: YAMLValue, model: String, meta: JSON) -> JSON {
        let name = e["name"]?.scalarText ?? ""
        return .object(JSONObject([
            ("name", .string(name)),
            ("type", oneOf(e["type"], Self.entityTypes, what: "the entity type", owner: "entity '\(name)' of semantic model '\(model)'", span: e.span)),
            ("description", Self.text(e["description"])),
            ("label", Self.text(e["label"])),
            ("role", Self.text(e["role"])),
            ("expr", Self.text(e["expr"])),
            ("config", elementConfig(e, meta: meta)),
        ]))
    }

    func measure(_ m: YAMLValue, model: String, meta: JSON) -> JSON {
        let name = m["name"]?.scalarText ?? ""
        let owner = "measure '\(name)' of semantic model '\(model)'"
        var aggParams = JSON.null
        if let p = m["agg_params"], !p.isNull {
            aggParams = .object(JSONObject([
                ("percentile", p["percentile"]?.double.map { .double($0) } ?? .null),
                ("use_discrete_percentile", .bool(p["use_discrete_percentile"]?.bool ?? false)),
                ("use_approximate_percentile", .bool(p["use_approximate_percentile"]?.bool ?? false)),
            ]))
        }
        var nonAdditive = JSON.null
        if let n = m["non_additive_dimension"], !n.isNull {
            nonAdditive = .object(JSONObject([
                ("name", Self.text(n["name"])),
                ("window_choice", n["window_choice"] == nil ? .string("min")
                    : oneOf(n["window_choice"], Self.aggregations, what: "the window choice", owner: owner, span: n.span)),
                ("window_groupings", .array((n["window_groupings"]?.list ?? []).compactMap(\.scalarText).map { .string($0) })),
            ]))
        }
        return .object(JSONObject([
            ("name", .string(name)),
            ("agg", oneOf(m["agg"], Self.aggregations, what: "the aggregation", owner: owner, span: m.span)),
            ("description", Self.text(m["description"])),
            ("label", Self.text(m["label"])),
            // dbt keeps `create_metric` out of the parsed measure (the metric it creates is the record)
            ("create_metric", .bool(false)),
            ("expr", Self.text(m["expr"])),
            ("agg_params", aggParams),
            ("non_additive_dimension", nonAdditive),
            ("agg_time_dimension", Self.text(m["agg_time_dimension"])),
            ("config", elementConfig(m, meta: meta)),
        ]))
    }

    func dimension(_ d: YAMLValue, model: String, meta: JSON) -> JSON {
        let name = d["name"]?.scalarText ?? ""
        let owner = "dimension '\(name)' of semantic model '\(model)'"
        var typeParams = JSON.null
        if let p = d["type_params"], !p.isNull {
            typeParams = .object(JSONObject([
                ("time_granularity", oneOf(p["time_granularity"], Self.granularities, what: "the time granularity", owner: owner, span: p.span)),
                ("validity_params", p["validity_params"]?.json ?? .null),
            ]))
        }
        return .object(JSONObject([
            ("name", .string(name)),
            ("type", oneOf(d["type"], Self.dimensionTypes, what: "the dimension type", owner: owner, span: d.span)),
            ("description", Self.text(d["description"])),
            ("label", Self.text(d["label"])),
            ("is_partition", .bool(d["is_partition"]?.bool ?? false)),
            ("type_params", typeParams),
            ("expr", Self.text(d["expr"])),
            ("metadata", .null),
            ("config", elementConfig(d, meta: meta)),
        ]))
    }

    /// An element's `config: {meta}` over its semantic model's meta, as dbt combines them.
    func elementConfig(_ e: YAMLValue, meta: JSON) -> JSON {
        var merged = JSONObject()
        if case .object(let m) = meta { for (k, v) in m { merged[k] = v } }
        if case .object(let own)? = e["config"]?["meta"]?.json { for (k, v) in own { merged[k] = v } }
        return .object(JSONObject([("meta", .object(merged))]))
    }

    // MARK: metrics

    static func inputMeasure(_ v: YAMLValue?) -> JSON {
        guard let v, !v.isNull else { return .null }
        if let name = v.scalarText { return inputMeasure(name: name) }
        return .object(JSONObject([
            ("name", text(v["name"])),
            ("filter", filter(v["filter"])),
            ("alias", text(v["alias"])),
            ("join_to_timespine", .bool(v["join_to_timespine"]?.bool ?? false)),
            ("fill_nulls_with", v["fill_nulls_with"]?.json ?? .null),
        ]))
    }

    static func inputMeasure(name: String) -> JSON {
        .object(JSONObject([("name", .string(name)), ("filter", .null), ("alias", .null),
                            ("join_to_timespine", .bool(false)), ("fill_nulls_with", .null)]))
    }

    func metricInput(_ v: YAMLValue?, owner: String) -> JSON {
        guard let v, !v.isNull else { return .null }
        if let name = v.scalarText {
            return .object(JSONObject([("name", .string(name)), ("filter", .null), ("alias", .null),
                                       ("offset_window", .null), ("offset_to_grain", .null)]))
        }
        return .object(JSONObject([
            ("name", Self.text(v["name"])),
            ("filter", Self.filter(v["filter"])),
            ("alias", Self.text(v["alias"])),
            ("offset_window", window(v["offset_window"], owner: owner)),
            ("offset_to_grain", Self.text(v["offset_to_grain"])),
        ]))
    }

    /// A metric's `type_params`, without `input_measures` (set once every metric is read).
    func metricTypeParams(_ m: YAMLValue, type: String, owner: String) -> JSONObject {
        let p = m["type_params"]
        let typeWindow = window(p?["window"], owner: owner)
        var cumulative = JSON.null
        if type == "cumulative" {
            let c = p?["cumulative_type_params"]
            let ownWindow = c?["window"].flatMap { $0.isNull ? nil : $0 }
            let grain = c?["grain_to_date"].flatMap { $0.isNull ? nil : $0 } ?? p?["grain_to_date"]
            cumulative = .object(JSONObject([
                ("window", ownWindow.map { window($0, owner: owner) } ?? typeWindow),
                ("grain_to_date", Self.text(grain)),
                ("period_agg", c?["period_agg"] == nil ? .string("first")
                    : oneOf(c?["period_agg"], Self.periodAggregations, what: "the period aggregation", owner: owner, span: c?.span)),
                ("metric", .null),
            ]))
        }
        var conversion = JSON.null
        if let c = p?["conversion_type_params"], !c.isNull {
            conversion = .object(JSONObject([
                ("base_measure", Self.inputMeasure(c["base_measure"])),
                ("conversion_measure", Self.inputMeasure(c["conversion_measure"])),
                ("entity", Self.text(c["entity"])),
                ("calculation", c["calculation"] == nil ? .string("conversion_rate")
                    : oneOf(c["calculation"], Self.conversionCalculations, what: "the calculation", owner: owner, span: c.span)),
                ("window", window(c["window"], owner: owner)),
                ("constant_properties", c["constant_properties"]?.json ?? .null),
            ]))
        }
        var grainToDate = JSON.null
        if let g = p?["grain_to_date"], !g.isNull {
            grainToDate = oneOf(g, Self.granularities, what: "grain_to_date", owner: owner, span: g.span)
        }
        return JSONObject([
            ("measure", Self.inputMeasure(p?["measure"])),
            ("input_measures", .array([])),
            ("numerator", metricInput(p?["numerator"], owner: owner)),
            ("denominator", metricInput(p?["denominator"], owner: owner)),
            ("expr", Self.text(p?["expr"])),
            ("window", typeWindow),
            ("grain_to_date", grainToDate),
            ("metrics", .array((p?["metrics"]?.list ?? []).map { metricInput($0, owner: owner) })),
            ("conversion_type_params", conversion),
            ("cumulative_type_params", cumulative),
            ("metric_aggregation_params", .null),
        ])
    }

    // MARK: saved queries

    static func queryParams(_ q: YAMLValue?) -> JSON {
        let strings: (YAMLValue?) -> JSON = { v in
            .array((v?.list ?? (v?.scalarText.map { [YAMLValue.string($0, .start(of: ""))] } ?? [])).compactMap(\.scalarText).map { .string($0) })
        }
        return .object(JSONObject([
            ("metrics", strings(q?["metrics"])),
            ("group_by", strings(q?["group_by"])),
            ("where", filter(q?["where"])),
            ("order_by", strings(q?["order_by"])),
            ("limit", q?["limit"]?.int.map { .int($0) } ?? .null),
        ]))
    }
}
