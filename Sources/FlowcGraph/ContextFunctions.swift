// The functions of the dbt Jinja context: ref, source, config, var, env_var, is_incremental,
// adapter, run_query/statement, log/print, exceptions, return, JSON helpers, zip, set,
// local_md5, and the run metadata. Installed once per worker into its Environment's globals.
import FlowcProject
import FlowcSQL
import FlowcTemplate

extension RenderWorker {
    func installContext() {
        let g = environment
        let dialect = setup.dialect

        g.globals["return"] = .callable(Callable(name: "return") { args, _ in
            throw MacroReturn(args.positional.first ?? Value.none)
        })
        g.globals["ref"] = .callable(Callable(name: "ref") { [unowned self] args, _ in try self.ref(args) })
        g.globals["source"] = .callable(Callable(name: "source") { [unowned self] args, _ in try self.source(args) })
        g.globals["config"] = .object(ConfigObject(worker: self))
        g.globals["var"] = .callable(Callable(name: "var") { [unowned self] args, renderer in try self.variable(args, renderer) })
        g.globals["env_var"] = .callable(Callable(name: "env_var") { [unowned self] args, _ in
            let slots = try args.bind("env_var", ["var", "default"])
            guard let name = slots[0]?.stringValue else { throw TemplateError(.type, "env_var() needs a variable name") }
            if SecretEnv.isSecret(name) { throw TemplateError(.host, SecretEnv.refusal(name)) }
            if let v = self.state?.envOverrides[name] ?? self.setup.environment[name] { return .string(v) }
            if let d = slots[1] { return d }
            throw TemplateError(.host, "Env var required but not provided: '\(name)'",
                                hint: "set \(name) in the environment or give env_var() a default")
        })
        g.globals["is_incremental"] = .callable(Callable(name: "is_incremental") { [unowned self] _, _ in
            self.noteDbtMacro("is_incremental")
            guard let s = self.state, s.mode == .compile else {
                self.state?.noteModeDependence()
                return .bool(false)
            }
            if s.incrementalAsksWarehouse && s.live == nil { return try self.needsWarehouse("is_incremental") }
            return .bool(s.isIncremental)
        })
        g.globals["target"] = Value(json: .object(setup.target))
        g.globals["project_name"] = .string(setup.projectName)
        g.globals["dbt_version"] = .string(DbtCompatibility.version)
        g.globals["invocation_id"] = .string(setup.invocationId)
        // as dbt's: an aware UTC datetime (`.strftime`, `.year`, str() "… 17:00:48.252000+00:00")
        g.globals["run_started_at"] = .utcDateTime(iso: setup.runStartedAt)
        g.globals["execute"] = .bool(false)
        g.globals["schema"] = Value(json: setup.target["schema"] ?? .null)
        g.globals["database"] = Value(json: setup.target["database"] ?? .null)
        // dbt's flags as its templates read them: WARN_ERROR is None unless --warn-error
        let args = setup.invocationArgs
        g.globals["flags"] = .object(TableObject("Flags", [
            "FULL_REFRESH": .bool(setup.fullRefresh), "STORE_FAILURES": .bool(setup.storeFailures), "WHICH": .string(setup.which),
            "EMPTY": .bool(setup.emptyRelations),
            "FAIL_FAST": .bool(args["fail_fast"]?.boolValue ?? false), "DEBUG": .bool(args["debug"]?.boolValue ?? false),
            "WARN_ERROR": args["warn_error"]?.boolValue == true ? .bool(true) : Value.none,
            "LOG_FORMAT": .string(args["log_format"]?.stringValue ?? "default"),
            "USE_COLORS": .bool(true), "INTROSPECT": .bool(true), "PARTIAL_PARSE": .bool(true),
        ]))
        // dbt's parse-time `graph` is an empty dict: `graph.nodes.values()` outside `{% if execute %}`
        // fails there as in dbt (installGraph gives the manifest for compiling and running)
        g.globals["graph"] = .dict([])
        g.globals["selected_resources"] = .list(setup.selectedResources.map { .string($0) })
        // click hands dbt its repeatable options (select, exclude, resource types) as tuples:
        // `('orders',)`, `()` as templates print them
        g.globals["invocation_args_dict"] = .dict(setup.invocationArgs.map { key, value in
            if case .array(let items) = value { return (key, .tuple(items.map { Value(json: $0) })) }
            return (key, Value(json: value))
        })
        // DBT_ENV_CUSTOM_ENV_ variables without the prefix, as the manifest's metadata.env
        g.globals["dbt_metadata_envs"] = .dict(ManifestMetadata.customEnv(setup.environment).sorted { $0.key < $1.key }
            .map { ($0.key, .string($0.value)) })

        // dbt's log(msg, info=False): info messages are shown; the rest go to the debug log only
        g.globals["log"] = .callable(Callable(name: "log") { [unowned self] args, r in
            let slots = try args.bind("log", ["msg", "info"])
            if let sink = self.state?.messages, let info = slots.count > 1 ? slots[1] : nil, info.truthy {
                sink(try r.str(slots.first.flatMap { $0 } ?? Value.none), false)
            }
            return .string("")
        })
        g.globals["print"] = .callable(Callable(name: "print") { [unowned self] args, r in
            if let sink = self.state?.messages { sink(try r.str(args.positional.first ?? Value.none), true) }
            return .string("")
        })
        g.globals["exceptions"] = .object(TableObject("Exceptions", [
            "raise_compiler_error": .callable(Callable(name: "raise_compiler_error") { args, r in
                throw TemplateError(.host, try r.str(args.positional.first ?? Value.none))
            }),
            "warn": .callable(Callable(name: "warn") { [unowned self] args, r in
                let message = try r.str(args.positional.first ?? Value.none)
                if let warn = self.state?.warn { try warn(message) } else { self.state?.warnings.append(message) }
                return .string("")
            }),
            // dbt's NotImplementedError("ERROR: {msg}"), reported as a Compilation Error
            "raise_not_implemented": .callable(Callable(name: "raise_not_implemented") { args, r in
                throw TemplateError(.host, "ERROR: " + (try r.str(args.positional.first ?? Value.none)))
            }),
            // dbt's DbtDatabaseError(msg): the node's "Database Error"
            "raise_database_error": .callable(Callable(name: "raise_database_error") { args, r in
                throw TemplateError.database(try r.str(args.positional.first ?? Value.none))
            }),
        ]))
        let adapter = adapterMembers().merging(adapterDDLMembers()) { a, _ in a }.merging(adapterSchemaMembers()) { a, _ in a }
        g.globals["adapter"] = .object(TableObject("Adapter", adapter.mapValues { [unowned self] member in
            // all but dispatch answer differently at parse time (see ParseRenderReuse.swift)
            guard case .callable(let c) = member, c.name != "dispatch" else { return member }
            return .callable(Callable(name: c.name) { args, r in
                self.state?.noteModeDependence()
                return try c.body(args, r)
            })
        }))
        g.globals["api"] = .object(TableObject("Api", [
            "Column": .object(ColumnClassObject(dialect: dialect)),
            "Relation": .object(TableObject("Relation", [
                "create": .callable(Callable(name: "create") { args, _ in
                    func s(_ k: String) -> String? { args.keyword(k).flatMap { $0.isNone ? nil : ($0.stringValue ?? $0.pythonString) } }
                    // quote_policy and include_policy as dbt's Relation.create takes them: the
                    // parts given over the adapter's defaults
                    func policy(_ k: String) -> JSONObject { args.keyword(k).map { JSON(value: $0) }?.objectValue ?? JSONObject() }
                    let include = QuotePolicy.overlay(QuotePolicy(database: true, schema: true, identifier: true), policy("include_policy"))
                    return .object(RelationObject(database: s("database"), schema: s("schema"), identifier: s("identifier"),
                                                  type: s("type"), dialect: dialect,
                                                  policy: QuotePolicy.overlay(dialect.quotePolicy, policy("quote_policy")),
                                                  includeDatabase: include.database, includeSchema: include.schema,
                                                  includeIdentifier: include.identifier))
                }),
                "add_ephemeral_prefix": RelationObject.addEphemeralPrefix,
            ])),
        ]))
        g.globals["run_query"] = .callable(Callable(name: "run_query") { [unowned self] args, r in
            self.noteDbtMacro("run_query")
            guard let live = self.state?.live else { return try self.needsWarehouse("run_query") }
            // dbt's run_query is a statement block around the SQL: the warehouse gets the block's
            // text, whitespace included (so an error's `LINE n` is dbt's); with auto_begin=False
            // it opens no transaction
            let sql = "\n    " + (try r.str(args.positional.first ?? args.keyword("sql") ?? Value.none)) + "\n  "
            let result = try self.runLive { try live.run(sql, fetch: true, autoBegin: false) }
            return .object(ResultTableObject(columns: result.columns, rows: result.rows))
        })
        g.globals["statement"] = .callable(Callable(name: "statement") { [unowned self] args, r in
            self.noteDbtMacro("statement")
            guard let state = self.state, let live = state.live else { return try self.needsWarehouse("statement") }
            let name = args.positional.first?.stringValue ?? args.keyword("name")?.stringValue
            let fetch = args.keyword("fetch_result")?.truthy ?? (args.positional.count > 1 && args.positional[1].truthy)
            guard let caller = args.keyword("caller") else { return .string("") }
            let autoBegin = args.keyword("auto_begin")?.truthy ?? (args.positional.count > 2 ? args.positional[2].truthy : true)
            let sql = try r.str(try r.call(caller, Arguments()))
            let result = try self.runLive { try live.run(sql, fetch: fetch, autoBegin: autoBegin) }
            if let name {
                state.statementResults[name] = Self.statementResult(
                    response: Self.response(.string(result.message), .string(result.code), .int(result.rowsAffected)),
                    data: result.rows.map { .tuple($0) }, table: .object(ResultTableObject(columns: result.columns, rows: result.rows)))
            }
            return .string("")
        })
        // dbt's store_result / store_raw_result: a statement result set by hand; noop_statement
        // does the same as a call block (a materialization reports its own status for `main` so)
        let storeRaw: (Arguments, String) throws -> Value = { [unowned self] args, function in
            let slots = try args.bind(function, ["name", "message", "code", "rows_affected", "agate_table"])
            guard let state = self.state, let name = slots[0]?.stringValue else { return .string("") }
            state.statementResults[name] = Self.statementResult(
                response: Self.response(slots[1] ?? .none, slots[2] ?? .none, slots[3] ?? .none), table: slots[4] ?? .none)
            return .string("")
        }
        g.globals["store_raw_result"] = .callable(Callable(name: "store_raw_result") { args, _ in try storeRaw(args, "store_raw_result") })
        g.globals["noop_statement"] = .callable(Callable(name: "noop_statement") { args, r in
            if let caller = args.keyword("caller") { _ = try r.call(caller, Arguments()) }
            return try storeRaw(Arguments(args.positional, keywords: args.keywords.filter { $0.0 != "caller" }), "noop_statement")
        })
        g.globals["store_result"] = .callable(Callable(name: "store_result") { [unowned self] args, _ in
            let slots = try args.bind("store_result", ["name", "response", "agate_table"])
            guard let state = self.state, let name = slots[0]?.stringValue else { return .string("") }
            state.statementResults[name] = Self.statementResult(response: slots[1] ?? .none, table: slots[2] ?? .none)
            return .string("")
        })
        // dbt's write(sql) saves a node's runtime SQL; flowc keeps what each node ran in target/run/ itself
        g.globals["write"] = .callable(Callable(name: "write") { _, _ in .string("") })
        // dbt's try_or_compiler_error(message, func, *args): the call, or a compiler error with the message
        g.globals["try_or_compiler_error"] = .callable(Callable(name: "try_or_compiler_error") { args, r in
            guard args.positional.count >= 2 else { throw TemplateError(.type, "try_or_compiler_error() needs a message and a function") }
            do {
                return try r.call(args.positional[1], Arguments(Array(args.positional.dropFirst(2)), keywords: args.keywords))
            } catch {
                throw TemplateError(.host, try r.str(args.positional[0]))
            }
        })
        // dbt's load_result: a stored result is handed out once (then None is kept in its place,
        // and a second load is dbt's compilation error); `main`, the materialization's, any
        // number of times; a name never stored is None
        g.globals["load_result"] = .callable(Callable(name: "load_result") { [unowned self] args, _ in
            guard let name = args.positional.first?.stringValue, let state = self.state,
                  let result = state.statementResults[name] else { return .none }
            if name == "main" { return result }
            if result.isNone {
                throw TemplateError(.host, "The 'statement' result named '\(name)' has already been loaded into a variable",
                                    hint: "keep the result in a variable ({% set r = load_result('\(name)') %}) and use it, or run the statement again")
            }
            state.statementResults[name] = Value.none
            return result
        })
        g.globals["load_relation"] = .callable(Callable(name: "load_relation") { [unowned self] args, _ in
            self.noteDbtMacro("load_relation")
            guard let live = self.state?.live else { return try self.needsWarehouse("load_relation") }
            guard case .object(let o)? = args.positional.first, let rel = o as? RelationObject else { return .none }
            return try self.liveRelation(live, schema: rel.schema, identifier: rel.identifier)
        })
        // dbt's tojson(value, default=None, sort_keys=False): json.dumps (not Jinja's filter,
        // which sorts keys and escapes HTML); the default on a ValueError (a circular value), and
        // an error, as in dbt, for a value JSON cannot hold (a Relation)
        g.globals["tojson"] = .callable(Callable(name: "tojson") { args, _ in
            let slots = try args.bind("tojson", ["value", "default", "sort_keys"])
            do {
                return .string(try pythonJSONDumps(slots[0] ?? .none, sortKeys: slots[2]?.truthy ?? false))
            } catch let e as TemplateError where e.kind == .value {
                return slots[1] ?? .none
            }
        })
        g.globals["fromjson"] = .callable(Callable(name: "fromjson") { args, _ in
            guard let s = args.positional.first?.stringValue else { return args.value(1, "default") ?? .none }
            do { return try Value.fromJSON(s) } catch { return args.value(1, "default") ?? .none }
        })
        // dbt's zip(*args, default=None) and set(value, default=None) give `default` for what
        // is not iterable; zip_strict and set_strict raise
        func zip(_ args: Arguments, _ r: Renderer) throws -> Value {
            let lists = try args.positional.map { try r.iterate($0) }
            let n = lists.map(\.count).min() ?? 0
            return .list((0..<n).map { i in .tuple(lists.map { $0[i] }) })
        }
        func set(_ value: Value, _ r: Renderer) throws -> Value {
            .list(ListBox.set(try r.iterate(value)))
        }
        g.globals["zip"] = .callable(Callable(name: "zip") { args, r in
            do { return try zip(args, r) } catch { return args.keyword("default") ?? .none }
        })
        g.globals["zip_strict"] = .callable(Callable(name: "zip_strict") { args, r in try zip(args, r) })
        g.globals["set"] = .callable(Callable(name: "set") { args, r in
            do { return try set(args.positional.first ?? .list([]), r) } catch { return args.value(1, "default") ?? .none }
        })
        g.globals["set_strict"] = .callable(Callable(name: "set_strict") { args, r in try set(args.positional.first ?? .list([]), r) })
        g.globals["local_md5"] = .callable(Callable(name: "local_md5") { args, r in
            .string(Hashing.md5Hex(try r.str(args.positional.first ?? Value.none)))
        })
        g.globals["modules"] = ContextModules.make()
        g.globals.merge(ContextModules.yamlFunctions()) { _, new in new }
        // builtins.ref carries dbt's RuntimeConfig as `config` (elementary's get_runtime_config)
        let ref = g.globals["ref"].map { Value.object(RefFunctionObject(ref: $0, config: RuntimeConfigObject(setup: setup))) } ?? Value.none
        g.globals["builtins"] = .dict([("ref", ref), ("source", g.globals["source"] ?? Value.none),
                                       ("config", g.globals["config"] ?? Value.none)])
        installMaterializationContext()
    }

