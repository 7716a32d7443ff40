// Packages installed by `dbt deps` under packages-install-path (dbt_packages/): each with its own
// dbt_project.yml. flowc reads their macros (dbt_utils, dbt_expectations, …) so projects that
// call `dbt_utils.star(...)` or dispatch into a package work unchanged.

public struct InstalledPackage: Sendable {
    /// The package's project name (what `dbt_utils.x` and dispatch namespaces use).
    public var name: String
    /// Absolute path of the package directory.
    public var root: String
    /// Its macro files (macro-paths, and generic tests under test-paths/generic), paths
    /// relative to the package root.
    public var macroFiles: [ProjectFile]
}

enum InstalledPackages {
    static func load(projectRoot: String, config: ProjectConfig, environment: [String: String])
        -> ([InstalledPackage], [Diagnostic]) {
        let base = projectRoot + "/" + config.packagesInstallPath
        guard FileSystem.isDirectory(base) else { return ([], []) }
        var packages: [InstalledPackage] = []
        var diagnostics: [Diagnostic] = []
        for (entry, _) in FileSystem.list(base).sorted(by: { $0.name < $1.name }) where !entry.hasPrefix(".") {
            let root = base + "/" + entry
            guard FileSystem.isDirectory(root) else { continue }
            let (read, found) = ProjectLoader.readConfigFile(root: root, cliVars: nil, target: nil,
                                                             environment: environment)
            guard let pkgConfig = read else {
                diagnostics.append(contentsOf: found.filter(\.isError).map {
                    var d = $0
                    d.severity = .warning
                    d.message = "package \(entry) is skipped: " + d.message
                    return d
                })
                continue
            }
            var files: [ProjectFile] = []
            for item in Discovery.discover(root: root, config: pkgConfig)
            where item.kind == .macro || item.kind == .genericTestDefinition {
                guard let text = FileSystem.read(item.absolutePath) else { continue }
                files.append(ProjectFile(path: item.path, absolutePath: item.absolutePath, text: text, kind: item.kind))
            }
            packages.append(InstalledPackage(name: pkgConfig.name, root: root, macroFiles: files))
        }
        return (packages, diagnostics)
    }
}
