// Compares the current project with a state, node by node, on what matters: the SQL after
// normalisation (compiled SQL when both sides were compiled the same way, the raw SQL
// otherwise), the effective config, the configured relation, persisted descriptions, an
// enforced contract, and the normalised bodies of the macros the node calls (through other
// macros too). A macro nobody calls changes nothing; a reformatted file changes nothing; the
// built-in macros (dbt's and the adapters' packages) change with the tool, not the project.
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
            guard let old = state.nodes[id] else {
                // a new node is state:modified.macros only when a macro it calls changed
                if !current.macroClosure(new.macros).isDisjoint(with: changedMacros) { changes[id] = [.macros] }
                continue
            }
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
            if new.properties != old.properties { kinds.insert(.properties) }
            if !current.macroClosure(new.macros).union(state.macroClosure(old.macros)).isDisjoint(with: changedMacros) {
                kinds.insert(.macros)
            }
            if !kinds.isEmpty { changes[id] = kinds }
        }
        return SelectionState(stateIds: Set(state.nodes.keys), changes: changes)
    }

    /// Macros whose normalised body differs, or that exist on one side only, leaving out the
    /// built-in ones: their text is the tool's (flowc's copies differ in whitespace from dbt's,
    /// and dbt records `macro.dbt.is_incremental` where flowc has no such macro), so against
    /// production artifacts written by dbt they would flag every test and incremental model.
    /// A project's own override of a built-in (`macro.<project>.default__test_unique`) counts.
    static func changedMacroIds(current: StateSnapshot, state: StateSnapshot) -> Set<String> {
        var out: Set<String> = []
        for (id, m) in current.macros where state.macros[id]?.body != m.body && !isBuiltin(id) { out.insert(id) }
        for id in state.macros.keys where current.macros[id] == nil && !isBuiltin(id) { out.insert(id) }
        return out
    }

    /// The packages of dbt's built-in macros and of its adapters' (not dbt_utils and the like).
    static let builtinPackages: Set<Substring> = ["dbt", "dbt_postgres", "dbt_sqlite", "dbt_redshift", "dbt_snowflake",
                                                  "dbt_bigquery", "dbt_duckdb", "dbt_databricks", "dbt_spark", "dbt_trino"]

    static func isBuiltin(_ macroId: String) -> Bool {
        let parts = macroId.split(separator: ".", maxSplits: 2)
        return parts.count == 3 && builtinPackages.contains(parts[1])
    }
}