    /// What load_result(name) gives: the response, the rows as tuples and the agate-like table.
    static func statementResult(response: Value, data: [Value] = [], table: Value) -> Value {
        .dict([("response", response), ("data", .list(data)), ("table", table)])
    }

    /// An adapter response: `_message`, `code`, `rows_affected`.
    static func response(_ message: Value, _ code: Value, _ rowsAffected: Value) -> Value {
        .object(AdapterResponseObject(message: message, code: code, rowsAffected: rowsAffected))
    }

    /// The context functions flowc implements natively that dbt implements as macros of its own
    /// package: a macro or node calling one lists it in depends_on.macros (`macro.dbt.run_query`).
    static let nativeDbtMacros: Set<String> = ["is_incremental", "run_query", "statement", "load_relation"]
    /// Every dbt global-project macro flowc answers natively: `dbt.<name>` reaches flowc's, and a
    /// root project's macro of the name replaces it, as it replaces dbt's.
    static let nativeGlobalMacros = nativeDbtMacros.union(["noop_statement"])

    /// A node that calls one of `nativeDbtMacros` directly lists it, as dbt's does.
    func noteDbtMacro(_ name: String) {
        if let s = state, s.macroDepth == 0 { s.noteMacro("macro.\(BuiltinMacros.packageName).\(name)") }
    }

