// What templates reach of the warehouse at run time: run_query, statement blocks,
// adapter.get_relation / get_columns_in_relation / list_relations. The run stage supplies an
// implementation over its connection; at compile time there is none and these calls say they
// need a warehouse. Results come back as the objects dbt's macros expect (agate-like tables,
// Column objects, Relations).
import FlowcProject
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
    /// What the warehouse's catalog reports, when it does (see WarehouseColumn).
    public var numericPrecision: Int?
    public var numericScale: Int?
    /// information_schema's type and length (see WarehouseColumn), dbt's `dtype` and `char_size`.
    public var catalogType: String?
    public var charSize: Int?
    public init(name: String, dataType: String, numericPrecision: Int? = nil, numericScale: Int? = nil,
                catalogType: String? = nil, charSize: Int? = nil) {
        self.name = name
        self.dataType = dataType
        self.numericPrecision = numericPrecision
        self.numericScale = numericScale
        self.catalogType = catalogType
        self.charSize = charSize
    }
}

/// What a statement did: the adapter response ("SELECT 3", code "SELECT") and, when fetched, the rows.
public struct LiveResult {
    public var message: String
    public var code: String
    public var rowsAffected: Int
    public var columns: [String] = []
    public var rows: [[Value]] = []
    public init(message: String, code: String, rowsAffected: Int, columns: [String] = [], rows: [[Value]] = []) {
        self.message = message
        self.code = code
        self.rowsAffected = rowsAffected
        self.columns = columns
        self.rows = rows
    }
}

public protocol LiveWarehouse: AnyObject {
    /// Runs SQL. With `autoBegin`, while a materialization runs, a transaction is opened first if
    /// none is (dbt's `statement(auto_begin=True)`); outside one the connection autocommits.
    func run(_ sql: String, fetch: Bool, autoBegin: Bool) throws -> LiveResult
    /// dbt's adapter.commit(): commits the transaction a materialization's statements opened.
    func commit() throws
    func relation(schema: String, identifier: String) throws -> LiveRelation?
    func columns(schema: String, identifier: String) throws -> [LiveColumn]
    func relations(schema: String) throws -> [LiveRelation]
    func createSchema(_ schema: String) throws
    /// The columns `sql` returns and their types as the driver describes them (dbt's
    /// adapter.get_column_schema_from_query runs the SQL it is given and reads the cursor).
    func queryColumns(_ sql: String) throws -> [LiveColumn]
}

extension LiveWarehouse {
    func run(_ sql: String, fetch: Bool) throws -> LiveResult { try run(sql, fetch: fetch, autoBegin: true) }
}

/// An agate-like table: `rows`, `columns` (each with `values()`), `column_names`, iteration
/// over rows, and rows indexable by position or column name.
final class ResultTableObject: TemplateObject {
    let columnNames: [String]
    let rows: [Value]
    let rawRows: [[Value]]

    init(columns: [String], rows: [[Value]]) {
        // a name the query gives twice is name_2 the second time, as agate names it
        let columns = CSVTable.agateNames(columns)
        columnNames = columns
        rawRows = rows
        self.rows = rows.map { .object(ResultRowObject(columns: columns, values: $0)) }
    }

