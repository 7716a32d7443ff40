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
    /// The entry's `name:` when the file gives one (dbt hashes it but names the package from
    /// its own project file).
    public var name: String?
    /// The entry as written (before Jinja) and as rendered: package-lock.yml's `sha1_hash`
    /// covers both.
    public var raw: YAMLValue?
    public var rendered: YAMLValue?

    public init(source: Source, span: SourceSpan, name: String? = nil, raw: YAMLValue? = nil, rendered: YAMLValue? = nil) {
        self.source = source
        self.span = span
        self.name = name
        self.raw = raw
        self.rendered = rendered
    }

    public static func == (a: PackageSpec, b: PackageSpec) -> Bool {
        a.source == b.source && a.span == b.span && a.name == b.name
    }
}

public struct PackagesFile: Sendable {
    /// "packages.yml" or "dependencies.yml".
    public var fileName: String
    public var packages: [PackageSpec]

    public static let fileNames = ["packages.yml", "dependencies.yml"]

    /// The project's packages file, nil when it has none. Jinja in packages.yml renders with
    /// `env_var()` and `var()` (from `--vars`) and always gives strings, as dbt renders it;
    /// dependencies.yml is not rendered (dbt does not either).
    public static func read(root: String, cliVars: YAMLValue? = nil,
                            environment: [String: String]) -> (PackagesFile?, [Diagnostic]) {
        var texts: [(name: String, text: String)] = []
        for fileName in fileNames where FileSystem.isFile(root + "/" + fileName) {
            guard let text = FileSystem.read(root + "/" + fileName) else {
                return (nil, [Diagnostic(.error, "cannot read \(fileName)", span: .start(of: fileName))])
            }
            texts.append((fileName, text))
        }
        // dbt takes packages.yml unless it has no `packages:` key; both having one is an error
        let listing = texts.filter { listsPackages($0.text) }
        if listing.count > 1 {
            return (nil, [Diagnostic(.error, "both packages.yml and dependencies.yml list packages",
                                     span: .start(of: "dependencies.yml"),
                                     hint: "keep the packages in one of them, as dbt requires")])
        }
        guard let chosen = listing.first ?? texts.last else { return (nil, []) }
        return parse(chosen.text, fileName: chosen.name, cliVars: cliVars, environment: environment,
                     render: chosen.name == "packages.yml")
    }

    /// Whether a packages file has a top-level `packages:` key (a quick look, no YAML parse).
    static func listsPackages(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.hasPrefix("packages:") }
    }

    /// `fileName` names the file in messages; `render` says whether Jinja in values renders.
    public static func parse(_ text: String, fileName: String, cliVars: YAMLValue?,
                             environment: [String: String], render: Bool = true) -> (PackagesFile?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let parsed = YAMLReader.parseFile(text, file: fileName)
        diagnostics.append(contentsOf: parsed.diagnostics)
        guard let document = parsed.value, !diagnostics.contains(where: \.isError) else { return (nil, diagnostics) }
        let templating = YAMLTemplating(environment: environment, vars: cliVars?.entries?.map { ($0.key, $0.value) } ?? [],
                                        varsHint: "pass it with --vars", target: nil, allowsSecrets: true)
        templating.nativeTypes = false
        let rendered = render ? templating.render(document, text: text, deferred: { _ in false }) : document
        diagnostics.append(contentsOf: templating.diagnostics)
        let rawItems = document["packages"]?.list ?? []
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
        for (index, item) in items.enumerated() {
            switch spec(item) {
            case .success(var spec):
                spec.raw = index < rawItems.count ? rawItems[index] : item
                spec.rendered = item
                file.packages.append(spec)
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

    /// The keys each kind of entry may have (dbt rejects any other).
    static let allowedKeys: [String: Set<String>] = [
        "package": ["package", "version", "install-prerelease", "install_prerelease", "name"],
        "git": ["git", "revision", "subdirectory", "warn-unpinned", "name"],
        "local": ["local", "name"],
        "tarball": ["tarball", "name"],
        "private": ["private", "provider", "revision", "subdirectory", "warn-unpinned", "name"],
    ]

    static func spec(_ item: YAMLValue) -> Result<PackageSpec, Problem> {
        guard item.isMap else {
            return .failure(Problem(message: "a package entry must be a mapping, found \(item.kindName)",
                                    hint: "e.g. `- package: dbt-labs/dbt_utils` with `version: [\">=1.0.0\", \"<2.0.0\"]`"))
        }
        guard let kind = ["package", "git", "local", "tarball", "private"].first(where: { item[$0] != nil }) else {
            return .failure(Problem(message: "a package entry needs one of package:, git:, local:, tarball: or private:",
                                    hint: "found " + item.keys.map { "`\($0):`" }.joined(separator: ", ")))
        }
        let allowed = allowedKeys[kind] ?? []
        if let extra = item.entries?.first(where: { !allowed.contains($0.key) }) {
            return .failure(Problem(message: "`\(extra.key):` is not a key of a \(kind == "package" ? "hub" : kind) package entry",
                                    span: extra.keySpan,
                                    hint: "its keys are " + allowed.sorted().map { "`\($0):`" }.joined(separator: ", ")))
        }
        guard let value = item[kind]?.scalarText, !value.isEmpty else {
            return .failure(Problem(message: "`\(kind):` has no value", span: item.entry(kind)?.value.span,
                                    hint: kind == "local" ? "give the package's folder, relative to the project" : nil))
        }
        func text(_ key: String) -> String? { item[key]?.scalarText }
        var result: PackageSpec
        switch kind {
        case "package":
            var versions: [String] = []
            if let list = item["version"]?.list { versions = list.compactMap(\.scalarText) }
            else if let one = text("version") { versions = [one] }
            guard !versions.isEmpty else {
                return .failure(Problem(message: "package '\(value)' has no version", span: item.entry("package")?.value.span,
                                        hint: "add `version:`, e.g. `version: [\">=1.0.0\", \"<2.0.0\"]`"))
            }
            result = PackageSpec(source: .hub(package: value, versions: versions), span: item.span)
        case "git":
            result = PackageSpec(source: .git(url: value, revision: text("revision"), subdirectory: text("subdirectory"),
                                              warnUnpinned: item["warn-unpinned"]?.bool), span: item.span)
        case "local":
            result = PackageSpec(source: .local(path: value), span: item.span)
        case "tarball":
            guard let name = text("name") else {
                return .failure(Problem(message: "tarball package \(value) has no name",
                                        hint: "add `name:` with the package's project name"))
            }
            result = PackageSpec(source: .tarball(url: value, name: name), span: item.span)
        default:
            result = PackageSpec(source: .privateRepository(value), span: item.span)
        }
        result.name = text("name")
        return .success(result)
    }
}
