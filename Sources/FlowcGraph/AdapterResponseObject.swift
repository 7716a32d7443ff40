// dbt's AdapterResponse: what `load_result(name)['response']`, `adapter.execute(...)[0]` and
// `store_raw_result` hold. It prints as its message ("SELECT 1", as dbt's __str__), and its
// fields read as attributes or items (Jinja's subscript falls back to attributes).
import FlowcTemplate

public final class AdapterResponseObject: TemplateObject {
    let message: Value
    let code: Value
    let rowsAffected: Value

    init(message: Value, code: Value, rowsAffected: Value) {
        self.message = message
        self.code = code
        self.rowsAffected = rowsAffected
    }

    public var typeName: String { "AdapterResponse" }

    public func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "_message": message
        case "code": code
        case "rows_affected": rowsAffected
        case "query_id": Value.none
        default: nil
        }
    }

    public func render(renderer: Renderer) throws -> String { try renderer.str(message) }

    public var pythonRepr: String {
        "AdapterResponse(_message=\(message.pythonRepr), code=\(code.pythonRepr), rows_affected=\(rowsAffected.pythonRepr), query_id=None)"
    }

    /// The fields of a response a template stored: this object, or a dict with dbt's keys
    /// (`store_result(name, response={...})`).
    public static func fields(_ value: Value) -> (message: Value?, code: Value?, rowsAffected: Value?)? {
        switch value {
        case .object(let o as AdapterResponseObject): (o.message, o.code, o.rowsAffected)
        case .dict(let d): (d.get("_message"), d.get("code"), d.get("rows_affected"))
        default: nil
        }
    }
}
