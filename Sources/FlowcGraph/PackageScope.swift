// One project whose files become nodes: the root project or a package installed under
// dbt_packages/. The graph stage walks every scope the same way; what differs is the name in
// unique ids and fqns, which dbt_project.yml's paths and folder configs apply, and where the
// files sit (a package's files are named relative to the root project, so errors point at a
// file the user can open, and `local` gives the package-relative path dbt writes).
import FlowcProject

/// A class, shared rather than copied: every generic test's request and every file's work item
/// names its scope, and copying the project config with it each time was a visible serial cost
/// of building a large project's graph. Nothing changes a scope once made.
final class PackageScope: Sendable {
    let name: String
    let config: ProjectConfig
    let files: [ProjectFile]
    let properties: [PropertiesFile]
    /// "" for the root project; "dbt_packages/<dir>/" for an installed package.
    let prefix: String

    init(name: String, config: ProjectConfig, files: [ProjectFile], properties: [PropertiesFile], prefix: String) {
        self.name = name
        self.config = config
        self.files = files
        self.properties = properties
        self.prefix = prefix
    }

    var isRoot: Bool { prefix.isEmpty }

    /// The folder configs along `fqn` in one of the project file's resource trees (`unit_tests:`,
    /// `exposures:`): this project's, then, for a package, the root project's, as dbt layers them.
    func folderLayers(_ tree: KeyPath<ProjectConfig, YAMLValue?>, fqn: [String], root: ProjectConfig) -> [JSONObject] {
        var trees = [config[keyPath: tree]]
        if !isRoot { trees.append(root[keyPath: tree]) }
        return trees.flatMap { ConfigResolver.layers(in: $0, fqn: fqn) }
    }

    /// A root-relative path as a path relative to this scope's project root.
    func local(_ path: String) -> String {
        guard !prefix.isEmpty, path.hasPrefix(prefix) else { return path }
        return String(path.dropFirst(prefix.count))
    }

    /// The root project first, then each installed package (in directory order). A package with
    /// the root's name contributes macros only (the loader warned about it).
    static func all(_ project: Project) -> [PackageScope] {
        var out = [PackageScope(name: project.config.name, config: project.config, files: project.files,
                                properties: project.properties, prefix: "")]
        for p in project.packages where p.name != project.config.name {
            out.append(PackageScope(name: p.name, config: p.config, files: p.files, properties: p.properties,
                                    prefix: p.relativeRoot + "/"))
        }
        return out
    }
}

extension Node {
    /// The node's file named relative to the root project (for a package's node,
    /// "dbt_packages/<dir>/models/x.sql"): where diagnostics point.
    public var displayPath: String { span?.file ?? originalFilePath }
}
