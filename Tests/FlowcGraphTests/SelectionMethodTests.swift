// Selector methods, one by one, against the fixture graph (see SelectionFixture.swift).
// Expected lists are written out in full and sorted by unique id.

import Testing
@testable import FlowcGraph

private typealias F = SelectionFixture

@Suite struct SelectionMethodTests {
    // MARK: fqn (the default method)

    @Test func bareNameSelectsTheModelAndItsTestsEagerly() throws {
        #expect(try F.select(["stg_erp05__orders"]) == [
            "model.bench.stg_erp05__orders",
            "test.bench.not_null_stg_erp05__orders_order_id.2b3c4d5e6f",
            "test.bench.relationships_stg_erp05__orders_customer_id.3c4d5e6f7a",
            "test.bench.unique_stg_erp05__orders_order_id.1a2b3c4d5e",
        ])
    }

    @Test func bareNameForRunSelectsOnlyTheModel() throws {
        #expect(try F.select(["stg_erp05__orders"], types: F.run) == ["model.bench.stg_erp05__orders"])
    }

    @Test func packageQualifiedFqn() throws {
        #expect(try F.select(["fqn:bench.staging.erp05.stg_erp05__orders"], types: F.run) == [
            "model.bench.stg_erp05__orders",
        ])
        #expect(try F.select(["fqn:staging.erp05.stg_erp05__orders"], types: F.run) == [
            "model.bench.stg_erp05__orders",
        ])
    }

    @Test func folderPrefixWithoutPackageName() throws {
        // `staging.*` matches the fqn without its package name; tests whose fqn lies in the
        // folder are selected directly (the source test too), sources never by fqn.
        #expect(try F.select(["staging.*"]) == [
            "model.bench.stg_country_codes",
            "model.bench.stg_crm__contacts",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
            "test.bench.not_null_stg_erp05__orders_order_id.2b3c4d5e6f",
            "test.bench.relationships_stg_erp05__orders_customer_id.3c4d5e6f7a",
            "test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b",
            "test.bench.unique_stg_erp05__orders_order_id.1a2b3c4d5e",
        ])
    }

    @Test func packageQualifiedFolder() throws {
        #expect(try F.select(["bench.marts.*"], types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.dim_customers",
            "model.bench.fct_orders",
        ])
        // Without a wildcard a folder prefix works too.
        #expect(try F.select(["marts.core"], types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.dim_customers",
        ])
    }

    @Test func projectNameSelectsItsWholePackage() throws {
        #expect(try F.select(["dbt_audit"]) == [
            "model.dbt_audit.audit_log",
            "model.dbt_audit.audit_orders",
            "test.bench.assert_dim_matches_audit",
            "test.dbt_audit.not_null_audit_log_id.8b9c0d1e2f",
        ])
    }

    @Test func starGlobMatchesAnywhereInTheFqn() throws {
        #expect(try F.select(["*orders*"], types: ["model", "snapshot"]) == [
            "model.bench.fct_orders",
            "model.bench.int_orders_enriched",
            "model.bench.stg_erp05__orders",
            "model.dbt_audit.audit_orders",
            "snapshot.bench.orders_snapshot",
        ])
    }

    @Test func leadingWordGlobMatchesNamesAtAnyDepthLikeDbt11116() throws {
        // dbt 1.11.16 matches a bare wildcard against the dotted fqn (with and without package)
        // and, failing that, against the node's name however deep it sits
        #expect(try F.select(["audit_*"], types: F.run) == ["model.dbt_audit.audit_log", "model.dbt_audit.audit_orders"])
        #expect(try F.select(["stg_*"], types: F.run) == F.select(["*.stg_*"], types: F.run))
        #expect(try F.select(["*.stg_*"], types: F.run) == [
            "model.bench.stg_country_codes",
            "model.bench.stg_crm__contacts",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
        ])
    }

    @Test func questionMarkAndBracketGlobs() throws {
        #expect(try F.select(["*stg_erp05__[oc]*"], types: F.run) == [
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
        ])
        #expect(try F.select(["*.int_????????_contacts"], types: F.run) == ["model.bench.int_customer_contacts"])
        #expect(try F.select(["*.stg_[!e]*"], types: F.run) == [
            "model.bench.stg_country_codes",
            "model.bench.stg_crm__contacts",
        ])
    }

    @Test func versionedModelsByNameAndVersion() throws {
        #expect(try F.select(["dim_accounts"], types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
        ])
        #expect(try F.select(["dim_accounts.v1"], types: F.run) == ["model.bench.dim_accounts.v1"])
    }

    @Test func versionedModelByUnderscoreJoinedName() throws {
        // dbt's fqn match also joins the name and version with '_', as in the model's file name
        #expect(try F.select(["dim_accounts_v2"], types: F.run) == ["model.bench.dim_accounts.v2"])
        #expect(try F.select(["fqn:dim_accounts_v1"], types: F.run) == ["model.bench.dim_accounts.v1"])
        #expect(try F.select(["fqn:marts.core.dim_accounts_v1"], types: F.run) == [])
        #expect(try F.select(["dim_accounts_v3"], types: F.run) == [])
    }

    // MARK: path and file

    @Test func pathDirectorySelectsModelsSourcesAndTestsDefinedThere() throws {
        #expect(try F.select(["path:models/staging/erp05"]) == [
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
            "source.bench.erp05.customers",
            "source.bench.erp05.orders",
            "test.bench.not_null_stg_erp05__orders_order_id.2b3c4d5e6f",
            "test.bench.relationships_stg_erp05__orders_customer_id.3c4d5e6f7a",
            "test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b",
            "test.bench.unique_stg_erp05__orders_order_id.1a2b3c4d5e",
        ])
    }

    @Test func valueWithSlashIsAPath() throws {
        #expect(try F.select(["models/staging/crm"]) == [
            "model.bench.stg_crm__contacts",
            "source.bench.crm.contacts",
        ])
        #expect(try F.select(["models/marts/finance/fct_orders.sql"], types: F.run) == ["model.bench.fct_orders"])
        #expect(try F.select(["path:./models/marts/core/"], types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.dim_customers",
        ])
    }

    @Test func pathGlobs() throws {
        #expect(try F.select(["path:models/*/erp05/stg_*"], types: F.run) == [
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
        ])
        #expect(try F.select(["path:models/**/fct_orders.sql"], types: F.run) == ["model.bench.fct_orders"])
    }

    @Test func pathOfAYAMLFileSelectsTheNodesItPatches() throws {
        // dbt's path method also compares the node's patch_path: a model described in
        // schema.yml is selected by path:models/schema.yml, though defined in its .sql file
        let nodes = [
            SelectableNode(uniqueId: "model.p.a", resourceType: "model", name: "a", packageName: "p", fqn: ["p", "a"],
                           originalFilePath: "models/a.sql", patchPath: "models/schema.yml"),
            SelectableNode(uniqueId: "model.p.b", resourceType: "model", name: "b", packageName: "p", fqn: ["p", "b"],
                           originalFilePath: "models/b.sql"),
            SelectableNode(uniqueId: "seed.p.s", resourceType: "seed", name: "s", packageName: "p", fqn: ["p", "s"],
                           originalFilePath: "seeds/s.csv", patchPath: "models/schema.yml"),
            SelectableNode(uniqueId: "model.p.c", resourceType: "model", name: "c", packageName: "p", fqn: ["p", "sub", "c"],
                           originalFilePath: "models/sub/c.sql", patchPath: "models/sub/c.yml"),
        ]
        let graph = SelectionGraph(nodes: nodes, parentMap: [:])
        func select(_ value: String) throws -> [String] {
            try NodeSelection.select(graph, select: [value], exclude: nil)
        }
        #expect(try select("path:models/schema.yml") == ["model.p.a", "seed.p.s"])
        #expect(try select("path:models/*.yml") == ["model.p.a", "seed.p.s"])
        // a directory reaches patched nodes through their own files only, as dbt
        #expect(try select("path:seeds") == ["seed.p.s"])
        #expect(try select("path:models/sub/c.yml") == ["model.p.c"])
    }

    /// dbt globs `path:` in the root project's directory: a package's node matches only where
    /// the root project has the path too (dbt 1.11.16 with dbt_artifacts installed:
    /// `path:models/staging` selected none of its staging models; `path:models` all of them).
    @Test func pathIsLookedUpInTheRootProject() throws {
        let nodes = [
            SelectableNode(uniqueId: "model.root.a", resourceType: "model", name: "a", packageName: "root", fqn: ["root", "a"],
                           originalFilePath: "models/a.sql"),
            SelectableNode(uniqueId: "model.pkg.stg_x", resourceType: "model", name: "stg_x", packageName: "pkg",
                           fqn: ["pkg", "staging", "stg_x"], originalFilePath: "models/staging/stg_x.sql"),
        ]
        var graph = SelectionGraph(nodes: nodes, parentMap: [:])
        graph.rootPackage = "root"
        func select(_ value: String) throws -> [String] { try NodeSelection.select(graph, select: [value], exclude: nil) }
        #expect(try select("path:models/staging").isEmpty)
        #expect(try select("path:models") == ["model.pkg.stg_x", "model.root.a"])
        #expect(try select("path:models/a.sql") == ["model.root.a"])
    }

    @Test func bareDirectoryNameIsAnFqnValueAsInDbt() throws {
        // dbt 1.11 reads `seeds` as an fqn value (no node is named so): nothing; with a slash
        // or the path method it is the directory
        #expect(try F.select(["seeds"]) == [])
        let seeds = ["seed.bench.country_codes", "seed.bench.raw_customers"]
        #expect(try F.select(["seeds/"]) == seeds)
        #expect(try F.select(["path:seeds"]) == seeds)
    }

    @Test func fileByNameAndStem() throws {
        #expect(try F.select(["file:fct_orders.sql"], types: F.run) == ["model.bench.fct_orders"])
        #expect(try F.select(["fct_orders.sql"], types: F.run) == ["model.bench.fct_orders"])
        #expect(try F.select(["file:stg_erp05__orders"], types: F.run) == ["model.bench.stg_erp05__orders"])
        #expect(try F.select(["file:_erp05__sources.yml"]) == [
            "source.bench.erp05.customers",
            "source.bench.erp05.orders",
            "test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b",
        ])
        #expect(try F.select(["file:dim_accounts_v*.sql"], types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
        ])
    }

    // MARK: tag, config, resource_type

    @Test func tagSelectsTaggedNodesAndTheirTests() throws {
        #expect(try F.select(["tag:nightly"]) == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.rpt_revenue",
            "test.bench.accepted_values_fct_orders_status.5e6f7a8b9c",
            "test.bench.assert_dim_matches_audit",
            "test.bench.assert_revenue_matches_orders",
            "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
            "unit_test.bench.fct_orders.test_fct_orders_totals",
        ])
    }

    @Test func tagOnSourcesAndTests() throws {
        #expect(try F.select(["tag:erp"]) == [
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
            "source.bench.erp05.customers",
            "source.bench.erp05.orders",
            "test.bench.not_null_stg_erp05__orders_order_id.2b3c4d5e6f",
            "test.bench.relationships_stg_erp05__orders_customer_id.3c4d5e6f7a",
            "test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b",
            "test.bench.unique_stg_erp05__orders_order_id.1a2b3c4d5e",
        ])
        #expect(try F.select(["tag:pii"]) == ["test.bench.unique_dim_customers_customer_id.6f7a8b9c0d"])
    }

    @Test func tagWildcard() throws {
        #expect(try F.select(["tag:re*"]) == [
            "model.bench.rpt_revenue",
            "seed.bench.country_codes",
            "test.bench.assert_revenue_matches_orders",
        ])
    }

    @Test func configScalarListAndNestedKeys() throws {
        #expect(try F.select(["config.materialized:view"], types: F.run) == [
            "model.bench.stg_country_codes",
            "model.bench.stg_crm__contacts",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
            "model.dbt_audit.audit_orders",
        ])
        #expect(try F.select(["config.cluster_by:customer_id"], types: F.run) == ["model.bench.fct_orders"])
        #expect(try F.select(["config.meta.owner:finance-team"], types: F.run) == ["model.bench.fct_orders"])
        #expect(try F.select(["config.materialized:seed"]) == [
            "seed.bench.country_codes",
            "seed.bench.raw_customers",
        ])
    }

    /// A manifest node's config is walked as dbt's ConfigSelectorMethod walks it.
    @Test func configOfAManifestNodeMatchesAsDbtDoes() {
        let config = SelectableConfig(JSONObject([
            ("materialized", .string("table")),
            ("enabled", .bool(true)),
            ("severity", .string("ERROR")),
            ("cluster_by", .array([.string("a"), .string("b")])),
            ("meta", .object(JSONObject([("pii", .bool(false)), ("level", .int(3)),
                                         ("owner", .object(JSONObject([("team", .string("finance"))])))]))),
        ]))
        #expect(config.matches(path: ["materialized"], "table"))
        #expect(!config.matches(path: ["materialized"], "TABLE"))
        #expect(config.matches(path: ["enabled"], "True"))
        #expect(!config.matches(path: ["enabled"], "false"))
        #expect(config.matches(path: ["severity"], "error"))
        #expect(config.matches(path: ["cluster_by"], "b"))
        #expect(config.matches(path: ["meta", "pii"], "false"))
        #expect(config.matches(path: ["meta", "owner", "team"], "finance"))
        // dbt compares the selector's string with the value: an int never equals it
        #expect(!config.matches(path: ["meta", "level"], "3"))
        #expect(!config.matches(path: ["meta", "missing"], "x"))
        #expect(!config.matches(path: ["materialized", "deeper"], "table"))
    }

    @Test func resourceType() throws {
        #expect(try F.select(["resource_type:seed"]) == [
            "seed.bench.country_codes",
            "seed.bench.raw_customers",
        ])
        #expect(try F.select(["resource_type:source"]) == [
            "source.bench.crm.contacts",
            "source.bench.erp05.customers",
            "source.bench.erp05.orders",
            "test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b",
        ])
        #expect(try F.select(["resource_type:exposure"]) == ["exposure.bench.weekly_kpis"])
    }

    // MARK: source

    @Test func sourceBySourceAndTable() throws {
        #expect(try F.select(["source:erp05"]) == [
            "source.bench.erp05.customers",
            "source.bench.erp05.orders",
            "test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b",
        ])
        #expect(try F.select(["source:erp05.customers"]) == ["source.bench.erp05.customers"])
        #expect(try F.select(["source:bench.crm.*"]) == ["source.bench.crm.contacts"])
        #expect(try F.select(["source:*"], types: ["source"]) == [
            "source.bench.crm.contacts",
            "source.bench.erp05.customers",
            "source.bench.erp05.orders",
        ])
    }

    @Test func sourceWithChildren() throws {
        #expect(try F.select(["source:erp05.orders+"], types: F.run) == [
            "model.bench.fct_orders",
            "model.bench.int_orders_enriched",
            "model.bench.rpt_revenue",
            "model.bench.stg_erp05__orders",
            "model.dbt_audit.audit_orders",
        ])
    }

    // MARK: tests

    @Test func testTypes() throws {
        #expect(try F.select(["test_type:generic"], types: F.test) == [
            "test.bench.accepted_values_fct_orders_status.5e6f7a8b9c",
            "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e",
            "test.bench.not_null_stg_erp05__orders_order_id.2b3c4d5e6f",
            "test.bench.relationships_stg_erp05__orders_customer_id.3c4d5e6f7a",
            "test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
            "test.bench.unique_stg_erp05__orders_order_id.1a2b3c4d5e",
            "test.dbt_audit.not_null_audit_log_id.8b9c0d1e2f",
        ])
        #expect(try F.select(["test_type:singular"], types: F.test) == [
            "test.bench.assert_dim_matches_audit",
            "test.bench.assert_revenue_matches_orders",
        ])
        #expect(try F.select(["test_type:unit"], types: F.test) == [
            "unit_test.bench.fct_orders.test_fct_orders_totals",
        ])
        #expect(try F.select(["test_type:data"], types: F.test).count == 10)
    }

    @Test func testTypeSchemaIsTheLegacyNameOfGeneric() throws {
        // dbt 1.11 still accepts `test_type:schema`; it selects exactly the generic tests
        let generic = try F.select(["test_type:generic"], types: F.test)
        #expect(generic.count == 8)
        #expect(try F.select(["test_type:schema"], types: F.test) == generic)
    }

    @Test func testNames() throws {
        #expect(try F.select(["test_name:unique"]) == [
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
            "test.bench.unique_stg_erp05__orders_order_id.1a2b3c4d5e",
        ])
        #expect(try F.select(["test_name:not_null"]) == [
            "test.bench.not_null_stg_erp05__orders_order_id.2b3c4d5e6f",
            "test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b",
            "test.dbt_audit.not_null_audit_log_id.8b9c0d1e2f",
        ])
        #expect(try F.select(["test_name:equality"]) == ["test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e"])
        #expect(try F.select(["test_name:dbt_utils.equality"]) == ["test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e"])
        #expect(try F.select(["test_name:accepted_*"]) == ["test.bench.accepted_values_fct_orders_status.5e6f7a8b9c"])
    }

    // MARK: package, access, group, version, exposure

    @Test func packageMethodAndWildcard() throws {
        let expected = [
            "model.dbt_audit.audit_log",
            "model.dbt_audit.audit_orders",
            "test.bench.assert_dim_matches_audit",
            "test.dbt_audit.not_null_audit_log_id.8b9c0d1e2f",
        ]
        #expect(try F.select(["package:dbt_audit"]) == expected)
        #expect(try F.select(["package:dbt_*"]) == expected)
    }

    @Test func packageThisIsTheRootProject() throws {
        var graph = F.graph
        graph.rootPackage = "dbt_audit"
        let select = { (s: String) in try NodeSelection.select(graph, select: [s], exclude: nil, resourceTypes: F.run) }
        #expect(try select("package:this") == ["model.dbt_audit.audit_log", "model.dbt_audit.audit_orders"])
        graph.rootPackage = "bench"
        #expect(try select("package:this").count == 11)
        #expect(try select("package:this").allSatisfy { $0.hasPrefix("model.bench.") })
    }

    @Test func accessAndGroup() throws {
        #expect(try F.select(["access:public"], types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.fct_orders",
        ])
        #expect(try F.select(["access:private"], types: F.run) == ["model.bench.rpt_revenue"])
        #expect(try F.select(["group:finance"], types: F.run) == [
            "model.bench.fct_orders",
            "model.bench.rpt_revenue",
        ])
        #expect(try F.select(["group:c*"], types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.dim_customers",
        ])
    }

    @Test func versionSelectors() throws {
        #expect(try F.select(["version:latest"], types: F.run) == ["model.bench.dim_accounts.v2"])
        #expect(try F.select(["version:old"], types: F.run) == ["model.bench.dim_accounts.v1"])
        #expect(try F.select(["version:prerelease"], types: F.run) == [])
        #expect(try F.select(["version:none"], types: F.run) == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.int_customer_contacts",
            "model.bench.int_orders_enriched",
            "model.bench.rpt_revenue",
            "model.bench.stg_country_codes",
            "model.bench.stg_crm__contacts",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
            "model.dbt_audit.audit_log",
            "model.dbt_audit.audit_orders",
        ])
    }

    @Test func exposureWithParents() throws {
        #expect(try F.select(["+exposure:weekly_kpis"], types: F.run) == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.int_customer_contacts",
            "model.bench.int_orders_enriched",
            "model.bench.stg_country_codes",
            "model.bench.stg_crm__contacts",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
        ])
        #expect(try F.select(["+resource_type:exposure"], types: F.run) == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.int_customer_contacts",
            "model.bench.int_orders_enriched",
            "model.bench.stg_country_codes",
            "model.bench.stg_crm__contacts",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
        ])
    }

    @Test func namedResourceMethods() throws {
        #expect(try F.select(["unit_test:test_fct_*"]) == ["unit_test.bench.fct_orders.test_fct_orders_totals"])
        #expect(try F.select(["exposure:weekly_*"]) == ["exposure.bench.weekly_kpis"])
        #expect(try F.select(["exposure:bench.weekly_kpis"]) == ["exposure.bench.weekly_kpis"])
        #expect(try F.select(["exposure:dbt_audit.weekly_kpis"]) == [])
    }

    @Test func fqnMatchesMetricsSemanticModelsAndSavedQueries() throws {
        // dbt 1.11's fqn method searches every resource but sources
        let nodes = [
            SelectableNode(uniqueId: "metric.p.revenue", resourceType: "metric", name: "revenue", packageName: "p",
                           fqn: ["p", "revenue"], originalFilePath: "models/sm.yml"),
            SelectableNode(uniqueId: "semantic_model.p.sm_orders", resourceType: "semantic_model", name: "sm_orders",
                           packageName: "p", fqn: ["p", "sm_orders"], originalFilePath: "models/sm.yml"),
            SelectableNode(uniqueId: "saved_query.p.sq1", resourceType: "saved_query", name: "sq1", packageName: "p",
                           fqn: ["p", "sq1"], originalFilePath: "models/sm.yml"),
            SelectableNode(uniqueId: "source.p.raw.revenue", resourceType: "source", name: "revenue", packageName: "p",
                           fqn: ["p", "raw", "revenue"], originalFilePath: "models/src.yml", sourceName: "raw"),
        ]
        let graph = SelectionGraph(nodes: nodes, parentMap: [:])
        func select(_ value: String) throws -> [String] {
            try NodeSelection.select(graph, select: [value], exclude: nil)
        }
        #expect(try select("revenue") == ["metric.p.revenue"])
        #expect(try select("sm_orders") == ["semantic_model.p.sm_orders"])
        #expect(try select("p.sq1") == ["saved_query.p.sq1"])
        #expect(try select("*") == ["metric.p.revenue", "saved_query.p.sq1", "semantic_model.p.sm_orders"])
    }

    @Test func unitTestsOfAVersionedModelAreSelectedByTheirOwnName() throws {
        // a unit test of every version of dim_accounts: one per version, fqn ending with the
        // test's name (dbt 1.11's manifest); it is not "versioned" for the fqn rule
        var nodes = ["1", "2"].map { (v: String) in
            SelectableNode(uniqueId: "model.p.dim_accounts.v\(v)", resourceType: "model", name: "dim_accounts",
                           packageName: "p", fqn: ["p", "marts", "dim_accounts", "v\(v)"],
                           originalFilePath: "models/marts/dim_accounts_v\(v).sql",
                           version: v, latestVersion: "2")
        }
        var parents: [String: [String]] = [:]
        for v in ["1", "2"] {
            let id = "unit_test.p.dim_accounts.ut_all_v\(v)"
            nodes.append(SelectableNode(uniqueId: id, resourceType: "unit_test", name: "ut_all", packageName: "p",
                                        fqn: ["p", "marts", "dim_accounts", "ut_all"], originalFilePath: "models/marts/schema.yml",
                                        testType: "unit", testName: "ut_all", version: v))
            parents[id] = ["model.p.dim_accounts.v\(v)"]
        }
        let graph = SelectionGraph(nodes: nodes, parentMap: parents)
        #expect(try NodeSelection.select(graph, select: ["ut_all"], exclude: nil) == [
            "unit_test.p.dim_accounts.ut_all_v1", "unit_test.p.dim_accounts.ut_all_v2",
        ])
        // the model's name selects the versions; their unit tests come indirectly only
        #expect(try NodeSelection.select(graph, select: ["dim_accounts"], exclude: nil, indirectSelection: .empty) == [
            "model.p.dim_accounts.v1", "model.p.dim_accounts.v2",
        ])
    }

    @Test func matchingNothingIsNotAnError() throws {
        #expect(try F.select(["tag:does_not_exist"]) == [])
        #expect(try F.select(["no_such_model+"]) == [])
    }
}

