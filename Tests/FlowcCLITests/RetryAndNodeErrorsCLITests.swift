// A retry repeats the run it retries (target, vars, flags: run_results.json records them under
// dbt's names) and a test that still fails keeps what is below its model from building. A
// model that needs a var or a macro the project lacks fails alone, when it is compiled, as in
// dbt: every other job of the project still runs.
import Foundation
import Testing

@Suite struct RetryAndNodeErrorsCLITests {
    static let files: [String: String] = Shop.files.merging([
        "models/stg_orders.sql": """
            select id as order_id, customer_id, amount from {{ ref('raw_orders') }}
            {% if var('duplicate', false) %}union all select 1, 10, 1500{% endif %}

            """,
        "models/schema.yml": """
            version: 2
            models:
              - name: stg_orders
                columns:
                  - name: order_id
                    data_tests: [unique]
            """,
    ]) { $1 }

    /// run_results.json's statuses, tests named without their hash suffix.
    func statuses(_ repo: Repo) throws -> [String: String] {
        var out: [String: String] = [:]
        for (id, status) in try repo.results() {
            let parts = id.split(separator: ".")
            out[id.hasPrefix("test.") && parts.count == 4 ? parts.dropLast().joined(separator: ".") : id] = status
        }
        return out
    }

    func args(_ repo: Repo) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/run_results.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return json?["args"] as? [String: Any] ?? [:]
    }

    @Test func retryRepeatsTheTargetVarsAndFlagsOfTheRunItRetries() throws {
        let repo = try Repo(Self.files)
        var r = try repo.flowc("build", "-q", "--target", "prod", "--vars", "{duplicate: true}", "-s", "+stg_orders+")
        #expect(r.status == 1)
        let recorded = try args(repo)
        #expect(recorded["which"] as? String == "build")
        #expect(recorded["target"] as? String == "prod")
        #expect(recorded["vars"] as? [String: Bool] == ["duplicate": true])
        #expect(recorded["select"] as? [String] == ["+stg_orders+"])
        #expect(recorded["full_refresh"] == nil)  // dbt's args leave a false full_refresh out
        #expect(recorded["printer_width"] as? Int == 80)  // and hold dbt's other flags
        let first = try statuses(repo)
        #expect(first["test.shop.unique_stg_orders_order_id"] == "fail", "\(first)")

        // dbt's retry: the previous target and vars; the test fails again (its model was built
        // and is not rerun) and the models below stg_orders stay skipped
        r = try repo.flowc("retry", "--target", "dev")
        #expect(r.status == 1)
        #expect(r.stdout.contains("(target='prod')"), "\(r.stdout)")
        #expect(r.stderr.contains("note: retry repeats the previous run's target and profile ('prod'); ignoring --target dev"),
                "\(r.stderr)")
        #expect(try statuses(repo) == ["test.shop.unique_stg_orders_order_id": "fail",
                                       "model.shop.customers": "skipped", "model.shop.orders": "skipped"])
        #expect(try args(repo)["vars"] as? [String: Bool] == ["duplicate": true])
        // nothing was built into dev, and prod has no customers yet
        let devCustomers = try repo.query("select count(*) from main.sqlite_master where name = 'customers'")
        #expect(devCustomers == [["0"]])
        #expect(try repo.query("select count(*) from prod.sqlite_master where name = 'customers'") == [["0"]])

        // the model rebuilt without the duplicate (its run results elsewhere, so the build's stay
        // the ones to retry) lets the retry through
        r = try repo.flowc("run", "-q", "--target", "prod", "-s", "stg_orders", "--target-path", "repair")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        r = try repo.flowc("retry", "-q")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try statuses(repo) == ["test.shop.unique_stg_orders_order_id": "pass",
                                       "model.shop.customers": "success", "model.shop.orders": "success"])
        #expect(try repo.query("select count(*) from prod.customers") == [["2"]])
    }

    @Test func aTestOnASourceKeepsWhatReadsTheSourceWaitingInBuild() throws {
        let repo = try Repo(Shop.files.merging([
            "models/sources.yml": """
                version: 2
                sources:
                  - name: raw
                    schema: main
                    tables:
                      - name: raw_orders
                        columns:
                          - name: customer_id
                            data_tests: [unique]
                """,
            "models/from_source.sql": "select * from {{ source('raw', 'raw_orders') }}\n",
        ]) { $1 })
        #expect(try repo.flowc("seed", "-q").status == 0)
        let r = try repo.flowc("build", "-q", "-s", "source:raw+")
        #expect(r.status == 1)
        #expect(try statuses(repo) == ["test.shop.source_unique_raw_raw_orders_customer_id": "fail",
                                       "model.shop.from_source": "skipped"])
    }

    @Test func aModelNeedingAMissingVarOrMacroFailsAloneWhenItIsCompiled() throws {
        let repo = try Repo(Shop.files.merging([
            "models/needs_var.sql": "select {{ var('run_date') }} as run_date\n",
            "models/needs_macro.sql": "select {{ no_such_macro() }} as x\n",
            "models/below_var.sql": "select * from {{ ref('needs_var') }}\n",
        ]) { $1 })
        #expect(try repo.flowc("parse").status == 0)
        var r = try repo.flowc("build", "-q", "-s", "+orders")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")

        r = try repo.flowc("run", "-s", "orders", "needs_var+", "needs_macro", "--exclude", "stg_orders")
        #expect(r.status == 1)
        #expect(try statuses(repo) == ["model.shop.orders": "success", "model.shop.needs_var": "error",
                                       "model.shop.below_var": "skipped", "model.shop.needs_macro": "error"])
        #expect(r.stdout.contains("models/needs_var.sql:1:14: error: Required var 'run_date' not found in config"), "\(r.stdout)")
        #expect(r.stdout.contains("models/needs_macro.sql:1:24: error: 'no_such_macro' is undefined"), "\(r.stdout)")

        r = try repo.flowc("compile", "-s", "needs_var")
        #expect(r.status == 2)  // dbt compile: "Encountered an error", exit 2
        #expect(r.stderr.contains("models/needs_var.sql:1:14: error: Required var 'run_date' not found in config"), "\(r.stderr)")
        r = try repo.flowc("run", "-q", "-s", "needs_var+", "--vars", "{run_date: 20261122}")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try repo.query("select run_date from below_var") == [["20261122"]])
    }

    /// dbt 1.11's build: an exposure is a no-op node after its parents (skipped when one fails),
    /// counted in NO-OP and recorded in run_results.json.
    @Test func buildRecordsExposuresAsNoOps() throws {
        let repo = try Repo(Shop.files.merging([
            "models/exposures.yml": """
                version: 2
                exposures:
                  - name: revenue_dashboard
                    type: dashboard
                    owner: {name: Finance}
                    depends_on: [ref('customers')]
                """,
        ]) { $1 })
        var r = try repo.flowc("build")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("NO-OP exposure revenue_dashboard"), "\(r.stdout)")
        #expect(r.stdout.contains("NO-OP=1 TOTAL=5"), "\(r.stdout)")
        #expect(try statuses(repo)["exposure.shop.revenue_dashboard"] == "no-op")
        try repo.write("models/customers.sql", "select customer_id, json('{') as broken from {{ ref('stg_orders') }}\n")
        r = try repo.flowc("build", "-q")
        #expect(r.status == 1)
        #expect(try statuses(repo)["exposure.shop.revenue_dashboard"] == "skipped")
        // run builds models only: no exposure
        #expect(try repo.flowc("run", "-q", "-s", "stg_orders").status == 0)
        #expect(try statuses(repo)["exposure.shop.revenue_dashboard"] == nil)
    }

    /// dbt 1.11's build runs saved queries too: a no-op after the models behind their metrics,
    /// skipped (`SKIP saved_query …`) when one failed; the Finished line sorts kinds as dbt does.
    @Test func buildRecordsSavedQueriesAsNoOps() throws {
        let repo = try Repo(Shop.files.merging([
            "models/spine.sql": "select date('2026-01-01') as date_day\n",
            "models/sem.yml": """
                version: 2
                models:
                  - name: spine
                    time_spine: {standard_granularity_column: date_day}
                    columns: [{name: date_day, granularity: day}]
                semantic_models:
                  - name: orders
                    model: ref('orders')
                    entities: [{name: order_id, type: primary}]
                    measures: [{name: dollars, agg: sum}]
                metrics:
                  - name: revenue
                    label: Revenue
                    type: simple
                    type_params: {measure: dollars}
                saved_queries:
                  - name: revenue_query
                    query_params: {metrics: [revenue]}
                """,
        ]) { $1 })
        var r = try repo.flowc("build")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("NO-OP saved query revenue_query"), "\(r.stdout)")
        #expect(!r.stdout.contains("START saved query"), "\(r.stdout)")
        #expect(r.stdout.contains("Finished running 1 saved query, 1 seed, 4 table models in"), "\(r.stdout)")
        let data = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/run_results.json"))
        let results = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["results"] as? [[String: Any]] ?? []
        let query = try #require(results.first { $0["unique_id"] as? String == "saved_query.shop.revenue_query" })
        #expect(query["status"] as? String == "no-op")
        #expect(query["failures"] as? Int == 0)
        // its metric measures `orders`: when that fails, the saved query is skipped
        try repo.write("models/orders.sql", "select order_id, json('{') as dollars from {{ ref('stg_orders') }}\n")
        r = try repo.flowc("build")
        #expect(r.status == 1)
        #expect(r.stdout.contains("SKIP saved_query revenue_query"), "\(r.stdout)")
        #expect(try statuses(repo)["saved_query.shop.revenue_query"] == "skipped")
    }
}
