// dbt unit tests through the CLI on the embedded SQLite warehouse: `flowc test` runs them and
// exits 1 with the diff when one fails, `ls` names them as dbt does, `build` skips the model of a
// failing one, and manifest.json / run_results.json hold them.
import FlowcTestSupport
import Foundation
import Testing

@Suite struct UnitTestCLITests {
    static func project(expectedTotal: Int) throws -> Repo {
        try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "seeds/raw_orders.csv": "id,amount\n1,10\n2,5\n",
            "models/orders.sql": "select id, amount * 2 as doubled from {{ ref('raw_orders') }}",
            "models/total.sql": "select sum(doubled) as total from {{ ref('orders') }}",
            "models/unit_tests.yml": """
                version: 2
                unit_tests:
                  - name: doubles_amounts
                    model: orders
                    given:
                      - input: ref('raw_orders')
                        rows: [{id: 1, amount: 3}, {id: 2, amount: 4}]
                    expect:
                      rows: [{id: 1, doubled: 6}, {id: 2, doubled: 8}]
                  - name: totals
                    model: total
                    given:
                      - input: ref('orders')
                        format: csv
                        rows: |
                          id,doubled
                          1,6
                          2,8
                    expect:
                      rows: [{total: \(expectedTotal)}]
                """,
        ])
    }

    func runResults(_ repo: Repo) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/run_results.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json["results"] as? [[String: Any]])
    }

    @Test func testRunsThemAndAFailureExitsOneWithTheDiff() throws {
        let repo = try Self.project(expectedTotal: 15)
        let ls = try repo.flowc("ls", "-s", "test_type:unit")
        #expect(ls.stdout == "unit_test:shop.doubles_amounts\nunit_test:shop.totals\n", "\(ls.stderr)")
        let build = try repo.flowc("build", "--exclude", "unit_test:totals")
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        #expect(build.stdout.contains("PASS orders::doubles_amounts"))
        // dbt dots each progress line to 80 columns before ` [`
        let progress = try #require(build.stdout.split(separator: "\n").first { $0.contains("PASS orders::doubles_amounts") })
        let beforeTag = try #require(progress.range(of: " ["))
        #expect(progress[..<beforeTag.lowerBound].dropFirst("HH:MM:SS  ".count).count == 80, "\(progress)")
        #expect(build.stdout.contains("Finished running 1 seed, 1 unit test, 2 view models in"), "\(build.stdout)")

        let test = try repo.flowc("test")
        #expect(test.status == 1)
        #expect(test.stdout.contains("FAIL 1 total::totals"))
        #expect(test.stdout.contains("Failure in unit_test totals (models/unit_tests.yml)"))
        #expect(test.stdout.contains("actual differs from expected:"))
        // one column is its own key, so the rows cannot pair: one only in actual, one only expected
        #expect(test.stdout.contains("@@ ,total\n"), "\(test.stdout)")
        #expect(test.stdout.contains("+++,14\n") && test.stdout.contains("---,15\n"))
        let results = try runResults(repo)
        let failed = try #require(results.first { $0["unique_id"] as? String == "unit_test.shop.total.totals" })
        #expect(failed["status"] as? String == "fail")
        #expect(failed["failures"] as? Int == 1)
        #expect(failed["message"] as? String == "\n\nactual differs from expected:\n\n@@ ,total\r\n+++,14\r\n---,15\r\n\n")
        #expect((failed["compiled_code"] as? String)?.contains("__dbt__cte__orders") == true)

        let manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/manifest.json"))) as? [String: Any])
        let unitTests = try #require(manifest["unit_tests"] as? [String: Any])
        #expect(unitTests.keys.sorted() == ["unit_test.shop.orders.doubles_amounts", "unit_test.shop.total.totals"])
        let childMap = try #require(manifest["child_map"] as? [String: [String]])
        #expect(childMap["model.shop.total"] == ["unit_test.shop.total.totals"])
    }

    @Test func buildSkipsTheModelOfAFailingUnitTest() throws {
        let repo = try Self.project(expectedTotal: 15)
        let build = try repo.flowc("build")
        #expect(build.status == 1)
        #expect(build.stdout.contains("SKIP relation main.total"), "\(build.stdout)")
        let results = try runResults(repo)
        #expect(results.first { $0["unique_id"] as? String == "model.shop.total" }?["status"] as? String == "skipped")
        #expect(results.first { $0["unique_id"] as? String == "model.shop.orders" }?["status"] as? String == "success")

        let fixed = try Self.project(expectedTotal: 14)
        #expect(try fixed.flowc("build").status == 0)
        // --empty limits the real relations, not a unit test's fixtures: they still pass
        let empty = try fixed.flowc("build", "--empty")
        #expect(empty.status == 0, "\(empty.stdout)")
        #expect(empty.stdout.contains("PASS total::totals"))
    }

    @Test func resourceTypeAndIndirectSelectionFlags() throws {
        let repo = try Self.project(expectedTotal: 14)
        // production builds often leave unit tests out
        let prod = try repo.flowc("build", "--exclude-resource-type", "unit_test")
        #expect(prod.status == 0, "\(prod.stdout)")
        #expect(!prod.stdout.contains("unit_test"), "\(prod.stdout)")
        #expect(try runResults(repo).count == 3)   // one seed, two models
        let onlyUnit = try repo.flowc("test", "--resource-type", "unit_test")
        #expect(onlyUnit.status == 0)
        #expect(try runResults(repo).compactMap { $0["unique_id"] as? String }.sorted()
                == ["unit_test.shop.orders.doubles_amounts", "unit_test.shop.total.totals"])
        // a model selected with --indirect-selection empty brings none of its tests (by path here:
        // a unit test's fqn starts with its model's name, so `-s orders` selects it directly, as in dbt)
        let ls = try repo.flowc("ls", "-s", "path:models/orders.sql", "--indirect-selection", "empty", "--output", "name")
        #expect(ls.stdout == "orders\n", "\(ls.stdout)")
        let eager = try repo.flowc("ls", "-s", "path:models/orders.sql", "--output", "name")
        #expect(eager.stdout == "orders\ndoubles_amounts\n", "\(eager.stdout)")
        let bad = try repo.flowc("ls", "--resource-type", "modle")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'modle' is not a resource type"), "\(bad.stderr)")
        #expect(bad.stderr.contains("did you mean 'model'?"))
    }
}
