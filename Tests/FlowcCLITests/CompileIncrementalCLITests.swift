// `flowc compile` renders is_incremental() as dbt's compile does: true for an incremental model
// whose table the target already holds (dbt connects to find out), false before the first build
// (and then no database file is created to find that out), and false with a note when the
// warehouse cannot be reached, so compile still works offline.
import Foundation
import Testing

@Suite struct CompileIncrementalCLITests {
    static let files: [String: String] = Shop.files.merging([
        "models/events.sql": """
            {{ config(materialized='incremental', unique_key='order_id') }}
            select order_id, amount from {{ ref('stg_orders') }}
            {% if is_incremental() %}where order_id > (select max(order_id) from {{ this }}){% endif %}

            """,
    ]) { $1 }

    func compiled(_ repo: Repo) throws -> String {
        try String(contentsOfFile: repo.root + "/target/compiled/shop/models/events.sql", encoding: .utf8)
    }

    @Test func isIncrementalFollowsTheTargetsTable() throws {
        let repo = try Repo(Self.files)
        let before = try repo.flowc("compile", "-s", "events")
        #expect(before.status == 0, "\(before.stdout)\(before.stderr)")
        #expect(try !compiled(repo).contains("where order_id >"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/dev.sqlite"))

        let built = try repo.flowc("build")
        #expect(built.status == 0, "\(built.stdout)\(built.stderr)")
        let after = try repo.flowc("compile", "-s", "events")
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        #expect(try compiled(repo).contains("where order_id > (select max(order_id) from main.\"events\")"))
        // the model's full_refresh config rebuilds it, so is_incremental() is false
        try Data(Self.files["models/events.sql"]!.replacingOccurrences(of: "unique_key='order_id'", with: "unique_key='order_id', full_refresh=true").utf8)
            .write(to: URL(fileURLWithPath: repo.root + "/models/events.sql"))
        let refreshed = try repo.flowc("compile", "-s", "events")
        #expect(refreshed.status == 0, "\(refreshed.stdout)\(refreshed.stderr)")
        #expect(try !compiled(repo).contains("where order_id >"))
    }

    @Test func anUnreachableWarehouseCompilesTheFullBuildWithANote() throws {
        var files = Self.files
        files["profiles.yml"] = """
            shop:
              target: pg
              outputs:
                pg: {type: postgres, host: 127.0.0.1, port: 1, user: nobody, dbname: none, schema: analytics, connect_timeout: 2}
            """
        let repo = try Repo(files)
        let r = try repo.flowc("compile", "-s", "events")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("1 incremental model was compiled as if its table did not exist (is_incremental() false)"), "\(r.stderr)")
        #expect(try !compiled(repo).contains("where order_id >"))
    }
}
