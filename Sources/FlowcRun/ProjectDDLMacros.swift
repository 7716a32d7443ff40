// The statements a project writes itself by redefining dbt's macros (see
// RenderWorker.reachesProjectMacro): a table's or view's DDL (get_create_table_as_sql,
// create_table_as, get_create_view_as_sql, create_view_as), create_schema, persist_docs and its
// comment macros, snapshot_hash_arguments and snapshot_get_time. dbt's materializations call
// these macros, so a project that redefines one changes what dbt runs; flowc's native
// materializations then call the project's macro for that statement and keep their own for the
// rest (drops, renames and seed loading stay flowc's).
import FlowcGraph
import FlowcProject
import FlowcSQL
import FlowcTemplate

/// The statements a materialization takes from the project's macros; nil: flowc's own.
struct DDLMacros {
    /// `create table … as` for an identifier in the model's schema, by the named macro.
    var tableAs: ((_ macro: String, _ identifier: String, _ sql: String) throws -> String)?
    /// `create view … as` for an identifier in the model's schema.
    var viewAs: ((_ identifier: String, _ sql: String) throws -> String)?
    /// A snapshot's dbt_scd_id expression over its arguments (the keys, then the time).
    var scdHash: ((_ args: [String]) throws -> String)?
    /// A snapshot's "now" (snapshot_get_time).
    var snapshotTime: (() throws -> String)?
}

extension NodeExecutor {
    /// What `node`'s materialization takes from the project's macros.
    func ddlMacros(for node: Node) -> DDLMacros {
        var macros = DDLMacros()
        let dialect = self.dialect
        func relation(_ identifier: String, _ type: String) -> Value {
            .object(RelationObject(database: node.database, schema: node.schema, identifier: identifier, type: type, dialect: dialect))
        }
        if worker.reachesProjectMacro(anyOf: ["get_create_table_as_sql", "create_table_as"]) {
            macros.tableAs = { [self] macro, identifier, sql in
                try callMacro(macro, [.bool(false), relation(identifier, "table"), .string(sql)], node: node)
            }
        }
        if worker.reachesProjectMacro(anyOf: ["get_create_view_as_sql", "create_view_as"]) {
            macros.viewAs = { [self] identifier, sql in
                try callMacro("get_create_view_as_sql", [relation(identifier, "view"), .string(sql)], node: node)
            }
        }
        if worker.reachesProjectMacro("snapshot_hash_arguments") {
            macros.scdHash = { [self] args in
                try callMacro("snapshot_hash_arguments", [.list(args.map(Value.string))], node: node)
            }
        }
        if worker.reachesProjectMacro("snapshot_get_time") {
            macros.snapshotTime = { [self] in
                try callMacro("snapshot_get_time", [], node: node).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return macros
    }

    /// What the macro `name` returns (or renders) for `node`, with the live warehouse.
    func callMacro(_ name: String, _ args: [Value], node: Node) throws -> String {
        do {
            let value = try worker.callMacro(name, Arguments(args), state: liveState(node))
            return value.stringValue ?? value.pythonString
        } catch let e as TemplateError {
            throw Diagnostic(templateError: e, file: node.displayPath)  // a Compilation Error in the model
        }
    }

    /// Creates the node's schema once per run: with the project's create_schema when it
    /// redefines dbt's (dbt calls it with the schema's relation), else flowc's statement.
    func ensureSchema(_ node: Node) throws {
        guard worker.reachesProjectMacro("create_schema") else {
            return try context.ensureSchema(node.schema, on: connection)
        }
        try context.ensureSchema(node.schema, on: connection) { [self] in
            let schema = RelationObject(database: node.database, schema: node.schema, identifier: nil, dialect: dialect)
            _ = try render("{% do create_schema(__flowc_schema) %}", node: node, name: "create_schema",
                           extra: ["__flowc_schema": .object(schema)])
        }
    }

    /// persist_docs through the project's macros when it redefines persist_docs or the comment
    /// macros dbt's persist_docs calls; false when flowc writes the comments itself.
    func persistDocsByMacro(_ node: Node, relation: String, kind: String) throws -> Bool {
        guard worker.reachesProjectMacro(anyOf: ["persist_docs", "alter_relation_comment", "alter_column_comment"]) else {
            return false
        }
        let type = kind == "materialized view" ? "materialized_view" : kind
        let target = RelationObject(database: node.database, schema: node.schema, identifier: node.alias, type: type, dialect: dialect)
        _ = try render("{% do persist_docs(__flowc_relation, model) %}", node: node, name: "persist_docs",
                       extra: ["__flowc_relation": .object(target)])
        return true
    }
}
