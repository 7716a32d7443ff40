// `flowc diff`: what a change does, computed from a state comparison: models (and seeds,
// snapshots) added, removed and modified with the kinds of change, what is downstream of
// them, and per column whether the change breaks a reader (a column removed, renamed or
// retyped that a downstream node reads) or not (new columns, logic-only changes).
import FlowcGraph

public struct ColumnReader: Sendable, Equatable {
    public var node: String
    public var column: String?
    /// "lineage" (column lineage says so), "name" (no lineage: the child's SQL names the
    /// column), "exposure" (an exposure depends on the model; exposures name no columns).
    public var evidence: String

    public init(node: String, column: String?, evidence: String) {
        self.node = node
        self.column = column
        self.evidence = evidence
    }
}

public struct ColumnChange: Sendable, Equatable {
    public enum Kind: String, Sendable { case added, removed, renamed, retyped }
    public var kind: Kind
    public var column: String
    /// renamed: the new name; retyped: the new type.
    public var newName: String?
    public var oldType: String?
    public var newType: String?
    public var readers: [ColumnReader]
    public var breaking: Bool { kind != .added && !readers.isEmpty }
}

public struct NodeChange: Sendable {
    public enum Status: String, Sendable { case added, removed, modified }
    public var uniqueId: String
    public var name: String
    public var resourceType: String
    public var path: String
    public var status: Status
    /// "sql", "config", "macro", "relation", "contract", "docs"
    public var kinds: [String]
    public var columns: [ColumnChange]
    /// Whether both sides' columns were known (else no per-column verdict is possible).
    public var columnsKnown: Bool
    /// Unique ids downstream of the node in the current project.
    public var downstream: [String]
    public var breaking: Bool { columns.contains(where: \.breaking) }
}

public struct ChangeReport: Sendable {
    public var base: String
    public var commit: String?
    public var changes: [NodeChange]
    /// Nodes downstream of a change that are not changed themselves.
    public var affected: [String]
    /// unique id → name, for printing.
    public var names: [String: String]

    public var added: [NodeChange] { changes.filter { $0.status == .added } }
    public var removed: [NodeChange] { changes.filter { $0.status == .removed } }
    public var modified: [NodeChange] { changes.filter { $0.status == .modified } }
    public var breakingCount: Int { changes.reduce(0) { $0 + $1.columns.filter(\.breaking).count } }

    static let reportedTypes: Set<String> = ["model", "seed", "snapshot"]

    static func kindName(_ c: StateChange) -> String {
        switch c {
        case .body: return "sql"
        case .configs: return "config"
        case .macros: return "macro"
        case .relation: return "relation"
        case .contract: return "contract"
        case .persistedDescriptions: return "docs"
        case .properties: return "properties"
        }
    }

    /// The report for `context`, with `manifest` the current project's graph and the column
    /// facts of each side.
    public static func make(_ context: StateContext, manifest: Manifest, currentColumns: ColumnFacts,
                            stateColumns: ColumnFacts) -> ChangeReport {
        let current = context.current, state = context.state
        var names: [String: String] = [:]
        for (id, n) in current.nodes { names[id] = n.name }
        for (id, n) in state.nodes where names[id] == nil { names[id] = n.name }
        let readersByLineage = currentColumns.readers.merging(stateColumns.readers) { $0.union($1) }
        let lineageNodes = currentColumns.lineageNodes.union(stateColumns.lineageNodes)

        var changes: [NodeChange] = []
        for (id, n) in current.nodes where reportedTypes.contains(n.resourceType) {
            if context.comparison.isNew(id) {
                changes.append(NodeChange(uniqueId: id, name: n.name, resourceType: n.resourceType, path: n.originalFilePath,
                                          status: .added, kinds: [], columns: [], columnsKnown: false,
                                          downstream: descendants(of: id, manifest)))
                continue
            }
            guard let kinds = context.comparison.changes[id], !kinds.isEmpty else { continue }
            let downstream = descendants(of: id, manifest)
            let old = stateColumns.columns[id], new = currentColumns.columns[id]
            var columns: [ColumnChange] = []
            if let old, let new {
                columns = columnChanges(old: old, new: new)
                for i in columns.indices where columns[i].kind != .added {
                    columns[i].readers = readers(of: id, column: columns[i].column, manifest: manifest, current: current,
                                                 lineage: readersByLineage, hasLineage: lineageNodes.contains(id))
                        .filter { stillReads($0, columns[i].column, context) }
                }
            }
            changes.append(NodeChange(uniqueId: id, name: n.name, resourceType: n.resourceType, path: n.originalFilePath,
                                      status: .modified, kinds: kinds.sorted().map(kindName), columns: columns,
                                      columnsKnown: old != nil && new != nil, downstream: downstream))
        }
        for (id, n) in state.nodes where reportedTypes.contains(n.resourceType) && current.nodes[id] == nil {
            changes.append(NodeChange(uniqueId: id, name: n.name, resourceType: n.resourceType, path: n.originalFilePath,
                                      status: .removed, kinds: [], columns: [], columnsKnown: false, downstream: []))
        }
        changes.sort { ($0.status.rawValue, $0.name, $0.uniqueId) < ($1.status.rawValue, $1.name, $1.uniqueId) }
        let changed = Set(changes.map(\.uniqueId))
        let affected = Set(changes.flatMap(\.downstream)).subtracting(changed)
        var base = context.label
        if case .git(let ref) = context.source { base = "git:\(ref)" }
        return ChangeReport(base: base, commit: context.commit, changes: changes,
                            affected: affected.sorted { (names[$0] ?? $0, $0) < (names[$1] ?? $1, $1) }, names: names)
    }

