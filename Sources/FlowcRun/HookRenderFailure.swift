// A project hook (on-run-start / on-run-end) that could not be rendered: a template error, or a
// query its macros ran at render time failing. dbt compiles a hook outside the handling that
// turns a hook's failure into an ERROR result, so such a failure ends the whole command
// ("Encountered an error:", exit 2) rather than failing the one hook; flowc does the same.
import FlowcGraph
import FlowcProject
import FlowcTemplate

struct HookRenderFailure: Error {
    /// dbt's heading and the error placed at its file, line and column.
    let message: String

    init(_ error: Error, node: Node, declared: SourceSpan?) {
        let diagnostic = declared.map { Diagnostic(templateError: error, inValueAt: $0) }
            ?? Diagnostic(templateError: error, file: node.originalFilePath)
        // a query run while rendering that the database refused is a database error in dbt
        message = ErrorHeading.message(diagnostic, in: "operation \(node.name) (\(node.originalFilePath))")
    }
}
