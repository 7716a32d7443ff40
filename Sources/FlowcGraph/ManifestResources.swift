// Single resources as the manifest describes them, for commands that print some of them
// (`flowc ls --output json`), without writing or building the whole manifest.

public struct ManifestResources {
    private let manifest: Manifest
    private let context: NodeJSONContext
    private let relationName: (Node) -> String?
    private let sourceRelationName: (SourceTable) -> String?

    public init(_ manifest: Manifest, projectRoot: String, relationName: @escaping (Node) -> String?,
                sourceRelationName: @escaping (SourceTable) -> String?) {
        self.manifest = manifest
        context = NodeJSONContext(manifest, createdAt: 0, projectRoot: projectRoot)
        self.relationName = relationName
        self.sourceRelationName = sourceRelationName
    }

    /// The node, source, exposure or unit test with this unique id, in the manifest's shape and
    /// key order (`created_at` is 0: nothing is being recorded).
    public func json(_ id: String) -> JSON? {
        if let n = manifest.nodes[id] {
            return context.node(n, compiled: nil, relationName: NodeJSONContext.hasRelation(n) ? relationName(n) : nil)
        }
        if let s = manifest.sources[id] { return ManifestWriter.source(s, createdAt: 0, relationName: sourceRelationName(s)) }
        if let x = manifest.exposures[id] { return ManifestWriter.exposure(x, createdAt: 0) }
        if let u = manifest.unitTests[id] { return ManifestWriter.unitTest(u, createdAt: 0) }
        if let r = manifest.semanticResources[id] {
            return ManifestWriter.semantic(r, createdAt: 0, manifest: manifest, relationName: relationName)
        }
        return nil
    }
}
