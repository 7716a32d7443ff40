// FlowcRun: the DAG scheduler, tests, hooks and run results (issue 4).
// This stage has no code yet; the module exists so the package layout reads as the pipeline.
enum FlowcRunStage {}
