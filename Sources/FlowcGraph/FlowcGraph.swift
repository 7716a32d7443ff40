// FlowcGraph: parse-time rendering, the manifest and DAG, selection syntax (issue 3).
// This stage has no code yet; the module exists so the package layout reads as the pipeline.
enum FlowcGraphStage {}
