// Whether a project redefines one of dbt's own macros that flowc runs natively (the DDL of a
// table or view, create_schema, persist_docs, snapshot hashing, the incremental strategies).
// dbt builds these through `adapter.dispatch(name, 'dbt')`, whose search starts at the root
// project (or the `dispatch:` search order for `dbt`), so a project's macro of that name, or
// its `<adapter>__`/`default__` version, replaces dbt's; flowc then calls the project's macro.
import FlowcTemplate

extension RenderWorker {
    /// Whether dbt's dispatch of `name` (in the `dbt` namespace) reaches a macro a project or
    /// package in the search order wrote: `name` itself, `<adapter>__name`, or `default__name`
    /// when the adapter has no `<adapter>__name` of its own (dbt's dispatch tries every package
    /// for the adapter's prefix before any for `default__`).
    public func reachesProjectMacro(_ name: String) -> Bool {
        let adapter = setup.dialect.name
        var candidates = [name, "\(adapter)__\(name)"]
        if !setup.dialect.adapterMacros.contains(name) { candidates.append("default__\(name)") }
        return Self.dbtSearchPackages(setup).contains { package in
            candidates.contains { macroOrigins["macro.\(package).\($0)"] != nil }
        }
    }

    /// Whether any macro of `chain` (a macro and those it is built from) is the project's.
    public func reachesProjectMacro(anyOf chain: [String]) -> Bool {
        chain.contains(where: reachesProjectMacro)
    }

    /// The packages dbt's dispatch searches for `dbt` macros, flowc's built-ins left out.
    static func dbtSearchPackages(_ setup: RenderSetup) -> [String] {
        RenderSetup.dispatchPackages(namespace: BuiltinMacros.packageName, root: setup.projectName, order: setup.dispatchOrder)
            .filter { $0 != BuiltinMacros.packageName }
    }
}
