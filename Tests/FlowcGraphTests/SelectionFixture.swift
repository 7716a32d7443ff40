// A small realistic project graph for the selection tests: seeds and sources → staging →
// intermediate → marts → reports, a snapshot, an analysis, an exposure, a second package
// (dbt_audit), generic tests (one on a source, a relationships test with two parents, a
// namespaced dbt_utils test on a model and its ancestor), singular tests and a unit test.
//
//   raw_customers ─┐            erp05.orders ─┬─ stg_erp05__orders ──┐
//   erp05.customers┴ stg_erp05__customers ─┬──┼──────────────────────┴ int_orders_enriched ┐
//                                          │  └─ orders_snapshot                            │
//   crm.contacts ─ stg_crm__contacts ──────┴─ int_customer_contacts ─ dim_customers ─┬─ dim_accounts v1, v2
//   country_codes ─ stg_country_codes ─────────────────────────── fct_orders ◄───────┼──────┘ (int_orders_enriched)
//   fct_orders → rpt_revenue, revenue_adhoc (analysis), weekly_kpis (exposure, also ← dim_customers),
//                dbt_audit.audit_orders (also ← dbt_audit.audit_log)

@testable import FlowcGraph

enum SelectionFixture {
    static func model(
        _ name: String, _ path: String, _ fqn: [String], package: String = "bench",
        materialized: String, tags: [String] = [], config: [String: [String]] = [:],
        access: String? = nil, group: String? = nil, version: String? = nil, latest: String? = nil
    ) -> SelectableNode {
        var cfg = config
        cfg["materialized"] = [materialized]
        let id = "model.\(package).\(name)" + (version.map { ".v\($0)" } ?? "")
        return SelectableNode(
            uniqueId: id, resourceType: "model", name: name, packageName: package, fqn: fqn,
            originalFilePath: path, tags: tags, config: SelectableConfig(flat: cfg), access: access ?? "protected", group: group,
            version: version, latestVersion: latest)
    }

    static func genericTest(
        _ id: String, _ name: String, testName: String, path: String, fqn: [String],
        attached: String, package: String = "bench", tags: [String] = []
    ) -> SelectableNode {
        SelectableNode(
            uniqueId: id, resourceType: "test", name: name, packageName: package, fqn: fqn,
            originalFilePath: path, tags: tags, config: ["materialized": ["test"], "severity": ["ERROR"]],
            testType: "generic", testName: testName, attachedNode: attached)
    }

    static func singularTest(_ name: String, path: String, fqn: [String]) -> SelectableNode {
        SelectableNode(
            uniqueId: "test.bench.\(name)", resourceType: "test", name: name, packageName: "bench", fqn: fqn,
            originalFilePath: path, config: ["materialized": ["test"]], testType: "singular")
    }

    static func source(_ source: String, _ table: String, path: String, tags: [String] = []) -> SelectableNode {
        SelectableNode(
            uniqueId: "source.bench.\(source).\(table)", resourceType: "source", name: table, packageName: "bench",
            fqn: ["bench", "staging", source, source, table], originalFilePath: path, tags: tags,
            sourceName: source)
    }

