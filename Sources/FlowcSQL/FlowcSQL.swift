// FlowcSQL: SQL dialects, parser, column-level lineage and static checks (issue 5).
// This stage has no code yet; the module exists so the package layout reads as the pipeline.
enum FlowcSQLStage {}
