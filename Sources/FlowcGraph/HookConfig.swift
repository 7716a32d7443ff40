// Hooks as configs hold them: a string, a `{sql: …, transaction: …}` mapping, or a list of
// either (pre-hook, post-hook, on-run-start, on-run-end).

import FlowcTemplate
import Foundation

public enum HookConfig {
    /// The hook statements, unrendered, in order.
    public static func statements(_ value: JSON?) -> [String] {
        value.map { hookItems($0).map(\.sql) } ?? []
    }

    /// The hook statements of one side of the model's transaction: `transaction: false`
    /// (before_begin/after_commit) or true (the default), in order.
    public static func statements(_ value: JSON?, inTransaction: Bool) -> [String] {
        value.map { hookItems($0).filter { $0.transaction == inTransaction }.map(\.sql) } ?? []
    }

    /// A node's config as dbt writes it in the manifest: each pre-/post-hook an object
    /// `{sql, transaction, index}` (a plain string is `transaction: true`), as tools that read
    /// dbt's manifests expect.
    public static func manifestConfig(_ config: JSONObject) -> JSONObject {
        // most nodes have no hooks: their config is written as it is, uncopied
        func isEmpty(_ v: JSON?) -> Bool { v == nil || v == .array([]) || v == .null }
        guard !isEmpty(config["pre-hook"]) || !isEmpty(config["post-hook"]) else { return config }
        var out = config
        for key in ["pre-hook", "post-hook"] {
            guard let value = config[key] else { continue }
            out[key] = .array(hookItems(value).map { item in
                .object(JSONObject([("sql", .string(item.sql)), ("transaction", .bool(item.transaction)), ("index", .null)]))
            })
        }
        return out
    }

    static func hookItems(_ value: JSON) -> [(sql: String, transaction: Bool)] {
        switch value {
        case .string(let s):
            // before_begin()/after_commit() in a config() call give the mapping as JSON text, which
            // dbt reads back (get_hook_dict)
            let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("{"), case .dict(let d)? = try? Value.fromJSON(trimmed), let sql = d.get("sql")?.stringValue {
                return [(sql, d.get("transaction")?.truthy ?? true)]
            }
            return [(s, true)]
        case .object(let o):
            guard let sql = o["sql"]?.stringValue else { return [] }
            return [(sql, o["transaction"]?.boolValue ?? true)]
        case .array(let items): return items.flatMap { hookItems($0) }
        default: return []
        }
    }
}
