// Which node a ref() names: by name, and for versioned models by version, where a ref without
// a version means the latest one (dbt's rule). With installed packages, a one-argument ref is
// looked up as dbt does: in the root project, then the calling node's package, then any
// package (with dbt's flag `require_ref_searches_node_package_before_root`, the calling node's
// package first); ref('pkg', 'name') looks only in that package. A name found only in several
// other packages is ambiguous, as in dbt 1.11. Sources follow the same order.
// The DAG builder resolves names here; compilation then takes the node the DAG chose.

public struct RefIndex: Sendable {
    private var byName: [String: [Node]] = [:]
    private let rootProject: String
    private let packageFirst: Bool

    public init<S: Sequence>(_ nodes: S, rootProject: String, packageFirst: Bool = false) where S.Element == Node {
        self.rootProject = rootProject
        self.packageFirst = packageFirst
        byName.reserveCapacity(nodes.underestimatedCount)
        for n in nodes {
            let type = n.resourceType
            guard type == .model || type == .seed || type == .snapshot else { continue }
            byName[n.name, default: []].append(n)
        }
        // "Any package" must not depend on dictionary order. Through the values, in place:
        // hashing every name again to sort lists of one was half of making the index.
        for i in byName.values.indices where byName.values[i].count > 1 {
            byName.values[i].sort { $0.uniqueId < $1.uniqueId }
        }
    }

    public var names: [String] { Array(byName.keys) }

    /// What a ref() finds: one node, nothing (unknown name or version), or, for a one-argument
    /// ref that neither the root project nor the caller's package answers, nodes in several
    /// packages (dbt refuses to guess: "use two-argument ref").
    public enum Lookup {
        case found(Node)
        case missing
        case ambiguous(packages: [String])
    }

    /// The node `call` names when made from a node of `package`, or nil (unknown name or
    /// version, or ambiguous: see `lookup`).
    public func node(_ call: RefCall, from package: String) -> Node? {
        if case .found(let n) = lookup(call, from: package) { return n }
        return nil
    }

    /// The same lookup among `ids` only (a node's depends_on, where the DAG recorded its choice).
    public func node(_ call: RefCall, from package: String, among ids: [String]) -> Node? {
        guard let all = byName[call.name] else { return nil }
        // a name one node has (nearly every ref): no filtered copies, as compiling asks per ref
        if all.count == 1, let only = all.first {
            return ids.contains(only.uniqueId) ? single(call, only) : nil
        }
        if case .found(let n) = lookup(call, from: package, all.filter { ids.contains($0.uniqueId) }) {
            return n
        }
        return nil
    }

    public func lookup(_ call: RefCall, from package: String) -> Lookup {
        lookup(call, from: package, byName[call.name] ?? [])
    }

    /// dbt's order: the root project, then the caller's package (reversed by the flag), then
    /// any package. A package that has the name but not the wanted version does not stop the
    /// search: the next one may have it.
    private func lookup(_ call: RefCall, from package: String, _ all: [Node]) -> Lookup {
        if all.isEmpty { return .missing }
        if all.count == 1, let only = all.first { return single(call, only).map(Lookup.found) ?? .missing }
        if let wanted = call.package {
            return pick(call, all.filter { $0.packageName == wanted }).map(Lookup.found) ?? .missing
        }
        let first = packageFirst ? [package, rootProject] : [rootProject, package]
        for p in first {
            if let n = pick(call, all.filter { $0.packageName == p }) { return .found(n) }
        }
        var found: [Node] = []
        for p in packages(in: all) where !first.contains(p) {
            if let n = pick(call, all.filter { $0.packageName == p }) { found.append(n) }
        }
        if found.count > 1 { return .ambiguous(packages: found.map(\.packageName)) }
        return found.first.map(Lookup.found) ?? .missing
    }

    /// `lookup` when one node has the name: whatever package asks, the search order reaches
    /// it, so it is found unless the ref names another package or a version it lacks.
    private func single(_ call: RefCall, _ node: Node) -> Node? {
        if let wanted = call.package, node.packageName != wanted { return nil }
        if let v = call.version { return node.version.map { ModelVersions.same($0, v) } == true ? node : nil }
        return node
    }

    private func pick(_ call: RefCall, _ candidates: [Node]) -> Node? {
        if let v = call.version {
            return candidates.first { $0.version.map { ModelVersions.same($0, v) } ?? false }
        }
        return candidates.first { $0.version == nil || $0.version == $0.latestVersion } ?? candidates.first
    }

    private func packages(in nodes: [Node]) -> [String] {
        var out: [String] = []
        for n in nodes where !out.contains(n.packageName) { out.append(n.packageName) }
        return out
    }

    /// The versions of a versioned model, for hints.
    public func versions(of name: String) -> [String] { (byName[name] ?? []).compactMap(\.version) }

    /// The packages that have a node of this name, for hints.
    public func packages(of name: String) -> [String] { packages(in: byName[name] ?? []) }
}

/// Which source table source('s', 't') names from a node of a package: the root project's, then
/// the package's own, then any package's (dbt's order).
public struct SourceIndex: Sendable {
    private var byName: [String: [SourceTable]] = [:]
    private let rootProject: String
    private let packageFirst: Bool

    public init<S: Sequence>(_ sources: S, rootProject: String, packageFirst: Bool = false) where S.Element == SourceTable {
        self.rootProject = rootProject
        self.packageFirst = packageFirst
        for s in sources { byName[s.sourceName + "." + s.name, default: []].append(s) }
        for i in byName.values.indices where byName.values[i].count > 1 {
            byName.values[i].sort { $0.uniqueId < $1.uniqueId }
        }
    }

    public func source(_ source: String, _ table: String, from package: String) -> SourceTable? {
        lookup(from: package, byName[source + "." + table] ?? [])
    }

    /// The same lookup among `ids` only (a node's depends_on, where the DAG recorded its choice).
    public func source(_ source: String, _ table: String, from package: String, among ids: [String]) -> SourceTable? {
        lookup(from: package, (byName[source + "." + table] ?? []).filter { ids.contains($0.uniqueId) })
    }

    private func lookup(from package: String, _ all: [SourceTable]) -> SourceTable? {
        for p in packageFirst ? [package, rootProject] : [rootProject, package] {
            if let s = all.first(where: { $0.packageName == p }) { return s }
        }
        return all.first
    }
}

public enum ModelVersions {
    /// `v=2`, `v='2'` and `v=2.0` all name version 2.
    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if let x = Double(a), let y = Double(b) { return x == y }
        return false
    }

    /// Versions in order: numerically when all are numbers, else as text.
    static func sorted(_ versions: [String]) -> [String] {
        if versions.allSatisfy({ Double($0) != nil }) {
            return versions.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
        }
        return versions.sorted()
    }

    /// A version as the manifest writes it: a number when it is one.
    static func json(_ v: String?) -> JSON {
        guard let v else { return .null }
        if let i = Int(v) { return .int(i) }
        if let d = Double(v) { return .double(d) }
        return .string(v)
    }
}
