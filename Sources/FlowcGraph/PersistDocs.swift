// dbt's persist_docs as statements: the model's description as the relation's comment and its
// columns' descriptions as theirs, where the dialect has comments. Shared by flowc's own
// materializations and the persist_docs macro that custom materializations call.
import FlowcSQL

public enum PersistDocs {
    /// The comment statements for `node` built as `relation` (of `kind`: table, view,
    /// materialized view) under its `persist_docs: {relation: true, columns: true}` config.
    /// `existingColumns` (lower-cased names) is asked only when column docs are persisted: a
    /// column the relation lacks gets no comment.
    public static func statements(_ node: Node, relation: String, kind: String, dialect: Dialect,
                                  forRelation: Bool = true, forColumns: Bool = true,
                                  existingColumns: () throws -> Set<String>) rethrows -> [String] {
        guard let comment = dialect.ddl.comment, case .object(let p)? = node.config["persist_docs"] else { return [] }
        var out: [String] = []
        if forRelation, p["relation"]?.boolValue == true, !node.description.isEmpty {
            out.append(comment(kind, relation, sqlStringLiteral(node.description)))
        }
        if forColumns, p["columns"]?.boolValue == true {
            let existing = try existingColumns()
            for c in node.columns where !c.description.isEmpty && existing.contains(c.name.lowercased()) {
                out.append(comment("column", relation + "." + dialect.quote(c.name), sqlStringLiteral(c.description)))
            }
        }
        return out
    }
}
