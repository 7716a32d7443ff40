// dbt model contracts (`contract: {enforced: true}`): before a model is built, its query's
// columns must match the YAML's names and data types (the preflight check), and a table is
// created with those columns, in that order, and their constraints, then filled from the query.
// Types are compared as the warehouse resolves them, so `int` and `integer` are the same.
import FlowcGraph
import FlowcSQL
import FlowcWarehouse

struct ModelContract {
    struct Column {
        var name: String
        var dataType: String
        /// Rendered column constraints ("not null", "primary key", "check (x > 0)").
        var constraints: [String]
    }

    var columns: [Column]
    /// Rendered model-level constraints ("primary key (a, b)").
    var tableConstraints: [String]

    /// The node's contract, or nil when it is not enforced. Throws dbt's error when a column has
    /// no data_type; `reference` renders a foreign key's `to:` (a `ref()` or `source()`).
    static func of(_ node: Node, dialect: Dialect, reference: (String) -> String?) throws -> ModelContract? {
        guard node.config["contract"]?["enforced"]?.boolValue == true else { return nil }
        let untyped = node.columns.filter { ($0.dataType ?? "").isEmpty }.map(\.name)
        guard untyped.isEmpty, !node.columns.isEmpty else {
            throw ContractError(message: node.columns.isEmpty
                ? "This model has an enforced contract, and its YAML declares no columns.\n"
                    + "A contract lists every column the model returns, each with its data_type."
                : "Contracted models require data_type to be defined for each column. Please ensure that the column name "
                    + "and data_type are defined within the YAML configuration for the "
                    + UnitTestSQL.pythonList(untyped) + " column(s).")
        }
        let columns = node.columns.map { c in
            Column(name: c.name, dataType: c.dataType ?? "",
                   constraints: c.constraints.compactMap { columnConstraint($0, dialect: dialect, reference: reference) })
        }
        let table = node.constraints.compactMap { tableConstraint($0, dialect: dialect, reference: reference) }
        return ModelContract(columns: columns, tableConstraints: table)
    }

    // MARK: the preflight check

    struct Mismatch: Equatable {
        var column: String
        var definitionType: String
        var contractType: String
        var reason: String
    }

    /// What differs between the query's columns and the contract. Types are compared without
    /// their size or precision (`varchar(80)` meets `character varying`), as dbt compares them;
    /// a type the warehouse does not report (SQLite's expressions) is not compared.
    func mismatches(definition: [ResultColumn], contractTypes: [String], dialect: Dialect) -> [Mismatch] {
        var out: [Mismatch] = []
        let defined = Dictionary(definition.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for (i, c) in columns.enumerated() {
            let contractType = i < contractTypes.count ? contractTypes[i] : c.dataType
            guard let d = defined[c.name.lowercased()] else {
                out.append(Mismatch(column: c.name, definitionType: "", contractType: contractType, reason: "missing in definition"))
                continue
            }
            let left = Self.baseType(d.type, dialect: dialect)
            let right = Self.baseType(contractType, dialect: dialect)
            if !left.isEmpty, !right.isEmpty, left != right {
                out.append(Mismatch(column: c.name, definitionType: d.type, contractType: contractType, reason: "data type mismatch"))
            }
        }
        let named = Set(columns.map { $0.name.lowercased() })
        for d in definition where !named.contains(d.name.lowercased()) {
            out.append(Mismatch(column: d.name, definitionType: d.type, contractType: "", reason: "missing in contract"))
        }
        return out
    }

    /// A type without its modifiers, lowercased; under affinities (SQLite) the affinity itself.
    static func baseType(_ type: String, dialect: Dialect) -> String {
        var t = type.lowercased()
        if let paren = t.firstIndex(of: "(") {
            let close = t[paren...].firstIndex(of: ")").map { t.index(after: $0) } ?? t.endIndex
            t = String(t[..<paren] + t[close...])
        }
        t = t.split(separator: " ").joined(separator: " ")
        guard dialect.typesAreAffinities, !t.isEmpty else { return t }
        if t.contains("int") { return "integer" }
        if t.contains("char") || t.contains("clob") || t.contains("text") { return "text" }
        if t.contains("blob") { return "blob" }
        if t.contains("real") || t.contains("floa") || t.contains("doub") { return "real" }
        return "numeric"
    }

    /// The query that asks the warehouse how it resolves the contract's types (dbt's
    /// get_empty_schema_sql): one typed null per column, no rows.
    func typesQuery(dialect: Dialect) -> String {
        "select " + columns.map { "cast(null as \($0.dataType)) as \(dialect.quote($0.name))" }.joined(separator: ", ")
            + " where false limit 0"
    }

    /// dbt's message, with the mismatches as a Markdown table.
    static func failure(_ mismatches: [Mismatch]) -> String {
        let header = ["column_name", "definition_type", "contract_type", "mismatch_reason"]
        let rows = mismatches.map { [$0.column, $0.definitionType, $0.contractType, $0.reason] }
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: " | ") + " |"
        }
        return "This model has an enforced contract that failed.\n"
            + "Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.\n\n"
            + ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
    }

    // MARK: the table

    /// `create table <relation> (<column> <type> <constraints>, …, <table constraints>)`.
    func createTable(_ relation: String, dialect: Dialect) -> String {
        let parts = columns.map { c in ([dialect.quote(c.name), c.dataType] + c.constraints).joined(separator: " ") }
            + tableConstraints
        return "create table \(relation) (\n    " + parts.joined(separator: ",\n    ") + "\n)"
    }

    /// The rows of the model's query, in the contract's column order.
    func insert(into relation: String, from sql: String, dialect: Dialect) -> String {
        let names = columns.map { dialect.quote($0.name) }.joined(separator: ", ")
        return "insert into \(relation) (\(names))\nselect \(names) from (\n\(sql)\n) as model_subq"
    }

    // MARK: constraints

    static func named(_ c: JSON, _ body: String) -> String {
        guard let name = c["name"]?.stringValue, !name.isEmpty else { return body }
        return "constraint \(name) \(body)"
    }

    static func columnConstraint(_ c: JSON, dialect: Dialect, reference: (String) -> String?) -> String? {
        let expression = c["expression"]?.stringValue
        switch c["type"]?.stringValue {
        case "not_null": return "not null"
        case "unique": return named(c, "unique")
        case "primary_key": return named(c, "primary key")
        case "check": return expression.map { named(c, "check (\($0))") }
        case "foreign_key": return foreignTarget(c, expression, reference: reference).map { named(c, "references \($0)") }
        case "custom": return expression
        default: return nil
        }
    }

    static func tableConstraint(_ c: JSON, dialect: Dialect, reference: (String) -> String?) -> String? {
        let expression = c["expression"]?.stringValue
        let columns = (c["columns"]?.arrayValue ?? []).compactMap(\.stringValue).map(dialect.quote).joined(separator: ", ")
        switch c["type"]?.stringValue {
        case "primary_key": return columns.isEmpty ? nil : named(c, "primary key (\(columns))")
        case "unique": return columns.isEmpty ? nil : named(c, "unique (\(columns))")
        case "check": return expression.map { named(c, "check (\($0))") }
        case "foreign_key":
            guard !columns.isEmpty, let target = foreignTarget(c, expression, reference: reference) else { return nil }
            return named(c, "foreign key (\(columns)) references \(target)")
        case "custom": return expression
        default: return nil   // not_null is a column's
        }
    }

    /// `to: ref('x')` with `to_columns: [id]`, or dbt's older `expression: "other (id)"`.
    static func foreignTarget(_ c: JSON, _ expression: String?, reference: (String) -> String?) -> String? {
        if let to = c["to"]?.stringValue, let relation = reference(to) {
            let cols = (c["to_columns"]?.arrayValue ?? []).compactMap(\.stringValue)
            return relation + (cols.isEmpty ? "" : " (" + cols.joined(separator: ", ") + ")")
        }
        return expression
    }
}

