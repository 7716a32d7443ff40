// `flowc ls` selecting as dbt 1.11 does, end to end from project files: what the manifest
// gives the selection methods (patch paths, source configs, semantic resources), and the
// command-line spellings dbt treats specially (-m/--models).
import Foundation
import Testing

@Suite struct LsSelectionCLITests {
    static let files: [String: String] = [
        "dbt_project.yml": "name: shop\nversion: '1.0'\nprofile: shop\n",
        "models/stg_orders.sql": "select 1 as id, 1 as customer_id",
        "models/stg_customers.sql": "select 1 as id",
        "models/orders.sql": "select * from {{ ref('stg_orders') }}",
        "seeds/raw_orders.csv": "id\n1\n",
        "models/staging.yml": """
            version: 2
            models:
              - name: stg_orders
                columns:
                  - name: id
                    data_tests: [unique]
              - name: stg_customers
            seeds:
              - name: raw_orders
                description: raw
            sources:
              - name: erp
                tables:
                  - name: payments
            """,
    ]

    @Test func pathOfAYAMLFileSelectsWhatItPatchesAndDefines() throws {
        let repo = try Repo(Self.files)
        let r = try repo.flowc("ls", "-s", "path:models/staging.yml")
        #expect(r.status == 0, "\(r.stderr)")
        // the models and the seed the file describes, its source and its test (dbt 1.11.16's
        // output for this project, in its order)
        #expect(r.stdout == """
            shop.stg_customers
            shop.stg_orders
            shop.raw_orders
            source:shop.erp.payments
            shop.unique_stg_orders_id

            """)
    }
}
