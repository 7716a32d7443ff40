// Which nodes a command runs and what each waits for. A node waits for its parents among the
// nodes being run; under `build`, a node also waits for the tests of its parents, so a failing
// error-severity test keeps bad data from flowing on (dbt build's semantics).
import FlowcGraph

struct RunPlan {
    /// Node ids in a topological order (the order ready nodes are preferred in).
    var order: [String]
    /// For each node, the nodes it waits for.
    var waitsFor: [String: Set<String>]
    /// For each node, the nodes waiting for it.
    var dependents: [String: [String]]
    /// Selected nodes that are not run (ephemeral models, snapshots), with the reason.
    var notRun: [(id: String, reason: String)]

    static func make(manifest: Manifest, selected: [String], command: RunCommand, empty: Bool = false) -> RunPlan {
        var notRun: [(String, String)] = []
        var set = Set<String>()
        let chosen = Set(selected)
        for id in selected {
            guard let n = manifest.runnable(id), command.resourceTypes.contains(n.resourceType.rawValue) else { continue }
            // build runs a unit test only with its model, right before it (dbt's rule)
            if command == .build, n.resourceType == .unitTest, !n.dependsOnNodes.allSatisfy(chosen.contains) { continue }
            if n.resourceType == .model && n.materialized == "ephemeral" { continue }
            if empty && n.resourceType == .snapshot {
                // reading no rows, a snapshot would take every current row for deleted
                notRun.append((id, "snapshots are not run with --empty"))
                continue
            }
            set.insert(id)
        }
        // A source that names a relation this run builds (a seed loaded as a source, say)
        // waits for the node that builds it: dbt leaves that order to chance.
        var builtBy: [String: String] = [:]
        for id in set {
            guard let n = manifest.nodes[id], n.resourceType == .seed || n.resourceType == .model else { continue }
            builtBy[n.schema.lowercased() + "." + n.alias.lowercased()] = id
        }
        // parents through ephemeral models count as parents: an ephemeral model is inlined
        func runParents(_ id: String) -> Set<String> {
            var out = Set<String>()
            var stack = manifest.runnable(id)?.dependsOnNodes ?? []
            var seen = Set<String>()
            while let p = stack.popLast() {
                guard seen.insert(p).inserted else { continue }
                if set.contains(p) {
                    out.insert(p)
                } else if let n = manifest.nodes[p], n.materialized == "ephemeral" {
                    stack.append(contentsOf: n.dependsOnNodes)
                } else if let s = manifest.sources[p], let builder = builtBy[s.schema.lowercased() + "." + s.identifier.lowercased()],
                          builder != id {
                    out.insert(builder)
                }
            }
            return out
        }
        var waits: [String: Set<String>] = [:]
        for id in set {
            if let u = manifest.unitTests[id] {
                // a unit test reads its model's inputs, so it waits for the model's parents; under
                // build the model waits for it, and a failing unit test keeps the model from building
                waits[id] = u.dependsOnNodes.reduce(into: Set<String>()) { $0.formUnion(runParents($1)) }
            } else {
                waits[id] = runParents(id)
            }
        }
        if command == .build {
            for (id, u) in manifest.unitTests where set.contains(id) {
                for m in u.dependsOnNodes where set.contains(m) { waits[m, default: []].insert(id) }
            }
        }
        if command == .build {
            gateOnUpstreamTests(&waits, set: set, manifest: manifest)
        }
        let order = DAG.topologicalOrder(Array(set), parents: waits.mapValues { Array($0) })
        var dependents: [String: [String]] = [:]
        for (id, ps) in waits { for p in ps { dependents[p, default: []].append(id) } }
        return RunPlan(order: order, waitsFor: waits, dependents: dependents, notRun: notRun)
    }

    /// dbt build's test edges: a node waits for the tests of its upstream nodes (sources too)
    /// when everything such a test reads is upstream of the node (so no cycle can form). The
    /// walk up stops at nodes this run builds, which wait for their own upstream tests; it goes
    /// past the rest, so a retry that reruns a failing test and the nodes below it, but not the
    /// tested model, still keeps them behind the test.
    static func gateOnUpstreamTests(_ waits: inout [String: Set<String>], set: Set<String>, manifest: Manifest) {
        func parents(_ id: String) -> [String] {
            manifest.nodes[id]?.dependsOnNodes ?? manifest.unitTests[id]?.dependsOnNodes ?? []
        }
        var testsOf: [String: [String]] = [:]
        for id in set where manifest.nodes[id]?.resourceType == .test {
            for p in Set(parents(id)) { testsOf[p, default: []].append(id) }
        }
        guard !testsOf.isEmpty else { return }
        var ancestorCache: [String: Set<String>] = [:]
        func ancestors(_ id: String) -> Set<String> {
            if let a = ancestorCache[id] { return a }
            var out = Set<String>()
            var stack = parents(id)
            while let p = stack.popLast() {
                if out.insert(p).inserted { stack.append(contentsOf: parents(p)) }
            }
            ancestorCache[id] = out
            return out
        }
        for id in set {
            guard let n = manifest.nodes[id], n.resourceType != .test else { continue }
            var seen = Set<String>()
            var stack = parents(id)
            while let p = stack.popLast() {
                guard seen.insert(p).inserted else { continue }
                for t in testsOf[p] ?? [] where t != id {
                    let read = Set(parents(t))
                    // a test that also reads this node (or its descendants) cannot gate it
                    if read.count == 1 || read.isSubset(of: ancestors(id)) { waits[id, default: []].insert(t) }
                }
                if !set.contains(p) { stack.append(contentsOf: parents(p)) }
            }
        }
    }
}
