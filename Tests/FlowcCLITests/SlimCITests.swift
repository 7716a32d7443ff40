// The slim-CI workflow through the real binary: production built from main, a change on a
// branch, `flowc build -s state:modified+ --defer --state git:main --state-target prod`
// building only what changed, reading unchanged parents from production; then retry,
// result:, diff and the errors of bad input (exit code 2 with a hint).
import Foundation
import Testing

@Suite(.serialized) struct SlimCITests {
    /// Production built from main, then a branch that edits customers.
    static func changedBranch() throws -> Repo {
        let repo = try Repo(Shop.files)
        let prod = try repo.flowc("build", "--target", "prod", "-q")
        #expect(prod.status == 0, "\(prod.stderr)")
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("models/customers.sql",
                       "select customer_id, sum(amount) as total, count(*) as orders from {{ ref('stg_orders') }} group by customer_id\n")
        try repo.commit("customers: count orders")
        return repo
    }

    @Test func deferredBuildRunsOnlyTheChangeOnTopOfProduction() throws {
        let repo = try Self.changedBranch()
        let r = try repo.flowc("build", "-s", "state:modified+", "--defer", "--state", "git:main", "--state-target", "prod")
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("Comparing with git:main ("))
        #expect(r.stdout.contains("Deferring 1 unselected parent to git:main"))
        // only customers ran; stg_orders and raw_orders were read from production
        #expect(try repo.results() == ["model.shop.customers": "success"])
        #expect(try repo.query("select customer_id, total, orders from main.customers order by customer_id")
                == [["10", "4000", "2"], ["11", "700", "1"]])
        #expect(try repo.query("select count(*) from sqlite_master where name = 'stg_orders'") == [["0"]])
        let compiled = try String(contentsOfFile: repo.root + "/target/compiled/shop/models/customers.sql", encoding: .utf8)
        #expect(compiled.contains("from prod.\"stg_orders\""))
        // the work tree and the index were not touched by reading main
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }

    @Test func deferKeepsTheCurrentTargetsOwnRelationUnlessFavorState() throws {
        let repo = try Self.changedBranch()
        #expect(try repo.flowc("build", "-s", "+stg_orders", "-q").status == 0)   // dev has its own stg_orders now
        var r = try repo.flowc("run", "-s", "customers", "--defer", "--state", "git:main", "--state-target", "prod", "-q")
        #expect(r.status == 0, "\(r.stderr)")
        var compiled = try String(contentsOfFile: repo.root + "/target/compiled/shop/models/customers.sql", encoding: .utf8)
        #expect(compiled.contains("from main.\"stg_orders\""))
        r = try repo.flowc("run", "-s", "customers", "--favor-state", "--state", "git:main", "--state-target", "prod", "-q")
        #expect(r.status == 0, "\(r.stderr)")
        compiled = try String(contentsOfFile: repo.root + "/target/compiled/shop/models/customers.sql", encoding: .utf8)
        #expect(compiled.contains("from prod.\"stg_orders\""))
    }

    @Test func unitTestsTakeTheirFixturesTypesFromTheDeferredRelations() throws {
        let repo = try Repo(Shop.files.merging(["models/unit_tests.yml": """
            version: 2
            unit_tests:
              - name: sums_per_customer
                model: customers
                given: [{input: "ref('stg_orders')", rows: [{customer_id: 1, amount: 2}, {customer_id: 1, amount: 3}]}]
                expect: {rows: [{customer_id: 1, total: 5}]}
            """]) { $1 })
        #expect(try repo.flowc("build", "--target", "prod", "-q").status == 0)
        // dev has nothing built: without --defer the input's columns cannot be read
        let alone = try repo.flowc("test", "-s", "unit_test:sums_per_customer")
        #expect(alone.status == 1)
        #expect(alone.stdout.contains("Not able to get columns for unit test 'stg_orders'"), "\(alone.stdout)")
        let deferred = try repo.flowc("test", "-s", "unit_test:sums_per_customer", "--defer", "--state", "git:HEAD",
                                      "--state-target", "prod")
        #expect(deferred.status == 0, "\(deferred.stdout)\(deferred.stderr)")
        #expect(deferred.stdout.contains("PASS customers::sums_per_customer"))
    }

    /// dbt's `--defer-state`: the state to defer to, apart from --state's (which may be absent).
    @Test func deferStateNamesTheStateToDeferTo() throws {
        let repo = try Self.changedBranch()
        try FileManager.default.moveItem(atPath: repo.root + "/target", toPath: repo.root + "/prod-state")
        let r = try repo.flowc("run", "-s", "customers", "--defer", "--defer-state", "prod-state", "-q")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let compiled = try String(contentsOfFile: repo.root + "/target/compiled/shop/models/customers.sql", encoding: .utf8)
        #expect(compiled.contains("from prod.\"stg_orders\""))
        // --defer alone still needs a state to defer to
        let bare = try repo.flowc("run", "-s", "customers", "--defer")
        #expect(bare.status == 2)
    }

    @Test func compileDefersWithoutAConnection() throws {
        let repo = try Self.changedBranch()
        let r = try repo.flowc("compile", "-s", "customers", "--defer", "--state", "git:main", "--state-target", "prod", "-q")
        #expect(r.status == 0, "\(r.stderr)")
        let compiled = try String(contentsOfFile: repo.root + "/target/compiled/shop/models/customers.sql", encoding: .utf8)
        #expect(compiled.contains("from prod.\"stg_orders\""))
    }

    @Test func resultsOfAStateDirectory() throws {
        let repo = try Repo(Shop.files)
        try repo.write("models/orders.sql", "select order_id, json('{') as broken from {{ ref('stg_orders') }}\n")
        #expect(try repo.flowc("build", "-q").status == 1)
        try FileManager.default.moveItem(atPath: repo.root + "/target", toPath: repo.root + "/last-run")
        let r = try repo.flowc("ls", "-s", "result:error", "result:success", "--state", "last-run", "--resource-type", "model")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "shop.customers\nshop.orders\nshop.stg_orders\n")
        #expect(try repo.flowc("ls", "-s", "result:error", "--state", "last-run").stdout == "shop.orders\n")
    }

    @Test func lsSelectsModifiedAndDownstream() throws {
        let repo = try Self.changedBranch()
        try repo.write("models/stg_orders.sql", "select id as order_id, customer_id, amount from {{ ref('raw_orders') }} where amount > 0\n")
        let r = try repo.flowc("ls", "-s", "state:modified+", "--state", "git:main", "--resource-type", "model")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "shop.customers\nshop.orders\nshop.stg_orders\n")
        let reformatted = try repo.flowc("ls", "-s", "state:modified", "--state", "git:HEAD")
        #expect(reformatted.stdout == "shop.stg_orders\n")
    }

    @Test func retryRerunsWhatFailedAndWhatItSkipped() throws {
        let repo = try Repo(Shop.files)
        try repo.write("models/stg_orders.sql", "select id as order_id, customer_id, amount, json('{') as broken from {{ ref('raw_orders') }}\n")
        var r = try repo.flowc("build", "-q")
        #expect(r.status == 1)
        #expect(try repo.results() == ["seed.shop.raw_orders": "success", "model.shop.stg_orders": "error",
                                       "model.shop.customers": "skipped", "model.shop.orders": "skipped"])
        r = try repo.flowc("ls", "-s", "result:error+", "--resource-type", "model")
        #expect(r.stdout == "shop.customers\nshop.orders\nshop.stg_orders\n")
        r = try repo.flowc("ls", "-s", "result:skipped")
        #expect(r.stdout == "shop.customers\nshop.orders\n")
        try repo.write("models/stg_orders.sql", Shop.files["models/stg_orders.sql", default: ""])
        r = try repo.flowc("retry", "-q")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try repo.results() == ["model.shop.stg_orders": "success", "model.shop.customers": "success",
                                       "model.shop.orders": "success"])
        r = try repo.flowc("retry")
        #expect(r.status == 0)
        #expect(r.stdout == "Nothing to retry: the previous build had no errors, failures or skips.\n")
    }

    /// dbt's clone: the dev target gets production's relations under its own names (copies on
    /// SQLite, which cannot make a view read another database file); relations it already
    /// has are kept unless --full-refresh.
    @Test func cloneMakesTheStatesRelationsAvailable() throws {
        let repo = try Repo(Shop.files)
        var r = try repo.flowc("build", "-q", "--target", "prod", "--target-path", "prod-target")
        #expect(r.status == 0, "\(r.stderr)")
        r = try repo.flowc("clone", "--state", "prod-target", "-s", "customers", "orders")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("OK created clone of model main.customers"), "\(r.stdout)")
        #expect(try repo.query("select count(*) from main.customers") == [["2"]])
        #expect(try repo.query("select count(*) from main.sqlite_master where name = 'stg_orders'") == [["0"]])
        #expect(try repo.results() == ["model.shop.customers": "success", "model.shop.orders": "success"])
        // production changes; the clone is kept until --full-refresh
        _ = try repo.query("delete from prod.customers where customer_id = 11")
        r = try repo.flowc("clone", "--state", "prod-target", "-s", "customers")
        #expect(r.status == 0)
        #expect(r.stdout.contains("[No-op"), "\(r.stdout)")
        #expect(try repo.query("select count(*) from main.customers") == [["2"]])
        r = try repo.flowc("clone", "--state", "prod-target", "-s", "customers", "--full-refresh")
        #expect(r.status == 0)
        #expect(try repo.query("select count(*) from main.customers") == [["1"]])
        r = try repo.flowc("clone", "-s", "customers")
        #expect(r.status == 2)
        #expect(r.stderr.contains("clone needs --state"))
    }

    @Test func diffAsJSONForBots() throws {
        let repo = try Self.changedBranch()
        let r = try repo.flowc("diff", "main", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let summary = json?["summary"] as? [String: Int]
        #expect(summary == ["added": 0, "removed": 0, "modified": 1, "downstream_affected": 0, "breaking": 0])
        let changes = json?["changes"] as? [[String: Any]]
        #expect(changes?.first?["name"] as? String == "customers")
        #expect(changes?.first?["kinds"] as? [String] == ["sql"])
        let text = try repo.flowc("diff", "git:main")
        #expect(text.stdout.contains("~ model customers (models/customers.sql): sql changed"))
    }

    @Test func failOnBreakingExitsOneOnlyForBreakingChanges() throws {
        let nonBreaking = try Self.changedBranch()
        #expect(try nonBreaking.flowc("diff", "main", "--fail-on-breaking").status == 0)
        let repo = try Repo(Shop.files)
        // orders reads stg_orders.order_id: renaming it breaks that reader.
        try repo.write("models/stg_orders.sql", "select id as id_of_order, customer_id, amount from {{ ref('raw_orders') }}\n")
        let r = try repo.flowc("diff", "main", "--fail-on-breaking")
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("BREAKING"))
    }

    @Test func outsideAGitRepositoryIsAClearError() throws {
        let repo = try Repo(Shop.files)
        try FileManager.default.removeItem(atPath: repo.root + "/.git")
        let r = try repo.flowc("ls", "-s", "state:modified", "--state", "git:main")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: --state git:main: \(repo.root) is not inside a git repository"))
        #expect(r.stderr.contains("hint: run flowc from a clone of the project's repository"))
    }

    @Test func badInputIsAClearErrorWithExitCode2() throws {
        let repo = try Repo(Shop.files)
        var r = try repo.flowc("ls", "-s", "state:modified", "--state", "git:nope")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: --state git:nope: no branch, tag or commit named 'nope'"))
        #expect(r.stderr.contains("hint: check the name with `git branch -a`"))
        r = try repo.flowc("ls", "-s", "state:modified")
        #expect(r.status == 2)
        #expect(r.stderr.contains("state: needs a state to compare with"))
        r = try repo.flowc("run", "--defer")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: --defer needs --state"))
        r = try repo.flowc("ls", "-s", "state:changed", "--state", "git:HEAD")
        #expect(r.status == 2)
        #expect(r.stderr.contains("'changed' is not a state"))
        r = try repo.flowc("diff", "nope")
        #expect(r.status == 2)
        #expect(r.stderr.contains("no branch, tag or commit named 'nope'"))
        r = try repo.flowc("retry")
        #expect(r.status == 2)
        #expect(r.stderr.contains("no target/run_results.json to retry"))
        r = try repo.flowc("ls", "--state", "target", "--state-target", "prod")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: --state-target applies to --state git:REF only"))
        // a revision that does not build names its file as REF:path
        try repo.write("models/orders.sql", "select * from {{ ref('stg_ordres') }}\n")
        try repo.commit("typo")
        try repo.write("models/orders.sql", Shop.files["models/orders.sql", default: ""])
        r = try repo.flowc("ls", "-s", "state:modified", "--state", "git:HEAD")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: the project at git:HEAD ("))
        #expect(r.stderr.contains("HEAD:models/orders.sql:1:"))
    }
}
