// Column facts from the column-lineage engine: the project's compiled SQL traced by
// FlowcCompile's ProjectLineage, read through lineage.json's shape (the same seam a
// target/lineage.json file goes through), so `flowc diff` judges columns by lineage.
import FlowcCompile
import FlowcGraph

extension ColumnFacts {
    /// Traces `build` (with `compiled` holding its models, snapshots and analyses; seed
    /// files are read under `projectRoot`, which must still exist).
    /// `focus`: trace only these nodes, their children and everything upstream of both
    /// (what a diff's verdicts read); nil traces the whole project.
    public static func traced(_ build: GraphBuild, compiled: [String: CompiledNode], projectRoot: String,
                              threads: Int, focus: Set<String>? = nil) -> ColumnFacts {
        var nodes = compiled
        if let focus {
            let m = build.manifest
            var wanted = focus
            for id in focus { wanted.formUnion(m.childMap[id] ?? []) }
            var stack = Array(wanted)
            while let id = stack.popLast() {
                for p in m.parentMap[id] ?? [] where wanted.insert(p).inserted { stack.append(p) }
            }
            nodes = compiled.filter { wanted.contains($0.key) }
        }
        let lineage = ProjectLineage.compute(LineageInputs(build: build, compiled: nodes, projectRoot: projectRoot,
                                                           checks: .defaults, threads: threads))
        return ColumnFacts.lineage(lineage.json(metadata: JSONObject()))
    }
}