@Suite struct SelectionGlobTests {
    @Test func fnmatchRules() {
        #expect(SelectionGlob.matches("a[b-d]e", "ace"))
        #expect(!SelectionGlob.matches("a[b-d]e", "aee"))
        #expect(SelectionGlob.matches("a[!b]c", "axc"))
        #expect(!SelectionGlob.matches("a[!b]c", "abc"))
        #expect(SelectionGlob.matches("a[]]b", "a]b"))
        #expect(SelectionGlob.matches("x[y", "x[y"))
        #expect(SelectionGlob.matches("*.v?", "dim.v2"))
        #expect(SelectionGlob.matches("a*b*c", "a.b/x.c"))
        #expect(!SelectionGlob.matches("a*b*c", "a.b/x.d"))
        #expect(!SelectionGlob.matches("Stg_*", "stg_orders"))
    }

    @Test func pathGlobComponents() {
        #expect(SelectionPathGlob("models/**").matches(components: ["models", "a", "b.sql"]))
        #expect(SelectionPathGlob("models/**/b.sql").matches(components: ["models", "b.sql"]))
        #expect(!SelectionPathGlob("models/*").matches(components: ["models", "a", "b.sql"]))
        #expect(SelectionPathGlob("./models/a/").matches(components: ["models", "a"]))
    }
}

