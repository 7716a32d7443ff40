// Running a `{% materialization %}` macro for a model, as dbt's run does: the macro sees the
// compiled SQL as `sql`/`compiled_code` and the model's hooks as `pre_hooks`/`post_hooks`, and
// returns `{'relations': [...]}`. The helpers dbt's own materializations call live here too:
// run_hooks, render, and the statements behind create_table_as, create_view_as, indexes,
// grants and persist_docs (the dispatching macros around them are in
// BuiltinMacrosMaterialization.swift, so a project can still override them by dispatch).
import FlowcProject
import Foundation
import FlowcSQL
import FlowcTemplate

extension GrantPlan {
    /// A `grants:` config ({privilege: grantee or [grantees]}) as privilege/grantee pairs.
    public static func wanted(_ config: JSON?) -> Grants {
        guard case .object(let o)? = config else { return [] }
        return o.map { privilege, grantees in
            (privilege, grantees.arrayValue?.compactMap(\.stringValue) ?? grantees.stringValue.map { [$0] } ?? [])
        }
    }
}

extension RenderWorker {
    /// The macro that builds models materialized as `name`, when a project or package defines one
    /// that applies (see MaterializationLookup).
    public func materializationMacro(_ name: String) -> Value? {
        let root = setup.projectName
        let packages = macrosByPackage.keys.filter { $0 != root && $0 != BuiltinMacros.packageName }
        guard let found = MaterializationLookup.find(name, adapter: setup.dialect.name, root: root, packages: packages,
                                                     defines: { macrosByPackage[$0]?[$1] != nil })
        else { return nil }
        return macrosByPackage[found.package]?[found.macro]
    }

    /// Calls a materialization macro for `state`'s node with its compiled `sql`; returns what the
    /// macro returned (dbt expects `{'relations': [...]}`).
    public func runMaterialization(_ macro: Value, sql: String, state: NodeState) throws -> Value {
        func hooks(_ key: String) -> Value {
            .list(HookConfig.hookItems(state.node.config[key] ?? .null).enumerated().map { i, hook in
                .dict([("sql", .string(hook.sql)), ("transaction", .bool(hook.transaction)), ("index", .int(i))])
            })
        }
        let extras: [(String, Value)] = [("sql", .string(sql)), ("compiled_code", .string(sql)),
                                         ("pre_hooks", hooks("pre-hook")), ("post_hooks", hooks("post-hook"))]
        let g = environment
        let saved = extras.map { ($0.0, g.globals[$0.0]) }
        for (name, value) in extras { g.globals[name] = value }
        defer { for (name, value) in saved { g.globals[name] = value } }
        return try call(macro, Arguments(), state: state)
    }

    /// The node's enforced contract, or the error of a contract macro called without one.
    func enforcedContract(_ macro: String) throws -> ContractDDL {
        guard let contract = state?.contract else {
            throw TemplateError(.host, "\(macro)() writes a model's enforced contract: set `contract: {enforced: true}` on the model "
                                + "and give each column a data_type (it is called while the model builds)")
        }
        return contract
    }

