// dbt's `api.Column`, the adapter's Column class: calling it makes a column
// (`api.Column('amount', 'numeric', numeric_precision=10, numeric_scale=2)`), `create(name,
// label)` makes one from a type label, and `translate_type`, `numeric_type` and `string_type`
// spell types as the adapter does. Packages build column lists with it (dbt_utils'
// union_relations, dbt-external-tables, audit_helper).
import FlowcSQL
import FlowcTemplate

final class ColumnClassObject: TemplateObject {
    let dialect: Dialect
    init(dialect: Dialect) { self.dialect = dialect }
    var typeName: String { "Column" }
    var pythonRepr: String { "<class 'Column'>" }

    /// dbt's Column.TYPE_LABELS: a dialect's labels by upper-cased name, else as given.
    func translate(_ label: String) -> String { dialect.typeNames[label.lowercased()] ?? label }

    /// dbt's Column.data_type: a string type with its size (`character varying(256)` without
    /// one), a numeric with precision and scale when both are given, else the type as given;
    /// dbt-postgres keeps `text` and a sizeless `character varying` as they are.
    func dataType(_ dtype: String, charSize: Int?, precision: String?, scale: String?) -> String {
        let lower = dtype.lowercased()
        if dialect.name == "postgres" && (lower == "text" || (lower == "character varying" && charSize == nil)) { return dtype }
        if ["text", "character varying", "character", "varchar"].contains(lower) { return "character varying(\(charSize ?? 256))" }
        if ["numeric", "decimal"].contains(lower), let precision, let scale { return "\(dtype)(\(precision),\(scale))" }
        return dtype
    }

    func call(_ args: Arguments, renderer: Renderer) throws -> Value? {
        let slots = try args.bind("Column", ["column", "dtype", "char_size", "numeric_precision", "numeric_scale"])
        func text(_ i: Int) throws -> String? {
            guard i < slots.count, let v = slots[i], !v.isNone else { return nil }
            return try renderer.str(v)
        }
        guard let name = try text(0), let dtype = try text(1) else {
            throw TemplateError(.host, "Column() needs a name and a data type", hint: "write api.Column('amount', 'numeric')")
        }
        let charSize = try text(2).flatMap { Int($0) }
        let column = WarehouseColumnObject(name: name, dataType: dataType(dtype, charSize: charSize, precision: try text(3), scale: try text(4)),
                                           dialect: dialect)
        column.givenReprs = (1...4).map { i in i < slots.count ? slots[i]?.pythonRepr ?? "None" : "None" }
        return .object(column)
    }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "translate_type":
            return .callable(Callable(name: name) { [self] args, r in .string(translate(try r.str(args.positional.first ?? .none))) })
        case "numeric_type":
            return .callable(Callable(name: name) { args, r in
                let t = args.positional.first?.stringValue ?? "numeric"
                let precision = args.value(1, "precision") ?? .none
                let scale = args.value(2, "scale") ?? .none
                if precision.isNone || scale.isNone { return .string(t) }
                return .string("\(t)(\(try r.str(precision)),\(try r.str(scale)))")
            })
        case "string_type":
            return .callable(Callable(name: name) { args, r in
                .string("character varying(\(try r.str(args.value(0, "size") ?? .int(256))))")
            })
        case "create":
            return .callable(Callable(name: name) { [self] args, r in
                let slots = try args.bind("create", ["name", "label_or_dtype"])
                guard let n = slots.first ?? nil, let label = slots.count > 1 ? slots[1] : nil else {
                    throw TemplateError(.host, "Column.create() needs a name and a type", hint: "write api.Column.create('amount', 'numeric')")
                }
                return .object(WarehouseColumnObject(name: try r.str(n), dataType: translate(try r.str(label)), dialect: dialect))
            })
        default:
            return nil
        }
    }
}