/// The compiled fqn rule against fqns as nodes carry them.
@Test func fqnPatternsMatchAsDbtDoes() {
    let stg = ["shop", "staging", "stg_orders"]
    func m(_ selector: String, _ fqn: [String], versioned: Bool = false) -> Bool {
        SelectionFqnPattern(selector).matches(fqn, isVersioned: versioned)
    }
    #expect(m("stg_orders", stg))
    #expect(m("shop", stg))  // a prefix of the fqn: the whole package
    #expect(m("staging", stg))  // the fqn without its package
    #expect(m("staging.stg_orders", stg))
    #expect(m("shop.staging.*", stg))
    #expect(m("staging.*", stg))
    #expect(m("stg_*", stg))  // a bare wildcard matches the name however deep
    #expect(m("stg_order?", stg))
    #expect(!m("orders", stg))
    #expect(!m("marts.*", stg))
    #expect(!m("staging.x*", stg))
    #expect(!m("shop.staging.stg_orders.more", stg))
    // a versioned model: its fqn ends with the version
    let v2 = ["shop", "dim_accounts", "v2"]
    #expect(m("dim_accounts", v2, versioned: true))
    #expect(m("dim_accounts.v2", v2, versioned: true))
    #expect(!m("dim_accounts.v1", v2, versioned: true))
    #expect(m("dim_*", v2, versioned: true))
    // an fqn part with a dot is compared split
    let dotted = ["shop", "dim_accounts", "v1.5"]
    #expect(m("dim_accounts.v1.5", dotted, versioned: true))
    #expect(m("shop.dim_accounts.v1.*", dotted, versioned: true))
    #expect(!m("dim_accounts.v1.6", dotted, versioned: true))
    #expect(!m("x", []))
}