struct ContractError: Error {
    var message: String
}

extension NodeExecutor {
    /// The model's enforced contract after its preflight check (nil when it has none): the
    /// query's columns against the contract's, both typed by the warehouse. A mismatch fails the
    /// model before anything is built, with dbt's table of differences.
    func enforceContract(_ node: Node, sql: String) throws -> ModelContract? {
        func failure(_ message: String) -> NodeFailure {
            NodeFailure(status: .error, message: "Compilation Error in model \(node.name) (\(node.originalFilePath))\n  "
                        + message.replacingOccurrences(of: "\n", with: "\n  "))
        }
        let contract: ModelContract?
        do {
            contract = try ModelContract.of(node, dialect: dialect, reference: { reference($0, from: node) })
        } catch let e as ContractError {
            throw failure(e.message)
        }
        guard let contract else { return nil }
        let definition = try connection.query("select * from (\n\(sql)\n) as __dbt_sbq where false limit 0", limit: 0).columns
        let resolved = try connection.query(contract.typesQuery(dialect: dialect), limit: 0).columns.map(\.type)
        // where the warehouse does not say (SQLite's casts), the contract's own spelling
        let contractTypes = contract.columns.enumerated().map { i, c in
            i < resolved.count && !resolved[i].isEmpty ? resolved[i] : c.dataType
        }
        let mismatches = contract.mismatches(definition: definition, contractTypes: contractTypes, dialect: dialect)
        if !mismatches.isEmpty { throw failure(ModelContract.failure(mismatches)) }
        return contract
    }

    /// A foreign key's `to:` (`ref('x')` / `source('s', 't')`) as the relation it names. SQLite
    /// takes a bare table name there (its REFERENCES clause has no schema).
    func reference(_ text: String, from node: Node) -> String? {
        let resolved: ResolvedRelation?
        switch UnitTestInput.parse(text) {
        case .ref(let call)?: resolved = context.resolver.resolveRef(call, from: node)
        case .source(let s, let t)?: resolved = context.resolver.resolveSource(s, t, from: node)
        default: resolved = nil
        }
        guard let r = resolved else { return nil }
        if dialect.typesAreAffinities { return dialect.quote(r.identifier) }
        return dialect.renderRelation(database: r.database, schema: r.schema, identifier: r.identifier)
    }
}
