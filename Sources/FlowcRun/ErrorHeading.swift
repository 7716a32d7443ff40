// The heading dbt puts over a node's error in the run output and in run_results.json's
// `message`: "Database Error in model x (models/x.sql)" when the database refused SQL (also a
// run_query or statement a model ran while compiling), "Compilation Error in …" for template
// errors, "Runtime Error" for what dbt raises as a DbtRuntimeError (an adapter call given a
// relation in another database). flowc keeps its own file:line:column placing under the
// heading; the "database error: " / "runtime error: " marker a template error carries is
// dropped there, since the heading says it.
import FlowcGraph
import FlowcProject
import FlowcTemplate

public enum ErrorHeading {
    /// "Database Error", "Runtime Error" or "Compilation Error" for a template error or the
    /// diagnostic made of one.
    public static func kind(of error: Error) -> String {
        if TemplateError.isDatabase(error) { return "Database Error" }
        return TemplateError.isDbtRuntime(error) ? "Runtime Error" : "Compilation Error"
    }

    /// `kind in <what> (<file>)` and the diagnostic under it, indented by two spaces.
    public static func message(_ diagnostic: Diagnostic, in what: String) -> String {
        "\(kind(of: diagnostic)) in \(what)\n  " + indented(body(diagnostic))
    }

    /// The diagnostic's text without its marker.
    public static func body(_ diagnostic: Diagnostic) -> String {
        var d = diagnostic
        d.message = unmarked(d.message)
        return d.description
    }

    /// A template error's text without its marker.
    public static func body(_ error: TemplateError) -> String {
        var e = error
        e.message = unmarked(e.message)
        return e.description
    }

    static func unmarked(_ message: String) -> String {
        for marker in [TemplateError.databaseMarker, TemplateError.runtimeMarker] where message.hasPrefix(marker) {
            return String(message.dropFirst(marker.count))
        }
        return message
    }

    static func indented(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\n  ")
    }
}
