// Column facts from the column-lineage engine: the project's compiled SQL traced by
// FlowcCompile's ProjectLineage, read through lineage.json's shape (the same seam a
// target/lineage.json file goes through), so `flowc diff` judges columns by lineage.
import FlowcCompile
import FlowcGraph

extension ColumnFacts {
    /// Traces `build` (with `compiled` holding its models, snapshots and analyses; seed
    /// files are read under `projectRoot`, which must still exist).
    public static func traced(_ build: GraphBuild, compiled: [String: CompiledNode], projectRoot: String,
                              threads: Int) -> ColumnFacts {
        let lineage = ProjectLineage.compute(LineageInputs(build: build, compiled: compiled, projectRoot: projectRoot,
                                                           checks: .defaults, threads: threads))
        return ColumnFacts.lineage(lineage.json(metadata: JSONObject()))
    }
}
