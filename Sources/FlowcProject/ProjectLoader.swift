// Loading a project directory: read flowc.yml (or dbt_project.yml), render the Jinja in its
// values as dbt does, discover the resource files, read them and parse every properties YAML.
// Collects every error it can before giving up, so one run shows them all.

import Foundation

public enum ProjectLoader {
    /// Project file names, in the order they are looked for.
    public static let projectFileNames = ["flowc.yml", "dbt_project.yml"]

    /// Reads flowc.yml or (when absent) dbt_project.yml in `root`, discovers files, parses every
    /// properties YAML. Throws `ProjectErrors` (all diagnostics) when any error was found.
    public static func load(root: String, vars cliVars: YAMLValue? = nil) throws -> Project {
        try load(root: root, vars: cliVars, target: nil, environment: ProcessInfo.processInfo.environment)
    }

    /// `load` with the target the project's `{{ target.… }}` values render against (without one
    /// they stay unrendered, with a warning) and the environment `env_var` reads.
    public static func load(root: String, vars cliVars: YAMLValue?, target: Target?,
                            environment: [String: String]) throws -> Project {
        let absoluteRoot = FileSystem.absolute(root)
        let (read, configDiagnostics) = readConfigFile(root: absoluteRoot, cliVars: cliVars, target: target,
                                                       environment: environment)
        guard let config = read else { throw ProjectErrors(configDiagnostics) }
        var diagnostics = configDiagnostics

        let found = Discovery.discover(root: absoluteRoot, config: config)
        let loaded = Parallel.map(found) { item -> LoadedFile in
            if item.kind == .pythonModel {
                return LoadedFile(file: nil, properties: nil, diagnostics: [
                    Diagnostic(.warning, "\(item.path) is a Python model, which flowc does not build; it is left out of the project",
                               span: .start(of: item.path),
                               hint: "dbt runs Python models on Snowflake, Databricks and BigQuery only; write the model in SQL to build it with flowc"),
                ])
            }
            guard let text = FileSystem.read(item.absolutePath) else {
                return LoadedFile(file: nil, properties: nil, diagnostics: [
                    Diagnostic(.error, "cannot read \(item.path)", span: .start(of: item.path)),
                ])
            }
            // a seed's bytes are the seed loader's to judge
            if item.kind != .seed, let bad = TextFileCheck.problem(in: text, path: item.path, absolutePath: item.absolutePath) {
                return LoadedFile(file: nil, properties: nil, diagnostics: [bad])
            }
            let file = ProjectFile(path: item.path, absolutePath: item.absolutePath, text: text, kind: item.kind)
            guard item.kind == .properties else { return LoadedFile(file: file, properties: nil, diagnostics: []) }
            let (properties, found) = PropertiesFile.parse(path: item.path, text: text)
            return LoadedFile(file: file, properties: properties, diagnostics: found)
        }
        var files: [ProjectFile] = []
        files.reserveCapacity(loaded.count)
        var properties: [PropertiesFile] = []
        for item in loaded {
            if let file = item.file { files.append(file) }
            if let p = item.properties { properties.append(p) }
            diagnostics.append(contentsOf: item.diagnostics)
        }
        // Installed packages' files count like the project's own: an error in one stops the load.
        let (packages, packageDiagnostics) = InstalledPackages.load(projectRoot: absoluteRoot, config: config, cliVars: cliVars,
                                                                    target: target, environment: environment)
        diagnostics.append(contentsOf: packageDiagnostics)
        diagnostics.append(contentsOf: uninstalledPackages(root: absoluteRoot, config: config, installed: packages.count,
                                                           cliVars: cliVars, environment: environment))
        if diagnostics.contains(where: \.isError) {
            throw ProjectErrors(ordered(diagnostics))
        }
        var project = Project(root: absoluteRoot, config: config, files: files, properties: properties,
                              diagnostics: diagnostics, cliVars: cliVars)
        project.packages = packages
        project.pythonModelPaths = found.filter { $0.kind == .pythonModel }.map(\.path)
        return project
    }

