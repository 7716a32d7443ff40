// Macros dbt calls by name from Python (not from a template) that a project or a package may
// replace: dbt finds such a macro root project first, then installed packages, then its own,
// and its own dispatches in the `dbt` namespace, where the root project's (or the dispatch
// order's) `<adapter>__name` / `default__name` win over dbt's. Used by `source freshness`
// (`collect_freshness`), which flowc otherwise computes natively.
import FlowcTemplate

extension RenderWorker {
    /// The macro that replaces dbt's `name`, with its package (dbt runs it with that package's
    /// macros first, so its `adapter.dispatch('x')` finds the package's `default__x`), or nil
    /// when dbt's own would run.
    public func replacingMacro(_ name: String) -> (package: String, macro: Value)? {
        let root = setup.projectName
        let builtin = BuiltinMacros.packageName
        for package in [root] + macrosByPackage.keys.sorted() where package == root || package != builtin {
            if let m = packageMacro(package, name) { return (package, m) }
        }
        for package in RenderSetup.dispatchPackages(namespace: builtin, root: root, order: setup.dispatchOrder) {
            if let m = implementation(name, in: package) { return package == builtin ? nil : (package, m) }
        }
        return nil
    }

    /// The first row of what a macro returned, as text: an agate table, or a `load_result`
    /// dict holding one (`table`); nil for anything else. `rows` is the table's row count.
    public func firstRow(of value: Value, state: NodeState) throws -> (cells: [String], rows: Int)? {
        var table = value
        if case .dict(let d) = value, let t = d.get("table") { table = t }
        guard case .object(let o) = table, let t = o as? ResultTableObject else { return nil }
        guard let row = t.rawRows.first else { return ([], 0) }
        let cells = try withNode(state) { r in try row.map { try r.str($0) } }
        return (cells, t.rawRows.count)
    }
}

extension RenderWorker {
    /// Makes `package.name(…)` reach `value` (a unit test's `overrides: macros: {pkg.name: …}`,
    /// which dbt applies to the package's namespace) until the returned closure runs; a package
    /// with no namespace here changes nothing.
    /// Whether `package.name(…)` reaches a macro.
    public func hasNamespacedMacro(_ package: String, _ name: String) -> Bool {
        guard case .object(let o)? = environment.globals[package], let ns = o as? PackageNamespace else { return false }
        return ns.macros[name] != nil
    }

    public func overrideNamespacedMacro(_ package: String, _ name: String, with value: Value) -> () -> Void {
        guard case .object(let o)? = environment.globals[package], let ns = o as? PackageNamespace else { return {} }
        let old = ns.macros[name]
        ns.macros[name] = value
        return { ns.macros[name] = old }
    }
}
