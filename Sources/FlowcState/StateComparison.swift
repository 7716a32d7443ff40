// Compares the current project with a state, node by node, on what matters: the SQL after
// normalisation (compiled SQL when both sides were compiled the same way, the raw SQL
// otherwise), the effective config, the configured relation, persisted descriptions, an
// enforced contract, and the normalised bodies of the macros the node calls (through other
// macros too). A macro nobody calls changes nothing; a reformatted file changes nothing.
import FlowcGraph

public enum StateComparison {
    /// `compareCompiled`: compare compiled SQL where both sides have it. Right when both were
    /// compiled by this flowc against the same target (a git revision); wrong for a manifest
    /// written by a run against another target or with is_incremental() true, so `--state PATH`
    /// compares raw SQL, as dbt does.
    public static func compare(current: StateSnapshot, state: StateSnapshot, compareCompiled: Bool) -> SelectionState {
        var changes: [String: Set<StateChange>] = [:]
        let changedMacros = changedMacroIds(current: current, state: state)
        for (id, new) in current.nodes {
            guard let old = state.nodes[id] else { continue }
            var kinds: Set<StateChange> = []
            if let a = new.compiledBody, let b = old.compiledBody, compareCompiled {
                if a != b { kinds.insert(.body) }
            } else if new.rawBody != old.rawBody {
                kinds.insert(.body)
            }
            if new.config != old.config { kinds.insert(.configs) }
            if new.relation != old.relation { kinds.insert(.relation) }
            if new.persistedDescriptions != old.persistedDescriptions { kinds.insert(.persistedDescriptions) }
            if new.contract != old.contract { kinds.insert(.contract) }
            if !current.macroClosure(new.macros).union(state.macroClosure(old.macros)).isDisjoint(with: changedMacros) {
                kinds.insert(.macros)
            }
            if !kinds.isEmpty { changes[id] = kinds }
        }
        return SelectionState(stateIds: Set(state.nodes.keys), changes: changes)
    }

    /// Macros whose normalised body differs, or that exist on one side only.
    static func changedMacroIds(current: StateSnapshot, state: StateSnapshot) -> Set<String> {
        var out: Set<String> = []
        for (id, m) in current.macros where state.macros[id]?.body != m.body { out.insert(id) }
        for id in state.macros.keys where current.macros[id] == nil { out.insert(id) }
        return out
    }
}
