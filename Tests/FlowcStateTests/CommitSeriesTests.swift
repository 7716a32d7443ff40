// The proof of issue #7: one repository, a series of commits (edit SQL, reformat only, change
// a config, change a macro, rename a column used downstream, add a model); after each, the
// work tree is compared with the commit before, asserting what `state:modified+` selects and
// what `flowc diff` reports (columns from YAML and column lineage traced on both sides).
import FlowcGraph
import FlowcState
import Foundation
import Testing

@Suite struct CommitSeriesTests {
    @Test func eachCommitSelectsAndReportsWhatItChanged() throws {
        let repo = try GitRepo(ShopProject.files)
        func step(_ message: String, _ files: [String: String]) throws -> (selected: [String], diff: String) {
            for (path, text) in files { try repo.write(path, text) }
            try repo.commit(message)
            let selected = try repo.select("state:modified+", against: "HEAD~1")
            let text = try repo.diff("HEAD~1").text
            // the first line names the commit, which differs per run
            return (selected, text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"))
        }

        var r = try step("edit SQL", ["models/customers.sql": """
            select customer_id, sum(amount) as total
            from {{ ref('stg_orders') }}
            where amount > 0
            group by customer_id
            """])
        #expect(r.selected == ["customers"])
        #expect(r.diff == """
              0 added, 0 removed, 1 modified; 0 downstream affected; 0 breaking column changes

            ~ model customers (models/customers.sql): sql changed
            """)

        r = try step("reformat only", ["models/orders.sql": """
            -- amounts in dollars
            SELECT
                order_id,
                {{ cents_to_dollars('amount') }} AS amount_dollars
            FROM {{ ref('stg_orders') }}
            """])
        #expect(r.selected == [])
        #expect(r.diff == """
              0 added, 0 removed, 0 modified; 0 downstream affected; 0 breaking column changes
              nothing changed
            """)

        r = try step("change a config", ["models/stg_orders.sql": """
            {{ config(materialized='table') }}
            select id as order_id, customer_id, amount from {{ ref('raw_orders') }}
            """])
        #expect(r.selected == ["customers", "orders", "stg_orders"])
        #expect(r.diff == """
              0 added, 0 removed, 1 modified; 2 downstream affected; 0 breaking column changes

            ~ model stg_orders (models/stg_orders.sql): config changed
                downstream: customers, orders

            Downstream affected: customers, orders
            """)

        r = try step("change a macro", ["macros/cents.sql": "{% macro cents_to_dollars(col) %}round({{ col }} / 100.0, 2){% endmacro %}\n"])
        #expect(r.selected == ["orders"])
        #expect(r.diff == """
              0 added, 0 removed, 1 modified; 0 downstream affected; 0 breaking column changes

            ~ model orders (models/orders.sql): sql, macro changed
            """)

        let schema = try repo.read("models/schema.yml")
        r = try step("rename a column used downstream", [
            "models/stg_orders.sql": """
                {{ config(materialized='table') }}
                select id as order_id, customer_id, amount as amount_cents from {{ ref('raw_orders') }}
                """,
            "models/schema.yml": schema.replacingOccurrences(of: "- name: amount\n", with: "- name: amount_cents\n"),
        ])
        #expect(r.selected == ["customers", "orders", "stg_orders"])
        #expect(r.diff == """
              0 added, 0 removed, 1 modified; 2 downstream affected; 1 breaking column change

            ~ model stg_orders (models/stg_orders.sql): sql changed
                column amount renamed to amount_cents: BREAKING, read by customers, customers.total, orders.amount_dollars
                downstream: customers, orders

            Downstream affected: customers, orders
            """)
        // without column lineage, the children that name the column are its readers
        #expect(try repo.diff("HEAD~1", lineage: false).text
            .contains("column amount renamed to amount_cents: BREAKING, read by customers (by name), orders (by name)"))

        r = try step("add a model", ["models/big_customers.sql": "select * from {{ ref('customers') }} where total > 1000\n"])
        #expect(r.selected == ["big_customers"])
        #expect(r.diff == """
              1 added, 0 removed, 0 modified; 0 downstream affected; 0 breaking column changes

            + model big_customers (models/big_customers.sql): added
            """)
    }
}

@Suite struct RenameFollowedDownstreamTests {
    /// A rename done in the model and in every reader is not breaking; a reader left behind is.
    @Test func readersUpdatedWithTheRenameAreNotBroken() throws {
        let repo = try GitRepo(ShopProject.files)
        try repo.write("models/stg_orders.sql", "select id as order_id, customer_id, amount as amount_cents from {{ ref('raw_orders') }}\n")
        try repo.write("models/customers.sql", "select customer_id, sum(amount_cents) as total from {{ ref('stg_orders') }} group by customer_id\n")
        var change = try #require(try repo.diff("HEAD").changes.first { $0.name == "stg_orders" })
        #expect(change.columns.first?.readers.map(\.node) == ["model.shop.orders"])
        try repo.write("models/orders.sql", "select order_id, {{ cents_to_dollars('amount_cents') }} as amount_dollars from {{ ref('stg_orders') }}\n")
        change = try #require(try repo.diff("HEAD").changes.first { $0.name == "stg_orders" })
        #expect(change.columns.count == 1 && change.columns.first?.kind == .renamed)
        #expect(change.columns.first?.breaking == false)
    }
}
