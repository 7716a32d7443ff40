// What every render of one invocation shares: the project's name and vars, the target, the
// dialect, and all macro files parsed once. Immutable and Sendable, so render workers on many
// threads read it without locks.
import FlowcSQL
import FlowcTemplate

public enum RenderMode: Sendable { case parse, compile }

public struct MacroFile: Sendable {
    public var package: String
    public var path: String
    public var template: Template
    public init(package: String, path: String, template: Template) {
        self.package = package
        self.path = path
        self.template = template
    }
}

public struct RenderSetup: Sendable {
    public var projectName: String
    public var dialect: Dialect
    /// `target` in templates: name, schema, database, type, threads, profile_name, …
    public var target: JSONObject
    /// Project vars (global and the root project's own) merged with `--vars`.
    public var vars: JSONObject
    /// What var() sees in an installed package's nodes, by package: the package's own vars,
    /// then the root project's (global, then `vars: {<package>: …}`), then `--vars`.
    public var packageVars: [String: JSONObject] = [:]
    public var macroFiles: [MacroFile]
    /// `dispatch:` from the project file: macro namespace → package search order.
    public var dispatchOrder: [String: [String]]

    /// The packages `adapter.dispatch(name, namespace)` searches, in order: the project file's
    /// search order for the namespace, else the root project then the namespace (dbt's
    /// built-ins when there is none).
    static func dispatchPackages(namespace: String?, root: String, order: [String: [String]]) -> [String] {
        var packages: [String]
        if let namespace, let configured = order[namespace] {
            packages = configured
        } else if let namespace, namespace != BuiltinMacros.packageName {
            packages = [root, namespace]
        } else {
            packages = [root, BuiltinMacros.packageName]
        }
        if !packages.contains(BuiltinMacros.packageName) && namespace == BuiltinMacros.packageName {
            packages.append(BuiltinMacros.packageName)
        }
        return packages
    }
    public var environment: [String: String]
    public var invocationId: String
    public var runStartedAt: String
    public var fullRefresh = false
    /// `--store-failures` (flags.STORE_FAILURES): tests without a store_failures config store theirs.
    public var storeFailures = false
    /// `--empty`: ref() and source() read no rows (`(select * from x where false limit 0)`), so a
    /// build checks SQL and schemas without scanning data, as dbt's flag does.
    public var emptyRelations = false
    /// The command, as `flags.WHICH` reports it ("compile", "run", "build", …).
    public var which = "compile"
    /// dbt's `invocation_args_dict`: the command's arguments and flags, as run_results.json's
    /// `args` records them.
    public var invocationArgs = JSONObject()
    /// The root project's directory: `root_path` of the nodes `graph` and `results` hold.
    public var projectRoot = ""
    /// What dbt's RuntimeConfig (`builtins.ref.config`) says beyond the invocation's args:
    /// project_name, version, target_path, profile_name, target_name, packages, dependencies.
    public var runtimeConfig = JSONObject()
    /// The adapter's behavior flags (`adapter.behavior.<name>`): dbt's defaults, then the
    /// project file's `flags:` for each.
    public var behaviorFlags: [String: Bool] = [:]
    /// dbt's `selected_resources`: the unique ids a run or compile selected (empty while parsing).
    public var selectedResources: [String] = []

    public init(projectName: String, dialect: Dialect, target: JSONObject, vars: JSONObject, macroFiles: [MacroFile],
                dispatchOrder: [String: [String]], environment: [String: String], invocationId: String,
                runStartedAt: String) {
        self.projectName = projectName
        self.dialect = dialect
        self.target = target
        self.vars = vars
        self.macroFiles = macroFiles
        self.dispatchOrder = dispatchOrder
        self.environment = environment
        self.invocationId = invocationId
        self.runStartedAt = runStartedAt
    }

    /// The vars a node of `package` sees.
    public func vars(for package: String?) -> JSONObject {
        guard let package, let own = packageVars[package] else { return vars }
        return own
    }

    /// The Environment options every flowc render uses (dbt's block tags).
    public static func makeEnvironment() -> Environment {
        let env = Environment()
        env.macroTags = ["test": "test_", "materialization": "materialization_", "data_test": "test_"]
        env.filters.merge(DbtFilters.text) { _, new in new }
        return env
    }
}

/// Where `ref()`/`source()` point at compile time.
public struct ResolvedRelation: Sendable {
    public var uniqueId: String
    public var database: String
    public var schema: String
    public var identifier: String
    public var materialized: String
    /// The node's or source's `event_time` config: a microbatch model reads only its batch's
    /// rows of it.
    public var eventTime: String?
    /// A source's own quoting (`quoting:`); nil for nodes, which the project's policy quotes.
    public var policy: QuotePolicy?
    public init(uniqueId: String, database: String, schema: String, identifier: String, materialized: String,
                eventTime: String? = nil, policy: QuotePolicy? = nil) {
        self.policy = policy
        self.uniqueId = uniqueId
        self.database = database
        self.schema = schema
        self.identifier = identifier
        self.materialized = materialized
        self.eventTime = eventTime
    }
}

public protocol RelationResolver: Sendable {
    func resolveRef(_ call: RefCall, from node: Node) -> ResolvedRelation?
    func resolveSource(_ source: String, _ table: String, from node: Node) -> ResolvedRelation?
}
