// A template error (Jinja syntax or render failure) as a project diagnostic: the file, the line
// shifted by the lines dbt strips before rendering, the column, the caret line and the hint.
import FlowcProject
import FlowcTemplate

extension Diagnostic {
    public init(templateError e: Error, file: String, lineOffset: Int = 0) {
        guard let t = e as? TemplateError else {
            self.init(.error, "\(e)", span: SourceSpan(file: file, line: 1 + lineOffset, column: 1))
            return
        }
        self.init(.error, t.message,
                  span: SourceSpan(file: file, line: (t.location?.line ?? 1) + lineOffset, column: t.location?.column ?? 1),
                  hint: t.hint, sourceLine: t.sourceLine)
    }
}
