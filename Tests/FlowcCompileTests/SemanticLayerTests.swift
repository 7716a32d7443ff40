// The semantic layer as dbt 1.11 parses it: the manifest entries of semantic models, metrics
// (of every type, and those created from measures) and saved queries, compared with what
// dbt-core 1.11.16 wrote for the same project (Fixtures/semantic), and the DAG edges, the
// selection methods and the errors.
import FlowcGraph
import FlowcProject
import Foundation
import Testing

@Suite struct SemanticLayerTests {
    static func fixture() throws -> TestProject {
        let dir = try #require(Bundle.module.url(forResource: "semantic", withExtension: nil, subdirectory: "Fixtures"))
        return try TestProject(copying: dir.path)
    }

    @Test func entriesAreWhatDbtWrites() throws {
        let p = try Self.fixture()
        defer { p.remove() }
        let m = try p.build().manifest
        let expected = try String(contentsOfFile: p.root + "/dbt-1.11.16-expected.jsonl", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let ids = ["semantic_model.p.orders", "metric.p.avg_order", "metric.p.order_total", "metric.p.conv",
                   "metric.p.cum_rev", "metric.p.rev_growth", "saved_query.p.rev_by_day"]
        #expect(expected.count == ids.count)
        for (id, want) in zip(ids, expected) {
            let r = try #require(m.semanticResources[id], "\(id) missing")
            guard case .object(var o) = ManifestWriter.semantic(r, createdAt: 0, manifest: m,
                                                                 relationName: { "\"postgres\".\"public\".\"\($0.alias)\"" }) else {
                Issue.record("\(id) is not an object")
                continue
            }
            o["created_at"] = nil
            #expect(JSONWriter.string(.object(o)) == want, "\(id)")
        }
        #expect(m.semanticResources.count == 11)
        // the DAG: dbt's parent map for these resources
        #expect(m.parentMap["semantic_model.p.orders"] == ["model.p.orders"])
        #expect(m.parentMap["metric.p.conv"] == ["semantic_model.p.customers", "semantic_model.p.orders"])
        #expect(m.parentMap["metric.p.avg_order"] == ["metric.p.orders_n", "metric.p.revenue"])
        #expect(m.parentMap["saved_query.p.rev_by_day"] == ["metric.p.orders_n", "metric.p.revenue"])
        #expect(m.childMap["model.p.orders"] == ["semantic_model.p.orders"])
        #expect(m.childMap["metric.p.revenue"] == ["metric.p.avg_order", "metric.p.rev_growth", "saved_query.p.rev_by_day"])
        // a model's time_spine and a column's granularity
        let spine = try #require(m.nodes["model.p.metricflow_time_spine"])
        #expect(m.timeSpines[spine.uniqueId] == .object(JSONObject([
            ("standard_granularity_column", .string("date_day")), ("custom_granularities", .array([]))])))
        #expect(spine.columns.first?.granularity == "day")
    }

    @Test func semanticManifestIsWhatDbtWrites() throws {
        let p = try Self.fixture()
        defer { p.remove() }
        let m = try p.build().manifest
        let written = JSONWriter.string(SemanticManifest.json(m, relationName: { "\"postgres\".\"public\".\"\($0.alias)\"" }))
        // dbt's file, byte for byte: dbt-semantic-interfaces' fields, order and defaults
        let dbt = try String(contentsOfFile: p.root + "/dbt-1.11.16-semantic_manifest.json", encoding: .utf8)
        #expect(written == dbt)
        #expect(written.contains("\"time_spines\": [{\"node_relation\": {\"alias\": \"metricflow_time_spine\""))
    }

    @Test func olderTimeSpineModelAndCustomGranularities() throws {
        // the older metricflow_time_spine model, without `time_spine:`: dbt's day grain on date_day
        let p = try Self.fixture()
        defer { p.remove() }
        try FileManager.default.removeItem(atPath: p.root + "/models/spine.yml")
        let legacy = SemanticManifest.json(try p.build().manifest, relationName: { "main.\($0.alias)" })
        #expect(legacy["project_configuration"]?["time_spine_table_configurations"] == .array([.object(JSONObject([
            ("location", .string("main.metricflow_time_spine")), ("column_name", .string("date_day")), ("grain", .string("day"))]))]))
        #expect(legacy["project_configuration"]?["time_spines"] == .array([]))
        // custom granularities, with and without column_name
        try """
            version: 2
            models:
              - name: metricflow_time_spine
                time_spine:
                  standard_granularity_column: date_day
                  custom_granularities: [{name: fiscal_q, column_name: fq}, {name: retail_q}]
                columns: [{name: date_day, granularity: day}, {name: fq}, {name: retail_q}]
            """.write(toFile: p.root + "/models/spine.yml", atomically: false, encoding: .utf8)
        let custom = SemanticManifest.json(try p.build().manifest, relationName: { "main.\($0.alias)" })
        #expect(custom["project_configuration"]?["time_spine_table_configurations"] == .array([]))
        #expect(custom["project_configuration"]?["time_spines"]?.arrayValue?.first?["custom_granularities"] == .array([
            .object(JSONObject([("name", .string("fiscal_q")), ("column_name", .string("fq"))])),
            .object(JSONObject([("name", .string("retail_q")), ("column_name", .null)]))]))
    }

    @Test func timeSpineMistakesAreErrors() throws {
        func errors(_ spine: String) throws -> [String] {
            try loadBuildErrors(["models/orders.sql": "select 1 as id", "models/spine.sql": "select 1 as d",
                                 "models/spine.yml": "version: 2\nmodels:\n  - name: spine\n" + spine])
        }
        #expect(try errors("    time_spine: {standard_granularity_column: dat}\n    columns: [{name: date_day, granularity: day}]\n")
                == ["models/spine.yml:4:47 the time spine column 'dat' of model 'spine' is not one of its columns (its columns are date_day)"])
        #expect(try errors("    time_spine: {standard_granularity_column: date_dy}\n    columns: [{name: date_day, granularity: day}]\n")
                == ["models/spine.yml:4:47 the time spine column 'date_dy' of model 'spine' is not one of its columns (did you mean 'date_day'?)"])
        #expect(try errors("    time_spine: {standard_granularity_column: d}\n    columns: [{name: d}]\n")
                == ["models/spine.yml:4:47 the time spine column 'd' of model 'spine' has no granularity (give the column `granularity: day` (or its grain) under `columns:`, as dbt requires)"])
        #expect(try errors("    time_spine:\n      standard_granularity_column: d\n      custom_granularities: [{name: q}, {name: r, column_name: d}]\n    columns: [{name: d, granularity: day}]\n")
                == ["models/spine.yml:6:29 the time spine of model 'spine' names custom granularity columns it does not have: q (its columns are d)"])
        // a semantic layer whose only time spine is coarser than a day has none, as in dbt
        let month = try loadBuildErrors([
            "models/orders.sql": "select 1 as id, 1 as m", "models/spine.sql": "select 1 as m",
            "models/spine.yml": "version: 2\nmodels:\n  - name: spine\n    time_spine: {standard_granularity_column: m}\n    columns: [{name: m, granularity: month}]\n",
            "models/sem.yml": """
                version: 2
                semantic_models:
                  - name: orders
                    model: ref('orders')
                    entities: [{name: id, type: primary}]
                """,
        ])
        #expect(month.count == 1 && month.first?.hasPrefix("models/sem.yml:3:11 the semantic layer requires a time spine model with granularity day or smaller") == true, "\(month)")
    }

    @Test func selectionFindsThemAsDbtDoes() throws {
        let p = try Self.fixture()
        defer { p.remove() }
        let graph = try p.build().manifest.selectionGraph
        func select(_ s: String) throws -> [String] { try NodeSelection.select(graph, select: [s], exclude: nil).sorted() }
        #expect(try select("+metric:avg_order") == ["metric.p.avg_order", "metric.p.orders_n", "metric.p.revenue",
                                                    "model.p.orders", "semantic_model.p.orders"])
        #expect(try select("semantic_model:customers+") == ["metric.p.conv", "semantic_model.p.customers"])
        #expect(try select("saved_query:rev_*") == ["saved_query.p.rev_by_day"])
        #expect(try select("resource_type:metric").count == 8)
        #expect(try select("tag:daily") == ["saved_query.p.rev_by_day"])
    }

    @Test func exposureDependsOnMetrics() throws {
        let p = try Self.fixture()
        defer { p.remove() }
        try """
            version: 2
            exposures:
              - name: dash
                type: dashboard
                owner: {email: a@b.c}
                depends_on:
                  - metric('revenue')
                  - metric('p', 'orders_n')
                  - ref('orders')
            """.write(toFile: p.root + "/models/exposures.yml", atomically: false, encoding: .utf8)
        let m = try p.build().manifest
        let x = try #require(m.exposures["exposure.p.dash"])
        // as dbt 1.11 records them: metrics as written, and the metrics among the parents
        #expect(x.metrics == [["revenue"], ["p", "orders_n"]])
        #expect(m.parentMap["exposure.p.dash"]?.sorted() == ["metric.p.orders_n", "metric.p.revenue", "model.p.orders"])
        #expect(m.childMap["metric.p.revenue"] == ["exposure.p.dash", "metric.p.avg_order", "metric.p.rev_growth",
                                                   "saved_query.p.rev_by_day"])
        let resources = ManifestResources(m, projectRoot: p.root, relationName: { _ in nil }, sourceRelationName: { _ in nil })
        let json = try #require(resources.json("exposure.p.dash"))
        #expect(JSONWriter.string(json["metrics"] ?? .null) == #"[["revenue"], ["p", "orders_n"]]"#)
        let graph = m.selectionGraph
        #expect(try NodeSelection.select(graph, select: ["metric:revenue+"], exclude: nil, resourceTypes: ["exposure"])
                == ["exposure.p.dash"])
    }

    @Test func exposureOnAMissingMetricIsAnErrorAtItsPlace() throws {
        let errors = try loadBuildErrors([
            "models/orders.sql": "select 1 as id",
            "models/x.yml": """
                version: 2
                exposures:
                  - name: dash
                    type: dashboard
                    owner: {email: a@b.c}
                    depends_on:
                      - metric('nope')
                      - model('orders')
                """,
        ])
        #expect(errors.sorted() == [
            "models/x.yml:7:9 exposure 'dash' depends on a metric named 'nope' which was not found (define the metric under `metrics:` in a .yml file)",
            "models/x.yml:8:9 exposure 'dash' depends on 'model('orders')', which is not a ref(), source() or metric() (write ref('model'), source('source', 'table') or metric('metric'))",
        ], "\(errors)")
    }

    @Test func mistakesAreErrorsAtTheirPlace() throws {
        let errors = try loadBuildErrors([
            "models/orders.sql": "select 1 as id",
            "models/sem.yml": """
                version: 2
                semantic_models:
                  - name: orders
                    model: ref('order')
                    entities:
                      - name: o
                        type: primery
                    measures:
                      - name: total
                        agg: add
                metrics:
                  - name: revenue
                    label: Revenue
                    type: simple
                    type_params:
                      measure: totl
                  - name: nolabel
                    type: derived
                    type_params:
                      metrics: [revenue, missing]
                  - name: windowed
                    label: W
                    type: cumulative
                    type_params:
                      measure: total
                      window: seven days
                saved_queries:
                  - name: q
                    query_params:
                      metrics: [revenu]
                """,
        ])
        #expect(errors.contains("models/sem.yml:3:11 semantic model 'orders' describes ref('order'), which names no model (did you mean 'orders'?)"), "\(errors)")
        #expect(errors.contains("models/sem.yml:7:15 entity 'o' of semantic model 'orders' has the entity type 'primery' (did you mean 'primary'? one of: primary, unique, foreign, natural)"), "\(errors)")
        #expect(errors.contains("models/sem.yml:10:14 measure 'total' of semantic model 'orders' has the aggregation 'add' (one of: sum, min, max, count_distinct, sum_boolean, count, percentile, median, average)"), "\(errors)")
        #expect(errors.contains("models/sem.yml:12:11 metric 'revenue' uses the measure 'totl', which no semantic model has (did you mean 'total'?)"), "\(errors)")
        #expect(errors.contains("models/sem.yml:17:11 metric 'nolabel' has no label (add `label: …` (dbt requires it))"), "\(errors)")
        #expect(errors.contains("models/sem.yml:17:11 metric 'nolabel' uses the metric 'missing', which does not exist (-)"), "\(errors)")
        #expect(errors.contains("models/sem.yml:26:15 metric 'windowed' has the window 'seven days', whose count is not a whole number (write e.g. `window: 28 days`)"), "\(errors)")
        #expect(errors.contains("models/sem.yml:28:11 saved query 'q' uses the metric 'revenu', which does not exist (did you mean 'revenue'?)"), "\(errors)")
        #expect(errors.contains { $0.contains("requires a time spine model") }, "\(errors)")
        #expect(errors.count == 9, "\(errors)")
    }

    /// `path:line:col message (hint)` of each error building the graph reports.
    func loadBuildErrors(_ files: [String: String]) throws -> [String] {
        let p = try TestProject(files.merging(["flowc.yml": "name: p\nprofile: none\n"]) { a, _ in a })
        defer { p.remove() }
        do {
            _ = try p.build()
            return []
        } catch let e as ProjectErrors {
            return e.errors.map { "\($0.span?.description ?? "-") \($0.message) (\($0.hint ?? "-"))" }
        }
    }
}