    static let nodes: [SelectableNode] = [
        // Seeds
        SelectableNode(
            uniqueId: "seed.bench.raw_customers", resourceType: "seed", name: "raw_customers", packageName: "bench",
            fqn: ["bench", "raw_customers"], originalFilePath: "seeds/raw_customers.csv",
            config: ["materialized": ["seed"]]),
        SelectableNode(
            uniqueId: "seed.bench.country_codes", resourceType: "seed", name: "country_codes", packageName: "bench",
            fqn: ["bench", "reference", "country_codes"], originalFilePath: "seeds/reference/country_codes.csv",
            tags: ["reference"], config: ["materialized": ["seed"]]),
        // Sources
        source("erp05", "orders", path: "models/staging/erp05/_erp05__sources.yml", tags: ["erp"]),
        source("erp05", "customers", path: "models/staging/erp05/_erp05__sources.yml", tags: ["erp"]),
        source("crm", "contacts", path: "models/staging/crm/_crm__sources.yml"),
        // Staging
        model("stg_erp05__orders", "models/staging/erp05/stg_erp05__orders.sql",
              ["bench", "staging", "erp05", "stg_erp05__orders"], materialized: "view", tags: ["staging", "erp"]),
        model("stg_erp05__customers", "models/staging/erp05/stg_erp05__customers.sql",
              ["bench", "staging", "erp05", "stg_erp05__customers"], materialized: "view", tags: ["staging", "erp"]),
        model("stg_crm__contacts", "models/staging/crm/stg_crm__contacts.sql",
              ["bench", "staging", "crm", "stg_crm__contacts"], materialized: "view", tags: ["staging"]),
        model("stg_country_codes", "models/staging/stg_country_codes.sql",
              ["bench", "staging", "stg_country_codes"], materialized: "view", tags: ["staging"]),
        // Intermediate
        model("int_orders_enriched", "models/intermediate/int_orders_enriched.sql",
              ["bench", "intermediate", "int_orders_enriched"], materialized: "ephemeral"),
        model("int_customer_contacts", "models/intermediate/int_customer_contacts.sql",
              ["bench", "intermediate", "int_customer_contacts"], materialized: "ephemeral"),
        // Marts
        model("fct_orders", "models/marts/finance/fct_orders.sql", ["bench", "marts", "finance", "fct_orders"],
              materialized: "table", tags: ["nightly", "finance"],
              config: ["cluster_by": ["order_date", "customer_id"], "meta.owner": ["finance-team"]],
              access: "public", group: "finance"),
        model("dim_customers", "models/marts/core/dim_customers.sql", ["bench", "marts", "core", "dim_customers"],
              materialized: "table", tags: ["nightly"], group: "core"),
        model("dim_accounts", "models/marts/core/dim_accounts_v1.sql", ["bench", "marts", "core", "dim_accounts", "v1"],
              materialized: "table", access: "public", group: "core", version: "1", latest: "2"),
        model("dim_accounts", "models/marts/core/dim_accounts_v2.sql", ["bench", "marts", "core", "dim_accounts", "v2"],
              materialized: "table", access: "public", group: "core", version: "2", latest: "2"),
        model("rpt_revenue", "models/reports/rpt_revenue.sql", ["bench", "reports", "rpt_revenue"],
              materialized: "incremental", tags: ["nightly", "reporting"], access: "private", group: "finance"),
        // Snapshot, analysis, exposure
        SelectableNode(
            uniqueId: "snapshot.bench.orders_snapshot", resourceType: "snapshot", name: "orders_snapshot",
            packageName: "bench", fqn: ["bench", "orders_snapshot"], originalFilePath: "snapshots/orders_snapshot.sql",
            config: ["materialized": ["snapshot"]]),
        SelectableNode(
            uniqueId: "analysis.bench.revenue_adhoc", resourceType: "analysis", name: "revenue_adhoc",
            packageName: "bench", fqn: ["bench", "analysis", "revenue_adhoc"], originalFilePath: "analyses/revenue_adhoc.sql"),
        SelectableNode(
            uniqueId: "exposure.bench.weekly_kpis", resourceType: "exposure", name: "weekly_kpis",
            packageName: "bench", fqn: ["bench", "marts", "weekly_kpis"], originalFilePath: "models/marts/exposures.yml"),
        // Second package
        model("audit_log", "models/audit_log.sql", ["dbt_audit", "audit_log"], package: "dbt_audit",
              materialized: "table", tags: ["audit"]),
        model("audit_orders", "models/audit/audit_orders.sql", ["dbt_audit", "audit", "audit_orders"],
              package: "dbt_audit", materialized: "view", tags: ["audit"]),
        // Generic tests
        genericTest("test.bench.unique_stg_erp05__orders_order_id.1a2b3c4d5e", "unique_stg_erp05__orders_order_id",
                    testName: "unique", path: "models/staging/erp05/_erp05__models.yml",
                    fqn: ["bench", "staging", "erp05", "unique_stg_erp05__orders_order_id"],
                    attached: "model.bench.stg_erp05__orders"),
        genericTest("test.bench.not_null_stg_erp05__orders_order_id.2b3c4d5e6f", "not_null_stg_erp05__orders_order_id",
                    testName: "not_null", path: "models/staging/erp05/_erp05__models.yml",
                    fqn: ["bench", "staging", "erp05", "not_null_stg_erp05__orders_order_id"],
                    attached: "model.bench.stg_erp05__orders"),
        genericTest("test.bench.relationships_stg_erp05__orders_customer_id.3c4d5e6f7a",
                    "relationships_stg_erp05__orders_customer_id",
                    testName: "relationships", path: "models/staging/erp05/_erp05__models.yml",
                    fqn: ["bench", "staging", "erp05", "relationships_stg_erp05__orders_customer_id"],
                    attached: "model.bench.stg_erp05__orders"),
        genericTest("test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b", "source_not_null_erp05_orders_order_id",
                    testName: "not_null", path: "models/staging/erp05/_erp05__sources.yml",
                    fqn: ["bench", "staging", "erp05", "source_not_null_erp05_orders_order_id"],
                    attached: "source.bench.erp05.orders", tags: ["erp"]),
        genericTest("test.bench.accepted_values_fct_orders_status.5e6f7a8b9c", "accepted_values_fct_orders_status",
                    testName: "accepted_values", path: "models/marts/finance/_finance__models.yml",
                    fqn: ["bench", "marts", "finance", "accepted_values_fct_orders_status"],
                    attached: "model.bench.fct_orders"),
        genericTest("test.bench.unique_dim_customers_customer_id.6f7a8b9c0d", "unique_dim_customers_customer_id",
                    testName: "unique", path: "models/marts/core/_core__models.yml",
                    fqn: ["bench", "marts", "core", "unique_dim_customers_customer_id"],
                    attached: "model.bench.dim_customers", tags: ["pii"]),
        genericTest("test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e", "dbt_utils_equality_dim_customers",
                    testName: "dbt_utils.equality", path: "models/marts/core/_core__models.yml",
                    fqn: ["bench", "marts", "core", "dbt_utils_equality_dim_customers"],
                    attached: "model.bench.dim_customers"),
        genericTest("test.dbt_audit.not_null_audit_log_id.8b9c0d1e2f", "not_null_audit_log_id",
                    testName: "not_null", path: "models/schema.yml", fqn: ["dbt_audit", "not_null_audit_log_id"],
                    attached: "model.dbt_audit.audit_log", package: "dbt_audit"),
        // Singular tests
        singularTest("assert_revenue_matches_orders", path: "tests/assert_revenue_matches_orders.sql",
                     fqn: ["bench", "assert_revenue_matches_orders"]),
        singularTest("assert_dim_matches_audit", path: "tests/assert_dim_matches_audit.sql",
                     fqn: ["bench", "assert_dim_matches_audit"]),
        // Unit test
        SelectableNode(
            uniqueId: "unit_test.bench.fct_orders.test_fct_orders_totals", resourceType: "unit_test",
            name: "test_fct_orders_totals", packageName: "bench",
            fqn: ["bench", "marts", "finance", "fct_orders", "test_fct_orders_totals"],
            originalFilePath: "models/marts/finance/_finance__models.yml"),
    ]

