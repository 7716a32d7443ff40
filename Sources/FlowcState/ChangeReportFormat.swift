// `flowc diff` output: text for people, JSON (`--format json`) for bots that comment on pull
// requests. Both list the same facts in the same order.
import FlowcGraph

extension ChangeReport {
    public var text: String {
        var lines: [String] = []
        lines.append("Changes since \(base)" + (commit.map { " (\($0.prefix(7)))" } ?? "") + ":")
        lines.append("  \(added.count) added, \(removed.count) removed, \(modified.count) modified; "
                     + "\(affected.count) downstream affected; \(breakingCount) breaking column change\(breakingCount == 1 ? "" : "s")")
        if changes.isEmpty { lines.append("  nothing changed") }
        for c in changes {
            lines.append("")
            let sign = c.status == .added ? "+" : c.status == .removed ? "-" : "~"
            var head = "\(sign) \(c.resourceType) \(c.name) (\(c.path))"
            if c.status == .modified { head += ": " + c.kinds.joined(separator: ", ") + " changed" }
            else { head += ": " + c.status.rawValue }
            lines.append(head)
            for col in c.columns { lines.append("    " + describe(col)) }
            if c.status == .modified, !c.columnsKnown, c.kinds.contains("sql") {
                lines.append("    columns: unknown (declare them in properties YAML, or run a lineage-aware compile)")
            }
            if !c.downstream.isEmpty {
                lines.append("    downstream: " + c.downstream.map { names[$0] ?? $0 }.joined(separator: ", "))
            }
        }
        if !affected.isEmpty {
            lines.append("")
            lines.append("Downstream affected: " + affected.map { names[$0] ?? $0 }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    func describe(_ c: ColumnChange) -> String {
        var s: String
        switch c.kind {
        case .added: s = "column \(c.column) added" + (c.newType.map { " (\($0))" } ?? "")
        case .removed: s = "column \(c.column) removed"
        case .renamed: s = "column \(c.column) renamed to \(c.newName ?? "?")"
        case .retyped: s = "column \(c.column) retyped \(c.oldType ?? "?") → \(c.newType ?? "?")"
        }
        if c.breaking {
            let who = c.readers.map { r in
                (names[r.node] ?? r.node) + (r.column.map { ".\($0)" } ?? "") + (r.evidence == "name" ? " (by name)" : "")
            }
            s += ": BREAKING, read by " + who.joined(separator: ", ")
        } else {
            s += ": non-breaking"
        }
        return s
    }

    public var json: JSON {
        func strings(_ a: [String]) -> JSON { .array(a.map { .string($0) }) }
        let changesJSON: [JSON] = changes.map { c in
            .object(JSONObject([
                ("unique_id", .string(c.uniqueId)),
                ("name", .string(c.name)),
                ("resource_type", .string(c.resourceType)),
                ("path", .string(c.path)),
                ("change", .string(c.status.rawValue)),
                ("kinds", strings(c.kinds)),
                ("columns_known", .bool(c.columnsKnown)),
                ("columns", .array(c.columns.map { col in
                    .object(JSONObject([
                        ("name", .string(col.column)),
                        ("change", .string(col.kind.rawValue)),
                        ("new_name", col.newName.map { .string($0) } ?? .null),
                        ("old_type", col.oldType.map { .string($0) } ?? .null),
                        ("new_type", col.newType.map { .string($0) } ?? .null),
                        ("breaking", .bool(col.breaking)),
                        ("readers", .array(col.readers.map { r in
                            .object(JSONObject([("node", .string(r.node)), ("column", r.column.map { .string($0) } ?? .null),
                                                ("evidence", .string(r.evidence))]))
                        })),
                    ]))
                })),
                ("breaking", .bool(c.breaking)),
                ("downstream", strings(c.downstream)),
            ]))
        }
        return .object(JSONObject([
            ("base", .object(JSONObject([("ref", .string(base)), ("commit", commit.map { .string($0) } ?? .null)]))),
            ("summary", .object(JSONObject([
                ("added", .int(added.count)), ("removed", .int(removed.count)), ("modified", .int(modified.count)),
                ("downstream_affected", .int(affected.count)), ("breaking", .int(breakingCount)),
            ]))),
            ("changes", .array(changesJSON)),
            ("downstream_affected", strings(affected)),
        ]))
    }
}
