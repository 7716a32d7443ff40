// The graph a run schedules on, as dbt builds its job queue:
// - A node waits for its nearest ancestors among the nodes the run handles, walking through
//   parents it does not build. dbt's get_subset_graph keeps those transitive edges, so
//   `run -s a c` builds a before c when c reads a through an unselected b, and a failing a
//   skips c.
// - Ready nodes are taken as dbt's GraphQueue takes them: lowest depth level first (ephemeral
//   models count as levels, since dbt queues them), then by unique id. With one thread, the
//   run order is dbt's.
import FlowcGraph

struct RunGraphWalk {
    let manifest: Manifest
    /// Where walks up stop: the run's nodes and the selected ephemeral models.
    let stops: Set<String>
    /// The run's seeds and models by lowercased "schema.identifier": a source naming one of
    /// these relations leads to the node that builds it.
    let builtBy: [String: String]
    private var memo: [String: Set<String>] = [:]

    init(manifest: Manifest, stops: Set<String>, builtBy: [String: String]) {
        self.manifest = manifest
        self.stops = stops
        self.builtBy = builtBy
    }

    private func directParents(_ id: String) -> [String] {
        if let n = manifest.runnable(id) { return n.dependsOnNodes }
        if let s = manifest.sources[id], let b = builtBy[s.schema.lowercased() + "." + s.identifier.lowercased()] { return [b] }
        return []
    }

    /// The nearest stops above node `id` (never `id` itself).
    mutating func parents(of id: String) -> Set<String> {
        var out = Set<String>()
        for p in directParents(id) { out.formUnion(reach(p)) }
        out.remove(id)
        return out
    }

    /// `id` when it is a stop, else the nearest stops above it. Iterative, since a chain of
    /// unselected models can be as long as the project is deep; a cycle (reported elsewhere)
    /// just ends the walk.
    private mutating func reach(_ start: String) -> Set<String> {
        if stops.contains(start) { return [start] }
        if let m = memo[start] { return m }
        var stack: [(id: String, expanded: Bool)] = [(start, false)]
        var onPath = Set<String>()
        while let (id, expanded) = stack.popLast() {
            if expanded {
                var out = Set<String>()
                for q in directParents(id) {
                    if stops.contains(q) { out.insert(q) } else if let m = memo[q] { out.formUnion(m) }
                }
                memo[id] = out
                onPath.remove(id)
                continue
            }
            guard memo[id] == nil, onPath.insert(id).inserted else { continue }
            stack.append((id, true))
            for q in directParents(id) where !stops.contains(q) && memo[q] == nil && !onPath.contains(q) {
                stack.append((q, false))
            }
        }
        return memo[start] ?? []
    }
}

enum RunOrder {
    /// The order one thread runs the nodes in, as dbt's `--threads 1` does. dbt's main thread
    /// takes every ready node off its GraphQueue at once (lowest depth level first, then lowest
    /// unique id) and hands it to the one worker, which runs them first come, first served; a
    /// node that finishes makes its children ready, and they join the end of the line in the
    /// same order. Levels are longest paths from the roots of the graph of `scoreParents` (whose
    /// keys are the run's nodes and the selected ephemeral models, which dbt queues too). Under
    /// build dbt runs a model's unit tests as part of the model's job: `unitTestModel` maps
    /// each such unit test to its model, and they go right before it.
    static func order(nodes: Set<String>, ephemeral: Set<String>, waits: [String: Set<String>],
                      scoreParents: [String: Set<String>], unitTestModel: [String: String]) -> [String] {
        let level = levels(scoreParents)
        var unitTestsOf: [String: [String]] = [:]
        for (u, m) in unitTestModel.sorted(by: { $0.key < $1.key }) where nodes.contains(m) { unitTestsOf[m, default: []].append(u) }
        let grouped = Set(unitTestsOf.values.joined())
        // ephemeral models take a turn in dbt's queue (they are compiled there), so they are in
        // the line here too, and left out of the order at the end
        let all = nodes.union(ephemeral)
        var waiting: [String: Int] = [:]
        var children: [String: [String]] = [:]
        for id in all where !grouped.contains(id) {
            // a model's own unit tests run in its job, so they do not hold it back here
            let ps = (waits[id] ?? []).union(scoreParents[id] ?? []).filter {
                all.contains($0) && $0 != id && unitTestModel[$0] != id
            }
            waiting[id] = ps.count
            for p in ps { children[p, default: []].append(id) }
        }
        var line: [String] = []
        line.reserveCapacity(all.count)
        func append(_ batch: [String]) {
            let sorted = batch.sorted { (level[$0] ?? 0, $0) < (level[$1] ?? 0, $1) }
            for id in sorted {
                line.append(contentsOf: unitTestsOf[id] ?? [])
                line.append(id)
            }
        }
        append(waiting.filter { $0.value == 0 }.map(\.key))
        var next = 0
        while next < line.count {
            let id = line[next]
            next += 1
            var ready: [String] = []
            for c in children[id] ?? [] {
                waiting[c, default: 0] -= 1
                if waiting[c] == 0 { ready.append(c) }
            }
            append(ready)
        }
        var out = line.filter { !ephemeral.contains($0) }
        if out.count < nodes.count {
            // a cycle (reported by the project checks): what is left goes last, by id
            let placed = Set(out)
            out += nodes.filter { !placed.contains($0) }.sorted()
        }
        return out
    }

    /// Each node's depth: 0 without parents, else one more than its deepest parent (dbt's
    /// grouped topological sort).
    static func levels(_ parents: [String: Set<String>]) -> [String: Int] {
        var level: [String: Int] = [:]
        var waiting: [String: Int] = [:]
        var children: [String: [String]] = [:]
        for (id, ps) in parents {
            let known = ps.filter { parents[$0] != nil && $0 != id }
            waiting[id] = known.count
            for p in known { children[p, default: []].append(id) }
        }
        var current = parents.keys.filter { waiting[$0] == 0 }
        var depth = 0
        while !current.isEmpty {
            var next: [String] = []
            for id in current {
                level[id] = depth
                for c in children[id] ?? [] {
                    waiting[c, default: 0] -= 1
                    if waiting[c] == 0 { next.append(c) }
                }
            }
            current = next
            depth += 1
        }
        return level
    }
}
