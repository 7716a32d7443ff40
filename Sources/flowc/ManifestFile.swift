// Writes target/manifest.json (and semantic_manifest.json beside it) for an invocation: the graph, compiled code where there is some,
// relation names spelled by the target's dialect.
import FlowcCompile
import FlowcGraph
import FlowcSQL
import FlowcRun
import Foundation

enum ManifestFile {
    static func write(_ inv: Invocation, compiled: [String: CompiledNode], lineage: ProjectLineage?,
                      buildPaths: [String: String] = [:], hookIndexes: [String: Int] = [:], to path: String) throws {
        let m = inv.build.manifest
        let dialect = inv.build.setup.dialect
        let policy = dialect.quotePolicy
        var metadata = ManifestMetadata(
            generatedAt: RunResultsFile.isoTime(Date().timeIntervalSince1970), invocationId: inv.invocationId,
            invocationStartedAt: inv.startedAt, projectName: m.projectName, adapterType: m.adapterType,
            env: ManifestMetadata.customEnv(ProcessInfo.processInfo.environment),
            quoting: JSONObject([("database", .bool(policy.database)), ("schema", .bool(policy.schema)),
                                 ("identifier", .bool(policy.identifier)), ("column", .null)]),
            // dbt writes run_started_at as Python's isoformat() of an aware time: +00:00, not Z
            runStartedAt: inv.startedAt.hasSuffix("Z") ? String(inv.startedAt.dropLast()) + "+00:00" : inv.startedAt,
            createdAt: Date().timeIntervalSince1970)
        metadata.selectors = inv.selectorsRecord()
        var compiledJSON: [String: ManifestWriter.Compiled] = [:]
        for (id, c) in compiled { compiledJSON[id] = (c.sql, c.compiledPath, c.extraCTEs) }
        // computed per node as it is written, not for all nodes up front
        let columnLineage: @Sendable (String) -> [ManifestWriter.ColumnLineage]? = { lineage?.manifestColumnLineage($0) }
        try ManifestWriter.write(
            m, metadata: metadata, projectRoot: inv.project.root, compiled: compiledJSON, columnLineage: columnLineage,
            buildPaths: buildPaths,
            hookIndexes: hookIndexes,
            relationName: { dialect.renderRelation(database: $0.database, schema: $0.schema, identifier: $0.alias) },
            sourceRelationName: { $0.relationName(dialect) },
            to: path)
        // dbt writes the semantic manifest beside every manifest, semantic layer or not
        let semantic = SemanticManifest.json(m, relationName: { dialect.renderRelation(database: $0.database, schema: $0.schema, identifier: $0.alias) })
        try Files.write(JSONWriter.string(semantic), to: (path as NSString).deletingLastPathComponent + "/semantic_manifest.json")
    }
}
