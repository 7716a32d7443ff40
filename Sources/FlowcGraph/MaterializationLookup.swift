// Which `{% materialization %}` macro builds a model, by dbt's rules: the adapter's own before
// `default`, then the root project before installed packages. flowc builds table, view,
// incremental, materialized_view and snapshot natively; of those the root project may redefine
// table, view and incremental (dbt lets only the root project override a built-in one;
// packages need a flag dbt 1.11 leaves off). Redefined materialized_view and snapshot
// materializations are reported and not used: they lean on dbt's internal macros for
// materialized-view changes and snapshot staging, which flowc does not have.

public enum MaterializationLookup {
    /// Built natively; a root project's macro for these replaces flowc's build.
    public static let overridable: Set<String> = ["table", "view", "incremental"]
    /// Built natively, whatever the project defines.
    public static let nativeOnly: Set<String> = ["materialized_view", "snapshot", "ephemeral", "seed", "test"]

    /// Whether flowc builds `name` itself (a model's SQL then runs as written).
    public static func isNative(_ name: String) -> Bool {
        overridable.contains(name) || nativeOnly.contains(name)
    }

    /// The package and macro name (`materialization_<name>_<adapter>`) that builds `name`, if a
    /// project or package defines one that applies. `defines(package, macro)` says whether a
    /// package has a macro; `packages` are the installed packages (not the root, not flowc's own).
    public static func find(_ name: String, adapter: String, root: String, packages: [String],
                            defines: (String, String) -> Bool) -> (package: String, macro: String)? {
        guard !nativeOnly.contains(name) else { return nil }
        for type in [adapter, "default"] {
            let macro = "materialization_\(name)_\(type)"
            if defines(root, macro) { return (root, macro) }
            if overridable.contains(name) { continue }
            for package in packages.sorted() where defines(package, macro) { return (package, macro) }
        }
        return nil
    }

    /// The root project's redefinition of a materialization flowc keeps building itself.
    public static func ignoredOverride(_ name: String, adapter: String, root: String, defines: (String, String) -> Bool) -> String? {
        guard ["materialized_view", "snapshot"].contains(name) else { return nil }
        return [adapter, "default"].map { "materialization_\(name)_\($0)" }.first { defines(root, $0) }
    }
}
