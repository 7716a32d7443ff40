// FlowcCompile: full rendering with the dbt context for a target dialect (issue 3).
// This stage has no code yet; the module exists so the package layout reads as the pipeline.
enum FlowcCompileStage {}
