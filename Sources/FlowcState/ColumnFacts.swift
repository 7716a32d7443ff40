// The column seam of `flowc diff`: per node, its output columns in order (with a type where
// known), and per (node, column), the downstream (node, column) pairs that read it. Filled
// today from what is known without parsing SQL (columns declared in properties YAML, and
// target/lineage.json when a lineage-aware command wrote one); the column-lineage engine
// fills the same value directly once it is wired in.
import FlowcGraph

public struct ColumnRef: Sendable, Hashable, Comparable {
    public var node: String
    /// nil: the whole node reads the column (e.g. a filter or an exposure), no single output.
    public var column: String?

    public init(node: String, column: String?) {
        self.node = node
        self.column = column
    }

    public static func < (a: ColumnRef, b: ColumnRef) -> Bool {
        (a.node, a.column ?? "") < (b.node, b.column ?? "")
    }
}

public struct ColumnFacts: Sendable {
    /// node unique id → its output columns in order (name, data type if known).
    public var columns: [String: [StateColumn]]
    /// (node, column) → who reads it downstream. Keys use lower-cased column names.
    public var readers: [ColumnRef: Set<ColumnRef>]
    /// Nodes whose readers are known from lineage (for the others, diff falls back to
    /// looking for the column's name in the children's SQL).
    public var lineageNodes: Set<String>

    public init(columns: [String: [StateColumn]] = [:], readers: [ColumnRef: Set<ColumnRef>] = [:],
                lineageNodes: Set<String> = []) {
        self.columns = columns
        self.readers = readers
        self.lineageNodes = lineageNodes
    }

    /// Columns declared in properties YAML (models, seeds, snapshots, sources), in YAML order.
    public static func declared(_ snapshot: StateSnapshot) -> ColumnFacts {
        var columns: [String: [StateColumn]] = [:]
        for (id, n) in snapshot.nodes where !n.columns.isEmpty { columns[id] = n.columns }
        return ColumnFacts(columns: columns)
    }

    /// target/lineage.json: `nodes.<id>.columns` (unless its lineage is "unknown") and `edges`.
    public static func lineage(_ json: JSON) -> ColumnFacts {
        var facts = ColumnFacts()
        for (id, n) in json["nodes"]?.objectValue ?? JSONObject() {
            guard n["lineage"]?.stringValue != "unknown", let list = n["columns"]?.arrayValue else { continue }
            facts.columns[id] = list.compactMap { c in
                c["name"]?.stringValue.map { StateColumn(name: $0, dataType: c["data_type"]?.stringValue) }
            }
            facts.lineageNodes.insert(id)
        }
        for e in json["edges"]?.arrayValue ?? [] {
            guard let from = e["from_node"]?.stringValue, let column = e["from_column"]?.stringValue,
                  let to = e["to_node"]?.stringValue else { continue }
            facts.readers[ColumnRef(node: from, column: column.lowercased()), default: []]
                .insert(ColumnRef(node: to, column: e["to_column"]?.stringValue))
            facts.lineageNodes.insert(from)
        }
        return facts
    }

    /// `other` layered over these facts: its columns replace these per node; readers merge.
    public func merging(_ other: ColumnFacts) -> ColumnFacts {
        var out = self
        for (id, cols) in other.columns {
            // a type declared here survives a layer that does not know it
            let known = Dictionary((columns[id] ?? []).map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
            out.columns[id] = cols.map { c in
                var c = c
                if c.dataType == nil { c.dataType = known[c.name.lowercased()]?.dataType }
                return c
            }
        }
        for (k, v) in other.readers { out.readers[k, default: []].formUnion(v) }
        out.lineageNodes.formUnion(other.lineageNodes)
        return out
    }
}
