// dbt's RuntimeConfig as templates reach it (`builtins.ref.config`, elementary's
// get_runtime_config()): the project's name, version and target path, the profile and target,
// `args` (the invocation's flags, by attribute), `packages.packages` (packages.yml's entries)
// and `dependencies` (the installed packages by name, each with its version).
import FlowcTemplate

/// `builtins.ref`: dbt's ref function object, callable as ref() and carrying `config`.
final class RefFunctionObject: TemplateObject {
    let ref: Value
    let config: RuntimeConfigObject

    init(ref: Value, config: RuntimeConfigObject) {
        self.ref = ref
        self.config = config
    }

    var typeName: String { "RuntimeRefResolver" }
    var pythonRepr: String { "<dbt.context.providers.RuntimeRefResolver object>" }
    func render(renderer: Renderer) throws -> String { pythonRepr }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        name == "config" ? .object(config) : nil
    }

    func item(_ key: Value, renderer: Renderer) throws -> Value? { nil }

    func call(_ args: Arguments, renderer: Renderer) throws -> Value? {
        try renderer.call(ref, args)
    }
}

final class RuntimeConfigObject: TemplateObject {
    let setup: RenderSetup

    init(setup: RenderSetup) { self.setup = setup }

    var typeName: String { "RuntimeConfig" }
    var pythonRepr: String { "RuntimeConfig(project_name=\(Value.string(setup.projectName).pythonRepr))" }
    func render(renderer: Renderer) throws -> String { pythonRepr }
    func item(_ key: Value, renderer: Renderer) throws -> Value? { nil }

    func attribute(_ name: String, renderer: Renderer) throws -> Value? {
        switch name {
        // the invocation's flags, read by attribute (`args.select`, `args.require_…`); one it
        // does not have is None
        case "args":
            // click's multiple options (select, exclude, …) are tuples on dbt's Namespace
            let d = DictBox()
            for (k, v) in setup.invocationArgs {
                if case .array(let items) = v { d.set(k, .tuple(items.map { Value(json: $0) })) } else { d.set(k, Value(json: v)) }
            }
            return .object(AttributeMap(name: "Namespace", values: .dict(d)))
        case "packages", "dependencies":
            guard let v = setup.runtimeConfig[name] else { return Value.none }
            return .object(AttributeMap(name: name == "packages" ? "PackageConfig" : "dict", values: Value(json: v)))
        default:
            return setup.runtimeConfig[name].map { Value(json: $0) }
        }
    }
}
