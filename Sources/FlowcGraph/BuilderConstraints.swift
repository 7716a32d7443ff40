// dbt's parse-time checks of constraints in properties YAML: a constraint's type must be one
// dbt knows, a primary key is declared once (one column, or the model), and a model with an
// enforced contract lists its columns; constraints on a contracted model that cannot hold them
// (a view) are a warning. dbt stops the parse at these; flowc reports them all, with places.
import FlowcProject

extension NodeChecks {
    /// dbt's ConstraintType values, in its order (its error message lists them so).
    static let constraintTypes = ["check", "not_null", "unique", "primary_key", "foreign_key", "custom"]

    static func isConstraintType(_ c: JSON) -> Bool {
        c["type"]?.stringValue.map(constraintTypes.contains) ?? false
    }

    mutating func checkConstraints(_ node: Node) {
        guard node.patchPath != nil, [.model, .seed, .snapshot, .analysis].contains(node.resourceType) else { return }
        let entrySpan = patchSpan(Self.patchKey(node)) ?? node.span
        for column in node.columns where column.constraints.contains(where: { !Self.isConstraintType($0) }) {
            error("Invalid constraint type on column \(column.name)", column.span ?? entrySpan,
                  hint: "a constraint's `type:` is one of " + Self.constraintTypes.joined(separator: ", "))
        }
        guard node.resourceType == .model else { return }
        if node.config["contract"]?["enforced"]?.boolValue == true { checkContractPrerequisites(node, span: entrySpan) }
        checkPrimaryKeys(node, span: entrySpan)
    }

    /// dbt's `_validate_constraint_prerequisites`, for a model whose contract is enforced.
    private mutating func checkContractPrerequisites(_ node: Node, span: SourceSpan?) {
        // dbt looks at the column constraints here (the model's own are set after the check)
        let warns = node.columns.flatMap(\.constraints).contains { $0["warn_unsupported"]?.boolValue ?? true }
        let materialized = node.materialized
        if warns && !["table", "incremental"].contains(materialized) {
            warning("Constraint types are not supported for \(materialized) materializations and will be ignored.  "
                    + "Set 'warn_unsupported: false' on this constraint to ignore this warning.", span,
                    hint: "only tables and incremental models are created with constraints", event: "UnsupportedConstraintMaterialization")
        }
        if node.columns.isEmpty {
            error("Contract enforcement failed for: (\(node.originalFilePath))\n"
                  + "Constraints must be defined in a `yml` schema configuration file like `schema.yml`.", span,
                  hint: "list the model's columns, each with its data_type, under `columns:` in this entry")
        }
        if node.constraints.contains(where: { !Self.isConstraintType($0) }) {
            error("Invalid constraint type on model \(node.name): Type must be one of "
                  + "[" + Self.constraintTypes.map { "'\($0)'" }.joined(separator: ", ") + "]", span,
                  hint: "write the constraint's kind as `type:`, e.g. `type: primary_key`")
        }
    }

    /// dbt's `_validate_pk_constraints`: one primary key, on one column or on the model.
    private mutating func checkPrimaryKeys(_ node: Node, span: SourceSpan?) {
        func isPrimaryKey(_ c: JSON) -> Bool { c["type"]?.stringValue == "primary_key" }
        let keyColumns = node.columns.filter { $0.constraints.contains(where: isPrimaryKey) }.map(\.name)
        var problems: [String] = []
        if keyColumns.count > 1 {
            problems.append("Found \(keyColumns.count) columns ([" + keyColumns.map { "'\($0)'" }.joined(separator: ", ")
                            + "]) with primary key constraints defined. Primary keys for multiple columns must be defined as a model level constraint.")
        }
        if !keyColumns.isEmpty && node.constraints.contains(where: isPrimaryKey) {
            problems.append("Primary key constraints defined at the model level and the columns level. "
                            + "Primary keys can be defined at the model level or the column level, not both.")
        }
        guard !problems.isEmpty else { return }
        error("Primary key constraint error: (\(node.originalFilePath))\n" + problems.joined(separator: "\n"), span,
              hint: "declare a key of several columns once, as a model-level constraint: "
                  + "`constraints: [{type: primary_key, columns: [a, b]}]`")
    }
}