    var typeName: String { "Table" }
    var truthy: Bool { true }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "rows": return .list(rows)
        case "column_names": return .tuple(columnNames.map { .string($0) })
        case "columns":
            return .object(ResultColumnsObject(columnNames.indices.map { i in
                ResultColumnObject(name: columnNames[i], values: rawRows.map { i < $0.count ? $0[i] : .none })
            }))
        case "print_table":
            // agate's print_table, printed as print() prints
            return .callable(Callable(name: "print_table") { [self] args, r in
                let slots = try args.bind("print_table", ["max_rows", "max_columns", "output", "max_column_width", "locale", "max_precision"])
                func limit(_ i: Int, _ fallback: Int) -> Int? {
                    guard let v = slots[i] else { return fallback }
                    return v.isNone ? nil : v.intValue
                }
                let text = try Self.printTable(names: columnNames, types: agateTypes, rows: rawRows, maxRows: limit(0, 20),
                                               maxColumns: limit(1, 6), maxWidth: limit(3, 20), maxPrecision: limit(5, 3), renderer: r)
                if case .callable(let printer)? = r.environment.globals["print"] {
                    _ = try printer.body(Arguments([.string(String(text.dropLast()))]), r)
                }
                return .none
            })
        case "rename":
            // agate's Table.rename(column_names=…): new names in order, or old → new in a dict;
            // a new table (Elementary lower-cases every query result's columns this way)
            return .callable(Callable(name: "rename") { [self] args, r in
                let slots = try args.bind("rename", ["column_names", "row_names", "slug_columns", "slug_rows"])
                var names = columnNames
                switch slots[0] {
                case .dict(let d)?:
                    names = try columnNames.map { old in try d.get(old).map { try r.str($0) } ?? old }
                case .some(let v) where !v.isNone:
                    let given = try r.iterate(v).map { try r.str($0) }
                    guard given.count == columnNames.count else {
                        throw TemplateError(.value, "rename() got \(given.count) column names for a table of \(columnNames.count) columns")
                    }
                    names = given
                default: break
                }
                if slots[2]?.truthy == true { names = names.map(Self.slug) }
                return .object(ResultTableObject(columns: names, rows: rawRows))
            })
        default: return agateMethod(name)
        }
    }

    /// agate's slugify: lower case, runs of other characters as one `_`, none at the ends.
    static func slug(_ name: String) -> String {
        var out = ""
        for ch in name.lowercased() {
            if ch.isLetter || ch.isNumber { out.append(ch) } else if out.last != "_" { out.append("_") }
        }
        while out.hasPrefix("_") { out.removeFirst() }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }

    func item(_ key: Value, renderer: Renderer) throws -> Value? {
        if case .int(let i) = key, i >= 0, i < rows.count { return rows[i] }
        return nil
    }

    func iterate(renderer: Renderer) throws -> [Value]? { rows }
    var pythonRepr: String { "<agate.Table \(rawRows.count) rows>" }
    /// str(table) is agate's print_structure, as dbt logs a table
    func render(renderer: Renderer) throws -> String { try structure(renderer: renderer) }
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
        // agate answers with tuples, and Jinja prints them so: ('a', 'b')
        case "keys": return .callable(Callable(name: "keys") { [columns] _, _ in .tuple(columns.map { .string($0) }) })
        case "values": return .callable(Callable(name: "values") { [values] _, _ in .tuple(values) })
        case "items":
            return .callable(Callable(name: "items") { [columns, values] _, _ in
                .tuple(zip(columns, values).map { .tuple([.string($0.0), $0.1]) })
            })
        // agate's Row.dict() (an OrderedDict) and the mapping's get(key, default)
        case "dict": return .callable(Callable(name: "dict") { [columns, values] _, _ in .dict(Array(zip(columns, values))) })
        case "get": return getMethod
        default:
            guard let i = columns.firstIndex(of: name), i < values.count else { return nil }
            return values[i]
        }
    }

    func iterate(renderer: Renderer) throws -> [Value]? { values }
    var pythonRepr: String { "<agate.Row: (" + values.map(\.pythonRepr).joined(separator: ", ") + ")>" }
    func render(renderer: Renderer) throws -> String { pythonRepr }
}

/// agate's `table.columns`: a sequence of columns that is also a mapping by name
/// (`columns['id']`, `columns.items()`, as dbt_utils' get_query_results_as_dict reads it).
final class ResultColumnsObject: TemplateObject {
    let columns: [ResultColumnObject]
    init(_ columns: [ResultColumnObject]) { self.columns = columns }
    var typeName: String { "MappedSequence" }