    /// dbt's check before it parses: fewer packages installed than packages.yml lists means a
    /// fresh clone without `deps`, which would otherwise surface as "'dbt_utils' is undefined".
    static func uninstalledPackages(root: String, config: ProjectConfig, installed: Int, cliVars: YAMLValue?,
                                    environment: [String: String]) -> [Diagnostic] {
        let (file, diagnostics) = PackagesFile.read(root: root, cliVars: cliVars, environment: environment)
        guard let file, file.packages.count > installed else { return diagnostics }
        let listed = file.packages.count
        return diagnostics + [Diagnostic(
            .error, "\(listed) package\(listed == 1 ? " is" : "s are") listed in \(file.fileName), but only \(installed) "
                + "\(installed == 1 ? "is" : "are") installed in \(config.packagesInstallPath)",
            span: file.packages.first?.span ?? .start(of: file.fileName),
            hint: "run `flowc deps` (or `dbt deps`) to install them")]
    }

    /// Only the project file (no discovery): enough to learn the profile name before loading
    /// the profile and then the whole project with its target. Throws `ProjectErrors`.
    public static func readConfig(root: String, vars cliVars: YAMLValue? = nil, target: Target? = nil,
                                  environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> (config: ProjectConfig, diagnostics: [Diagnostic]) {
        let (config, diagnostics) = readConfigFile(root: FileSystem.absolute(root), cliVars: cliVars,
                                                   target: target, environment: environment)
        guard let config, !diagnostics.contains(where: \.isError) else { throw ProjectErrors(ordered(diagnostics)) }
        return (config, diagnostics)
    }

    struct LoadedFile: Sendable {
        var file: ProjectFile?
        var properties: PropertiesFile?
        var diagnostics: [Diagnostic]
    }

    /// Errors first (in the order found), then warnings and notes.
    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter(\.isError) + diagnostics.filter { !$0.isError }
    }

    /// The project file's `target-path` (default `target`), read without loading the project:
    /// for commands that only look at what an earlier command wrote (`flowc docs serve`).
    public static func targetPath(root: String, environment: [String: String]) -> String {
        readConfigFile(root: root, cliVars: nil, target: nil, environment: environment).0?.targetPath ?? "target"
    }

    /// The config, or nil when the project file is missing or unreadable as YAML; diagnostics
    /// may include errors either way.
    static func readConfigFile(root: String, cliVars: YAMLValue?, target: Target?,
                               environment: [String: String]) -> (ProjectConfig?, [Diagnostic]) {
        guard let fileName = projectFileNames.first(where: { FileSystem.isFile(root + "/" + $0) }) else {
            let message = FileSystem.isDirectory(root)
                ? "no flowc.yml or dbt_project.yml in \(root)" : "no project directory at \(root)"
            return (nil, [Diagnostic(.error, message, hint: "run `flowc init NAME` to create a project")])
        }
        guard let text = FileSystem.read(root + "/" + fileName) else {
            return (nil, [Diagnostic(.error, "cannot read \(root)/\(fileName)", span: .start(of: fileName))])
        }
        var diagnostics: [Diagnostic] = []
        if fileName == "flowc.yml", FileSystem.isFile(root + "/dbt_project.yml") {
            diagnostics.append(Diagnostic(.note, "using flowc.yml; dbt_project.yml is ignored",
                                          span: .start(of: "dbt_project.yml")))
        }
        // Parsing and rendering recurse once per nesting level: on a worker's large stack.
        let read = Parallel.run {
            interpret(text, fileName: fileName, cliVars: cliVars, target: target, environment: environment)
        }
        diagnostics.append(contentsOf: read?.1 ?? [])
        return (read?.0, diagnostics)
    }

