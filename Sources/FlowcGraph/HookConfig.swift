// Hooks as configs hold them: a string, a `{sql: …, transaction: …}` mapping, or a list of
// either (pre-hook, post-hook, on-run-start, on-run-end).

public enum HookConfig {
    /// The hook statements, unrendered, in order.
    public static func statements(_ value: JSON?) -> [String] {
        switch value {
        case .string(let s)?: return [s]
        case .object(let o)?: return o["sql"]?.stringValue.map { [$0] } ?? []
        case .array(let items)?: return items.flatMap { statements($0) }
        default: return []
        }
    }
}
