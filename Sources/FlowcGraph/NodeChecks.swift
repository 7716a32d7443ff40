// The parse-time checks of one node (its constraints, config values and their types) as a
// value of its own: pure over the node and the properties entries, so every node of a large
// project is checked in parallel, each finding with its place.
import FlowcProject

struct NodeChecks: Sendable, DiagnosticCollecting {
    let patches: [String: [PropertyPatch]]
    let resolvers: [String: ConfigResolver]
    var diagnostics: [Diagnostic] = []
    /// For a finding reported once however many nodes share its place (a folder config's wrong
    /// value), its place and key, by its index in `diagnostics`.
    var oncePerPlace: [Int: String] = [:]

    init(patches: [String: [PropertyPatch]], resolvers: [String: ConfigResolver]) {
        self.patches = patches
        self.resolvers = resolvers
    }

    /// All of a node's checks; a disabled node's config types alone.
    mutating func check(_ node: Node, enabled: Bool) {
        if enabled {
            checkConstraints(node)
            checkConfigValues(node)
        }
        checkConfigTypes(node)
    }

    /// The properties entry that describes a node (a version is described by its model's).
    static func patchKey(_ node: Node) -> String {
        node.version == nil ? node.uniqueId : "model.\(node.packageName).\(node.name)"
    }

    /// Where a node's properties entry starts, looked up only when there is something to report.
    func patchSpan(_ key: String) -> SourceSpan? { patches[key]?.first?.span }
}
