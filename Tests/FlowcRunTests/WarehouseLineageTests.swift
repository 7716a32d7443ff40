import FlowcCompile
import FlowcGraph
import FlowcLineage
import FlowcRun
import Foundation
import Testing

/// The warehouse's columns are the most trusted schema: a source with no YAML columns is
/// unknown offline (nothing reported), but once its table exists the checks judge references
/// to it and lineage carries the warehouse's types.
@Suite struct WarehouseLineageTests {
    static func files(_ schema: String) -> [String: String] {
        [
            "models/sources.yml": """
                version: 2
                sources:
                  - name: raw
                    schema: \(schema)
                    tables:
                      - name: events
                """,
            "models/stg_events.sql": "select id as event_id, kind, amout from {{ source('raw', 'events') }}",
        ]
    }

    @Test("warehouse columns make a source known", arguments: WarehouseKind.allCases)
    func warehouseColumns(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.files(kind == .sqlite ? "main" : "analytics"))
        let (build, _, _) = try h.load()
        let compiled = Compiler.compile(build, nodes: ["model.shop.stg_events"], threads: 1).nodes
        func lineage(_ warehouse: [String: [(name: String, type: String)]]) -> ProjectLineage {
            ProjectLineage.compute(LineageInputs(build: build, compiled: compiled, projectRoot: h.root,
                                                 warehouseColumns: warehouse, checks: .defaults, threads: 1))
        }
        // Offline, the source's columns are unknown: nothing to report, columns still traced.
        let offline = lineage([:])
        #expect(offline.diagnostics().isEmpty)
        #expect(offline.nodes["model.shop.stg_events"]?.columns.first?.sources.map(\.description) == ["source.shop.raw.events.id"])

        if kind == .postgres { try h.execute("create schema if not exists analytics") }
        try h.execute("create table \(h.rel("events")) (id integer, kind text, amount numeric)")
        let columns = WarehouseCatalog.sourceColumns(build, warehouse: try h.warehouse())
        #expect(columns["source.shop.raw.events"]?.map(\.name) == ["id", "kind", "amount"])
        let online = lineage(columns)
        #expect(online.nodes["source.shop.raw.events"]?.origin == "warehouse")
        #expect(online.nodes["source.shop.raw.events"]?.columns.first?.dataType?.lowercased().hasPrefix("int") == true)
        let found = online.diagnostics()
        #expect(found.map(\.message) == ["column 'amout' does not exist in the relations this query reads"])
        #expect(found.first?.hint == "did you mean 'amount'?")
        #expect(found.first?.span?.description == "models/stg_events.sql:1:30")
    }
}
