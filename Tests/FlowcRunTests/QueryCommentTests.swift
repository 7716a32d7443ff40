// dbt's query comment on a real PostgreSQL: the statement a model runs carries it (the model
// reads its own statement back with current_query()), as dbt-postgres 1.11 sends it; the project
// file's `query-comment:` changes, appends or removes it; target/run keeps the bare statement.
import FlowcRun
import Foundation
import Testing

@Suite("Query comments")
struct QueryCommentTests {
    static let model = ["models/q.sql": "{{ config(materialized='table') }} select current_query() as q"]

    func statement(_ projectExtra: String) throws -> (sent: String, recorded: String) {
        var files = Self.model
        files["flowc.yml"] = "name: shop\nversion: '1.0'\nprofile: shop\n" + projectExtra
        let h = try RunHarness(.postgres, files)
        try h.runOK(.run)
        let sent = try h.rows("select q from analytics.q").first?.first ?? ""
        let recorded = try String(contentsOfFile: h.root + "/target/run/shop/models/q.sql", encoding: .utf8)
        return (sent, recorded)
    }

    @Test("by default a statement starts with dbt's JSON comment naming the node")
    func defaultComment() throws {
        let (sent, recorded) = try statement("")
        #expect(sent.hasPrefix("/* {\"app\": \"dbt\", \"dbt_version\": \"1.11.0\", \"profile_name\": \"shop\", \"target_name\": \"dev\", "
                               + "\"node_id\": \"model.shop.q\"} */\ncreate table"), "\(sent)")
        #expect(!recorded.contains("/*"))
    }

    @Test("query-comment sets the text (rendered as the node), append puts it last, null removes it")
    func configuredComment() throws {
        let custom = try statement("query-comment: \"ran {{ node.unique_id }} on {{ target.name }}\"\n").sent
        #expect(custom.hasPrefix("/* ran model.shop.q on dev */\ncreate table"), "\(custom)")
        let appended = try statement("query-comment:\n  comment: \"tail\"\n  append: true\n").sent
        #expect(appended.hasSuffix("\n/* tail */"), "\(appended)")
        #expect(appended.hasPrefix("create table"), "\(appended)")
        let none = try statement("query-comment: null\n").sent
        #expect(none.hasPrefix("create table"), "\(none)")
    }
}
