// What `state:` and `result:` selectors need to know, computed elsewhere (FlowcState compares
// two manifests; the CLI reads run_results.json) and handed to the selection graph. Selection
// stays a pure function of the graph plus these facts.

/// The kinds of modification dbt's `state:modified.<kind>` subselectors name.
public enum StateChange: String, Sendable, CaseIterable, Hashable, Comparable {
    /// The SQL (compiled, or raw when the state has no compiled code), after whitespace and
    /// comment normalisation.
    case body
    /// The effective config (relation and contract keys are their own kinds).
    case configs
    /// database / schema / alias as configured.
    case relation
    /// Descriptions that persist_docs writes to the warehouse.
    case persistedDescriptions = "persisted_descriptions"
    /// The bodies of the macros the node calls, directly or through other macros.
    case macros
    /// An enforced contract's columns and types.
    case contract
    /// What defines a node without SQL (a source's freshness and quoting, an exposure's owner,
    /// a unit test's fixtures, a metric's definition) and a model's ref representation
    /// (latest_version, access, deprecation_date): dbt's same_contents beyond its subselectors.
    case properties

    public static func < (a: StateChange, b: StateChange) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// The comparison of the project with a state manifest.
public struct SelectionState: Sendable {
    /// Unique ids of everything the state manifest holds (nodes, sources, exposures).
    public var stateIds: Set<String>
    /// For ids present on both sides, the kinds of modification (absent or empty: unmodified).
    public var changes: [String: Set<StateChange>]

    public init(stateIds: Set<String>, changes: [String: Set<StateChange>]) {
        self.stateIds = stateIds
        self.changes = changes
    }

    public func isNew(_ id: String) -> Bool { !stateIds.contains(id) }

    /// Nodes without SQL have no body for `state:modified.body` to compare (dbt's same_body).
    static let withoutBody = ["source.", "exposure.", "unit_test.", "metric.", "semantic_model.", "saved_query."]

    public func isModified(_ id: String, kind: StateChange? = nil) -> Bool {
        if kind == .body && Self.withoutBody.contains(where: { id.hasPrefix($0) }) { return false }
        // a new node is modified in every respect but its macros, which count only when changed
        if isNew(id) { return kind == .macros ? changes[id]?.contains(.macros) == true : true }
        guard let kinds = changes[id] else { return false }
        if let kind { return kinds.contains(kind) }
        return !kinds.isEmpty
    }
}

extension SelectionGraph {
    /// `state:new|old|modified[.kind]|unmodified`.
    func matchingState(_ c: SelectionCriteria) throws -> Set<String> {
        guard let state else {
            throw SelectionError.unavailable(text: c.raw, method: "state")
        }
        let value = c.value
        switch value {
        case "new": return Set(nodes.keys.filter { state.isNew($0) })
        case "old": return Set(nodes.keys.filter { !state.isNew($0) })
        case "modified": return Set(nodes.keys.filter { state.isModified($0) })
        case "unmodified": return Set(nodes.keys.filter { !state.isModified($0) })
        default:
            guard value.hasPrefix("modified."), let kind = StateChange(rawValue: String(value.dropFirst("modified.".count))) else {
                throw SelectionError.invalidSyntax(
                    text: c.raw, reason: "'\(value)' is not a state",
                    hint: "use state:new, state:old, state:modified, state:unmodified or state:modified."
                        + "{" + StateChange.allCases.map(\.rawValue).joined(separator: ",") + "}")
            }
            return Set(nodes.keys.filter { state.isModified($0, kind: kind) })
        }
    }

    /// `source_status:fresher`: sources whose newest row (sources.json `max_loaded_at`) is newer
    /// than in the state's sources.json, or that the state did not check.
    func matchingSourceStatus(_ c: SelectionCriteria) throws -> Set<String> {
        guard let freshness = sourceFreshness else {
            throw SelectionError.unavailable(text: c.raw, method: "source_status")
        }
        guard c.value == "fresher" else {
            throw SelectionError.invalidSyntax(text: c.raw, reason: "'\(c.value)' is not a source status",
                                               hint: "use source_status:fresher (or source_status:fresher+ for what reads them)")
        }
        return Set(freshness.current.compactMap { id, loaded in
            guard nodes[id] != nil else { return nil }
            guard let before = freshness.previous[id] else { return id }
            return loaded > before ? id : nil
        })
    }

    /// `result:<status>` from a previous run_results.json.
    func matchingResult(_ c: SelectionCriteria) throws -> Set<String> {
        guard let previousResults else {
            throw SelectionError.unavailable(text: c.raw, method: "result")
        }
        // dbt's run, test and freshness statuses; another word selects nothing in dbt, here it
        // is taken for a typo
        let known = ["error", "fail", "skipped", "success", "warn", "pass", "runtime error", "partial success", "no-op"]
        guard known.contains(c.value) else {
            throw SelectionError.invalidSyntax(text: c.raw, reason: "'\(c.value)' is not a run result status",
                                               hint: "use one of result:error, fail, skipped, success, warn, pass, no-op, partial success")
        }
        return Set(nodes.keys.filter { previousResults[$0] == c.value })
    }
}
