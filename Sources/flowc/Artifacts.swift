// Writing target/ artifacts: the manifest (with compiled code and column lineage where there is some).
import FlowcCompile
import FlowcGraph
import Foundation

enum Artifacts {
    static func writeManifest(_ inv: Invocation, compiled: [String: CompiledNode], lineage: ProjectLineage? = nil,
                              buildPaths: [String: String] = [:], hookIndexes: [String: Int] = [:]) throws {
        let path = inv.path(inv.project.config.targetPath + "/manifest.json")
        try ManifestFile.write(inv, compiled: compiled, lineage: lineage, buildPaths: buildPaths, hookIndexes: hookIndexes,
                               to: path)
    }
}
