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
