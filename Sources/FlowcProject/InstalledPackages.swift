// Packages installed by `dbt deps` under packages-install-path (dbt_packages/): each with its own
// dbt_project.yml, read with the same discovery as the root project, so its macros (dbt_utils,
// dbt_expectations, …) and its models, seeds, snapshots, analyses, singular tests, docs and
// properties YAML (dbt_project_evaluator, fivetran source packages, …) join the root project's.

public struct InstalledPackage: Sendable {
    /// The package's project name (what `dbt_utils.x`, dispatch namespaces, unique ids use).
    public var name: String
    /// Absolute path of the package directory.
    public var root: String
    /// The package directory relative to the root project ("dbt_packages/dbt_utils").
    public var relativeRoot: String
    /// The package's own dbt_project.yml: its resource paths, folder configs and vars.
    public var config: ProjectConfig
    /// Its macro files (macro-paths, and generic tests under test-paths/generic), paths
    /// relative to the package root.
    public var macroFiles: [ProjectFile]
    /// Its other resource files (models, seeds, snapshots, analyses, singular tests, docs,
    /// properties), sorted by path. Paths are relative to the ROOT project
    /// ("dbt_packages/pkg/models/x.sql") so that errors name a file the user can open;
    /// `localPath` gives the package-relative path dbt writes in the manifest.
    public var files: [ProjectFile] = []
    /// One per properties file, in path order; paths (and spans) as in `files`.
    public var properties: [PropertiesFile] = []

    public init(name: String, root: String, relativeRoot: String, config: ProjectConfig, macroFiles: [ProjectFile]) {
        self.name = name
        self.root = root
        self.relativeRoot = relativeRoot
        self.config = config
        self.macroFiles = macroFiles
    }

    /// A root-relative path of one of `files` as a path relative to the package root.
    public func localPath(_ path: String) -> String {
        let prefix = relativeRoot + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

enum InstalledPackages {
    /// `cliVars` and `target` render the packages' project files as the root's (a package may
    /// enable a folder only on some adapters: `+enabled: "{{ target.type == 'postgres' }}"`).
    static func load(projectRoot: String, config: ProjectConfig, cliVars: YAMLValue? = nil, target: Target? = nil,
                     environment: [String: String]) -> ([InstalledPackage], [Diagnostic]) {
        let base = projectRoot + "/" + config.packagesInstallPath
        guard FileSystem.isDirectory(base) else { return ([], []) }
        var packages: [InstalledPackage] = []
        var diagnostics: [Diagnostic] = []
        var directoryOf: [String: String] = [:]  // package name → its folder, to refuse a second one
        // A malformed --vars is the root project's error, reported once by its loader.
        let vars = cliVars.flatMap { $0.isMap ? $0 : nil }
        for (entry, _) in FileSystem.list(base).sorted(by: { $0.name < $1.name }) where !entry.hasPrefix(".") {
            let root = base + "/" + entry
            guard FileSystem.isDirectory(root) else { continue }
            let relativeRoot = config.packagesInstallPath + "/" + entry
            let projectFile = relativeRoot + "/dbt_project.yml"
            guard ProjectLoader.projectFileNames.contains(where: { FileSystem.isFile(root + "/" + $0) }) else {
                // dbt: "Failed to read package"; a half-installed package would lose its macros silently.
                diagnostics.append(Diagnostic(.error, "package \(relativeRoot) has no dbt_project.yml", span: .start(of: projectFile),
                                              hint: "run `dbt deps` again to reinstall it, or remove the folder"))
                continue
            }
            let (read, found) = ProjectLoader.readConfigFile(root: root, cliVars: vars, target: target,
                                                             environment: environment)
            // The package's file is named from the root project, so errors point at a file the
            // user can open; its errors stop the load as the root project's do (a package without
            // `name:` would otherwise make ids like `model..x`).
            // (Notes, such as "require-dbt-version is not checked", are about the root project.)
            let placed = found.filter { $0.severity != .note }.map { d -> Diagnostic in
                var d = d
                d.span = d.span.map { var s = $0; s.file = relativeRoot + "/" + s.file; return s } ?? .start(of: projectFile)
                return d
            }
            diagnostics.append(contentsOf: placed)
            guard let pkgConfig = read, !placed.contains(where: \.isError) else { continue }
            if let other = directoryOf[pkgConfig.name] {
                // dbt's NonUniquePackageNameError: unique ids and macro namespaces would collide.
                diagnostics.append(Diagnostic(.error, "packages \(other) and \(relativeRoot) are both named '\(pkgConfig.name)'",
                                              span: .start(of: projectFile),
                                              hint: "remove one of them (check packages.yml and run `dbt deps` again)"))
                continue
            }
            directoryOf[pkgConfig.name] = relativeRoot
            if pkgConfig.name == config.name {
                // dbt refuses a package that shares the root project's name: every unique id
                // would be ambiguous. Reading only its macros (as before) keeps old projects working.
                diagnostics.append(Diagnostic(.warning, "package \(entry) has the root project's name '\(config.name)'; only its macros are read",
                                              span: .start(of: projectFile)))
            }
            var macroFiles: [ProjectFile] = []
            var package = InstalledPackage(name: pkgConfig.name, root: root, relativeRoot: relativeRoot,
                                           config: pkgConfig, macroFiles: [])
            for item in Discovery.discover(root: root, config: pkgConfig) {
                guard let text = FileSystem.read(item.absolutePath) else {
                    diagnostics.append(Diagnostic(.warning, "cannot read \(relativeRoot)/\(item.path); it is skipped",
                                                  span: .start(of: relativeRoot + "/" + item.path)))
                    continue
                }
                if item.kind == .macro || item.kind == .genericTestDefinition {
                    macroFiles.append(ProjectFile(path: item.path, absolutePath: item.absolutePath, text: text, kind: item.kind))
                    continue
                }
                if pkgConfig.name == config.name { continue }
                let path = relativeRoot + "/" + item.path
                package.files.append(ProjectFile(path: path, absolutePath: item.absolutePath, text: text, kind: item.kind))
                if item.kind == .properties {
                    let (properties, found) = PropertiesFile.parse(path: path, text: text)
                    package.properties.append(properties)
                    diagnostics.append(contentsOf: found)
                }
            }
            package.macroFiles = macroFiles
            packages.append(package)
        }
        return (packages, diagnostics)
    }
}
