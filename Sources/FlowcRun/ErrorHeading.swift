// The heading dbt puts over a node's error in the run output and in run_results.json's
// `message`: "Database Error in model x (models/x.sql)" when the database refused SQL (also a
// run_query or statement a model ran while compiling), "Compilation Error in …" for template
// errors. flowc keeps its own file:line:column placing under the heading; the "database
// error: " marker a template error carries is dropped there, since the heading says it.
import FlowcGraph
import FlowcProject
import FlowcTemplate

public enum ErrorHeading {
    /// "Database Error" or "Compilation Error" for a template error or the diagnostic made of one.
    public static func kind(of error: Error) -> String {
        TemplateError.isDatabase(error) ? "Database Error" : "Compilation Error"
    }

    /// `kind in <what> (<file>)` and the diagnostic under it, indented by two spaces.
    public static func message(_ diagnostic: Diagnostic, in what: String) -> String {
        "\(kind(of: diagnostic)) in \(what)\n  " + indented(body(diagnostic))
    }

    /// The diagnostic's text without the database marker.
    public static func body(_ diagnostic: Diagnostic) -> String {
        var d = diagnostic
        if TemplateError.isDatabase(d) { d.message.removeFirst(TemplateError.databaseMarker.count) }
        return d.description
    }

    /// A template error's text without the database marker.
    public static func body(_ error: TemplateError) -> String {
        var e = error
        if TemplateError.isDatabase(e) { e.message.removeFirst(TemplateError.databaseMarker.count) }
        return e.description
    }

    static func indented(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\n  ")
    }
}
