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

    /// A template error in a YAML value (a source's `schema:`, a test's argument): placed at the
    /// value in its properties file, lines below the first counted from there, so the snippet
    /// shown is the file's line rather than the template's. Errors inside a macro stay in its file.
    public init(templateError e: Error, inValueAt value: SourceSpan) {
        let inMacro = (e as? TemplateError)?.location.map { !$0.file.isEmpty && $0.file != value.file && !$0.file.hasPrefix("<") }
        guard let t = e as? TemplateError, inMacro != true else {
            self.init(templateError: e, file: value.file, lineOffset: value.line - 1)
            return
        }
        let line = t.location?.line ?? 1
        let span = line <= 1 ? value : SourceSpan(file: value.file, line: value.line + line - 1, column: t.location?.column ?? 1)
        self.init(.error, t.message, span: span, hint: t.hint)
    }
}
