// Which nodes a command runs, what each waits for, and the order they are preferred in. A node
// waits for its nearest ancestors among the nodes being run, through parents that are not run
// (RunPlanGraph.swift); under `build`, a node also waits for the tests of its parents, so a
// failing error-severity test keeps bad data from flowing on (dbt build's semantics).
import FlowcGraph

struct RunPlan {
    /// Node ids in the order one thread runs them (dbt's queue order; ready nodes are
    /// preferred in this order).
    var order: [String]
    /// For each node, the nodes it waits for.
    var waitsFor: [String: Set<String>]
    /// For each node, the nodes waiting for it.
    var dependents: [String: [String]]
    /// Selected nodes that are not run (ephemeral models, snapshots), with the reason.
    var notRun: [(id: String, reason: String)]

    /// A snapshot that records rows missing from its source (`hard_deletes: invalidate` or
    /// `new_record`, or the older `invalidate_hard_deletes: true`).
    static func closesMissingRows(_ n: Node) -> Bool {
        let mode = n.config["hard_deletes"]?.stringValue ?? (n.config["invalidate_hard_deletes"]?.boolValue == true ? "invalidate" : "ignore")
        return mode != "ignore"
    }

    static func make(manifest: Manifest, selected: [String], command: RunCommand, empty: Bool = false) -> RunPlan {
        var notRun: [(String, String)] = []
        var set = Set<String>()
        let chosen = Set(selected)
        for id in selected {
            guard let n = manifest.runnable(id), command.resourceTypes.contains(n.resourceType.rawValue) else { continue }
            // build runs a unit test only with its model, right before it (dbt's rule)
            if command == .build, n.resourceType == .unitTest, !n.dependsOnNodes.allSatisfy(chosen.contains) { continue }
            if n.resourceType == .model && n.materialized == "ephemeral" { continue }
            if empty && n.resourceType == .snapshot && Self.closesMissingRows(n) {
                // reading no rows, it would take every current row for deleted and close it (dbt
                // does): flowc loses no history; other snapshots run, reading nothing, as dbt's
                notRun.append((id, "not run with --empty: its hard_deletes would close every current row"))
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
        // Selected ephemeral models are not run (they are inlined), but dbt queues them, so
        // they shape the run order (RunPlanGraph.swift).
        let ephemeral = Set(selected.filter {
            guard let n = manifest.nodes[$0] else { return false }
            return n.resourceType == .model && n.materialized == "ephemeral" && command.resourceTypes.contains("model")
        })
        var walk = RunGraphWalk(manifest: manifest, stops: set.union(ephemeral), builtBy: builtBy)
        var scoreParents: [String: Set<String>] = [:]
        for id in ephemeral { scoreParents[id] = walk.parents(of: id) }
        // the run's nodes above a node, through ephemeral models, which are inlined
        var runParentsMemo: [String: Set<String>] = [:]
        func runParents(_ id: String) -> Set<String> {
            if let m = runParentsMemo[id] { return m }
            var out = Set<String>()
            var stack = Array(walk.parents(of: id))
            var seen = Set<String>()
            while let p = stack.popLast() {
                guard seen.insert(p).inserted else { continue }
                if set.contains(p) { out.insert(p) } else { stack.append(contentsOf: scoreParents[p] ?? []) }
            }
            out.remove(id)
            runParentsMemo[id] = out
            return out
        }
        var waits: [String: Set<String>] = [:]
        var unitTestModel: [String: String] = [:]
        for id in set {
            if let u = manifest.unitTests[id] {
                // a unit test reads its model's inputs, so it waits for the model's parents; under
                // build the model waits for it, and a failing unit test keeps the model from building
                waits[id] = u.dependsOnNodes.reduce(into: Set<String>()) { $0.formUnion(runParents($1)) }
                unitTestModel[id] = u.dependsOnNodes.first { set.contains($0) } ?? u.dependsOnNodes.first
            } else {
                waits[id] = runParents(id)
                scoreParents[id] = walk.parents(of: id)
            }
        }
        if command == .build {
            for (id, u) in manifest.unitTests where set.contains(id) {
                for m in u.dependsOnNodes where set.contains(m) { waits[m, default: []].insert(id) }
            }
        }
        if command == .build {
            gateOnUpstreamTests(&waits, set: set, manifest: manifest)
            // dbt's build graph gates ephemeral models on upstream tests too, which delays
            // what reads them in its queue
            var ephemeralGates: [String: Set<String>] = [:]
            gateOnUpstreamTests(&ephemeralGates, set: set, gated: ephemeral, manifest: manifest)
            for (id, ws) in ephemeralGates { scoreParents[id, default: []].formUnion(ws) }
            // the tests a node waits for are edges of dbt's build graph too
            for (id, ws) in waits where scoreParents[id] != nil {
                scoreParents[id, default: []].formUnion(ws.filter { unitTestModel[$0] == nil })
            }
        }
        let order = RunOrder.order(nodes: set, ephemeral: ephemeral, waits: waits, scoreParents: scoreParents,
                                   unitTestModel: unitTestModel)
        var dependents: [String: [String]] = [:]
        for (id, ps) in waits { for p in ps { dependents[p, default: []].append(id) } }
        return RunPlan(order: order, waitsFor: waits, dependents: dependents, notRun: notRun)
    }

    /// dbt build's test edges: a node waits for the tests of its upstream nodes (sources too)
    /// when everything such a test reads is upstream of the node (so no cycle can form). The
    /// walk up stops at nodes this run builds, which wait for their own upstream tests; it goes
    /// past the rest, so a retry that reruns a failing test and the nodes below it, but not the
    /// tested model, still keeps them behind the test.
    /// `gated` are the nodes given gates (the run's nodes by default).
    static func gateOnUpstreamTests(_ waits: inout [String: Set<String>], set: Set<String>, gated: Set<String>? = nil,
                                    manifest: Manifest) {
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
        for id in gated ?? set {
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
