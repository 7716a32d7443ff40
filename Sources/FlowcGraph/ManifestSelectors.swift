// The manifest's `selectors`: selectors.yml's entries as dbt 1.11 records them (its
// SelectorDict): each entry as written, with its `definition` normalised — a CLI-style string
// becomes {method, value, and the graph operators it has}, `union`/`intersection` items are
// normalised one by one, a one-key mapping `{tag: nightly}` becomes {method: tag, value: nightly},
// and `{method: selector, value: other}` is replaced by the other (earlier) selector's definition.
// Selection itself reads selectors.yml through SelectorYAML.swift; this is only the record.

public enum ManifestSelectors {
    /// `selectors:` of a selectors.yml document (already as JSON, keys in file order), keyed by
    /// name. Entries without a name or a definition are left out (selection reports them).
    public static func record(_ document: JSON) -> JSONObject {
        var out = JSONObject()
        for item in document["selectors"]?.arrayValue ?? [] {
            guard var entry = item.objectValue, let name = entry["name"]?.stringValue,
                  let definition = entry["definition"] else { continue }
            let earlier = out
            entry["definition"] = normalised(definition, earlier: earlier)
            out[name] = .object(entry)
        }
        return out
    }

    static func normalised(_ definition: JSON, earlier: JSONObject) -> JSON {
        if let text = definition.stringValue { return .object(fromSpec(text)) }
        guard let map = definition.objectValue else { return definition }
        for setOperation in ["union", "intersection"] where map[setOperation] != nil {
            let items = (map[setOperation]?.arrayValue ?? []).map { item -> JSON in
                if let text = item.stringValue { return .object(fromSpec(text)) }
                if item.objectValue != nil { return normalised(item, earlier: earlier) }
                return item
            }
            return .object(JSONObject([(setOperation, .array(items))]))
        }
        guard let key = map.keys.first, let first = map[key] else { return definition }
        var value = first
        if let list = first.arrayValue { value = .array(list.map { normalised($0, earlier: earlier) }) }
        if key == "exclude" { return .object(JSONObject([(key, value)])) }
        if map.count == 1 { return .object(JSONObject([("method", .string(key)), ("value", value)])) }
        if key == "method", value.stringValue == "selector", let other = map["value"]?.stringValue,
           let reused = earlier[other]?["definition"] {
            return reused
        }
        return definition
    }

    /// dbt's `SelectionCriteria.dict_from_single_spec`: `2+path:models/a+3` becomes
    /// {parents: true, parents_depth: "2", method: "path", value: "models/a", children: true,
    /// children_depth: "3"}, keys in that order, absent parts left out.
    static func fromSpec(_ raw: String) -> JSONObject {
        var rest = Substring(raw)
        var out = JSONObject()
        if rest.hasPrefix("@") {
            out["childrens_parents"] = true
            rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if rest.dropFirst(digits.count).hasPrefix("+") {
            out["parents"] = true
            if !digits.isEmpty { out["parents_depth"] = .string(String(digits)) }
            rest = rest.dropFirst(digits.count + 1)
        }
        // a trailing `+` and depth are children (the value is matched lazily, as in dbt's pattern)
        var childrenDepth: Substring?
        if let plus = rest.lastIndex(of: "+"), rest[rest.index(after: plus)...].allSatisfy({ $0.isASCII && $0.isNumber }) {
            childrenDepth = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        var method: String?
        if let colon = rest.firstIndex(of: ":"),
           rest[..<colon].allSatisfy({ $0 == "." || $0 == "_" || $0.isLetter || $0.isNumber }), colon > rest.startIndex {
            method = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        let value = String(rest)
        out["method"] = .string(method ?? defaultMethod(value))
        if !value.isEmpty { out["value"] = .string(value) }
        if let childrenDepth {
            out["children"] = true
            if !childrenDepth.isEmpty { out["children_depth"] = .string(String(childrenDepth)) }
        }
        return out
    }

    /// dbt's default method for a bare value: a path, a file, else the fqn.
    static func defaultMethod(_ value: String) -> String {
        if value.contains("/") { return "path" }
        let lower = value.lowercased()
        if lower.hasSuffix(".sql") || lower.hasSuffix(".py") || lower.hasSuffix(".csv") { return "file" }
        return "fqn"
    }
}
