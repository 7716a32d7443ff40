// A git repository in a temporary directory holding a project the CLI tests run flowc on.
// SQLite: `dev` builds into dev.sqlite's main schema, `prod` into the `prod` schema (the file
// prod.sqlite, attached to every connection), so a dev build can read production's tables.
import FlowcTestSupport
import FlowcWarehouse
import Foundation

typealias Repo = TestGitRepository

extension Repo {
    convenience init(_ files: [String: String]) throws {
        try self.init(files, prefix: "flowc-cli-test-")
    }

    func flowc(_ args: String...) throws -> CLIResult {
        try CLI.run(args, in: root)
    }

    func flowc(env: [String: String], _ args: String...) throws -> CLIResult {
        try CLI.run(args, in: root, environment: env)
    }

    /// Rows of a query on the dev database (prod attached), as text.
    func query(_ sql: String) throws -> [[String]] {
        let warehouse = SQLiteWarehouse(config: SQLiteConfig(path: root + "/dev.sqlite", schemaDirectory: nil,
                                                             schemasAndPaths: ["prod": root + "/prod.sqlite"]))
        let c = try warehouse.connect()
        defer { c.close() }
        return try c.query(sql, limit: nil).rows.map { $0.map(\.text) }
    }

    /// run_results.json: unique id → status.
    func results() throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/target/run_results.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        var out: [String: String] = [:]
        for r in json?["results"] as? [[String: Any]] ?? [] {
            if let id = r["unique_id"] as? String, let s = r["status"] as? String { out[id] = s }
        }
        return out
    }
}

enum Shop {
    static let files: [String: String] = [
        ".gitignore": "target/\nlogs/\n*.sqlite\n",
        "flowc.yml": "name: shop\nversion: '1.0'\nprofile: shop\nmodels:\n  shop:\n    +materialized: table\n",
        "profiles.yml": """
            shop:
              target: dev
              outputs:
                dev:
                  type: sqlite
                  schema: main
                  database: main
                  path: dev.sqlite
                  schemas_and_paths: {main: dev.sqlite, prod: prod.sqlite}
                  threads: 1
                prod:
                  type: sqlite
                  schema: prod
                  database: main
                  path: dev.sqlite
                  schemas_and_paths: {main: dev.sqlite, prod: prod.sqlite}
                  threads: 1
            """,
        "seeds/raw_orders.csv": "id,customer_id,amount\n1,10,1500\n2,10,2500\n3,11,700\n",
        "models/stg_orders.sql": "select id as order_id, customer_id, amount from {{ ref('raw_orders') }}\n",
        "models/customers.sql": "select customer_id, sum(amount) as total from {{ ref('stg_orders') }} group by customer_id\n",
        "models/orders.sql": "select order_id, amount / 100.0 as dollars from {{ ref('stg_orders') }}\n",
    ]
}
