// dbt's custom incremental strategies: `incremental_strategy: 'x'` runs the SQL the root
// project's `get_incremental_x_sql(arg_dict)` macro returns, with dbt's arg_dict (the target and
// temp relations, unique_key, dest_columns, incremental_predicates). The built-in strategies
// (append, delete+insert, merge) run natively unless the project redefines a macro dbt builds
// their SQL from (its own `get_merge_sql`, say): then their SQL comes from the macros, as in dbt.
// Microbatch stays native (its batches are flowc's).
import FlowcSQL
import FlowcTemplate

extension RenderWorker {
    /// dbt's macro name for a strategy (`delete+insert` → get_incremental_delete_insert_sql).
    public static func strategyMacroName(_ strategy: String) -> String {
        "get_incremental_" + strategy.replacingOccurrences(of: "+", with: "_") + "_sql"
    }

    /// Whether the root project defines the strategy's macro (dbt looks it up in the model's
    /// context: the root project's macros and its own, not an installed package's).
    public func definesStrategyMacro(_ strategy: String) -> Bool {
        macroOrigins["macro.\(setup.projectName).\(Self.strategyMacroName(strategy))"] != nil
    }

    /// The macros dbt builds a built-in strategy's SQL from, outermost first; `nil` is dbt's
    /// `default` strategy (no `incremental_strategy`), which picks append or delete+insert.
    static func strategyChain(_ strategy: String?, hasUniqueKey: Bool) -> [String] {
        switch strategy {
        case nil: return ["get_incremental_default_sql"] + strategyChain(hasUniqueKey ? "delete+insert" : "append", hasUniqueKey: hasUniqueKey)
        case "append": return ["get_incremental_append_sql", "get_insert_into_sql"]
        case "delete+insert": return ["get_incremental_delete_insert_sql", "get_delete_insert_merge_sql"]
        case "merge": return ["get_incremental_merge_sql", "get_merge_sql"]
        default: return []
        }
    }

    /// Whether the project redefines a macro of a built-in strategy's chain (see
    /// reachesProjectMacro): dbt would then build the strategy's SQL with it.
    public func redefinesStrategy(_ strategy: String?, hasUniqueKey: Bool) -> Bool {
        reachesProjectMacro(anyOf: Self.strategyChain(strategy, hasUniqueKey: hasUniqueKey))
    }

    /// The SQL the strategy's macro writes for `node`, merging `tempIdentifier` (beside the
    /// target, in its schema) into the target over `columns` (name and type).
    public func strategySQL(_ strategy: String, node: Node, tempIdentifier: String, columns: [(name: String, type: String)],
                            state: NodeState) throws -> String {
        let dialect = setup.dialect
        func relation(_ identifier: String) -> Value {
            .object(RelationObject(database: node.database, schema: node.schema, identifier: identifier, type: "table",
                                   dialect: dialect))
        }
        let args = Value.dict([
            ("target_relation", relation(node.alias)),
            ("temp_relation", relation(tempIdentifier)),
            ("unique_key", Value(json: node.config["unique_key"] ?? .null)),
            ("dest_columns", .list(columns.map { .object(WarehouseColumnObject(name: $0.name, dataType: $0.type, dialect: dialect)) })),
            ("incremental_predicates", Value(json: node.config["incremental_predicates"] ?? node.config["predicates"] ?? .null)),
        ])
        let value = try callMacro(Self.strategyMacroName(strategy), Arguments([args]), state: state)
        return value.stringValue ?? value.pythonString
    }
}
