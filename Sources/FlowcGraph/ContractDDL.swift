// A model's enforced contract as the DDL pieces dbt's contract macros write: each column with
// its type and constraints, the model-level constraints, and the column names. The run stage
// makes it (ModelContract, which renders the constraints) and hands it to the node's render
// state, so a materialization or a DDL macro that calls get_table_columns_and_constraints(),
// get_select_subquery() or create_table_as() under a contract gets what flowc's own table
// materialization runs.
public struct ContractDDL: Sendable {
    /// `<name> <type> <constraint> …` per column, in the contract's order.
    public var columns: [String]
    /// Model-level constraints (`primary key (a, b)`).
    public var constraints: [String]
    /// The column names as the DDL writes them (quoted where the YAML says `quote: true`).
    public var names: [String]

    public init(columns: [String], constraints: [String], names: [String]) {
        self.columns = columns
        self.constraints = constraints
        self.names = names
    }

    /// `(<column>, …, <constraint>)` over several lines.
    public var columnsAndConstraints: String {
        "(\n    " + (columns + constraints).joined(separator: ",\n    ") + "\n)"
    }

    /// `create table <relation> (…)`.
    public func createTable(_ relation: String) -> String {
        "create table \(relation) " + columnsAndConstraints
    }

    /// The model query's rows in the contract's column order.
    public func selectSubquery(_ sql: String) -> String {
        let list = names.joined(separator: ", ")
        return "select \(list) from (\n\(sql)\n) as model_subq"
    }

    /// `insert into <relation> (<names>) select <names> from (<sql>)`.
    public func insert(into relation: String, from sql: String) -> String {
        "insert into \(relation) (\(names.joined(separator: ", ")))\n" + selectSubquery(sql)
    }
}
