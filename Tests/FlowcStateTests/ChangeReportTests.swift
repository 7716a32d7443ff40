// Per-column verdicts of `flowc diff` through the column-facts seam: lineage.json readers,
// retyped and added columns, removed models, and the JSON form bots read.
import FlowcGraph
import FlowcState
import Foundation
import Testing

@Suite struct ChangeReportTests {
    /// lineage.json in the documented format: stg_orders.amount feeds customers.total.
    static let lineage = """
        {"metadata": {}, "nodes": {
          "model.shop.stg_orders": {"resource_type": "model", "name": "stg_orders", "relation_name": "main.stg_orders",
            "lineage": "complete", "columns": [{"name": "order_id", "data_type": "integer"},
              {"name": "customer_id", "data_type": "integer"}, {"name": "amount", "data_type": "numeric"},
              {"name": "note", "data_type": null}]},
          "model.shop.orders": {"resource_type": "model", "name": "orders", "relation_name": "main.orders",
            "lineage": "unknown", "columns": []}},
         "edges": [
          {"from_node": "model.shop.stg_orders", "from_column": "amount", "to_node": "model.shop.customers",
           "to_column": "total", "kind": "aggregate"},
          {"from_node": "model.shop.stg_orders", "from_column": "customer_id", "to_node": "model.shop.customers",
           "to_column": "customer_id", "kind": "copy"}]}
        """

    @Test func lineageReadersDecideBreaking() throws {
        let repo = try GitRepo(ShopProject.files)
        try repo.write("models/stg_orders.sql",
                       "select id as order_id, customer_id, cast(amount as numeric) as amount, '' as note from {{ ref('raw_orders') }}\n")
        try repo.write("target/lineage.json", Self.lineage)
        let (build, context) = try repo.state("HEAD")
        let path = repo.root + "/target/lineage.json"
        let json = try #require(try LineageFile.read(repo.root + "/target"))
        #expect(FileManager.default.fileExists(atPath: path))
        let current = ColumnFacts.declared(context.current).merging(ColumnFacts.lineage(json))
        let report = ChangeReport.make(context, manifest: build.manifest, currentColumns: current,
                                       stateColumns: ColumnFacts.declared(context.state))
        let change = try #require(report.changes.first { $0.name == "stg_orders" })
        #expect(change.columns.map(\.kind) == [.retyped, .added])
        let retyped = try #require(change.columns.first)
        #expect(retyped.column == "amount" && retyped.oldType == "integer" && retyped.newType == "numeric")
        #expect(retyped.readers == [ColumnReader(node: "model.shop.customers", column: "total", evidence: "lineage")])
        #expect(retyped.breaking)
        #expect(change.columns.last?.column == "note" && change.columns.last?.breaking == false)
        // orders also names `amount` in its SQL, but lineage is authoritative where it exists
        #expect(!retyped.readers.contains { $0.node == "model.shop.orders" })
        #expect(report.text.contains("column amount retyped integer → numeric: BREAKING, read by customers.total"))
        #expect(report.text.contains("column note added: non-breaking"))
    }

    @Test func removedModelsAndJSON() throws {
        var files = ShopProject.files
        files["models/legacy.sql"] = "select 1 as x\n"
        let repo = try GitRepo(files)
        try FileManager.default.removeItem(atPath: repo.root + "/models/legacy.sql")
        let report = try repo.diff("HEAD")
        #expect(report.removed.map(\.name) == ["legacy"])
        let json = JSONWriter.string(report.json)
        #expect(json.contains(#""summary": {"added": 0, "removed": 1, "modified": 0, "downstream_affected": 0, "breaking": 0}"#))
        #expect(json.contains(#""unique_id": "model.shop.legacy", "name": "legacy", "resource_type": "model", "path": "models/legacy.sql", "change": "removed""#))
    }

    @Test func lineageFileFormat() throws {
        let dir = NSTemporaryDirectory() + "flowc-lineage-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(Self.lineage.utf8).write(to: URL(fileURLWithPath: dir + "/lineage.json"))
        let facts = ColumnFacts.lineage(try #require(try LineageFile.read(dir)))
        #expect(facts.columns["model.shop.stg_orders"]?.map(\.name) == ["order_id", "customer_id", "amount", "note"])
        #expect(facts.columns["model.shop.orders"] == nil)   // lineage "unknown": no columns claimed
        #expect(facts.readers[ColumnRef(node: "model.shop.stg_orders", column: "amount")]
                == [ColumnRef(node: "model.shop.customers", column: "total")])
        try Data("{\"nodes\": [".utf8).write(to: URL(fileURLWithPath: dir + "/lineage.json"))
        #expect(throws: StateFileError.self) { _ = try LineageFile.read(dir) }
    }
}
