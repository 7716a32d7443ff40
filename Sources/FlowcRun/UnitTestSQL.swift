// The SQL of a unit test, spelled as dbt's unit-test macros spell it: one `select … union all`
// per fixture with every column of the real input relation (given values cast to its column
// types, missing ones null), the expected rows cast to the model's output types, and the one
// query that returns actual and expected rows side by side.
import FlowcGraph
import FlowcSQL
import FlowcWarehouse
import Foundation

enum UnitTestSQL {
    /// A problem with the test's definition (a column the relation does not have, say).
    struct DefinitionError: Error {
        var message: String
    }

    /// dbt's get_fixture_sql: `rows` over the relation's `columns` (in the relation's order).
    static func fixture(_ rows: [JSONObject], columns: [WarehouseColumn], name: String, dialect: Dialect) throws -> String {
        let known = Dictionary(columns.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for row in rows {
            for key in row.keys where known[key.lowercased()] == nil {
                throw DefinitionError(message: "Invalid column name: '\(key)' in unit test fixture for '\(name)'.\n"
                                      + "Accepted columns for '\(name)' are: \(pythonList(columns.map(\.name)))")
            }
        }
        let body: String
        if rows.isEmpty {
            body = "select " + columns.map { "\(cast(.null, type: $0.dataType, dialect: dialect)) as \(dialect.quote($0.name))" }
                .joined(separator: ", ") + "\n    limit 0"
        } else {
            body = rows.map { row in
                let lowered = Dictionary(row.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { a, _ in a })
                return "select " + columns.map { c in
                    guard let v = lowered[c.name.lowercased()] else {
                        return "\(cast(.null, type: c.dataType, dialect: dialect)) as \(dialect.quote(c.name))"
                    }
                    return "\n    \n    \(cast(v, type: c.dataType, dialect: dialect))\n as \(dialect.quote(c.name))"
                }.joined(separator: ", ")
            }.joined(separator: "\nunion all\n")
        }
        return "\n-- Fixture for \(name)\n" + body
    }

    /// The expected rows as a query over the model's output `columns`, and the columns compared:
    /// the keys of the first row (dbt's rule), or every output column for `rows: []`. Every row
    /// must name the same columns: dbt selects each row's own keys and unions the selects, which
    /// the database refuses when a row leaves one out.
    static func expected(_ rows: [JSONObject], columns: [ResultColumn], dialect: Dialect) throws -> (sql: String, compared: [String]) {
        let byName = Dictionary(columns.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        if rows.isEmpty {
            return ("select * from dbt_internal_unit_test_actual limit 0", columns.map(\.name))
        }
        var compared: [ResultColumn] = []
        for key in rows.first?.keys ?? [] where !compared.contains(where: { $0.name.lowercased() == key.lowercased() }) {
            guard let c = byName[key.lowercased()] else {
                throw DefinitionError(message: "Invalid column name: '\(key)' in unit test fixture for expected output.\n"
                                      + "Accepted columns for expected output are: \(pythonList(columns.map(\.name)))")
            }
            compared.append(c)
        }
        let comparedNames = Set(compared.map { $0.name.lowercased() })
        for (i, row) in rows.enumerated() {
            for key in row.keys where !comparedNames.contains(key.lowercased()) {
                throw DefinitionError(message: "Expected row \(i + 1) names '\(key)', which the first expected row does not.\n"
                                      + "Every expected row compares the columns of the first: \(pythonList(compared.map(\.name)))")
            }
            let named = Set(row.keys.map { $0.lowercased() })
            if let left = compared.first(where: { !named.contains($0.name.lowercased()) }) {
                throw DefinitionError(message: "Expected row \(i + 1) leaves out '\(left.name)', which the first expected row names.\n"
                                      + "Every expected row names the columns of the first (dbt unions the rows as written, "
                                      + "and the database refuses rows of different lengths): \(pythonList(compared.map(\.name)))")
            }
        }
        let sql = rows.map { row in
            let lowered = Dictionary(row.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { a, _ in a })
            return "select " + compared.map { c in
                "\n    \n    \(cast(lowered[c.name.lowercased()] ?? .null, type: c.type, dialect: dialect))\n as \(dialect.quote(c.name))"
            }.joined(separator: ", ")
        }.joined(separator: "\nunion all\n")
        return (sql, compared.map(\.name))
    }

    /// `comparison` read with every compared column as the warehouse's text (numeric scale, dates
    /// as written), so cells compare as dbt compares them: as text.
    static func asText(_ comparison: String, columns: [String], dialect: Dialect) -> String {
        let marker = dialect.quote("actual_or_expected")
        return "select " + columns.map { "cast(\(dialect.quote($0)) as text) as \(dialect.quote($0))" }.joined(separator: ", ")
            + ", \(marker) from (\n\(comparison)\n) as _dbt_internal_unit_test_text"
    }

    /// The query whose rows are the model's (marked 'actual') and the expected ones ('expected').
    static func comparison(actual: String, expected: String, columns: [String], dialect: Dialect) -> String {
        let quoted = columns.map(dialect.quote)
        return """

                -- Build actual result given inputs
            with dbt_internal_unit_test_actual as (
              select
                \(quoted.joined(separator: ",")), 'actual' as \(dialect.quote("actual_or_expected"))
              from (
                \(actual)
              ) _dbt_internal_unit_test_actual
            ),
            -- Build expected result
            dbt_internal_unit_test_expected as (
              select
                \(quoted.joined(separator: ", ")), 'expected' as \(dialect.quote("actual_or_expected"))
              from (
                \(expected)
              ) _dbt_internal_unit_test_expected
            )
            -- Union actual and expected results
            select * from dbt_internal_unit_test_actual
            union all
            select * from dbt_internal_unit_test_expected
            """
    }

    /// `cast(<value> as <type>)` as dbt writes it (a string's varchar length dropped). Without a
    /// type, or where the dialect's types are affinities and storing would not convert the value,
    /// the bare literal: SQLite's `cast('2024-01-01' as date)` would give 2024.
    static func cast(_ value: JSON, type: String, dialect: Dialect) -> String {
        let text = literal(value)
        var type = type
        if case .string = value, let paren = type.firstIndex(of: "("),
           type.hasPrefix("character varying") || type.hasPrefix("varchar") {
            type = String(type[..<paren])
        }
        if type.isEmpty {
            // no declared type (an expression's column on SQLite): a number or boolean given as
            // text is read as one, as the model's own expression would have produced it
            if dialect.typesAreAffinities, case .string(let s) = value {
                if Double(s.trimmingCharacters(in: .whitespaces)) != nil { return "cast(\(text) as numeric)" }
                if s.lowercased() == "true" { return "True" }
                if s.lowercased() == "false" { return "False" }
            }
            return text
        }
        if dialect.typesAreAffinities, !storingConverts(value, type: type) { return text }
        return "cast(\(text) as \(type))"
    }

    /// SQLite's affinity rules: would storing `value` in a column declared `type` change it?
    static func storingConverts(_ value: JSON, type: String) -> Bool {
        let t = type.uppercased()
        if t.contains("INT") || t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") || !(t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") || t.contains("BLOB")) {
            // numeric affinities convert text only when it reads as a number
            guard case .string(let s) = value else { return true }
            return Double(s.trimmingCharacters(in: .whitespaces)) != nil
        }
        // text affinity stores numbers as text; BLOB converts nothing
        return !t.contains("BLOB")
    }

