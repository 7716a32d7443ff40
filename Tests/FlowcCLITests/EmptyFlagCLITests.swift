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

        // a retry repeats --empty: the failed model is rebuilt reading no rows
        try repo.write("models/big_orders.sql", "select id, no_such_function(id) as x from {{ ref('orders') }} where doubled > 30\n")
        let failed = try repo.flowc("build", "--empty")
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("no such function"))
        try repo.write("models/big_orders.sql", "select id from {{ ref('orders') }} where doubled > 30\n")
        let retry = try repo.flowc("retry")
        #expect(retry.status == 0, "\(retry.stdout)\(retry.stderr)")
        #expect(retry.stdout.contains("1 of 1 OK created sql view model main.big_orders"))
        #expect(try repo.query("select count(*) from big_orders") == [["0"]])
        #expect(try repo.read("target/compiled/shop/models/big_orders.sql").contains("_dbt_limit_subq_orders"))

        #expect(try repo.flowc("build").status == 0)
        #expect(try repo.query("select count(*) from big_orders") == [["1"]])
        #expect(try repo.flowc("compile").status == 0)
        #expect(try repo.read("target/compiled/shop/models/big_orders.sql") == "select id from main.\"orders\" where doubled > 30")
        #expect(try repo.flowc("compile", "--empty").status == 0)
        #expect(try repo.read("target/compiled/shop/models/orders.sql").contains("_dbt_limit_subq_raw_orders"))
    }

    @Test func emptyIsForRunBuildAndSnapshotAndKeepsSnapshotHistory() throws {
        let repo = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\nprofile: shop\n",
            "profiles.yml": Shop.files["profiles.yml"] ?? "",
            "seeds/raw_orders.csv": "id,amount\n1,10\n2,20\n",
            // flags.EMPTY: dbt's switch for SQL a limited ref would break (an alias after it)
            "models/orders.sql": "select id{% if flags.EMPTY %}, 'empty' as mode{% endif %} from {{ ref('raw_orders') }}{% if not flags.EMPTY %} as o{% endif %}\n",
            "snapshots/orders_snapshot.sql": """
                {% snapshot orders_snapshot %}
                {{ config(target_schema='main', unique_key='id', strategy='check', check_cols='all', hard_deletes='invalidate') }}
                select * from {{ ref('raw_orders') }}
                {% endsnapshot %}
                """,
            "snapshots/kept.sql": """
                {% snapshot kept %}
                {{ config(target_schema='main', unique_key='id', strategy='check', check_cols='all') }}
                select * from {{ ref('raw_orders') }}
                {% endsnapshot %}
                """,
        ])
        #expect(try repo.flowc("build").status == 0)
        #expect(try repo.query("select count(*) from orders_snapshot where dbt_valid_to is null") == [["2"]])
        // reading no rows, the invalidating snapshot would take both rows for deleted: it is not
        // run; one that ignores missing rows runs (as dbt's), reading nothing and changing nothing
        let empty = try repo.flowc("build", "--empty")
        #expect(empty.status == 0, "\(empty.stdout)\(empty.stderr)")
        #expect(empty.stdout.contains("not run with --empty: its hard_deletes would close every current row"))
        #expect(empty.stdout.contains("OK snapshotted main.kept"), "\(empty.stdout)")
        #expect(try repo.query("select count(*) from orders_snapshot where dbt_valid_to is null") == [["2"]])
        #expect(try repo.query("select count(*) from kept where dbt_valid_to is null") == [["2"]])
        #expect(try repo.read("target/compiled/shop/models/orders.sql").contains("'empty' as mode"))
        let snapshot = try repo.flowc("snapshot", "--empty")
        #expect(snapshot.status == 0, "\(snapshot.stdout)\(snapshot.stderr)")
        #expect(try repo.query("select count(*) from kept") == [["2"]])
        // a test reading no rows would always pass: test and seed do not take --empty
        for command in ["test", "seed"] {
            let refused = try repo.flowc(command, "--empty")
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("Unknown option '--empty'"))
        }
    }
}