    static let parentMap: [String: [String]] = [
        "model.bench.stg_erp05__orders": ["source.bench.erp05.orders"],
        "model.bench.stg_erp05__customers": ["source.bench.erp05.customers", "seed.bench.raw_customers"],
        "model.bench.stg_crm__contacts": ["source.bench.crm.contacts"],
        "model.bench.stg_country_codes": ["seed.bench.country_codes"],
        "model.bench.int_orders_enriched": ["model.bench.stg_erp05__orders", "model.bench.stg_erp05__customers"],
        "model.bench.int_customer_contacts": ["model.bench.stg_erp05__customers", "model.bench.stg_crm__contacts"],
        "model.bench.fct_orders": ["model.bench.int_orders_enriched", "model.bench.stg_country_codes"],
        "model.bench.dim_customers": ["model.bench.int_customer_contacts"],
        "model.bench.dim_accounts.v1": ["model.bench.dim_customers"],
        "model.bench.dim_accounts.v2": ["model.bench.dim_customers"],
        "model.bench.rpt_revenue": ["model.bench.fct_orders"],
        "snapshot.bench.orders_snapshot": ["source.bench.erp05.orders"],
        "analysis.bench.revenue_adhoc": ["model.bench.fct_orders"],
        "exposure.bench.weekly_kpis": ["model.bench.fct_orders", "model.bench.dim_customers"],
        "model.dbt_audit.audit_orders": ["model.bench.fct_orders", "model.dbt_audit.audit_log"],
        "test.bench.unique_stg_erp05__orders_order_id.1a2b3c4d5e": ["model.bench.stg_erp05__orders"],
        "test.bench.not_null_stg_erp05__orders_order_id.2b3c4d5e6f": ["model.bench.stg_erp05__orders"],
        "test.bench.relationships_stg_erp05__orders_customer_id.3c4d5e6f7a":
            ["model.bench.stg_erp05__orders", "model.bench.stg_erp05__customers"],
        "test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b": ["source.bench.erp05.orders"],
        "test.bench.accepted_values_fct_orders_status.5e6f7a8b9c": ["model.bench.fct_orders"],
        "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d": ["model.bench.dim_customers"],
        "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e":
            ["model.bench.dim_customers", "model.bench.int_customer_contacts"],
        "test.dbt_audit.not_null_audit_log_id.8b9c0d1e2f": ["model.dbt_audit.audit_log"],
        "test.bench.assert_revenue_matches_orders": ["model.bench.rpt_revenue", "model.bench.fct_orders"],
        "test.bench.assert_dim_matches_audit": ["model.bench.dim_customers", "model.dbt_audit.audit_log"],
        "unit_test.bench.fct_orders.test_fct_orders_totals": ["model.bench.fct_orders"],
    ]

    static let graph = SelectionGraph(nodes: nodes, parentMap: parentMap)

    /// Resource types of `dbt run`, `dbt test`, `dbt build`.
    static let run: Set<String> = ["model"]
    static let test: Set<String> = ["test", "unit_test"]
    static let build: Set<String> = ["model", "seed", "snapshot", "test", "unit_test"]

    /// Selects with the fixture graph.
    static func select(
        _ select: [String]?, exclude: [String]? = nil, types: Set<String>? = nil,
        mode: IndirectSelection = .eager, selectors: [String: SelectorDefinition] = [:], selector: String? = nil
    ) throws -> [String] {
        try NodeSelection.select(
            graph, select: select, exclude: exclude, selectors: selectors, selectorName: selector,
            resourceTypes: types, indirectSelection: mode)
    }

    /// The error a selection throws, rendered.
    static func error(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch let e as SelectionError {
            return e.description
        } catch {
            return "\(error)"
        }
    }
}
