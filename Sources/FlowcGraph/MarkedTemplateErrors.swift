// A warehouse error raised inside a template (run_query, statement, exceptions.raise_database_error)
// travels as a TemplateError so that it gets the call's place and snippet; its message starts
// with a fixed marker so that whoever reports it can head it "Database Error", as dbt heads its
// DbtDatabaseError, rather than "Compilation Error". An adapter call dbt refuses with a
// DbtRuntimeError (a relation in another database) is marked so too, for "Runtime Error".
import FlowcProject
import FlowcTemplate

extension TemplateError {
    /// Starts the message of a template error that is the database's.
    public static let databaseMarker = "database error: "

    /// The database's error, raised from a template.
    public static func database(_ message: String) -> TemplateError {
        TemplateError(.host, databaseMarker + message)
    }

    /// Starts the message of a template error that dbt raises as a DbtRuntimeError.
    public static let runtimeMarker = "runtime error: "

    /// An error dbt raises as a DbtRuntimeError, raised from a template.
    public static func dbtRuntime(_ message: String) -> TemplateError {
        TemplateError(.host, runtimeMarker + message)
    }

    /// Whether `error` (a template error, or the diagnostic made of one) is the database's.
    public static func isDatabase(_ error: Error) -> Bool {
        message(of: error)?.hasPrefix(databaseMarker) == true
    }

    /// Whether `error` (a template error, or the diagnostic made of one) is a dbt runtime error.
    public static func isDbtRuntime(_ error: Error) -> Bool {
        message(of: error)?.hasPrefix(runtimeMarker) == true
    }

    static func message(of error: Error) -> String? {
        switch error {
        case let t as TemplateError: return t.message
        case let d as Diagnostic: return d.message
        default: return nil
        }
    }
}
