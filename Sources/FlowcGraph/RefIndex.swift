// Which node a ref() names: by name, and for versioned models by version, where a ref without
// a version means the latest one (dbt's rule). Shared by the DAG builder and compilation.

public struct RefIndex: Sendable {
    private var byName: [String: [Node]] = [:]

    public init<S: Sequence>(_ nodes: S) where S.Element == Node {
        for n in nodes where [.model, .seed, .snapshot].contains(n.resourceType) {
            byName[n.name, default: []].append(n)
        }
    }

    public var names: [String] { Array(byName.keys) }

    /// The node `call` names, or nil (unknown name or version).
    public func node(_ call: RefCall) -> Node? {
        guard let candidates = byName[call.name] else { return nil }
        if let v = call.version {
            return candidates.first { $0.version.map { ModelVersions.same($0, v) } ?? false }
        }
        return candidates.first { $0.version == nil || $0.version == $0.latestVersion } ?? candidates.first
    }

    /// The versions of a versioned model, for hints.
    public func versions(of name: String) -> [String] { (byName[name] ?? []).compactMap(\.version) }
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
