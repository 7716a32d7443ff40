// Renders nodes with the dbt Jinja context. One worker per thread: it owns an Environment
// whose globals hold the context functions and every macro (bound once), and per node only
// swaps `state`, `this` and `model`. Parse mode records ref()/source()/config() with
// `execute` false; compile mode resolves them to relations with `execute` true.
import FlowcSQL
import FlowcTemplate

public final class RenderWorker {
    public let setup: RenderSetup
    public let environment: Environment
    /// The node being rendered; the context functions read it.
    public var state: NodeState?
    /// Every macro by package, then name.
    private(set) var macrosByPackage: [String: [String: Value]] = [:]
    /// The definitions behind `macrosByPackage` (parameters, for checking a call's arguments).
    private var definitionsByPackage: [String: [String: MacroDefinition]] = [:]
    /// Where each macro came from, for errors and manifests.
    public private(set) var macroOrigins: [String: (package: String, file: String)] = [:]
    /// Per installed package, its macros that the global names do not already point to: while
    /// one of its nodes renders they take those names (dbt's "local" macro namespace).
    private var localMacros: [String: [(name: String, value: Value)]] = [:]
    /// A renderer with no node's context: macros are made with it, and values that read no
    /// context (relations, strings) print through it.
    let macroRenderer: Renderer
    private var nativeTemplates: [String: Template] = [:]
    /// `usesBuiltin` by macro name: the answer never changes for a worker, and it was asked
    /// three times a node.
    private var builtinUse: [String: Bool] = [:]

    public init(setup: RenderSetup) throws {
        self.setup = setup
        environment = RenderSetup.makeEnvironment()
        macroRenderer = Renderer(environment: environment)
        try installMacros()
        let masking = ["ref", "source"].compactMap { name in environment.globals[name].map { (name, $0) } }
        installContext()
        // As in dbt, the root project's `ref` or `source` macro masks the built-in one, which
        // stays reachable as builtins.ref / builtins.source (installContext keeps it there).
        for (name, macro) in masking { environment.globals[name] = macro }
        // dbt's global macros that flowc answers natively are `dbt.<name>`; a root project's
        // macro of the same name replaces them everywhere, package macros' calls included
        // (dbt_unit_testing's is_incremental override), as it replaces dbt's
        let own = macrosByPackage[setup.projectName] ?? [:]
        for name in Self.nativeGlobalMacros {
            if case .object(let ns as PackageNamespace)? = environment.globals[BuiltinMacros.packageName],
               ns.macros[name] == nil, let native = environment.globals[name] {
                ns.macros[name] = native
            }
            if let macro = own[name] { environment.globals[name] = macro }
        }
    }

    // MARK: macros

