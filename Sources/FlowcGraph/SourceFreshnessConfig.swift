// Where a source table's freshness and load-time column come from, by dbt 1.10's rules: the
// `freshness:` property and `config: {freshness:}` of the source, then of the table, merged
// key by key (a `null` turns freshness off); `loaded_at_field` / `loaded_at_query` from the
// table when it names either, else from the source, each as a property or a config, never both
// on one level.

import FlowcProject

enum SourceFreshnessConfig {
    /// dbt's merge_source_freshness over `layers` (a missing key is nil, `freshness: null` is
    /// `.null`). Returns the thresholds, `.null` when they are turned off, or nil when no
    /// layer sets any (the project's `+freshness` then applies).
    static func merged(_ layers: [JSON?]) -> JSON? {
        func threshold(_ v: JSON?) -> JSONObject? {
            switch v {
            case nil: return JSONObject()
            case .object(let o)?: return o
            default: return nil
            }
        }
        var current = threshold(layers.first ?? nil)
        for layer in layers.dropFirst() {
            let update = threshold(layer)
            if let base = current, let update {
                var m = base
                if let filter = update["filter"], !filter.isNull { m["filter"] = filter }
                for key in ["warn_after", "error_after"] {
                    m[key] = mergeTime(time(base, key), time(update, key)).map { .object($0) } ?? .null
                }
                current = m
            } else if current == nil, let update, isSet(update) {
                current = update
            } else {
                current = nil
            }
        }
        guard let result = current else { return .null }
        return isSet(result) ? .object(result) : nil
    }

    /// A threshold's `warn_after`/`error_after`: nil when set to null, empty when missing.
    static func time(_ t: JSONObject, _ key: String) -> JSONObject? {
        switch t[key] {
        case nil: return JSONObject()
        case .object(let o)?: return o
        default: return nil
        }
    }

    /// dbt's merge_freshness_time_thresholds: the update's count and period over the base's.
    static func mergeTime(_ base: JSONObject?, _ update: JSONObject?) -> JSONObject? {
        if let base, isComplete(base), let update, isComplete(update) {
            var m = base
            for (k, v) in update where !v.isNull { m[k] = v }
            return m
        }
        guard let update else { return nil }
        return isComplete(update) ? update : base
    }

    static func isComplete(_ time: JSONObject) -> Bool {
        !(time["count"] ?? .null).isNull && !(time["period"] ?? .null).isNull
    }

    /// Whether a threshold checks anything (dbt's truth of FreshnessThreshold).
    static func isSet(_ t: JSONObject) -> Bool {
        [time(t, "warn_after"), time(t, "error_after")].contains { $0.map(isComplete) ?? false }
    }

    struct Conflict: Error {
        var level: String
    }

    /// `loaded_at_field` and `loaded_at_query` of a table, each as a property or in `config`:
    /// the table's when it sets either (a table's `loaded_at_field: null` also clears the
    /// source's query), else the source's. Both on one level is dbt's parse error.
    static func loadedAt(source: (properties: YAMLValue, config: JSONObject?), table: (properties: YAMLValue, config: JSONObject?))
        throws(Conflict) -> (field: String?, query: String?) {
        func text(_ v: JSON?) -> String? { v?.stringValue }
        let tableFieldPresent = table.properties["loaded_at_field"] != nil
        let tableField = table.properties["loaded_at_field"]?.string ?? text(table.config?["loaded_at_field"])
        let tableQuery = table.properties["loaded_at_query"]?.string ?? text(table.config?["loaded_at_query"])
        let sourceField = source.properties["loaded_at_field"]?.string ?? text(source.config?["loaded_at_field"])
        let sourceQuery = source.properties["loaded_at_query"]?.string ?? text(source.config?["loaded_at_query"])
        if tableFieldPresent && tableQuery != nil { throw Conflict(level: "table") }
        if sourceField != nil && sourceQuery != nil { throw Conflict(level: "source") }
        let tableNamesField = tableFieldPresent || tableField != nil
        let field = tableNamesField ? tableField : sourceField
        let query = tableQuery ?? (tableFieldPresent ? nil : sourceQuery)
        return (field, query)
    }
}