    func item(_ key: Value, renderer: Renderer) throws -> Value? {
        switch key {
        case .int(let i):
            let index = i < 0 ? columns.count + i : i
            return index >= 0 && index < columns.count ? .object(columns[index]) : nil
        case .string(let name): return columns.first { $0.name == name }.map { .object($0) }
        default: return nil
        }
    }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        let columns = self.columns
        switch name {
        case "keys": return .callable(Callable(name: name) { _, _ in .tuple(columns.map { .string($0.name) }) })
        case "values": return .callable(Callable(name: name) { _, _ in .tuple(columns.map { .object($0) }) })
        case "items": return .callable(Callable(name: name) { _, _ in .tuple(columns.map { .tuple([.string($0.name), .object($0)]) }) })
        case "get": return getMethod
        default: return nil
        }
    }

    func iterate(renderer: Renderer) throws -> [Value]? { columns.map { .object($0) } }
    var pythonRepr: String { "<agate.MappedSequence: (" + columns.map(\.pythonRepr).joined(separator: ", ") + ")>" }
    func render(renderer: Renderer) throws -> String { pythonRepr }
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
        case "data_type": return .object(AgateTypeObject(ResultTableObject.agateType(of: values)))
        case "values": return .callable(Callable(name: attr) { [values] _, _ in .tuple(values) })
        case "values_distinct":
            // each value once, in the order first seen, as agate's
            return .callable(Callable(name: attr) { [values] _, _ in
                var seen: [Value] = []
                for v in values where !seen.contains(where: { $0.pyEquals(v) }) { seen.append(v) }
                return .tuple(seen)
            })
        default: return nil
        }
    }
    func iterate(renderer: Renderer) throws -> [Value]? { values }
    var pythonRepr: String { "<agate.Column: (" + values.map(\.pythonRepr).joined(separator: ", ") + ")>" }
    func render(renderer: Renderer) throws -> String { pythonRepr }
}

/// dbt's Column: what `adapter.get_columns_in_relation` returns.
final class WarehouseColumnObject: TemplateObject {
    let name: String
    let dataType: String
    let dialect: Dialect
    /// The declared type as dbt's Column reads it (shared with on_schema_change).
    let type: ColumnType

    /// Precision and scale as the catalog reported them, else as the type declares them.
    let numericPrecision: Int?
    let numericScale: Int?

    /// dtype as given, not normalised: a cursor's type label (`INTEGER`) keeps its case in dbt.
    let label: String?
    /// information_schema's type and length, when the warehouse has them: dbt-postgres's
    /// Column is made of those, so its dtype, char_size and data_type are.
    let catalog: (type: String, charSize: Int?)?

    init(name: String, dataType: String, dialect: Dialect, numericPrecision: Int? = nil, numericScale: Int? = nil,
         label: String? = nil, catalog: (type: String, charSize: Int?)? = nil) {
        self.name = name
        self.dataType = dataType
        self.label = label
        self.dialect = dialect
        self.catalog = catalog
        type = ColumnType(dataType)
        self.numericPrecision = numericPrecision ?? type.numericPrecision
        self.numericScale = numericScale ?? type.numericScale
    }

    /// A column the warehouse described.
    convenience init(_ column: LiveColumn, dialect: Dialect) {
        self.init(name: column.name, dataType: column.dataType, dialect: dialect,
                  numericPrecision: column.numericPrecision, numericScale: column.numericScale,
                  catalog: column.catalogType.map { ($0, column.charSize) })
    }

    /// dbt-postgres's Column.data_type of a catalog column: strings as `character varying(n)`
    /// (256 without a length) but text and unsized varchar as they are, numerics with their
    /// precision and scale when both are known, anything else as its dtype.
    static func dbtDataType(dtype: String, charSize: Int?, precision: Int?, scale: Int?) -> String {
        let lower = dtype.lowercased()
        if lower == "text" || (lower == "character varying" && charSize == nil) { return dtype }
        if ["character varying", "character", "varchar"].contains(lower) { return "character varying(\(charSize ?? 256))" }
        if ["numeric", "decimal"].contains(lower), let precision, let scale { return "\(dtype)(\(precision),\(scale))" }
        return dtype
    }
    var typeName: String { "Column" }