    /// `render`, `run_hooks` and the `__flowc` helpers the materialization macros call.
    func installMaterializationContext() {
        let g = environment
        let dialect = setup.dialect
        // dbt's render(string): Jinja in a string (a hook's SQL) rendered in the node's context
        g.globals["render"] = .callable(Callable(name: "render") { [unowned self] args, r in
            .string(try self.renderText(try r.str(args.positional.first ?? args.keyword("string") ?? Value.none)))
        })
        // dbt's `context`: the render context as a mapping (materializations hand it to
        // adapter.get_incremental_strategy_macro)
        g.globals["context"] = .object(ContextMapping(worker: self))
        // `var.has_var(name)` beside `var(name)`
        if let plain = g.globals["var"] {
            g.globals["var"] = .object(VarObject(call: plain) { name, r in
                let sentinel = "\u{0}flowc-no-var"
                return try r.call(plain, Arguments([.string(name), .string(sentinel)])).stringValue != sentinel
            })
        }
        g.globals["__flowc"] = .object(TableObject("FlowcMaterialization", [
            // create [temporary|unlogged] table … as (…), after the model's sql_header
            "create_table_as": .callable(Callable(name: "create_table_as") { [unowned self] args, r in
                let slots = try args.bind("create_table_as", ["temporary", "relation", "sql"])
                let temporary = slots[0]?.truthy ?? false
                guard case .object(let o)? = slots[1], let relation = o as? RelationObject else {
                    throw TemplateError(.type, "create_table_as() needs a Relation")
                }
                let sql = try r.str(slots[2] ?? Value.none)
                var statement = dialect.ddl.createTableAs(temporary ? self.temporaryName(relation) : relation.rendered, sql)
                if !temporary, let contract = self.state?.contract {
                    // dbt's create_table_as under an enforced contract: the columns and
                    // constraints first, then the rows
                    statement = contract.createTable(relation.rendered) + ";\n" + contract.insert(into: relation.rendered, from: sql)
                }
                if temporary {
                    statement = statement.replacingOccurrences(of: "create table ", with: "create temporary table ", options: .anchored)
                } else if self.state?.config["unlogged"]?.boolValue == true, dialect.ddl.supportsUnlogged {
                    statement = statement.replacingOccurrences(of: "create table ", with: "create unlogged table ", options: .anchored)
                }
                return .string(self.headed(statement))
            }),
            // dbt's table_columns_and_constraints() and get_select_subquery(sql), from the contract
            "table_columns_and_constraints": .callable(Callable(name: "table_columns_and_constraints") { [unowned self] _, _ in
                .string(try self.enforcedContract("table_columns_and_constraints").columnsAndConstraints)
            }),
            "select_subquery": .callable(Callable(name: "select_subquery") { [unowned self] args, r in
                .string(try self.enforcedContract("get_select_subquery").selectSubquery(try r.str(args.positional.first ?? Value.none)))
            }),
            "create_view_as": .callable(Callable(name: "create_view_as") { [unowned self] args, r in
                let slots = try args.bind("create_view_as", ["relation", "sql"])
                guard case .object(let o)? = slots[0], let relation = o as? RelationObject else {
                    throw TemplateError(.type, "create_view_as() needs a Relation")
                }
                return .string(self.headed(dialect.ddl.createViewAs(relation.rendered, try r.str(slots[1] ?? Value.none))))
            }),
            // dbt-postgres's index, named by an md5 of its columns, uniqueness, type, relation and time
            "create_index_sql": .callable(Callable(name: "create_index_sql") { args, _ in
                let slots = try args.bind("create_index_sql", ["relation", "index"])
                guard let create = dialect.ddl.createIndex, case .object(let o)? = slots[0], let relation = o as? RelationObject,
                      let index = slots[1], !index.isNone else { return .none }
                let config = JSON(value: index)
                let columns = config["columns"]?.arrayValue?.compactMap(\.stringValue) ?? config["columns"]?.stringValue.map { [$0] } ?? []
                guard !columns.isEmpty else {
                    throw TemplateError(.value, "each entry of `indexes` needs `columns`, e.g. {columns: ['id'], unique: true}")
                }
                return .string(create(IndexNaming.spec(relation: relation.rendered, schema: dialect.quote(relation.schema ?? ""),
                                                       table: relation.identifier ?? "", columns: columns,
                                                       unique: config["unique"]?.boolValue ?? false, type: config["type"]?.stringValue)))
            }),
            // dbt's get_merge_sql in the dialect's spelling (SQLite has no MERGE): matched rows
            // updated, the rest inserted; without a unique key every row is inserted (dbt's `on FALSE`)
            "merge_sql": .callable(Callable(name: "merge_sql") { [unowned self] args, r in
                let slots = try args.bind("merge_sql", ["target", "source", "unique_key", "dest_columns", "incremental_predicates"])
                guard case .object(let t)? = slots[0], let target = t as? RelationObject,
                      case .object(let s)? = slots[1], let source = s as? RelationObject else {
                    throw TemplateError(.type, "get_merge_sql() needs the target and source Relations")
                }
                var keys: [String] = []
                if let key = slots[2], !key.isNone {
                    keys = try key.stringValue.map { [$0] } ?? r.iterate(key).map { try r.str($0) }
                }
                let columns = try r.iterate(slots[3] ?? .list([])).map { column -> String in
                    if case .object(let o) = column, let name = try o.attribute("name", renderer: r) { return try r.str(name) }
                    if case .dict(let d) = column, let name = d.get("name") { return try r.str(name) }
                    return try r.str(column)
                }
                let predicates = try slots[4].map { $0.isNone ? [] : try r.iterate($0).map { try r.str($0) } } ?? []
                let quoted = columns.map(dialect.quote)
                guard !keys.isEmpty else {
                    let list = quoted.joined(separator: ", ")
                    return .string("insert into \(target.rendered) (\(list)) select \(list) from \(source.rendered)")
                }
                guard let merge = dialect.ddl.merge else { throw TemplateError(.host, "\(dialect.name) has no merge") }
                guard let update = MergeSpec.updateColumns(columns, config: self.state?.config ?? JSONObject()) else {
                    throw TemplateError(.host, MergeSpec.bothUpdateColumnConfigs)
                }
                var spec = MergeSpec(target: target.rendered, source: source.rendered, keys: keys.map(dialect.quote),
                                     columns: quoted, updateColumns: update.map(dialect.quote), predicates: predicates)
                if self.setup.behaviorFlags["enable_truthy_nulls_equals_macro"] == true, slots[2]?.stringValue != nil {
                    spec.matchNullKeys(dialect.ddl)
                }
                return .string(merge(spec))
            }),
            // dbt's process_schema_changes: {} for ignore; else the source's columns, after
            // failing (fail) or altering the target (append_new_columns, sync_all_columns)
            "process_schema_changes": .callable(Callable(name: "process_schema_changes") { [unowned self] args, _ in
                let slots = try args.bind("process_schema_changes", ["on_schema_change", "source_relation", "target_relation"])
                let policy = slots[0]?.stringValue ?? "ignore"
                guard policy != "ignore" else { return .dict([]) }
                guard let live = self.state?.live else { return try self.needsWarehouse("process_schema_changes") }
                guard case .object(let s)? = slots[1], let source = s as? RelationObject,
                      case .object(let t)? = slots[2], let target = t as? RelationObject else {
                    throw TemplateError(.type, "process_schema_changes() needs the source and target Relations")
                }
                let sourceColumns = try self.runLive { try live.columns(schema: source.schema ?? "", identifier: source.identifier ?? "") }
                let targetColumns = try self.runLive { try live.columns(schema: target.schema ?? "", identifier: target.identifier ?? "") }
                let changes = SchemaChanges(old: targetColumns.map { ($0.name, $0.dataType) }, new: sourceColumns.map { ($0.name, $0.dataType) },
                                            namesHaveCase: self.setup.dialect.columnNamesHaveCase)
                if !changes.isEmpty {
                    if policy == "fail" {
                        throw TemplateError(.host, "The source and target schemas on this incremental model are out of sync! (\(changes.summary))",
                                            hint: "set on_schema_change to append_new_columns or sync_all_columns, or run with --full-refresh")
                    }
                    for statement in changes.statements(policy: policy, target: target.rendered, dialect: dialect) {
                        _ = try self.runLive { try live.run(statement, fetch: false) }
                    }
                }
                return .list(sourceColumns.map { .object(WarehouseColumnObject($0, dialect: dialect)) })
            }),
            "apply_grants": .callable(Callable(name: "apply_grants") { [unowned self] args, _ in
                let slots = try args.bind("apply_grants", ["relation", "grant_config", "should_revoke"])
                guard let live = self.state?.live else { return try self.needsWarehouse("apply_grants") }
                guard case .object(let o)? = slots[0], let relation = o as? RelationObject else { return .none }
                let wanted = GrantPlan.wanted(slots[1].map { JSON(value: $0) })
                guard !wanted.isEmpty, dialect.ddl.grant != nil else { return .none }
                var current: GrantPlan.Grants?
                if slots[2]?.truthy ?? true, dialect.ddl.revoke != nil, let show = dialect.ddl.showGrants {
                    let rows = try self.runLive {
                        try live.run(show(sqlStringLiteral(relation.schema ?? ""), sqlStringLiteral(relation.identifier ?? "")), fetch: true).rows
                    }
                    current = GrantPlan.current(rows: rows.filter { $0.count == 2 }.map {
                        (grantee: $0[0].stringValue ?? $0[0].pythonString, privilege: $0[1].stringValue ?? $0[1].pythonString)
                    })
                }
                for statement in GrantPlan.statements(dialect.ddl, relation: relation.rendered, wanted: wanted, current: current,
                                                      quote: dialect.quote) {
                    _ = try self.runLive { try live.run(statement, fetch: false) }
                }
                return .none
            }),
            "persist_docs": .callable(Callable(name: "persist_docs") { [unowned self] args, _ in
                let slots = try args.bind("persist_docs", ["relation", "model", "for_relation", "for_columns"])
                guard let state = self.state, let live = state.live else { return try self.needsWarehouse("persist_docs") }
                guard case .object(let o)? = slots[0], let relation = o as? RelationObject else { return .none }
                let kind = relation.relationType == "materialized_view" ? "materialized view" : (relation.relationType ?? "table")
                let statements = try self.runLive {
                    try PersistDocs.statements(state.node, relation: relation.rendered, kind: kind, dialect: dialect,
                                               forRelation: slots[2]?.truthy ?? true, forColumns: slots[3]?.truthy ?? true) {
                        Set(try live.columns(schema: relation.schema ?? "", identifier: relation.identifier ?? "").map { $0.name.lowercased() })
                    }
                }
                for statement in statements { _ = try self.runLive { try live.run(statement, fetch: false) } }
                return .none
            }),
            // the columns as the warehouse lists them, whatever macro the project redefines
            "columns_in_relation": .callable(Callable(name: "columns_in_relation") { [unowned self] args, _ in
                try self.columnsInRelation(args)
            }),
            // whether the project redefines a dbt macro (see reachesProjectMacro)
            "reaches_project_macro": .callable(Callable(name: "reaches_project_macro") { [unowned self] args, r in
                .bool(self.reachesProjectMacro(try r.str(args.positional.first ?? Value.none)))
            }),
            // dbt's run_hooks: the hooks of the given transaction side, each rendered in the node's
            // context; hooks outside the transaction first commit what is open
            "run_hooks": .callable(Callable(name: "run_hooks") { [unowned self] args, r in
                let slots = try args.bind("run_hooks", ["hooks", "inside_transaction"])
                guard let live = self.state?.live else { return try self.needsWarehouse("run_hooks") }
                let inside = slots[1]?.truthy ?? true
                var first = true
                for hook in try r.iterate(slots[0] ?? .list([])) {
                    guard case .dict(let d) = hook, (d.get("transaction")?.truthy ?? true) == inside else { continue }
                    if !inside && first { try self.runLive { try live.commit() } }
                    first = false
                    let sql = try self.renderText(try r.str(d.get("sql") ?? Value.none)).trimmingCharacters(in: .whitespacesAndNewlines)
                    if !sql.isEmpty { _ = try self.runLive { try live.run(sql, fetch: false, autoBegin: inside) } }
                }
                return .string("")
            }),
        ]))
    }