    func needsWarehouse(_ what: String) throws -> Value {
        guard let state, state.mode == .compile else {
            state?.noteModeDependence()
            return .none
        }
        state.neededWarehouse = true
        // `flowc compile` catches this (neededWarehouse) and compiles the node again over a
        // connection; the message is seen when there is none to be had
        throw TemplateError(.host, "\(what)() needs a warehouse connection, and none was open for this render",
                            hint: "`flowc compile`, `docs generate` and `run` connect to the target for it: check that it can be reached "
                                + "(`flowc debug`)")
    }

    /// Runs a warehouse call from a template; its errors become template errors at the call.
    func runLive<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as TemplateError {
            throw e
        } catch {
            // kept so that a run can report it as the database's error, as dbt does
            state?.databaseError = error
            throw TemplateError.database("\(error)")
        }
    }

    func liveRelation(_ live: any LiveWarehouse, schema: String?, identifier: String?) throws -> Value {
        guard let schema, let identifier else { return .none }
        let database = setup.target["database"]?.stringValue
        // a relation whose name differs only in case is dbt's approximate match: where the lookup
        // is exact (PostgreSQL) it is found among the schema's relations
        let found = try runLive {
            try live.relation(schema: schema, identifier: identifier)
                ?? live.relations(schema: schema).first { $0.identifier.lowercased() == identifier.lowercased() }
        }
        guard let found else { return .none }
        let relation = RelationObject(database: database, schema: found.schema, identifier: found.identifier,
                                      type: found.type, dialect: setup.dialect)
        if found.identifier != identifier || found.schema != schema {
            // dbt's BaseRelation.matches: it refuses to guess
            let searched = RelationObject(database: database, schema: schema, identifier: identifier, dialect: setup.dialect)
            throw TemplateError(.host, "When searching for a relation, dbt found an approximate match. Instead of guessing \n"
                                + "which relation to use, dbt will move on. Please delete \(relation.rendered), or rename it to be less ambiguous."
                                + "\nSearched for: \(searched.rendered)\nFound: \(relation.rendered)")
        }
        return .object(relation)
    }

    /// The relation's columns as the warehouse lists them (adapter.get_columns_in_relation,
    /// flowc's own).
    func columnsInRelation(_ args: Arguments) throws -> Value {
        guard let live = state?.live else {
            if state?.mode == .compile { return try needsWarehouse("adapter.get_columns_in_relation") }
            return .list([])
        }
        // dbt's macro reads relation.information_schema, which None does not have
        guard case .object(let o)? = args.positional.first ?? args.keyword("relation"), let rel = o as? RelationObject else {
            throw TemplateError(.type, "'None' has no attribute 'information_schema'",
                                hint: "adapter.get_columns_in_relation() needs a relation; adapter.get_relation() returns none when it finds no relation")
        }
        guard let identifier = rel.identifier else { return .list([]) }
        // no schema (make_temp_relation's on PostgreSQL): the session's temporary table
        let columns = try runLive { try live.columns(schema: rel.schema ?? "", identifier: identifier) }
        let dialect = setup.dialect
        return .list(columns.map { .object(WarehouseColumnObject($0, dialect: dialect)) })
    }

    func adapterMembers() -> [String: Value] {
        let dialect = setup.dialect
        return [
            "dispatch": .callable(Callable(name: "dispatch") { [unowned self] args, r in
                let slots = try args.bind("dispatch", ["macro_name", "macro_namespace", "packages"])
                guard let name = slots[0]?.stringValue else { throw TemplateError(.type, "adapter.dispatch() needs a macro name") }
                if let packages = slots[2], !packages.isNone {
                    throw TemplateError(.host, "The \"packages\" argument of adapter.dispatch() has been deprecated.\n"
                                        + "Use the \"macro_namespace\" argument instead.\n\nRaised during dispatch for: \(name)")
                }
                // dbt refuses a namespace that is not a string (older packages passed a list)
                if let namespace = slots[1], !namespace.isNone, namespace.stringValue == nil {
                    throw TemplateError(.host, "In adapter.dispatch, got a <class '\(namespace.typeName)'> macro_namespace argument "
                                        + "(\"\(try r.str(namespace))\"), but macro_namespace should be None or a string.")
                }
                return try self.dispatch(name, namespace: slots[1]?.stringValue)
            }),
            "quote": .callable(Callable(name: "quote") { args, r in
                .string(dialect.quote(try r.str(args.positional.first ?? Value.none)))
            }),
            "behavior": .object(TableObject("Behavior", setup.behaviorFlags.mapValues { .object(BehaviorFlagObject($0)) })),
            "type": .callable(Callable(name: "type") { _, _ in .string(dialect.name) }),
            "get_relation": .callable(Callable(name: "get_relation") { [unowned self] args, _ in
                guard let live = self.state?.live else { return try self.needsWarehouse("adapter.get_relation") }
                let slots = try args.bind("get_relation", ["database", "schema", "identifier"])
                return try self.liveRelation(live, schema: slots[1]?.stringValue, identifier: slots[2]?.stringValue)
            }),
            "get_columns_in_relation": .callable(Callable(name: "get_columns_in_relation") { [unowned self] args, r in
                // dbt-postgres's method runs the get_columns_in_relation macro, which a project may redefine
                if self.state?.live != nil, dialect.macroBackedAdapterMethods.contains("get_columns_in_relation"),
                   self.reachesProjectMacro("get_columns_in_relation"), let m = self.environment.globals["get_columns_in_relation"] {
                    return try r.call(m, args)
                }
                return try self.columnsInRelation(args)
            }),
            "get_column_schema_from_query": .callable(Callable(name: "get_column_schema_from_query") { [unowned self] args, r in
                guard let live = self.state?.live else { return try self.needsWarehouse("adapter.get_column_schema_from_query") }
                let slots = try args.bind("get_column_schema_from_query", ["sql"])
                guard let sql = slots[0] else { throw TemplateError(.type, "get_column_schema_from_query() missing 1 required positional argument: 'sql'") }
                let text = try r.str(sql)
                let columns = try self.runLive { try live.queryColumns(text) }
                return .list(columns.map { c in
                    let label = CursorTypeNames.name(of: c.dataType, dialect: dialect.name)
                    return .object(WarehouseColumnObject(name: c.name, dataType: label, dialect: dialect, label: label))
                })
            }),
            "list_relations_without_caching": .callable(Callable(name: "list_relations") { [unowned self] args, _ in
                guard let live = self.state?.live else {
                    if self.state?.mode == .compile { return try self.needsWarehouse("adapter.list_relations") }
                    return .list([])
                }
                guard case .object(let o)? = args.positional.first ?? args.keyword("schema_relation"),
                      let rel = o as? RelationObject, let schema = rel.schema else { return .list([]) }
                let found = try self.runLive { try live.relations(schema: schema) }
                return .list(found.map { .object(RelationObject(database: rel.database, schema: $0.schema,
                                                                identifier: $0.identifier, type: $0.type, dialect: dialect)) })
            }),
            "create_schema": .callable(Callable(name: "create_schema") { [unowned self] args, _ in
                guard let live = self.state?.live else { return try self.needsWarehouse("adapter.create_schema") }
                guard case .object(let o)? = args.positional.first ?? args.keyword("relation"), let rel = o as? RelationObject,
                      let schema = rel.schema
                else { throw TemplateError(.type, "adapter.create_schema() needs a Relation with a schema") }
                try self.verifyDatabase(rel.database)
                try self.runLive { try live.createSchema(schema) }
                return .none
            }),
        ]
    }

    // MARK: ref, source, var

    func ref(_ args: Arguments) throws -> Value {
        var positional = args.positional.compactMap(\.stringValue)
        guard positional.count == args.positional.count, (1...2).contains(positional.count) else {
            throw TemplateError(.type, "ref() takes a model name, or a package name and a model name",
                                hint: "for example ref('orders') or ref('my_package', 'orders')")
        }
        let version = (args.keyword("version") ?? args.keyword("v")).map { $0.stringValue ?? $0.pythonString }
        let name = positional.removeLast()
        let call = RefCall(name: name, package: positional.first, version: version)
        guard let state else { return .string(name) }
        if state.mode == .parse {
            state.noteRef(call)
            let relation = RelationObject(database: setup.target["database"]?.stringValue,
                                          schema: setup.target["schema"]?.stringValue, identifier: name, dialect: setup.dialect)
            guard state.recordsOutputSlots else { return .object(relation) }
            return state.slotRelation(relation, .ref(name: name, package: call.package, version: version))
        }
        guard let resolved = state.resolver?.resolveRef(call, from: state.node) else {
            throw TemplateError(.host, "ref('\(name)') names no node that \(state.node.name) can depend on")
        }
        try Self.checkRefWasParsed(resolved.uniqueId, call, node: state.node)
        // dbt's OperationRefResolver: an operation (run-operation, a run hook) has no CTE to
        // inline an ephemeral model into
        if state.node.resourceType == .operation, resolved.materialized == "ephemeral" {
            throw TemplateError(.host, "Operations can not ref() ephemeral nodes, but \(name) is ephemeral")
        }
        return .object(relation(resolved))
    }

    /// dbt's check that a ref() made while compiling was seen while parsing: one that was not
    /// (inside `{% if execute %}`, say) is no dependency, so the node could be built before
    /// what it reads. Models, snapshots, analyses and tests render all of their SQL at parse
    /// time, as in dbt; hooks and operations are not checked (dbt neither).
    static func checkRefWasParsed(_ target: String, _ call: RefCall, node: Node) throws {
        guard [.model, .snapshot, .analysis, .test].contains(node.resourceType),
              ["model.", "seed.", "snapshot."].contains(where: { target.hasPrefix($0) }),
              !node.dependsOnNodes.contains(target) else { return }
        let args = ([call.package, call.name].compactMap { $0 }.map { "'\($0)'" } + (call.version.map { ["v=\($0)"] } ?? []))
            .joined(separator: ", ")
        let kind = node.resourceType.rawValue
        throw TemplateError(.host, "unable to infer all dependencies for the \(kind) \"\(node.name)\": it does not depend on \(target), "
                                + "which ref(\(args)) names. This typically happens when ref() is placed within a conditional block.",
                            hint: "add the following hint to the top of the \(kind) \"\(node.name)\": -- depends_on: {{ ref(\(args)) }}")
    }

    func source(_ args: Arguments) throws -> Value {
        let slots = try args.bind("source", ["source_name", "table_name"])
        guard let src = slots[0]?.stringValue, let table = slots[1]?.stringValue else {
            throw TemplateError(.type, "source() takes a source name and a table name")
        }
        guard let state else { return .string(table) }
        if state.mode == .parse {
            state.noteSource([src, table])
            let relation = RelationObject(database: nil, schema: src, identifier: table, dialect: setup.dialect)
            guard state.recordsOutputSlots else { return .object(relation) }
            return state.slotRelation(relation, .source(src, table))
        }
        guard let resolved = state.resolver?.resolveSource(src, table, from: state.node) else {
            throw TemplateError(.host, "source('\(src)', '\(table)') is not defined")
        }
        return .object(relation(resolved))
    }

    /// dbt renders a var whose value is a string with Jinja in the calling node's context, so
    /// `vars: {issue: "{{ source('github', 'issue') }}"}` (as Fivetran's packages write) gives
    /// the relation and the node depends on the source.
    func variable(_ args: Arguments, _ renderer: Renderer) throws -> Value {
        let slots = try args.bind("var", ["name", "default"])
        guard let name = slots[0]?.stringValue else { throw TemplateError(.type, "var() needs a variable name") }
        if let v = state?.varOverrides[name] ?? setup.vars(for: state?.node.packageName)[name] {
            if case .string(let text) = v, text.holdsJinjaTag {
                return .string(try renderer.render(renderer.environment.parse(text, name: "var '\(name)'")))
            }
            return VarTimestamps.value(v)
        }
        if let d = slots[1] { return d }
        // dbt's parser answers a missing var with None (see NodeState.capturesLeniently)
        if let state, state.mode == .parse, state.capturesLeniently {
            state.noteModeDependence()
            return .none
        }
        throw TemplateError(.host, "Required var '\(name)' not found in config",
                            hint: "define it under `vars:` in the project file or pass --vars '{\"\(name)\": …}'")
    }
}