    /// A cell as compared (nil = NULL): PostgreSQL's cells arrive as its text (see `asText`), a
    /// boolean spelled as Python prints it (dbt's `True`); SQLite's numbers compare by value.
    /// A float column's cells as Python prints the floats dbt reads (`10.0`, `inf`), where
    /// PostgreSQL prints `10` and `Infinity`.
    static func cell(_ v: SQLValue, isBoolean: Bool, isFloat: Bool = false, dialect: Dialect) -> String? {
        switch v {
        case .null: return nil
        case .double(let d) where dialect.typesAreAffinities: return affinityNumber(d)
        case .text(let s) where isBoolean: return s == "true" || s == "t" ? "True" : s == "false" || s == "f" ? "False" : s
        case .text(let s) where isFloat: return pythonFloat(s)
        default: return v.text
        }
    }

    static func pythonFloat(_ s: String) -> String {
        switch s {
        case "Infinity": return "inf"
        case "-Infinity": return "-inf"
        case "NaN": return "nan"
        default:
            let digits = s.utf8.drop { $0 == UInt8(ascii: "-") }
            guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return s }
            return s + ".0"
        }
    }

    /// A number read from SQLite, as compared there: by value, as SQLite's `=` compares an integer
    /// with a real (an expression's `sum` gives 10.0 where the expected row says 10).
    static func affinityNumber(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// A YAML value as SQL, as dbt's fixture macro prints it: Python's str() for numbers and
    /// booleans, strings single-quoted.
    static func literal(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e16 ? String(Int64(d)) + ".0" : String(d)
        case .string(let s): return sqlStringLiteral(s)
        case .array, .object: return sqlStringLiteral(JSONWriter.string(value))
        }
    }

    /// Python's repr of a list of strings: ['id', 'email'].
    static func pythonList(_ names: [String]) -> String {
        "[" + names.map { "'\($0)'" }.joined(separator: ", ") + "]"
    }
}
