// After a run, the manifest points at each executed node's target/run/ file (dbt's
// `build_path`); nodes that did not run have none. A data test that ran lists the macros dbt's
// test materialization calls among its dependencies, as dbt's manifest does.
import Foundation
import Testing

@Suite struct RunFilesCLITests {
    @Test func manifestBuildPathsNameTheRunFiles() throws {
        let repo = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "seeds/codes.csv": "id\n1\n",
            "models/orders.sql": "select id from {{ ref('codes') }}\n",
            "models/other.sql": "select 1 as id\n",
            "models/schema.yml": "version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [unique]\n"
                + "  - name: other\n    columns:\n      - name: id\n        data_tests: [not_null]\n",
        ])
        let r = try repo.flowc("build", "-s", "+orders", "-q")
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let nodes = try #require(manifest["nodes"] as? [String: [String: Any]])
        // dbt's two spellings of UTC in the metadata
        let metadata = try #require(manifest["metadata"] as? [String: Any])
        #expect((metadata["run_started_at"] as? String)?.hasSuffix("+00:00") == true)
        #expect((metadata["invocation_started_at"] as? String)?.hasSuffix("Z") == true)
        #expect(nodes["model.shop.orders"]?["build_path"] as? String == "target/run/shop/models/orders.sql")
        #expect(nodes["seed.shop.codes"]?["build_path"] as? String == "target/run/shop/seeds/codes.csv")
        #expect(nodes["model.shop.other"]?["build_path"] is NSNull)
        #expect(FileManager.default.fileExists(atPath: repo.root + "/target/run/shop/models/orders.sql"))
        func macros(_ prefix: String) -> [String]? {
            (nodes.first { $0.key.hasPrefix(prefix) }?.value["depends_on"] as? [String: Any])?["macros"] as? [String]
        }
        #expect(macros("test.shop.unique_orders_id") == ["macro.dbt.test_unique", "macro.dbt.get_where_subquery", "macro.dbt.get_limit_subquery_sql",
                                                         "macro.dbt.should_store_failures", "macro.dbt.statement"])
        #expect(macros("test.shop.not_null_other_id") == ["macro.dbt.test_not_null"])  // not selected: as parsed
    }
}
