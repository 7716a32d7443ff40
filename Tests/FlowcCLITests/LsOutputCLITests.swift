// `flowc ls` output as dbt 1.11 prints it: the search name of a versioned model under
// `--output name`, dotted `--output-keys` that reach into nested objects, and dbt's
// NoNodesSelected warning when nothing is listed.
import Foundation
import Testing

@Suite struct LsOutputCLITests {
    static let files: [String: String] = [
        "dbt_project.yml": "name: shop\nversion: '1.0'\nprofile: shop\n",
        "models/stg_orders.sql": "select 1 as id",
        "models/dim_accounts_v1.sql": "select 1 as id",
        "models/dim_accounts_v2.sql": "select 2 as id",
        "models/fct_orders.sql": "{{ config(materialized='table', meta={'tier': 1}) }}\nselect * from {{ ref('stg_orders') }}",
        "models/schema.yml": """
            version: 2
            models:
              - name: dim_accounts
                latest_version: 2
                versions:
                  - v: 1
                  - v: 2
            """,
    ]

    @Test func nameOfAVersionedModelIsItsSearchName() throws {
        let repo = try Repo(Self.files)
        let r = try repo.flowc("ls", "-s", "dim_accounts", "stg_orders", "--output", "name")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "dim_accounts.v1\ndim_accounts.v2\nstg_orders\n")
    }

    @Test func dottedOutputKeysReachIntoNestedObjects() throws {
        let repo = try Repo(Self.files)
        let r = try repo.flowc("ls", "-s", "fct_orders", "--output", "json", "--output-keys",
                               "config.materialized", "unique_id", "config.meta.tier", "depends_on.nodes",
                               "config.alias", "config.nope", "name.x")
        #expect(r.status == 0, "\(r.stderr)")
        // as dbt: in the order asked, under the dotted name; a path ending in null or nowhere
        // is left out
        #expect(r.stdout == #"""
            {"config.materialized": "table", "unique_id": "model.shop.fct_orders", "config.meta.tier": 1, \#
            "depends_on.nodes": ["model.shop.stg_orders"]}

            """#)
    }

    @Test func anEmptyListingWarnsAndFailsUnderWarnError() throws {
        var files = Self.files
        files["selectors.yml"] = "selectors:\n  - name: nothing\n    definition: {method: tag, value: nonexistent}\n"
        let repo = try Repo(files)
        let plain = try repo.flowc("ls", "--selector", "nothing")
        #expect(plain.status == 0)
        #expect(plain.stdout == "")
        #expect(plain.stderr.contains("warning: No nodes selected!"), "\(plain.stderr)")
        let listed = try repo.flowc("ls", "-s", "stg_orders")
        #expect(listed.stdout == "shop.stg_orders\n" && listed.stderr.isEmpty, "\(listed.stderr)")
        let strict = try repo.flowc("ls", "--warn-error", "--selector", "nothing")
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("error: No nodes selected!"), "\(strict.stderr)")
        let byName = try repo.flowc("ls", "--selector", "nothing", "--warn-error-options", #"{"error": ["NoNodesSelected"]}"#)
        #expect(byName.status == 2)
        // a criterion that matches nothing is another event: still a warning, then the error
        let both = try repo.flowc("ls", "-s", "nosuch", "--warn-error-options", #"{"error": ["NoNodesSelected"]}"#)
        #expect(both.status == 2)
        #expect(both.stderr.contains("warning: The selection criterion 'nosuch' does not match any enabled nodes"), "\(both.stderr)")
        #expect(try repo.flowc("ls", "--selector", "nothing", "--warn-error-options",
                               #"{"error": "all", "warn": ["NoNodesSelected"]}"#).status == 0)
    }
}
