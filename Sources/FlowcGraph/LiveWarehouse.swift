// What templates reach of the warehouse at run time: run_query, statement blocks,
// adapter.get_relation / get_columns_in_relation / list_relations. The run stage supplies an
// implementation over its connection; at compile time there is none and these calls say they
// need a warehouse. Results come back as the objects dbt's macros expect (agate-like tables,
// Column objects, Relations).
import FlowcSQL
import FlowcTemplate

public struct LiveRelation: Sendable {
    public var schema: String
    public var identifier: String
    /// "table" or "view".
    public var type: String
    public init(schema: String, identifier: String, type: String) {
        self.schema = schema
        self.identifier = identifier
        self.type = type
    }
}

public struct LiveColumn: Sendable {
    public var name: String
    public var dataType: String
    public init(name: String, dataType: String) {
        self.name = name
        self.dataType = dataType
    }
}

public protocol LiveWarehouse: AnyObject {
    /// Runs SQL; returns the adapter response message ("SELECT 3") and, when `fetch`, the rows.
    func run(_ sql: String, fetch: Bool) throws -> (message: String, rowsAffected: Int, columns: [String], rows: [[Value]])
    func relation(schema: String, identifier: String) throws -> LiveRelation?
    func columns(schema: String, identifier: String) throws -> [LiveColumn]
    func relations(schema: String) throws -> [LiveRelation]
    func createSchema(_ schema: String) throws
}

/// An agate-like table: `rows`, `columns` (each with `values()`), `column_names`, iteration
/// over rows, and rows indexable by position or column name.
final class ResultTableObject: TemplateObject {
    let columnNames: [String]
    let rows: [Value]
    let rawRows: [[Value]]

    init(columns: [String], rows: [[Value]]) {
        columnNames = columns
        rawRows = rows
        self.rows = rows.map { .object(ResultRowObject(columns: columns, values: $0)) }
    }

    var typeName: String { "Table" }
    var truthy: Bool { true }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "rows": return .list(rows)
        case "column_names": return .list(columnNames.map { .string($0) })
        case "columns":
            return .list(columnNames.indices.map { i in
                .object(ResultColumnObject(name: columnNames[i], values: rawRows.map { i < $0.count ? $0[i] : .none }))
            })
        case "print_table": return .callable(Callable(name: "print_table") { _, _ in .string("") })
        default: return nil
        }
    }

    func item(_ key: Value, renderer: Renderer) throws -> Value? {
        if case .int(let i) = key, i >= 0, i < rows.count { return rows[i] }
        return nil
    }

    func iterate(renderer: Renderer) throws -> [Value]? { rows }
    var pythonRepr: String { "<agate.Table \(rawRows.count) rows>" }
}

final class ResultRowObject: TemplateObject {
    let columns: [String]
    let values: [Value]
    init(columns: [String], values: [Value]) {
        self.columns = columns
        self.values = values
    }
    var typeName: String { "Row" }

    func item(_ key: Value, renderer: Renderer) throws -> Value? {
        switch key {
        case .int(let i):
            let index = i < 0 ? values.count + Int(i) : Int(i)
            return index >= 0 && index < values.count ? values[index] : nil
        case .string(let name):
            guard let i = columns.firstIndex(of: name), i < values.count else { return nil }
            return values[i]
        default: return nil
        }
    }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "keys": return .callable(Callable(name: "keys") { [columns] _, _ in .list(columns.map { .string($0) }) })
        case "values": return .callable(Callable(name: "values") { [values] _, _ in .list(values) })
        case "items":
            return .callable(Callable(name: "items") { [columns, values] _, _ in
                .list(zip(columns, values).map { .tuple([.string($0.0), $0.1]) })
            })
        default:
            guard let i = columns.firstIndex(of: name), i < values.count else { return nil }
            return values[i]
        }
    }

    func iterate(renderer: Renderer) throws -> [Value]? { values }
    var pythonRepr: String { "<agate.Row: (" + values.map(\.pythonRepr).joined(separator: ", ") + ")>" }
}

final class ResultColumnObject: TemplateObject {
    let name: String
    let values: [Value]
    init(name: String, values: [Value]) {
        self.name = name
        self.values = values
    }
    var typeName: String { "Column" }
    func attribute(_ attr: String, renderer: Renderer) throws -> Value? {
        switch attr {
        case "name": return .string(name)
        case "values", "values_distinct":
            return .callable(Callable(name: attr) { [values] _, _ in .list(values) })
        default: return nil
        }
    }
    func iterate(renderer: Renderer) throws -> [Value]? { values }
}

/// dbt's Column: what `adapter.get_columns_in_relation` returns.
final class WarehouseColumnObject: TemplateObject {
    let name: String
    let dataType: String
    let dialect: Dialect
    init(name: String, dataType: String, dialect: Dialect) {
        self.name = name
        self.dataType = dataType
        self.dialect = dialect
    }
    var typeName: String { "Column" }
    func attribute(_ attr: String, renderer: Renderer) throws -> Value? {
        let lower = dataType.lowercased()
        let isString = ["text", "varchar", "character varying", "char", "character", "string"].contains { lower.hasPrefix($0) }
        let isNumber = ["int", "integer", "bigint", "smallint", "numeric", "decimal", "real", "float", "double"].contains { lower.hasPrefix($0) }
        switch attr {
        case "name", "column": return .string(name)
        case "data_type", "dtype": return .string(dataType)
        case "quoted": return .string(dialect.quote(name))
        case "is_string": return .callable(Callable(name: attr) { _, _ in .bool(isString) })
        case "is_number", "is_numeric": return .callable(Callable(name: attr) { _, _ in .bool(isNumber) })
        case "is_integer":
            return .callable(Callable(name: attr) { _, _ in .bool(["int", "integer", "bigint", "smallint"].contains(lower)) })
        case "is_float":
            return .callable(Callable(name: attr) { _, _ in .bool(["real", "float", "double precision", "double"].contains(lower)) })
        default: return nil
        }
    }
    func render(renderer: Renderer) throws -> String { name }
    var pythonRepr: String { "<Column \(name) (\(dataType))>" }
}
