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
        /// `quote: true` in the YAML: the name is quoted in the DDL (dbt leaves it bare otherwise).
        var quoted = false

        func sql(_ dialect: Dialect) -> String { quoted ? dialect.quote(name) : name }
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
                ? "This model has an enforced contract, and its 'columns' specification is missing\n"
                    + "(a contract lists every column the model returns, each with its data_type, in properties YAML)"
                : "Contracted models require data_type to be defined for each column. Please ensure that the column name "
                    + "and data_type are defined within the YAML configuration for the "
                    + UnitTestSQL.pythonList(untyped) + " column(s).")
        }
        // dbt's alias_types (on by default): `string` is the warehouse's text type
        let aliasTypes = node.config["contract"]?["alias_types"]?.boolValue ?? true
        // a model-level not_null is each listed column's
        var notNull = Set<String>()
        for c in node.constraints where c["type"]?.stringValue == "not_null" {
            for name in (c["columns"]?.arrayValue ?? []).compactMap(\.stringValue) { notNull.insert(name.lowercased()) }
        }
        var columns: [Column] = []
        for c in node.columns {
            var type = c.dataType ?? ""
            if aliasTypes && type.lowercased() == "string" { type = "text" }
            var rendered = try c.constraints.map { try columnConstraint($0, column: c.name, dialect: dialect, reference: reference) }
            if notNull.contains(c.name.lowercased()) && !rendered.contains("not null") { rendered.insert("not null", at: 0) }
            columns.append(Column(name: c.name, dataType: type, constraints: rendered, quoted: c.quote == true))
        }
        let table = try node.constraints.compactMap { try tableConstraint($0, columns: columns, dialect: dialect, reference: reference) }
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
                out.append(Mismatch(column: c.name, definitionType: "", contractType: Self.shown(contractType, dialect: dialect),
                                    reason: "missing in definition"))
                continue
            }
            let left = Self.baseType(d.type, dialect: dialect)
            let right = Self.baseType(contractType, dialect: dialect)
            if !left.isEmpty, !right.isEmpty, left != right {
                out.append(Mismatch(column: c.name, definitionType: Self.shown(d.type, dialect: dialect),
                                    contractType: Self.shown(contractType, dialect: dialect), reason: "data type mismatch"))
            }
        }
        let named = Set(columns.map { $0.name.lowercased() })
        var seen = Set<String>()
        for d in definition {
            if !named.contains(d.name.lowercased()) {
                out.append(Mismatch(column: d.name, definitionType: Self.shown(d.type, dialect: dialect), contractType: "",
                                    reason: "missing in contract"))
            } else if !seen.insert(d.name.lowercased()).inserted {
                // `select a.id, b.id`: one more column than the contract has
                out.append(Mismatch(column: d.name, definitionType: Self.shown(d.type, dialect: dialect), contractType: "",
                                    reason: "duplicate in definition"))
            }
        }
        return out
    }

    /// A type as the mismatch table shows it: the adapter's label where it has one (dbt-postgres's
    /// `TEXT`, `DATETIMETZ`), else as the warehouse names it.
    static func shown(_ type: String, dialect: Dialect) -> String {
        dialect.contractTypeLabels[unmodified(type)] ?? type
    }

    /// A type's name without its modifiers (`character varying(5)` → `character varying`, `numeric(10,2)[]`
    /// → `numeric[]`), lowercased, single-spaced.
    static func unmodified(_ type: String) -> String {
        var t = type.lowercased()
        if let paren = t.firstIndex(of: "(") {
            let close = t[paren...].firstIndex(of: ")").map { t.index(after: $0) } ?? t.endIndex
            t = String(t[..<paren] + t[close...])
        }
        return t.split(separator: " ").joined(separator: " ")
    }

    /// What a type is compared as: the adapter's label (PostgreSQL, see `contractTypeLabels`);
    /// under affinities (SQLite) the affinity; else the type without its modifiers.
    static func baseType(_ type: String, dialect: Dialect) -> String {
        var t = unmodified(type)
        if let label = dialect.contractTypeLabels[t] { return label }
        if t == "bpchar" { t = "character" }  // PostgreSQL's name for char without a length
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
        "select " + columns.map { "cast(null as \($0.dataType)) as \($0.sql(dialect))" }.joined(separator: ", ")
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

    /// The contract as DDL pieces (what the render state's contract macros read).
    func ddl(_ dialect: Dialect) -> ContractDDL {
        ContractDDL(columns: columns.map { c in ([c.sql(dialect), c.dataType] + c.constraints).joined(separator: " ") },
                    constraints: tableConstraints, names: columns.map { $0.sql(dialect) })
    }

    /// `create table <relation> (<column> <type> <constraints>, …, <table constraints>)`.
    func createTable(_ relation: String, dialect: Dialect) -> String {
        ddl(dialect).createTable(relation)
    }

    /// The rows of the model's query, in the contract's column order.
    func insert(into relation: String, from sql: String, dialect: Dialect) -> String {
        ddl(dialect).insert(into: relation, from: sql)
    }

    // MARK: constraints

    static func named(_ c: JSON, _ body: String) -> String {
        guard let name = c["name"]?.stringValue, !name.isEmpty else { return body }
        return "constraint \(name) \(body)"
    }

    static let constraintTypes = ["not_null", "unique", "primary_key", "check", "foreign_key", "custom"]

    /// A column's constraint as DDL, as dbt renders it: a column-level constraint's `name` is
    /// not used (dbt names only model-level ones), and an expression follows `not null`, `unique`
    /// and `primary key` (`primary key deferrable`). An unknown type, a check without its
    /// expression or a foreign key whose `to:` names nothing is an error, as in dbt (never
    /// silently dropped).
    static func columnConstraint(_ c: JSON, column: String, dialect: Dialect, reference: (String) -> String?) throws -> String {
        let expression = c["expression"]?.stringValue
        let type = c["type"]?.stringValue ?? ""
        let place = "constraint of column '\(column)'"
        func with(_ keyword: String) -> String {
            guard let expression, !expression.isEmpty else { return keyword }
            return (keyword + " " + expression).trimmingCharacters(in: .whitespaces)
        }
        switch type {
        case "not_null": return with("not null")
        case "unique": return with("unique")
        case "primary_key": return with("primary key")
        case "check":
            guard let expression else { throw ContractError(message: "the check \(place) needs an `expression`") }
            return "check (\(expression))"
        case "foreign_key": return "references " + (try foreignTarget(c, expression, place: place, reference: reference))
        case "custom":
            guard let expression else { throw ContractError(message: "the custom \(place) needs an `expression`") }
            return expression
        default:
            throw ContractError(message: "Could not parse the \(place): unknown type '\(type)'; the types are "
                                + constraintTypes.joined(separator: ", "))
        }
    }

    /// A model-level constraint as DDL (nil for not_null, which goes onto its columns).
    static func tableConstraint(_ c: JSON, columns contract: [Column], dialect: Dialect,
                                reference: (String) -> String?) throws -> String? {
        let expression = c["expression"]?.stringValue
        let type = c["type"]?.stringValue ?? ""
        let names = (c["columns"]?.arrayValue ?? []).compactMap(\.stringValue)
        let columns = names.map { n in contract.first { $0.name.lowercased() == n.lowercased() }?.sql(dialect) ?? n }
            .joined(separator: ", ")
        func needColumns() throws {
            if names.isEmpty { throw ContractError(message: "the model's \(type) constraint needs `columns`") }
        }
        let suffix = expression.map { $0.isEmpty ? "" : " " + $0 } ?? ""
        switch type {
        case "primary_key": try needColumns(); return named(c, "primary key\(suffix) (\(columns))")
        case "unique": try needColumns(); return named(c, "unique\(suffix) (\(columns))")
        case "check":
            guard let expression else { throw ContractError(message: "the model's check constraint needs an `expression`") }
            return named(c, "check (\(expression))")
        case "foreign_key":
            try needColumns()
            let target = try foreignTarget(c, expression, place: "model's foreign_key constraint", reference: reference)
            return named(c, "foreign key (\(columns)) references \(target)")
        case "custom":
            guard let expression else { throw ContractError(message: "the model's custom constraint needs an `expression`") }
            return named(c, expression)
        case "not_null": try needColumns(); return nil
        default:
            throw ContractError(message: "Could not parse the model's constraint: unknown type '\(type)'; the types are "
                                + constraintTypes.joined(separator: ", "))
        }
    }

    /// `to: ref('x')` with `to_columns: [id]`, or dbt's older `expression: "other (id)"`.
    static func foreignTarget(_ c: JSON, _ expression: String?, place: String, reference: (String) -> String?) throws -> String {
        if let to = c["to"]?.stringValue {
            guard let relation = reference(to) else {
                throw ContractError(message: "the foreign key \(place) points `to: \(to)`, which names no model, seed, "
                                    + "snapshot or source")
            }
            let cols = (c["to_columns"]?.arrayValue ?? []).compactMap(\.stringValue)
            return relation + (cols.isEmpty ? "" : " (" + cols.joined(separator: ", ") + ")")
        }
        guard let expression else {
            throw ContractError(message: "the foreign key \(place) needs `to:` (with `to_columns:`) or an `expression`")
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
        // (an incremental contract without an on_schema_change rule was refused at parse, as dbt refuses it)
        guard let contract else { return nil }
        let definition = try outputColumns(of: sql)
        let resolved = try connection.query(contract.typesQuery(dialect: dialect), limit: 0).columns.map(\.type)
        // where the warehouse does not say (SQLite's casts), the contract's own spelling
        let contractTypes = contract.columns.enumerated().map { i, c in
            i < resolved.count && !resolved[i].isEmpty ? resolved[i] : c.dataType
        }
        let mismatches = contract.mismatches(definition: definition, contractTypes: contractTypes, dialect: dialect)
        if !mismatches.isEmpty { throw failure(ModelContract.failure(mismatches)) }
        return contract
    }

    /// A foreign key's `to:` (`ref('x')` / `source('s', 't')`) as the relation it names, with its
    /// schema where the dialect's REFERENCES takes one.
    func reference(_ text: String, from node: Node) -> String? {
        let resolved: ResolvedRelation?
        switch RelationReference.parse(text) {
        case .ref(let call)?: resolved = context.resolver.resolveRef(call, from: node)
        case .source(let s, let t)?: resolved = context.resolver.resolveSource(s, t, from: node)
        default: resolved = nil
        }
        guard let r = resolved else { return nil }
        if !dialect.ddl.qualifiedReferences { return dialect.quote(r.identifier) }
        return dialect.renderRelation(database: r.database, schema: r.schema, identifier: r.identifier)
    }
}