    /// Binds every macro file's macros. Name resolution follows dbt's macro namespace: a bare
    /// name is the root project's macro, else dbt's built-in; another package's macro is
    /// reached as `package.name` (dbt 1.11: "'x' is undefined" otherwise, in models and in
    /// tests, even inside that package's macro called from a root node), except by the
    /// package's own nodes, for which its macros win over all (`localMacros`).
    private func installMacros() throws {
        let root = setup.projectName
        func rank(_ package: String) -> Int { package == root ? 2 : (package == BuiltinMacros.packageName ? 0 : 1) }
        var chosen: [String: (rank: Int, value: Value, package: String)] = [:]
        for file in setup.macroFiles {
            for name in file.template.macros.keys.sorted() {
                guard let inner = macroRenderer.macro(file.template, name) else { continue }
                let uid = "macro.\(file.package).\(name)"
                let wrapped = Value.callable(Callable(name: name) { [unowned self] args, r in
                    if let s = self.state {
                        if s.macroDepth == 0 { s.noteMacro(uid) }
                        s.macroDepth += 1
                    }
                    defer { self.state?.macroDepth -= 1 }
                    return try r.call(inner, args)
                })
                macrosByPackage[file.package, default: [:]][name] = wrapped
                definitionsByPackage[file.package, default: [:]][name] = file.template.macros[name]
                macroOrigins[uid] = (file.package, file.path)
                let r = rank(file.package)
                if r == 1 { continue }
                if let existing = chosen[name], existing.rank > r { continue }
                chosen[name] = (r, wrapped, file.package)
            }
        }
        let packagesByMacro = Dictionary(grouping: macrosByPackage.filter { $0.key != root && $0.key != BuiltinMacros.packageName }
            .flatMap { p in p.value.keys.map { ($0, p.key) } }, by: \.0).mapValues { $0.map(\.1).sorted() }
        environment.unknownCallHint = { name in
            guard let packages = packagesByMacro[name], let first = packages.first else { return nil }
            return "'\(name)' is a macro of package \(packages.map { "'\($0)'" }.joined(separator: ", ")): outside it, call it as "
                + "\(first).\(name)(…); as in dbt, a package's macros are not reachable by their bare name"
        }
        // ref and source are the context's own unless the root project masks them
        for (name, entry) in chosen where entry.package == root || (name != "ref" && name != "source") {
            environment.globals[name] = entry.value
        }
        for (package, macros) in macrosByPackage where package != root && package != BuiltinMacros.packageName {
            let shadowed = macros.filter { chosen[$0.key]?.package != package }.sorted { $0.key < $1.key }
            if !shadowed.isEmpty { localMacros[package] = shadowed.map { (name: $0.key, value: $0.value) } }
        }
        for (package, macros) in macrosByPackage {
            let ns = PackageNamespace(name: package, worker: self)
            ns.macros = macros
            if environment.globals[package] == nil || package == BuiltinMacros.packageName {
                environment.globals[package] = .object(ns)
            }
        }
    }

    /// Whether `name` (and what it dispatches to) is dbt's built-in macro, not a project's.
    func usesBuiltin(_ name: String) -> Bool {
        if let known = builtinUse[name] { return known }
        let own = macrosByPackage[setup.projectName] ?? [:]
        let overridden = [name, "default__\(name)", "\(setup.dialect.name)__\(name)"].contains { own[$0] != nil }
        let builtin = !overridden && macroOrigins["macro.\(BuiltinMacros.packageName).\(name)"] != nil
        builtinUse[name] = builtin
        return builtin
    }

    /// `adapter.dispatch(name, macro_namespace)`: the first of `<adapter>__name`, then
    /// `default__name`, in each package of the search order.
    func dispatch(_ name: String, namespace: String?) throws -> Value {
        let root = setup.projectName
        var packages = RenderSetup.dispatchPackages(namespace: namespace, root: root, order: setup.dispatchOrder)
        // without a namespace dbt looks the name up as a bare name: the node's own package first
        // (a package's node, or a package's macro dbt runs itself, such as collect_freshness)
        if namespace == nil, let local = state?.node.packageName, local != root, !packages.contains(local) {
            packages.insert(local, at: 0)
        }
        for package in packages {
            if let m = implementation(name, in: package) { return m }
            if namespace == nil, let m = macrosByPackage[package]?[name], package == BuiltinMacros.packageName { return m }
        }
        throw TemplateError(.host, "no macro named '\(name)' to dispatch for adapter '\(setup.dialect.name)'",
                            hint: "define '\(setup.dialect.name)__\(name)' or 'default__\(name)' (searched \(packages.joined(separator: ", ")))")
    }

    /// A package's `<adapter>__name`, else its `default__name` (what dispatch takes from it).
    func implementation(_ name: String, in package: String) -> Value? {
        guard let macros = macrosByPackage[package] else { return nil }
        return macros["\(setup.dialect.name)__\(name)"] ?? macros["default__\(name)"]
    }

    /// Whether `get_where_subquery` is dbt's own: no project or package defines it or one of its
    /// dispatch implementations. Then a generic test's `model` argument is its bare relation
    /// unless the test has a `where` config, and need not be rendered through the macro.
    public private(set) lazy var whereSubqueryIsBuiltin = onlyBuiltinsDefine(["get_where_subquery"])

