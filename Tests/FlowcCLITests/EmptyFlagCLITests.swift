// `--empty`: refs and sources read no rows, so `build --empty` makes every relation with its
// columns but no rows; `compile --empty` writes what dbt 1.11 writes for it.
import FlowcTestSupport
import Foundation
import Testing

@Suite struct EmptyFlagCLITests {
    @Test func buildEmptyMakesEmptyRelationsWithTheirColumns() throws {
        let repo = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\nprofile: shop\n",
            "profiles.yml": Shop.files["profiles.yml"] ?? "",
            "seeds/raw_orders.csv": "id,amount\n1,10\n2,20\n",
            "models/orders.sql": "select id, amount * 2 as doubled from {{ ref('raw_orders') }}\n",
            "models/big_orders.sql": "select id from {{ ref('orders') }} where doubled > 30\n",
        ])
        let build = try repo.flowc("build", "--empty")
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        // seeds still load (they read no relation); models read none of their rows
        #expect(try repo.query("select count(*) from raw_orders") == [["2"]])
        #expect(try repo.query("select count(*) from orders") == [["0"]])
        #expect(try repo.query("select name from pragma_table_info('big_orders')") == [["id"]])
        #expect(try repo.read("target/compiled/shop/models/big_orders.sql")
            == "select id from (select * from main.\"orders\" where false limit 0) _dbt_limit_subq_orders where doubled > 30")

        #expect(try repo.flowc("build").status == 0)
        #expect(try repo.query("select count(*) from big_orders") == [["1"]])
        #expect(try repo.flowc("compile").status == 0)
        #expect(try repo.read("target/compiled/shop/models/big_orders.sql") == "select id from main.\"orders\" where doubled > 30")
        #expect(try repo.flowc("compile", "--empty").status == 0)
        #expect(try repo.read("target/compiled/shop/models/orders.sql").contains("_dbt_limit_subq_raw_orders"))
    }
}
