// A loaded project: its configuration, every discovered file, the parsed properties YAML and
// the warnings and notes found on the way. The output of `ProjectLoader.load`.

public struct Project: Sendable {
    /// Absolute path of the project directory.
    public var root: String
    public var config: ProjectConfig
    /// Every discovered file, sorted by path.
    public var files: [ProjectFile]
    /// One per `.properties` file, in the same (path) order.
    public var properties: [PropertiesFile]
    /// Warnings and notes (errors are thrown as `ProjectErrors` instead).
    public var diagnostics: [Diagnostic]
    /// The `--vars` given to the loader (a mapping), which override `config.vars`.
    public var cliVars: YAMLValue?
    /// Packages installed under packages-install-path: their macros and resource files.
    public var packages: [InstalledPackage] = []
    /// Python models found under the model paths (reported, not built), for the hint of a
    /// ref() that names one.
    public var pythonModelPaths: [String] = []

    public init(root: String, config: ProjectConfig, files: [ProjectFile], properties: [PropertiesFile],
                diagnostics: [Diagnostic], cliVars: YAMLValue? = nil) {
        self.root = root
        self.config = config
        self.files = files
        self.properties = properties
        self.diagnostics = diagnostics
        self.cliVars = cliVars
    }

    /// Files of one kind, in path order.
    public func files(_ kind: ProjectFile.Kind) -> [ProjectFile] {
        files.filter { $0.kind == kind }
    }

    /// The file at a root-relative path.
    public func file(at path: String) -> ProjectFile? {
        files.first { $0.path == path }
    }
}
