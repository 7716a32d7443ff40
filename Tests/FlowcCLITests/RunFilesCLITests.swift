// After a run, the manifest points at each executed node's target/run/ file (dbt's
// `build_path`); nodes that did not run have none.
import Foundation
import Testing

@Suite struct RunFilesCLITests {
    @Test func manifestBuildPathsNameTheRunFiles() throws {
        let repo = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "seeds/codes.csv": "id\n1\n",
            "models/orders.sql": "select id from {{ ref('codes') }}\n",
            "models/other.sql": "select 1 as id\n",
        ])
        let r = try repo.flowc("build", "-s", "+orders", "-q")
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let nodes = try #require(manifest["nodes"] as? [String: [String: Any]])
        #expect(nodes["model.shop.orders"]?["build_path"] as? String == "target/run/shop/models/orders.sql")
        #expect(nodes["seed.shop.codes"]?["build_path"] as? String == "target/run/shop/seeds/codes.csv")
        #expect(nodes["model.shop.other"]?["build_path"] is NSNull)
        #expect(FileManager.default.fileExists(atPath: repo.root + "/target/run/shop/models/orders.sql"))
    }
}
