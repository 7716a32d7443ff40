// A warehouse error raised inside a template (run_query, statement, exceptions.raise_database_error)
// travels as a TemplateError so that it gets the call's place and snippet; its message starts
// with a fixed marker so that whoever reports it can head it "Database Error", as dbt heads its
// DbtDatabaseError, rather than "Compilation Error".
import FlowcProject
import FlowcTemplate

extension TemplateError {
    /// Starts the message of a template error that is the database's.
    public static let databaseMarker = "database error: "

    /// The database's error, raised from a template.
    public static func database(_ message: String) -> TemplateError {
        TemplateError(.host, databaseMarker + message)
    }

    /// Whether `error` (a template error, or the diagnostic made of one) is the database's.
    public static func isDatabase(_ error: Error) -> Bool {
        switch error {
        case let t as TemplateError: return t.message.hasPrefix(databaseMarker)
        case let d as Diagnostic: return d.message.hasPrefix(databaseMarker)
        default: return false
        }
    }
}
