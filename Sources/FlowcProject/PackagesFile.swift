// packages.yml (or dependencies.yml): the packages a project depends on, as `dbt deps` reads
// them. Loading a project checks that as many are installed as are listed (dbt's "package(s)
// specified … but only … installed"), and `flowc deps` installs them.

public struct PackageSpec: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// `package: dbt-labs/dbt_utils` with `version:` (one or a list of ranges).
        case hub(package: String, versions: [String])
        /// `git:` with `revision:` (tag, branch or commit), `subdirectory:`, `warn-unpinned:`.
        case git(url: String, revision: String?, subdirectory: String?, warnUnpinned: Bool?)
        /// `local:` a folder, relative to the project.
        case local(path: String)
        /// `tarball:` a URL, with the package's `name:`.
        case tarball(url: String, name: String)
        /// `private: org/repo` (a git provider of dbt Cloud).
        case privateRepository(String)
    }

    public var source: Source
    /// The entry in the packages file.
    public var span: SourceSpan

    public init(source: Source, span: SourceSpan) {
        self.source = source
        self.span = span
    }
}

public struct PackagesFile: Sendable {
    /// "packages.yml" or "dependencies.yml".
    public var fileName: String
    public var packages: [PackageSpec]

    public static let fileNames = ["packages.yml", "dependencies.yml"]

    /// The project's packages file, nil when it has none. Jinja in its values renders with
    /// `env_var()` and `var()` (from `--vars`), as dbt renders it.
    public static func read(root: String, cliVars: YAMLValue? = nil,
                            environment: [String: String]) -> (PackagesFile?, [Diagnostic]) {
        let present = fileNames.filter { FileSystem.isFile(root + "/" + $0) }
        guard let fileName = present.first else { return (nil, []) }
        if present.count > 1 {
            return (nil, [Diagnostic(.error, "both packages.yml and dependencies.yml list packages",
                                     span: .start(of: "dependencies.yml"),
                                     hint: "keep the packages in one of them, as dbt requires")])
        }
        guard let text = FileSystem.read(root + "/" + fileName) else {
            return (nil, [Diagnostic(.error, "cannot read \(fileName)", span: .start(of: fileName))])
        }
        return parse(text, fileName: fileName, cliVars: cliVars, environment: environment)
    }

    static func parse(_ text: String, fileName: String, cliVars: YAMLValue?,
                      environment: [String: String]) -> (PackagesFile?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let parsed = YAMLReader.parse(text, file: fileName)
        diagnostics.append(contentsOf: parsed.diagnostics)
        guard let document = parsed.value, !diagnostics.contains(where: \.isError) else { return (nil, diagnostics) }
        let templating = YAMLTemplating(environment: environment, vars: cliVars?.entries?.map { ($0.key, $0.value) } ?? [],
                                        varsHint: "pass it with --vars", target: nil)
        let rendered = templating.render(document, text: text, deferred: { _ in false })
        diagnostics.append(contentsOf: templating.diagnostics)
        var file = PackagesFile(fileName: fileName, packages: [])
        guard let list = rendered["packages"] else {
            // dependencies.yml may hold only `projects:` (dbt Mesh); an empty file lists nothing
            return (file, diagnostics)
        }
        guard let items = list.list else {
            if !list.isNull {
                diagnostics.append(.error("`packages:` must be a list, found \(list.kindName)", at: list.span, in: text,
                                          hint: "list each package as `- package: …`, `- git: …` or `- local: …`"))
            }
            return (file, diagnostics)
        }
        for item in items {
            switch spec(item) {
            case .success(let spec): file.packages.append(spec)
            case .failure(let problem):
                diagnostics.append(.error(problem.message, at: problem.span ?? item.span, in: text, hint: problem.hint))
            }
        }
        return (file, diagnostics)
    }

    struct Problem: Error {
        var message: String
        var span: SourceSpan?
        var hint: String?
    }

    static func spec(_ item: YAMLValue) -> Result<PackageSpec, Problem> {
        guard item.isMap else {
            return .failure(Problem(message: "a package entry must be a mapping, found \(item.kindName)",
                                    hint: "e.g. `- package: dbt-labs/dbt_utils` with `version: [\">=1.0.0\", \"<2.0.0\"]`"))
        }
        func text(_ key: String) -> String? { item[key]?.scalarText }
        let span = item.span
        if let package = text("package") {
            var versions: [String] = []
            if let list = item["version"]?.list { versions = list.compactMap(\.scalarText) }
            else if let one = text("version") { versions = [one] }
            guard !versions.isEmpty else {
                return .failure(Problem(message: "package '\(package)' has no version", span: item.entry("package")?.value.span,
                                        hint: "add `version:`, e.g. `version: [\">=1.0.0\", \"<2.0.0\"]`"))
            }
            return .success(PackageSpec(source: .hub(package: package, versions: versions), span: span))
        }
        if let url = text("git") {
            return .success(PackageSpec(source: .git(url: url, revision: text("revision"), subdirectory: text("subdirectory"),
                                                     warnUnpinned: item["warn-unpinned"]?.bool), span: span))
        }
        if let path = text("local") {
            return .success(PackageSpec(source: .local(path: path), span: span))
        }
        if let url = text("tarball") {
            guard let name = text("name") else {
                return .failure(Problem(message: "tarball package \(url) has no name",
                                        hint: "add `name:` with the package's project name"))
            }
            return .success(PackageSpec(source: .tarball(url: url, name: name), span: span))
        }
        if let repository = text("private") {
            return .success(PackageSpec(source: .privateRepository(repository), span: span))
        }
        return .failure(Problem(message: "a package entry needs one of package:, git:, local:, tarball: or private:",
                                hint: "found " + item.keys.map { "`\($0):`" }.joined(separator: ", ")))
    }
}
