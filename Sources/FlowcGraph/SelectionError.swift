// Errors of node selection: a selector string or a selectors.yml definition that cannot mean
// anything. Each names the offending text and says how to fix it. A selector that is well formed
// but matches no node is not an error (dbt warns; the caller does too).

public enum SelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `--select` / `--exclude` element (or a selector value) that does not parse.
    case invalidSyntax(text: String, reason: String, hint: String)
    /// `foo:bar` where `foo` is no selector method.
    case unknownMethod(text: String, method: String)
    /// `--selector name` or `selector:name` naming no selector in selectors.yml.
    case unknownSelector(name: String, known: [String])
    /// A selectors.yml definition that is malformed; `selector` is the selector's name when known.
    case invalidDefinition(selector: String?, reason: String, hint: String)
    /// A method that needs state this build does not have yet (`state:`, `result:`,
    /// `source_status:`).
    case unavailable(text: String, method: String)

    public var description: String {
        switch self {
        case .invalidSyntax(let text, let reason, let hint):
            return "invalid selector '\(text)': \(reason)\nhint: \(hint)"
        case .unknownMethod(let text, let method):
            let methods = SelectionMethod.allCases.map(\.rawValue).joined(separator: ", ")
            return "invalid selector '\(text)': '\(method)' is not a selector method\n"
                + "hint: use one of \(methods)"
        case .unknownSelector(let name, let known):
            let list = known.isEmpty ? "selectors.yml defines no selectors" : "defined selectors: " + known.sorted().joined(separator: ", ")
            return "no selector named '\(name)' in selectors.yml\nhint: \(list)"
        case .invalidDefinition(let selector, let reason, let hint):
            let place = selector.map { "selector '\($0)' in selectors.yml" } ?? "selectors.yml"
            return "\(place): \(reason)\nhint: \(hint)"
        case .unavailable(let text, let method):
            switch method {
            case "state":
                return "invalid selector '\(text)': state: needs a state to compare with\n"
                    + "hint: pass --state PATH (the target/ directory of an earlier run) or --state git:REF (a branch, tag or commit)"
            case "result":
                return "invalid selector '\(text)': result: needs the run_results.json of an earlier run\n"
                    + "hint: run a command first (it writes target/run_results.json), or pass --state PATH of a directory holding one"
            case "source_status":
                return "invalid selector '\(text)': source_status: needs two sources.json files\n"
                    + "hint: run `flowc source freshness` (it writes target/sources.json) and pass --state PATH of a directory holding the earlier one"
            default:
                return "invalid selector '\(text)': '\(method):' is not supported yet\n"
                    + "hint: select without it for now"
            }
        }
    }
}
