// update()'s arguments, as the context objects that are dicts in dbt take them (config(),
// `context`, package namespaces).
import FlowcTemplate

extension Arguments {
    /// What `d.update({...}, k=v)` sets, in order: the mapping's pairs, then the keywords.
    func updatePairs() -> [(String, Value)] {
        guard let first = positional.first, case .dict(let d) = first else { return keywords }
        return d.pairs.map { ($0.0.stringValue ?? $0.0.pythonString, $0.1) } + keywords
    }
}
