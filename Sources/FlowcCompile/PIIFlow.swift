// The `pii_exposed` check: personal data must not reach external consumers. A column is PII when
// its YAML says so (`meta: {pii: true}` or `{contains_pii: true}`, or the tag `pii`) on a source,
// seed, model or snapshot; a column copied or computed from a PII column is PII too, through
// the column lineage, until a model's YAML declares it is not (`meta: {pii: false}`: masked or
// hashed there). Aggregates carry it too: `max(email)` is an email; a `count(email)` that is
// not personal is declared so, like a hash. External consumers are
// exposures and models with `access: public`; each PII column reaching one is a finding at the
// column's place, keyed by the model that carries it (so `compile -s model` reports it).
import FlowcGraph
import FlowcLineage
import FlowcProject

enum PIIFlow {
    /// A column's own declaration: true (PII), false (declared clean), nil (says nothing).
    static func declared(_ column: ColumnInfo) -> Bool? {
        for key in ["pii", "contains_pii"] {
            switch column.meta[key] {
            case .bool(let b)?: return b
            case .string(let s)? where ["true", "false"].contains(s.lowercased()): return s.lowercased() == "true"
            default: continue
            }
        }
        return column.tags.contains { $0.lowercased() == "pii" } ? true : nil
    }

    static func findings(manifest: Manifest, lineage: [String: NodeLineage], checks: CheckLevels) -> [String: [Diagnostic]] {
        guard let severity = checks.severity(.piiExposed) else { return [:] }
        // declarations by (node, lowercased column)
        var marks: [String: Bool] = [:]
        var spans: [String: SourceSpan] = [:]
        func key(_ node: String, _ column: String) -> String { node + "\u{0}" + column.lowercased() }
        for s in manifest.sources.values {
            for c in s.columns { if let d = declared(c) { marks[key(s.uniqueId, c.name)] = d } }
        }
        for n in manifest.nodes.values {
            for c in n.columns { if let d = declared(c) { marks[key(n.uniqueId, c.name)] = d } }
        }
        // most projects declare no PII: then the column spans are never needed
        guard marks.values.contains(true) else { return [:] }
        for n in manifest.nodes.values {
            for c in n.columns { if let span = c.span { spans[key(n.uniqueId, c.name)] = span } }
        }

        // where a column's PII comes from (the first declared PII column upstream), memoised;
        // the lineage is a DAG, so the recursion ends
        var origins: [String: ColumnSource?] = [:]
        func origin(_ node: String, _ column: String) -> ColumnSource? {
            let k = key(node, column)
            if let known = origins[k] { return known }
            var found: ColumnSource?
            if let mark = marks[k] {
                found = mark ? ColumnSource(relation: node, column: column) : nil
            } else if let c = lineage[node]?.columns.first(where: { $0.name.lowercased() == column.lowercased() }) {
                origins[k] = .some(nil)  // a cycle (there should be none) reads as clean
                found = c.sources.lazy.compactMap { origin($0.relation, $0.column) }.first
            }
            origins[k] = .some(found)
            return found
        }
        func name(_ id: String) -> String {
            if let s = manifest.sources[id] { return "source \(s.sourceName).\(s.name)" }
            guard let n = manifest.nodes[id] else { return id }
            return "\(n.resourceType.rawValue) \(n.name)"
        }

        // consumers: what each exposure depends on (models, seeds, sources), and public models
        var consumers: [String: [(what: String, span: SourceSpan?)]] = [:]
        for x in manifest.exposures.values.sorted(by: { $0.uniqueId < $1.uniqueId }) {
            for id in x.dependsOnNodes where manifest.nodes[id] != nil || manifest.sources[id] != nil {
                consumers[id, default: []].append(("exposure '\(x.name)'", x.span))
            }
        }
        for n in manifest.nodes.values where n.resourceType == .model && n.config["access"]?.stringValue == "public" {
            consumers[n.uniqueId, default: []].append(("its consumers (the model is public)", nil))
        }
        var out: [String: [Diagnostic]] = [:]
        for (id, to) in consumers {
            guard let columns = lineage[id]?.columns else { continue }
            for c in columns {
                guard let from = origin(id, c.name) else { continue }
                let via = from.relation == id ? "" : " (from \(name(from.relation)).\(from.column))"
                // at the column's YAML entry, else the model's file, else (a source) the exposure
                let span = spans[key(id, c.name)] ?? manifest.nodes[id]?.span ?? to.lazy.compactMap(\.span).first
                out[id, default: []].append(Diagnostic(
                    severity, "PII column '\(c.name)' of \(name(id))\(via) reaches " + to.map(\.what).joined(separator: " and "),
                    span: span,
                    hint: "leave the column out or mask it in this model and declare it `meta: {pii: false}` in its YAML; "
                        + "`checks: {pii_exposed: off}` turns the check off"))
            }
        }
        return out
    }
}
