// Graph operators, set operators, --exclude, the default selection and indirect test selection
// against the fixture graph (see SelectionFixture.swift).

import Testing
@testable import FlowcGraph

private typealias F = SelectionFixture

@Suite struct SelectionOperatorTests {
    // MARK: graph operators

    @Test func parentsForRun() throws {
        #expect(try F.select(["+fct_orders"], types: F.run) == [
            "model.bench.fct_orders",
            "model.bench.int_orders_enriched",
            "model.bench.stg_country_codes",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
        ])
    }

    @Test func parentsForBuildIncludeSeedsAndEveryTestTouchingTheSelection() throws {
        #expect(try F.select(["+fct_orders"], types: F.build) == [
            "model.bench.fct_orders",
            "model.bench.int_orders_enriched",
            "model.bench.stg_country_codes",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
            "seed.bench.country_codes",
            "seed.bench.raw_customers",
            "test.bench.accepted_values_fct_orders_status.5e6f7a8b9c",
            "test.bench.assert_revenue_matches_orders",
            "test.bench.not_null_stg_erp05__orders_order_id.2b3c4d5e6f",
            "test.bench.relationships_stg_erp05__orders_customer_id.3c4d5e6f7a",
            "test.bench.source_not_null_erp05_orders_order_id.4d5e6f7a8b",
            "test.bench.unique_stg_erp05__orders_order_id.1a2b3c4d5e",
            "unit_test.bench.fct_orders.test_fct_orders_totals",
        ])
    }

    @Test func childrenSelectsEveryResourceType() throws {
        #expect(try F.select(["fct_orders+"]) == [
            "analysis.bench.revenue_adhoc",
            "exposure.bench.weekly_kpis",
            "model.bench.fct_orders",
            "model.bench.rpt_revenue",
            "model.dbt_audit.audit_orders",
            "test.bench.accepted_values_fct_orders_status.5e6f7a8b9c",
            "test.bench.assert_revenue_matches_orders",
            "unit_test.bench.fct_orders.test_fct_orders_totals",
        ])
        #expect(try F.select(["fct_orders+"], types: F.run) == [
            "model.bench.fct_orders",
            "model.bench.rpt_revenue",
            "model.dbt_audit.audit_orders",
        ])
    }

    @Test func depthLimitedParents() throws {
        #expect(try F.select(["1+fct_orders"], types: F.run) == [
            "model.bench.fct_orders",
            "model.bench.int_orders_enriched",
            "model.bench.stg_country_codes",
        ])
        #expect(try F.select(["2+dim_accounts"], types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.dim_customers",
            "model.bench.int_customer_contacts",
        ])
    }

    @Test func depthLimitedChildren() throws {
        #expect(try F.select(["stg_erp05__customers+1"], types: F.run) == [
            "model.bench.int_customer_contacts",
            "model.bench.int_orders_enriched",
            "model.bench.stg_erp05__customers",
        ])
        #expect(try F.select(["stg_erp05__customers+2"], types: F.run) == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.int_customer_contacts",
            "model.bench.int_orders_enriched",
            "model.bench.stg_erp05__customers",
        ])
    }

    @Test func parentsAndChildren() throws {
        #expect(try F.select(["+stg_erp05__customers+"], types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.int_customer_contacts",
            "model.bench.int_orders_enriched",
            "model.bench.rpt_revenue",
            "model.bench.stg_erp05__customers",
            "model.dbt_audit.audit_orders",
        ])
        #expect(try F.select(["+stg_erp05__customers+"], types: ["seed", "source"]) == [
            "seed.bench.raw_customers",
            "source.bench.erp05.customers",
        ])
    }

    @Test func atOperatorAddsTheParentsOfEveryDescendant() throws {
        // Descendants of int_orders_enriched include the weekly_kpis exposure and
        // dbt_audit.audit_orders, so their other parents (dim_customers and its ancestors,
        // audit_log) come along; dim_accounts is no one's parent and stays out.
        #expect(try F.select(["@int_orders_enriched"], types: F.run) == [
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

    @Test func operatorsOnMethods() throws {
        #expect(try F.select(["tag:finance+"], types: F.run) == [
            "model.bench.fct_orders",
            "model.bench.rpt_revenue",
            "model.dbt_audit.audit_orders",
        ])
    }

    // MARK: set operators

    @Test func unionBySpaceAndAcrossValues() throws {
        let expected = ["model.bench.stg_country_codes", "model.bench.stg_crm__contacts"]
        #expect(try F.select(["stg_crm__contacts stg_country_codes"], types: F.run) == expected)
        #expect(try F.select(["stg_crm__contacts", "stg_country_codes"], types: F.run) == expected)
    }

    @Test func intersectionByComma() throws {
        #expect(try F.select(["tag:nightly,config.materialized:table"], types: F.run) == [
            "model.bench.dim_customers",
            "model.bench.fct_orders",
        ])
        #expect(try F.select(["+fct_orders,tag:staging"], types: F.run) == [
            "model.bench.stg_country_codes",
            "model.bench.stg_erp05__customers",
            "model.bench.stg_erp05__orders",
        ])
        #expect(try F.select(["marts.finance,tag:nightly", "path:models/reports"], types: F.run) == [
            "model.bench.fct_orders",
            "model.bench.rpt_revenue",
        ])
    }

    // MARK: exclude and the default selection

    @Test func excludeRemovesNodes() throws {
        #expect(try F.select(["+fct_orders"], exclude: ["stg_erp05__customers"], types: F.run) == [
            "model.bench.fct_orders",
            "model.bench.int_orders_enriched",
            "model.bench.stg_country_codes",
            "model.bench.stg_erp05__orders",
        ])
    }

    @Test func excludeWithoutSelectStartsFromEverything() throws {
        #expect(try F.select(nil, exclude: ["package:dbt_audit tag:staging"], types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
            "model.bench.dim_customers",
            "model.bench.fct_orders",
            "model.bench.int_customer_contacts",
            "model.bench.int_orders_enriched",
            "model.bench.rpt_revenue",
        ])
    }

    @Test func excludingAParentExcludesItsTests() throws {
        // relationships has stg_erp05__customers as a parent: excluding it drops the test.
        #expect(try F.select(
            ["stg_erp05__orders stg_erp05__customers"], exclude: ["stg_erp05__customers"], types: F.test
        ) == [
            "test.bench.not_null_stg_erp05__orders_order_id.2b3c4d5e6f",
            "test.bench.unique_stg_erp05__orders_order_id.1a2b3c4d5e",
        ])
    }

    @Test func excludeIntersection() throws {
        #expect(try F.select(["tag:nightly"], exclude: ["config.materialized:table,group:core"], types: F.run) == [
            "model.bench.fct_orders",
            "model.bench.rpt_revenue",
        ])
    }

    @Test func defaultSelectionIsEveryNodeOfTheCommand() throws {
        #expect(try F.select(nil, types: F.run) == [
            "model.bench.dim_accounts.v1",
            "model.bench.dim_accounts.v2",
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
        #expect(try F.select([], types: ["snapshot", "seed", "source", "exposure", "analysis"]) == [
            "analysis.bench.revenue_adhoc",
            "exposure.bench.weekly_kpis",
            "seed.bench.country_codes",
            "seed.bench.raw_customers",
            "snapshot.bench.orders_snapshot",
            "source.bench.crm.contacts",
            "source.bench.erp05.customers",
            "source.bench.erp05.orders",
        ])
        #expect(try F.select(nil).count == F.nodes.count)
    }

    // MARK: indirect selection

    @Test func eagerSelectsEveryTestTouchingTheSelection() throws {
        #expect(try F.select(["dim_customers"], types: F.test, mode: .eager) == [
            "test.bench.assert_dim_matches_audit",
            "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
    }

    @Test func cautiousNeedsEveryParentSelected() throws {
        #expect(try F.select(["dim_customers"], types: F.test, mode: .cautious) == [
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
        // The union of both parents brings the cross-package singular test in.
        #expect(try F.select(["dim_customers audit_log"], types: F.test, mode: .cautious) == [
            "test.bench.assert_dim_matches_audit",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
            "test.dbt_audit.not_null_audit_log_id.8b9c0d1e2f",
        ])
        #expect(try F.select(["+dim_customers"], types: F.test, mode: .cautious) == [
            "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
        #expect(try F.select(["+dim_customers"], types: F.test, mode: .eager) == [
            "test.bench.assert_dim_matches_audit",
            "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e",
            "test.bench.relationships_stg_erp05__orders_customer_id.3c4d5e6f7a",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
    }

    @Test func buildableAcceptsParentsThatAreAncestorsOfTheSelection() throws {
        #expect(try F.select(["dim_customers"], types: F.test, mode: .buildable) == [
            "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
        #expect(try F.select(["rpt_revenue"], types: F.test, mode: .buildable) == [
            "test.bench.assert_revenue_matches_orders",
        ])
        #expect(try F.select(["rpt_revenue"], types: F.test, mode: .cautious) == [])
    }

    @Test func emptySelectsNoTestIndirectly() throws {
        #expect(try F.select(["dim_customers"], types: F.test, mode: .empty) == [])
        #expect(try F.select(["dim_customers+"], types: F.test, mode: .empty) == [
            "test.bench.assert_dim_matches_audit",
            "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
    }

    // dbt 1.11 applies the indirect-selection mode to --exclude as well

    @Test func excludeEagerlyDropsEveryTestOfAnExcludedNode() throws {
        #expect(try F.select(["dim_customers audit_log"], exclude: ["audit_log"], types: F.test) == [
            "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
    }

    @Test func excludeCautiouslyKeepsATestOfAnotherSelectedNode() throws {
        // assert_dim_matches_audit tests dim_customers too: cautious exclusion leaves it, and so
        // does buildable (dbt 1.11 excludes alike in both modes), which also selects the test
        // whose other parent is an ancestor of dim_customers
        #expect(try F.select(
            ["dim_customers audit_log"], exclude: ["audit_log"], types: F.test, mode: .cautious
        ) == [
            "test.bench.assert_dim_matches_audit",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
        #expect(try F.select(
            ["dim_customers audit_log"], exclude: ["audit_log"], types: F.test, mode: .buildable
        ) == [
            "test.bench.assert_dim_matches_audit",
            "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
    }

    @Test func excludeInEmptyModeLeavesTheTests() throws {
        #expect(try F.select(["dim_customers+"], exclude: ["dim_customers"], types: F.test, mode: .empty) == [
            "test.bench.assert_dim_matches_audit",
            "test.bench.dbt_utils_equality_dim_customers.7a8b9c0d1e",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d",
        ])
        #expect(try F.select(["dim_customers+"], exclude: ["dim_customers"], types: F.test) == [])
    }
}
