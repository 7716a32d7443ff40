// `flowc compile` writes target/run_results.json as dbt's compile does: a result per selected
// node with its compiled code, an error for a node that did not compile (and for a node whose
// ephemeral parent did not), seeds as successes without code, and the args under dbt's names.
import Foundation
import Testing

@Suite struct CompileResultsCLITests {
    static let files: [String: String] = Shop.files.merging([
        "models/eph.sql": "{{ config(materialized='ephemeral') }}\nselect {{ var('rate') }} as rate\n",
        "models/priced.sql": "select * from {{ ref('eph') }}\n",
        "models/schema.yml": """
            version: 2
            models:
              - name: orders
                columns:
                  - name: order_id
                    data_tests: [not_null]
            """,
    ]) { $1 }

    func results(_ repo: Repo) throws -> (results: [String: [String: Any]], args: [String: Any]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/run_results.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        var out: [String: [String: Any]] = [:]
        for r in json?["results"] as? [[String: Any]] ?? [] {
            if let id = r["unique_id"] as? String { out[id.hasPrefix("test.") ? "test" : id] = r }
        }
        return (out, json?["args"] as? [String: Any] ?? [:])
    }

    @Test func compileWritesAResultPerNodeWithItsCodeOrItsError() throws {
        let repo = try Repo(Self.files)
        let failed = try repo.flowc("compile", "--vars", "{other: 1}")
        #expect(failed.status == 2, "\(failed.stdout)\(failed.stderr)")  // as dbt compile
        var (r, args) = try results(repo)
        #expect(args["which"] as? String == "compile")
        #expect((args["vars"] as? [String: Any])?["other"] as? Int == 1)
        // an ephemeral model has no result of its own, as in dbt (runnable.py _handle_result)
        #expect(Set(r.keys) == ["seed.shop.raw_orders", "model.shop.stg_orders", "model.shop.customers", "model.shop.orders",
                                "model.shop.priced", "test"])

        let orders = try #require(r["model.shop.orders"])
        #expect(orders["status"] as? String == "success")
        let file = try String(contentsOfFile: repo.root + "/target/compiled/shop/models/orders.sql", encoding: .utf8)
        #expect(orders["compiled_code"] as? String == file)
        #expect(file.contains("main.\"stg_orders\""))
        #expect(orders["relation_name"] as? String == "main.\"orders\"")
        #expect(orders["compiled"] as? Bool == true)
        let timing = try #require((orders["timing"] as? [[String: Any]])?.first)
        #expect(timing["name"] as? String == "compile")
        #expect(r["test"]?["status"] as? String == "success")
        #expect(r["test"]?["relation_name"] is NSNull)

        let seed = try #require(r["seed.shop.raw_orders"])
        #expect(seed["status"] as? String == "success")
        #expect(seed["compiled_code"] is NSNull)

        let priced = try #require(r["model.shop.priced"])
        #expect(priced["status"] as? String == "error")
        #expect(priced["message"] as? String == "Compilation Error in model priced (models/priced.sql)\n  its ephemeral parent eph did not compile")

        // retry cannot compile; it says what to do instead
        let retry = try repo.flowc("retry")
        #expect(retry.status == 2)
        #expect(retry.stderr.contains("run `flowc compile` again"), "\(retry.stderr)")

        // with the var, everything compiles; a selection writes only its nodes (and their tests)
        let ok = try repo.flowc("compile", "--vars", "{rate: 2}")
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        (r, args) = try results(repo)
        #expect(r.values.allSatisfy { $0["status"] as? String == "success" })
        #expect((r["model.shop.priced"]?["compiled_code"] as? String ?? "").contains("__dbt__cte__eph as ("))
        let nothing = try repo.flowc("retry")
        #expect(nothing.status == 0)
        #expect(nothing.stdout.contains("Nothing to retry: the previous compile had no errors"), "\(nothing.stdout)")

        let picked = try repo.flowc("compile", "-s", "orders")
        #expect(picked.status == 0, "\(picked.stdout)\(picked.stderr)")
        (r, args) = try results(repo)
        #expect(Set(r.keys) == ["model.shop.orders", "test"])
        #expect(args["select"] as? [String] == ["orders"])
    }

    /// As dbt: a run_query the database refuses while a node compiles is the node's Database
    /// Error, the query's message placed at the call without flowc's "database error: " marker.
    @Test func aQueryFailingWhileCompilingIsADatabaseError() throws {
        var files = Self.files
        files["models/queried.sql"] = "{% set r = run_query('select * from no_such_table') %}\nselect 1 as a\n"
        let repo = try Repo(files)
        let failed = try repo.flowc("compile", "-s", "queried")
        #expect(failed.status == 2, "\(failed.stdout)\(failed.stderr)")
        let message = try results(repo).results["model.shop.queried"]?["message"] as? String ?? ""
        #expect(message.hasPrefix("Database Error in model queried (models/queried.sql)\n"
                                  + "  models/queried.sql:1:21: error: no such table: no_such_table"), "\(message)")
    }

    func manifestNode(_ repo: Repo, _ id: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: repo.root + "/target/manifest.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require((json?["nodes"] as? [String: Any])?[id] as? [String: Any])
    }

    /// As dbt: compiling (or running) a child compiles its ephemeral parent on the way, writes
    /// the parent's compiled file and records it compiled in the manifest, without a result.
    @Test(arguments: ["compile", "run"])
    func anEphemeralParentOfASelectedNodeIsCompiledToo(_ command: String) throws {
        let repo = try Repo(Self.files)
        if command == "run" { #expect(try repo.flowc("seed").status == 0) }
        let done = try repo.flowc(command, "-s", "priced", "--vars", "{rate: 2}")
        #expect(done.status == 0, "\(done.stdout)\(done.stderr)")
        let (r, _) = try results(repo)
        #expect(Set(r.keys) == ["model.shop.priced"])
        let file = try String(contentsOfFile: repo.root + "/target/compiled/shop/models/eph.sql", encoding: .utf8)
        // the config() call leaves its line's newline, as in dbt
        #expect(file == "\nselect 2 as rate")
        let eph = try manifestNode(repo, "model.shop.eph")
        #expect(eph["compiled"] as? Bool == true)
        #expect(eph["compiled_code"] as? String == file)
        #expect(eph["compiled_path"] as? String == "target/compiled/shop/models/eph.sql")
        let priced = try manifestNode(repo, "model.shop.priced")
        let ctes = try #require(priced["extra_ctes"] as? [[String: Any]])
        #expect(ctes.map { $0["id"] as? String } == ["model.shop.eph"])
        #expect(ctes.first?["sql"] as? String == " __dbt__cte__eph as (\n\nselect 2 as rate\n)")
    }
}
