// `state:` and `result:` selectors on the fixture graph, with hand-made comparison facts: which
// ids each value selects, how graph operators combine with them, and the errors of bad values.
import FlowcGraph
import Testing

private typealias F = SelectionFixture

@Suite struct SelectionStateTests {
    /// A state where fct_orders' SQL changed, stg_crm__contacts' config changed, dim_customers
    /// uses a changed macro, and rpt_revenue is new (absent from the state).
    static func graph() -> SelectionGraph {
        var g = F.graph
        let old = Set(F.nodes.map(\.uniqueId)).subtracting(["model.bench.rpt_revenue"])
        g.state = SelectionState(stateIds: old, changes: [
            "model.bench.fct_orders": [.body],
            "model.bench.stg_crm__contacts": [.configs],
            "model.bench.dim_customers": [.macros],
        ])
        g.previousResults = [
            "model.bench.fct_orders": "error", "model.bench.rpt_revenue": "skipped",
            "test.bench.unique_dim_customers_customer_id.6f7a8b9c0d": "fail", "model.bench.dim_customers": "success",
        ]
        return g
    }

    static func select(_ s: [String], types: Set<String>? = ["model"]) throws -> [String] {
        try NodeSelection.select(graph(), select: s, exclude: nil, resourceTypes: types)
    }

    @Test func newModifiedOldUnmodified() throws {
        #expect(try Self.select(["state:new"]) == ["model.bench.rpt_revenue"])
        #expect(try Self.select(["state:modified"]) == [
            "model.bench.dim_customers", "model.bench.fct_orders", "model.bench.rpt_revenue", "model.bench.stg_crm__contacts",
        ])
        #expect(try Self.select(["state:modified.body"]) == ["model.bench.fct_orders", "model.bench.rpt_revenue"])
        #expect(try Self.select(["state:modified.configs"]) == ["model.bench.rpt_revenue", "model.bench.stg_crm__contacts"])
        // a new node counts under .macros only when a macro it calls changed (dbt's check_modified_macros)
        #expect(try Self.select(["state:modified.macros"]) == ["model.bench.dim_customers"])
        #expect(try Self.select(["state:modified.contract"]) == ["model.bench.rpt_revenue"])
        let old = try Self.select(["state:old"])
        #expect(!old.contains("model.bench.rpt_revenue") && old.contains("model.bench.fct_orders"))
        let unmodified = try Self.select(["state:unmodified"])
        #expect(unmodified.contains("model.bench.stg_erp05__orders"))
        #expect(!unmodified.contains("model.bench.fct_orders") && !unmodified.contains("model.bench.rpt_revenue"))
    }

    @Test func graphOperatorsAndSetOperations() throws {
        // fct_orders and its descendants (rpt_revenue, audit_orders), plus the tests eager selection adds
        #expect(try Self.select(["state:modified.body+"], types: ["model"]) == [
            "model.bench.fct_orders", "model.bench.rpt_revenue", "model.dbt_audit.audit_orders",
        ])
        // a subselector also selects new nodes (dbt's rule); intersect with state:old to leave them out
        #expect(try Self.select(["state:modified.configs,state:old"]) == ["model.bench.stg_crm__contacts"])
        #expect(try NodeSelection.select(Self.graph(), select: ["state:modified+"], exclude: ["state:new"],
                                         resourceTypes: ["model"]).contains("model.bench.rpt_revenue") == false)
    }

    @Test func results() throws {
        #expect(try Self.select(["result:error"]) == ["model.bench.fct_orders"])
        #expect(try Self.select(["result:error+"]) == [
            "model.bench.fct_orders", "model.bench.rpt_revenue", "model.dbt_audit.audit_orders",
        ])
        #expect(try Self.select(["result:fail"], types: nil) == ["test.bench.unique_dim_customers_customer_id.6f7a8b9c0d"])
        #expect(try Self.select(["result:skipped", "result:error"]) == ["model.bench.fct_orders", "model.bench.rpt_revenue"])
    }

    @Test func badValuesAreErrorsWithHints() {
        #expect(F.error { try Self.select(["state:changed"]) } == """
            invalid selector 'state:changed': 'changed' is not a state
            hint: use state:new, state:old, state:modified, state:unmodified or state:modified.{body,configs,relation,persisted_descriptions,macros,contract,properties}
            """)
        #expect(F.error { try Self.select(["result:broken"]) } == """
            invalid selector 'result:broken': 'broken' is not a run result status
            hint: use one of result:error, fail, skipped, success, warn, pass, no-op, partial success
            """)
    }
}

/// `source_status:fresher`: sources loaded since the state's freshness check (or not checked
/// then), and with `+` what reads them.
@Suite struct SourceStatusSelectionTests {
    @Test func fresherSourcesAndTheirChildren() throws {
        var g = SelectionFixture.graph
        g.sourceFreshness = (
            current: ["source.bench.erp05.orders": "2026-11-22T09:00:00", "source.bench.crm.contacts": "2026-11-20T00:00:00",
                      "source.bench.erp05.customers": "2026-11-22T08:00:00"],
            previous: ["source.bench.erp05.orders": "2026-11-21T09:00:00", "source.bench.crm.contacts": "2026-11-20T00:00:00"]
        )
        let fresher = try NodeSelection.select(g, select: ["source_status:fresher"], exclude: nil, resourceTypes: ["source"])
        #expect(fresher == ["source.bench.erp05.customers", "source.bench.erp05.orders"])
        let models = try NodeSelection.select(g, select: ["source_status:fresher+"], exclude: nil, resourceTypes: ["model"])
        #expect(models.contains("model.bench.stg_erp05__orders"))
        #expect(!models.contains("model.bench.stg_crm__contacts"))
        #expect(throws: SelectionError.self) {
            try NodeSelection.select(g, select: ["source_status:stale"], exclude: nil)
        }
        let missing = SelectionFixture.graph
        do {
            _ = try NodeSelection.select(missing, select: ["source_status:fresher"], exclude: nil)
            Issue.record("expected an error")
        } catch let e as SelectionError {
            #expect(e.description.contains("source_status: needs two sources.json files"))
        }
    }
}
