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
                    config:
                      meta: {owner: fin}
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

    @Test func modelsOptionListsModelsOnlyAndIsDeprecated() throws {
        let repo = try Repo(Self.files)
        for spelling in ["-m", "--models", "--model"] {
            let r = try repo.flowc("ls", spelling, "stg_orders")
            #expect(r.status == 0, "\(r.stderr)")
            // dbt's ls: -m implies --resource-type model (with -s the unique test is listed too)
            #expect(r.stdout == "shop.stg_orders\n")
            #expect(r.stderr.contains("warning: Usage of `--models`, `--model`, and `-m` is deprecated"), "\(r.stderr)")
        }
        let s = try repo.flowc("ls", "-s", "stg_orders")
        #expect(s.stdout == "shop.stg_orders\nshop.unique_stg_orders_id\n" && s.stderr.isEmpty, "\(s.stderr)")
        // a warning dbt's --warn-error turns into an error
        let strict = try repo.flowc("ls", "-m", "stg_orders", "--warn-error")
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("error: Usage of `--models`"), "\(strict.stderr)")
    }

    @Test func modelsOptionCombinedWithSelectOrResourceTypeIsAnError() throws {
        let repo = try Repo(Self.files)
        let withSelect = try repo.flowc("ls", "-m", "stg_orders", "-s", "orders")
        #expect(withSelect.status == 2)
        #expect(withSelect.stdout == "")
        #expect(withSelect.stderr.contains("error: -m/--models and --select cannot be used together in ls"), "\(withSelect.stderr)")
        let withType = try repo.flowc("ls", "--models", "stg_orders", "--resource-type", "seed")
        #expect(withType.status == 2)
        #expect(withType.stderr.contains("error: -m/--models and --resource-type cannot be used together in ls"), "\(withType.stderr)")
    }

    @Test func configMethodSearchesSources() throws {
        let repo = try Repo(Self.files)
        // dbt's config method reads sources' config too (dbt 1.11.16 lists the source for both)
        let enabled = try repo.flowc("ls", "-s", "config.enabled:true", "--resource-type", "source")
        #expect(enabled.status == 0, "\(enabled.stderr)")
        #expect(enabled.stdout == "source:shop.erp.payments\n")
        let meta = try repo.flowc("ls", "-s", "config.meta.owner:fin")
        #expect(meta.stdout == "source:shop.erp.payments\n", "\(meta.stderr)")
    }
}
