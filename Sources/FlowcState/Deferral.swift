// `--defer`: the parents an invocation does not build resolve to the state's relations (for
// example production's), so CI builds only what changed, into its own schema, on top of
// production data. With `--favor-state` the state's relation is used even when the current
// target has its own copy; without it, a parent that exists in the current target is kept.
import FlowcGraph

public enum Deferral {
    /// Relations for the unselected parents of `selected` (walking through unselected ephemeral
    /// models, which are inlined): each one the state builds as a relation (not ephemeral
    /// there, not ephemeral here) and that `keepOwn` does not keep.
    public static func relations(state: StateSnapshot, manifest: Manifest, selected: Set<String>,
                                 keepOwn: (Node) -> Bool) -> [String: DeferredRelation] {
        var out: [String: DeferredRelation] = [:]
        var seen: Set<String> = []
        // a unit test reads its model's inputs (for their column types) and, as `this`, the model
        var stack = selected.flatMap { id in
            manifest.unitTests[id].map { u in u.dependsOnNodes + u.dependsOnNodes.flatMap { manifest.nodes[$0]?.dependsOnNodes ?? [] } }
                ?? manifest.nodes[id]?.dependsOnNodes ?? []
        }
        while let id = stack.popLast() {
            guard seen.insert(id).inserted, !selected.contains(id), let node = manifest.nodes[id] else { continue }
            if node.materialized == "ephemeral" {
                stack.append(contentsOf: node.dependsOnNodes)
                continue
            }
            guard [.model, .seed, .snapshot].contains(node.resourceType), let old = state.nodes[id],
                  old.materialized != "ephemeral", !old.alias.isEmpty, !keepOwn(node) else { continue }
            out[id] = DeferredRelation(database: old.database, schema: old.schema, identifier: old.alias)
        }
        return out
    }
}