    /// The project file's text → config: parse, render Jinja as dbt does, read the keys.
    static func interpret(_ text: String, fileName: String, cliVars: YAMLValue?, target: Target?,
                          environment: [String: String]) -> (ProjectConfig?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let parsed = YAMLReader.parseFile(text, file: fileName)
        diagnostics.append(contentsOf: parsed.diagnostics)
        guard let document = parsed.value else {
            if !diagnostics.contains(where: \.isError) {
                diagnostics.append(.error("\(fileName) is empty", at: .start(of: fileName), in: text,
                                          hint: "it needs at least `name: my_project`"))
            }
            return (nil, diagnostics)
        }
        if let cliVars, !cliVars.isMap, !cliVars.isNull {
            diagnostics.append(Diagnostic(.error, "--vars must be a mapping, e.g. '{start_date: 2024-01-01}'; found \(cliVars.kindName)",
                                          span: nil))
        }

        // dbt renders the project file before its vars exist: var() there sees --vars only
        let vars = varTable(cliVars: cliVars)
        let templating = YAMLTemplating(environment: environment, vars: vars,
                                        varsHint: "\(fileName) sees only --vars (its own `vars:` are not set yet, as in dbt): "
                                            + "pass --vars or give var() a default", target: target)
        let rendered = templating.render(document, text: text, deferred: isDeferred)
        diagnostics.append(contentsOf: templating.diagnostics)

        var (config, configDiagnostics) = ProjectConfig.parse(rendered, fileName: fileName, text: text)
        config.unrendered = document
        diagnostics.append(contentsOf: configDiagnostics)
        return (config, diagnostics)
    }

    /// Another file at the project root that dbt renders like the project file (selectors.yml):
    /// parsed, then every string value with Jinja rendered against the target, `env_var` and
    /// `--vars`. Nil when the file is missing. Throws `ProjectErrors`
    /// (YAML or rendering errors, at their places).
    public static func renderedRootFile(_ fileName: String, project: Project, target: Target?,
                                        environment: [String: String]) throws -> YAMLValue? {
        guard let text = FileSystem.read(project.root + "/" + fileName) else { return nil }
        // rendered as dbt renders the project file: var() sees --vars only
        let projectVars = varTable(cliVars: project.cliVars)
        // Parsing and rendering recurse once per nesting level: on a worker's large stack.
        let result = Parallel.run { () -> (YAMLValue?, [Diagnostic]) in
            let parsed = YAMLReader.parseFile(text, file: fileName)
            guard let document = parsed.value, !parsed.diagnostics.contains(where: \.isError) else {
                return (nil, parsed.diagnostics)
            }
            let templating = YAMLTemplating(environment: environment, vars: projectVars,
                                            varsHint: "\(fileName) sees only --vars, as in dbt: pass --vars or give var() a default",
                                            target: target)
            let rendered = templating.render(document, text: text, deferred: { _ in false })
            return (rendered, parsed.diagnostics + templating.diagnostics)
        }
        let diagnostics = result?.1 ?? []
        if diagnostics.contains(where: \.isError) { throw ProjectErrors(diagnostics) }
        return result?.0
    }

    /// What var() sees in the project file's values (and selectors.yml's): --vars alone.
    static func varTable(cliVars: YAMLValue?) -> [(String, YAMLValue)] {
        (cliVars?.entries ?? []).map { ($0.key, $0.value) }
    }

    /// Keys of the project file that dbt renders later, in their own context: vars, run hooks,
    /// the query comment, and pre-/post-hooks (any spelling) in resource configs.
    static func isDeferred(_ path: [String]) -> Bool {
        guard let first = path.first, let last = path.last else { return false }
        if path.count == 1 {
            return first == "vars" || first == "on-run-start" || first == "on-run-end" || first == "query-comment"
        }
        guard resourceConfigKeys.contains(first) else { return false }
        var hook = Substring(last)
        while let c = hook.first, c == "+" || c == " " { hook = hook.dropFirst() }
        return hook == "pre-hook" || hook == "post-hook" || hook == "pre_hook" || hook == "post_hook"
    }

    static let resourceConfigKeys: Set<String> = ["models", "seeds", "snapshots", "tests", "data_tests"]
}
