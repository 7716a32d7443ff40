// FlowcProject: reads flowc.yml / dbt_project.yml, profiles and properties YAML into a Project (issue 3).
// This stage has no code yet; the module exists so the package layout reads as the pipeline.
enum FlowcProjectStage {}