    func attribute(_ attr: String, renderer: Renderer) throws -> Value? {
        func method(_ body: @escaping @Sendable () throws -> Value) -> Value {
            .callable(Callable(name: attr) { _, _ in try body() })
        }
        let type = self.type
        let (isString, isInteger, isFloat, isNumeric) = (type.isString, type.isInteger, type.isFloat, type.isNumeric)
        let (charSize, stringSize) = (type.charSize, type.stringSize)
        switch attr {
        case "name", "column": return .string(name)
        case "dtype": return .string(catalog?.type ?? label ?? type.baseType)
        case "data_type", "expanded_data_type":
            guard let catalog else { return .string(dataType) }
            return .string(Self.dbtDataType(dtype: catalog.type, charSize: catalog.charSize, precision: numericPrecision, scale: numericScale))
        case "char_size":
            if let catalog { return catalog.charSize.map { .int($0) } ?? Value.none }
            return charSize.map { .int($0) } ?? Value.none
        case "numeric_precision": return numericPrecision.map { .int($0) } ?? Value.none
        case "numeric_scale": return numericScale.map { .int($0) } ?? Value.none
        case "quoted": return .string(dialect.quote(name))
        case "is_string": return method { .bool(isString) }
        case "is_number": return method { .bool(isInteger || isFloat || isNumeric) }
        case "is_numeric": return method { .bool(isNumeric) }
        case "is_integer": return method { .bool(isInteger) }
        case "is_float": return method { .bool(isFloat) }
        case "string_size":
            return method {
                guard isString else { throw TemplateError(.runtime, "Called string_size() on non-string field!") }
                return .int(stringSize)
            }
        case "can_expand_to":
            return .callable(Callable(name: attr) { args, _ in
                guard case .object(let o)? = args.positional.first ?? args.keyword("other_column"),
                      let other = o as? WarehouseColumnObject else { return .bool(false) }
                return .bool(type.canExpand(to: other.type))
            })
        case "literal":
            return .callable(Callable(name: attr) { [dataType] args, r in
                .string(try r.str(args.positional.first ?? .none) + "::" + dataType)
            })
        default: return nil
        }
    }
    /// The reprs of api.Column's own arguments after the name (dtype, char_size,
    /// numeric_precision, numeric_scale), as its repr shows them; nil for a warehouse's column.
    var givenReprs: [String]?

    // dbt's Column is a dataclass without __str__: `{{ column }}` prints its repr
    func render(renderer: Renderer) throws -> String { pythonRepr }
    var pythonRepr: String {
        func repr(_ v: String?) -> String { v.map { Value.string($0).pythonRepr } ?? "None" }
        let className = dialect.columnClassName
        let fields: [(String, String)]
        if let g = givenReprs, g.count == 4 {
            fields = [("column", repr(name)), ("dtype", g[0]), ("char_size", g[1]), ("numeric_precision", g[2]), ("numeric_scale", g[3])]
        } else {
            let charSize = catalog.map { $0.charSize } ?? type.charSize
            fields = [("column", repr(name)), ("dtype", repr(catalog?.type ?? label ?? type.baseType)),
                      ("char_size", charSize.map(String.init) ?? "None"),
                      ("numeric_precision", numericPrecision.map(String.init) ?? "None"),
                      ("numeric_scale", numericScale.map(String.init) ?? "None")]
        }
        return "\(className)(" + fields.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + ")"
    }
}

extension LiveColumn {
    /// dbt's Column as its repr prints it (`PostgresColumn(column='name', dtype='text', …)`) and
    /// its `data_type`, for messages that quote dbt's column lists.
    public func dbtRepr(_ dialect: Dialect) -> String { WarehouseColumnObject(self, dialect: dialect).pythonRepr }

    public func dbtDataType(_ dialect: Dialect) -> String {
        guard let catalogType else { return dataType }
        let o = WarehouseColumnObject(self, dialect: dialect)
        return WarehouseColumnObject.dbtDataType(dtype: catalogType, charSize: charSize, precision: o.numericPrecision, scale: o.numericScale)
    }
}
