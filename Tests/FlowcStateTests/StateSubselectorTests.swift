// The remaining state:modified subselectors on real revisions: relation (alias/schema
// configs), persisted descriptions (only when persist_docs writes them), contract (an enforced
// contract's column types); and that a description nobody persists changes nothing.
import FlowcState
import Testing

@Suite struct StateSubselectorTests {
    static let properties = """
        version: 2
        models:
          - name: stg_orders
            description: orders as loaded
            config:
              persist_docs: {relation: true, columns: true}
            columns:
              - name: order_id
                description: the order
          - name: customers
            description: one row per customer
            config:
              contract: {enforced: true}
            columns:
              - name: customer_id
                data_type: integer
              - name: total
                data_type: integer # total's type
          - name: orders
            description: not persisted
        """

    static func repo() throws -> GitRepo {
        var files = ShopProject.files
        files["models/schema.yml"] = properties
        return try GitRepo(files)
    }

    @Test func relation() throws {
        let repo = try Self.repo()
        try repo.write("models/orders.sql", "{{ config(alias='orders_v2') }}\n" + (ShopProject.files["models/orders.sql"] ?? ""))
        #expect(try repo.select("state:modified.relation", against: "HEAD") == ["orders"])
        #expect(try repo.select("state:modified.configs", against: "HEAD").isEmpty)
    }

    @Test func persistedDescriptions() throws {
        let repo = try Self.repo()
        try repo.write("models/schema.yml", Self.properties
            .replacingOccurrences(of: "description: not persisted", with: "description: still not persisted"))
        #expect(try repo.select("state:modified", against: "HEAD").isEmpty)
        try repo.write("models/schema.yml", Self.properties
            .replacingOccurrences(of: "description: the order", with: "description: the order's id"))
        #expect(try repo.select("state:modified", against: "HEAD") == ["stg_orders"])
        #expect(try repo.select("state:modified.persisted_descriptions", against: "HEAD") == ["stg_orders"])
    }

    @Test func contract() throws {
        let repo = try Self.repo()
        try repo.write("models/schema.yml", Self.properties
            .replacingOccurrences(of: "integer # total's type", with: "numeric # total's type"))
        #expect(try repo.select("state:modified.contract", against: "HEAD") == ["customers"])
        #expect(try repo.select("state:modified.body", against: "HEAD").isEmpty)
    }
}
