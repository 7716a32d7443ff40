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
        // An error inside a macro is placed in the macro's file (its line and snippet are that
        // file's), and the hint says which node called it.
        if let at = t.location, !at.file.isEmpty, at.file != file, !at.file.hasPrefix("<") {
            let called = "in a macro called from \(file)"
            self.init(.error, t.message, span: SourceSpan(file: at.file, line: at.line, column: at.column),
                      hint: t.hint.map { "\($0) (\(called))" } ?? called, sourceLine: t.sourceLine)
            return
        }
        self.init(.error, t.message,
                  span: SourceSpan(file: file, line: (t.location?.line ?? 1) + lineOffset, column: t.location?.column ?? 1),
                  hint: t.hint, sourceLine: t.sourceLine)
    }
}