    /// Whether no project or package defines any of `macros`, nor its `default__` or adapter
    /// version: then what they do is flowc's own built-ins.
    func onlyBuiltinsDefine(_ macros: [String]) -> Bool {
        let names = Set(macros.flatMap { [$0, "default__\($0)", "\(setup.dialect.name)__\($0)"] })
        return !macrosByPackage.contains { package, defined in
            package != BuiltinMacros.packageName && defined.keys.contains(where: names.contains)
        }
    }

    /// The built-in generic tests whose SQL BuiltinTestSQL.swift may write: no project or
    /// package defines their test macro, its dispatch implementations or a macro it calls, and
    /// flowc has no adapter-specific version of its own.
    private(set) lazy var intactBuiltinTests: Set<BuiltinTest> = {
        let builtins = macrosByPackage[BuiltinMacros.packageName] ?? [:]
        return Set(BuiltinTest.allCases.filter { test in
            onlyBuiltinsDefine(test.macros) && !test.macros.contains { builtins["\(setup.dialect.name)__\($0)"] != nil }
        })
    }()

    // MARK: rendering

    /// Runs `body` with a renderer set up for a node: its `this`, `model` and extra variables.
    func withNode<T>(_ state: NodeState, _ body: (Renderer) throws -> T) throws -> T {
        let saved = self.state
        self.state = state
        defer { self.state = saved }
        let g = environment
        guard let local = localMacros[state.node.packageName] else { return try withContext(state, g, body) }
        let previous = local.map { g.globals[$0.name] }
        for m in local { g.globals[m.name] = m.value }
        defer { for (m, old) in zip(local, previous) { g.globals[m.name] = old } }
        return try withContext(state, g, body)
    }

    /// `this`, `model` and `execute` for the node, then `body`.
    private func withContext<T>(_ state: NodeState, _ g: Environment, _ body: (Renderer) throws -> T) throws -> T {
        g.globals["execute"] = .bool(state.mode == .compile)
        g.globals["this"] = state.thisValue ?? .object(relation(for: state.node))
        g.globals["model"] = .object(NodeObject(node: state.node, config: state.config, batch: state.batch))
        // dbt's model context: `schema` and `database` are the node's (the target's elsewhere)
        g.globals["schema"] = .string(state.node.schema)
        g.globals["database"] = .string(state.node.database)
        g.globals["thread_id"] = .string(state.threadId)
        let previous = state.contextGlobals.keys.map { ($0, g.globals[$0]) }
        for (k, v) in state.contextGlobals { g.globals[k] = v }
        state.renderDepth += 1
        defer {
            state.renderDepth -= 1
            // what context.update() set lasts until the node's outermost render ends
            if state.renderDepth == 0 {
                for (k, v) in state.contextUpdates { g.globals[k] = v }
                state.contextUpdates = [:]
                for r in state.namespaceRestores.reversed() { r.namespace.macros[r.name] = r.old }
                state.namespaceRestores = []
            }
            for (k, v) in previous { g.globals[k] = v }
        }
        let renderer = Renderer(environment: g, context: state.extraContext)
        renderer.lenientUndefined = state.mode == .parse && state.capturesLeniently
        guard state.recordsOutputSlots else { return try body(renderer) }
        watchOutput(renderer, state, outermost: state.renderDepth == 1)
        defer { if renderer.watchedRead || renderer.leniencyUsed { state.modeDependent = true } }
        return try body(renderer)
    }

    /// Renders a template for a node.
    public func render(_ template: Template, state: NodeState) throws -> String {
        try withNode(state) { try $0.render(template) }
    }

    /// A properties value rendered as dbt's native rendering does (`Renderer.renderNative`).
    public func renderNative(_ template: Template, state: NodeState) throws -> Value {
        try withNode(state) { try $0.renderNative(template) }
    }