    /// Removed, added, renamed (a removed and an added column at the same position, or the
    /// only one of each) and retyped columns, in the order of the old columns then the new.
    static func columnChanges(old: [StateColumn], new: [StateColumn]) -> [ColumnChange] {
        let oldNames = old.map { $0.name.lowercased() }, newNames = new.map { $0.name.lowercased() }
        var removed = old.enumerated().filter { !newNames.contains($0.element.name.lowercased()) }
        var added = new.enumerated().filter { !oldNames.contains($0.element.name.lowercased()) }
        var out: [ColumnChange] = []
        // renames first: same position, or one removed and one added
        var renamed: [(StateColumn, StateColumn)] = []
        if removed.count == 1, added.count == 1, let r = removed.first, let a = added.first {
            renamed.append((r.element, a.element))
            removed = []
            added = []
        } else {
            for r in removed {
                if let k = added.firstIndex(where: { $0.offset == r.offset }) {
                    renamed.append((r.element, added[k].element))
                    added.remove(at: k)
                }
            }
            removed.removeAll { r in renamed.contains { $0.0.name == r.element.name } }
        }
        for r in removed {
            out.append(ColumnChange(kind: .removed, column: r.element.name, oldType: r.element.dataType, readers: []))
        }
        for (a, b) in renamed {
            out.append(ColumnChange(kind: .renamed, column: a.name, newName: b.name, oldType: a.dataType, newType: b.dataType,
                                    readers: []))
        }
        for o in old {
            guard let n = new.first(where: { $0.name.lowercased() == o.name.lowercased() }),
                  let a = o.dataType, let b = n.dataType, a.lowercased() != b.lowercased() else { continue }
            out.append(ColumnChange(kind: .retyped, column: o.name, oldType: a, newType: b, readers: []))
        }
        for a in added {
            out.append(ColumnChange(kind: .added, column: a.element.name, newType: a.element.dataType, readers: []))
        }
        return out
    }

    /// Who reads `column` of `id`: column lineage where the node has some; otherwise the
    /// children whose SQL names the column, and exposures that depend on the node.
    static func readers(of id: String, column: String, manifest: Manifest, current: StateSnapshot,
                        lineage: [ColumnRef: Set<ColumnRef>], hasLineage: Bool) -> [ColumnReader] {
        var out: [ColumnReader] = []
        if hasLineage {
            for r in (lineage[ColumnRef(node: id, column: column.lowercased())] ?? []).sorted() {
                out.append(ColumnReader(node: r.node, column: r.column, evidence: "lineage"))
            }
        } else {
            for child in manifest.childMap[id] ?? [] {
                guard let c = current.nodes[child], ["model", "snapshot"].contains(c.resourceType) else { continue }
                if mentions(c.compiledBody ?? c.rawBody, column.lowercased()) {
                    out.append(ColumnReader(node: child, column: nil, evidence: "name"))
                }
            }
        }
        for child in manifest.childMap[id] ?? [] where manifest.exposures[child] != nil {
            out.append(ColumnReader(node: child, column: nil, evidence: "exposure"))
        }
        return out
    }

    /// A reader found in the state's lineage may have been changed along with the column (a
    /// rename done in both models): it still reads the column when it is unchanged, or when its
    /// SQL still names the column. Readers gone from the project read nothing.
    static func stillReads(_ r: ColumnReader, _ column: String, _ context: StateContext) -> Bool {
        if r.evidence != "lineage" { return true }
        guard let node = context.current.nodes[r.node] else { return false }
        guard context.comparison.changes[r.node]?.contains(.body) == true else { return true }
        return mentions(node.compiledBody ?? node.rawBody, column.lowercased())
    }

    /// Whether normalised SQL contains `word` as a whole identifier.
    static func mentions(_ sql: String, _ word: String) -> Bool {
        let s = Array(sql.utf8), w = Array(word.utf8)
        guard !w.isEmpty, s.count >= w.count else { return false }
        var i = 0
        while i + w.count <= s.count {
            if s[i] == w[0], Array(s[i..<(i + w.count)]) == w {
                let before = i == 0 ? 0x20 : s[i - 1], after = i + w.count < s.count ? s[i + w.count] : 0x20
                if !StateSnapshot.isNameByte(before), !StateSnapshot.isNameByte(after) { return true }
            }
            i += 1
        }
        return false
    }

    /// Nodes downstream of `id` in the current project (models, snapshots, exposures).
    static func descendants(of id: String, _ manifest: Manifest) -> [String] {
        var seen: Set<String> = []
        var stack = manifest.childMap[id] ?? []
        while let c = stack.popLast() {
            guard seen.insert(c).inserted else { continue }
            stack.append(contentsOf: manifest.childMap[c] ?? [])
        }
        return seen.filter { id in
            if manifest.exposures[id] != nil { return true }
            guard let n = manifest.nodes[id] else { return false }
            return n.resourceType == .model || n.resourceType == .snapshot
        }.sorted()
    }
}
