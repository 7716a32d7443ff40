// dbt's query comment: each statement a node or hook runs starts with `/* … */` saying which
// node ran it, so the warehouse's own logs (pg_stat_activity, the query history) can be traced
// back to the project. By default it is dbt's JSON ({"app": "dbt", "dbt_version": …,
// "profile_name": …, "target_name": …, "node_id": …}); `query-comment:` in the project file
// sets the text (Jinja, rendered as the node), or `comment:` and `append: true` put it after the
// statement, and null or '' turns it off. Files under target/run/ hold the statements without it,
// as dbt's do.
import FlowcGraph
import FlowcProject
import FlowcTemplate
import Foundation

public struct QueryCommentSetting: Sendable {
    /// The Jinja text; nil for dbt's default JSON.
    public var template: String?
    public var enabled = true
    public var append = false

    public init() {}

    /// From the project file's `query-comment:` (nil, the key absent: dbt's default).
    public init(_ value: YAMLValue?) {
        guard let value else { return }
        guard !value.isNull else {
            enabled = false
            return
        }
        if let text = value.scalarText {
            template = text
        } else {
            if let c = value["comment"] {
                if c.isNull { enabled = false } else { template = c.scalarText }
            }
            append = value["append"]?.scalarText.map { ["true", "yes", "1"].contains($0.lowercased()) } ?? false
        }
        if template?.isEmpty == true { enabled = false }
    }

    /// dbt's default comment for `node`, as its query_comment macro writes it (tojson).
    static func defaultComment(node: Node, target: JSONObject, dbtVersion: String) -> String {
        JSONWriter.string(.object(JSONObject([
            ("app", "dbt"), ("dbt_version", .string(dbtVersion)),
            ("profile_name", target["profile_name"] ?? .null), ("target_name", target["name"] ?? .null),
            ("node_id", .string(node.uniqueId)),
        ])))
    }

    /// `sql` with `comment` before it (or after it, a final `;` kept last), as dbt's
    /// _QueryComment.add.
    static func add(_ comment: String, to sql: String, append: Bool) -> String {
        let text = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard append else { return "/* \(text) */\n" + sql }
        var body = sql
        while body.last?.isWhitespace == true { body.removeLast() }
        if body.hasSuffix(";") { return String(body.dropLast()) + "\n/* \(text) */;" }
        return body + "\n/* \(text) */"
    }
}