    /// Jinja in a string (a hook's SQL) rendered in the current node's context; plain text as it is.
    private func renderText(_ text: String) throws -> String {
        guard let state, text.holdsJinjaTag else { return text }
        return try render(try environment.parse(text, name: state.node.displayPath), state: state)
    }

    /// The model's sql_header before a create statement, as dbt's create_table_as writes it.
    private func headed(_ statement: String) -> String {
        guard let header = state?.config["sql_header"]?.stringValue,
              !header.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return statement }
        return header + "\n" + statement
    }

    /// A temporary table has no schema: its identifier alone.
    private func temporaryName(_ relation: RelationObject) -> String {
        guard let identifier = relation.identifier else { return relation.rendered }
        return relation.policy.identifier ? setup.dialect.quote(identifier) : identifier
    }
}

/// dbt's `context`: every name the render sees, by `context['x']` or `context.get('x')`, and
/// a dict a macro may add names to with `context.update({...})` (dbt_unit_testing keeps its
/// state there): the names are globals until the node's render ends.
final class ContextMapping: TemplateObject {
    unowned let worker: RenderWorker
    init(worker: RenderWorker) { self.worker = worker }
    var environment: Environment { worker.environment }
    var typeName: String { "Context" }
    var isMapping: Bool { true }
    func item(_ key: Value, renderer: Renderer) throws -> Value? {
        key.stringValue.flatMap { renderer.root.lookup($0) ?? environment.globals[$0] }
    }
    func iterate(renderer: Renderer) throws -> [Value]? { environment.globals.keys.sorted().map { .string($0) } }
    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        case "get": return getMethod
        case "update":
            return .callable(Callable(name: "update") { [self] args, _ in
                for (k, v) in args.updatePairs() {
                    if let state = worker.state, state.contextUpdates[k] == nil {
                        state.contextUpdates[k] = .some(environment.globals[k])
                    }
                    environment.globals[k] = v
                }
                return .none
            })
        case "keys": return .callable(Callable(name: name) { [self] _, r in .list(ListBox(try iterate(renderer: r) ?? [])) })
        case "values", "items":
            return .callable(Callable(name: name) { [self] _, _ in
                let sorted = environment.globals.sorted { $0.key < $1.key }
                return .list(ListBox(name == "values" ? sorted.map(\.value) : sorted.map { .tuple([.string($0.key), $0.value]) }))
            })
        default: return nil
        }
    }
}

/// `var`: called as dbt's var(name, default), with `var.has_var(name)`.
final class VarObject: TemplateObject {
    let plain: Value
    let has: (String, Renderer) throws -> Bool
    init(call plain: Value, has: @escaping (String, Renderer) throws -> Bool) {
        self.plain = plain
        self.has = has
    }
    var typeName: String { "Var" }
    func call(_ args: Arguments, renderer: Renderer) throws -> Value? { try renderer.call(plain, args) }
    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        guard name == "has_var" else { return nil }
        return .callable(Callable(name: "has_var") { [self] args, r in
            .bool(try self.has(try r.str(args.positional.first ?? args.keyword("var_name") ?? Value.none), r))
        })
    }
}