    /// dbt's "native" rendering of a test argument: a lone `{{ expr }}` (or `ref('x')`-like
    /// text) yields the expression's value itself, e.g. a Relation; other Jinja renders to text.
    public func evaluateNative(_ text: String, state: NodeState) throws -> Value {
        let t = NodeFactory.stripped(TestKwargs.wrapFunctionCall(text))
        if t.hasPrefix("{{"), t.hasSuffix("}}") {
            let inner = t.dropFirst(2).dropLast(2)
            if !inner.containsBytes("{{") && !inner.containsBytes("}}") {
                let template = try nativeTemplate(String(inner), file: state.node.displayPath)
                return try withNode(state) { r in
                    _ = try r.render(template)
                    return r.root.lookup("__flowc_native") ?? .none
                }
            }
        }
        guard text.holdsJinjaTag else { return .string(text) }
        let template = try environment.parse(text, name: state.node.displayPath)
        return .string(try render(template, state: state))
    }

    /// The parsed `{% set __flowc_native = expr %}` for a test argument, parsed once per file and
    /// text: a model's tests share their `model` argument, and parsing was a third of compiling them.
    private func nativeTemplate(_ expression: String, file: String) throws -> Template {
        let key = file + "\u{0}" + expression
        if let cached = nativeTemplates[key] { return cached }
        let template = try environment.parse("{% set __flowc_native = \(expression) %}", name: file)
        nativeTemplates[key] = template
        return template
    }

    /// Calls a macro by name with the node context (schema/alias naming, test macros).
    /// A package's own definition of a macro, when it has one.
    public func packageMacro(_ package: String, _ name: String) -> Value? { macrosByPackage[package]?[name] }

    /// A package's own definition of a macro, with its parameters.
    public func packageMacroDefinition(_ package: String, _ name: String) -> MacroDefinition? {
        definitionsByPackage[package]?[name]
    }

    /// Calls a macro value with the node context.
    public func call(_ macro: Value, _ args: Arguments, state: NodeState) throws -> Value {
        try withNode(state) { try $0.call(macro, args) }
    }

    public func callMacro(_ name: String, _ args: Arguments, state: NodeState) throws -> Value {
        guard let m = environment.globals[name] else {
            throw TemplateError(.undefined, "no macro named '\(name)'")
        }
        return try withNode(state) { try $0.call(m, args) }
    }

    /// `this`: of no type (None) as dbt's, until a materialization incorporates one; an
    /// ephemeral model's is a CTE.
    func relation(for node: Node) -> RelationObject {
        // Before names are resolved (parse-time rendering; generate_*_name runs after it) a node
        // has no alias: dbt's `this` then names the target's database and schema and the node's
        // own name, whatever its config() will change.
        let named = !node.alias.isEmpty
        return RelationObject(database: named ? node.database : setup.target["database"]?.stringValue ?? node.database,
                              schema: named ? node.schema : setup.target["schema"]?.stringValue ?? node.schema,
                              identifier: named ? node.alias : node.name,
                              type: node.materialized == "ephemeral" ? "cte" : nil, dialect: setup.dialect)
    }

    /// What ref() and source() return when compiling: of no type (None), as dbt's; an
    /// ephemeral model's is a CTE.
    func relation(_ r: ResolvedRelation) -> RelationObject {
        let relation: RelationObject
        if r.materialized == "ephemeral" {
            // an inlined CTE: a bare, unquoted name
            relation = RelationObject(database: nil, schema: nil, identifier: r.identifier, type: "cte", dialect: setup.dialect,
                                      policy: QuotePolicy(database: false, schema: false, identifier: false))
        } else {
            relation = RelationObject(database: r.database, schema: r.schema, identifier: r.identifier,
                                      type: nil, dialect: setup.dialect, policy: r.policy)
        }
        if setup.emptyRelations && state?.readsAllRows != true { relation.limit = 0 }
        if let column = r.eventTime, let window = state?.eventTimeWindow, r.materialized != "ephemeral" {
            relation.eventTimeFilter = setup.dialect.ddl.eventTimeRange(column, window.start, window.end)
        }
        return relation
    }
}
