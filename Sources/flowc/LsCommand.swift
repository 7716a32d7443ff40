// `flowc ls`: lists the selected resources, as names, paths, selectors or JSON lines.
import ArgumentParser
import FlowcGraph
import FlowcProject
import Foundation

struct LsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the selected resources of the project.", aliases: ["list"])

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case name, path, json, selector
        /// dbt's choices are case-insensitive: `--output NAME`.
        init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    }

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var state: StateOptions

    @Option(help: "name, path, json or selector (default).")
    var output: OutputFormat = .selector

    // dbt's --output-keys takes several words (`--output-keys name resource_type`) as well as
    // one quoted, space-separated string
    @Option(name: .customLong("output-keys"), parsing: .upToNextOption,
            help: "With --output json, these keys of each resource (as in manifest.json), in this order; space-separated, may repeat.")
    var outputKeys: [String] = []

    /// What dbt's `ls --output json` prints of each resource by default (in the resource's order).
    static let defaultKeys: Set<String> = ["name", "resource_type", "package_name", "original_file_path", "unique_id",
                                           "alias", "config", "tags", "depends_on", "source_name"]

    func run() throws {
        var options = project
        options.quiet = true
        let selection = try Self.legacyModels(selection)
        var inv = try Invocation.load(options)
        try inv.loadState(state, selection: selection)
        // as dbt's ls: analyses are listed only when asked for (`--resource-type analysis|all`)
        let asked = selection.resourceTypes.map { $0.lowercased() }
        let within: Set<String>? = asked.contains("all") || asked.contains("analysis")
            ? nil : Set(SelectionOptions.resourceTypeNames).subtracting(["analysis"])
        let ids = try inv.selected(selection, resourceTypes: within)
        if ids.isEmpty { try warnNothingSelected(inv) }
        let m = inv.build.manifest
        if output == .json {
            printJSON(ids, inv)
            return
        }
        for id in ids {
            if let n = m.nodes[id] {
                switch output {
                // dbt prints a versioned model's search name, `dim_accounts.v2`
                case .name: print(n.version.map { "\(n.name).v\($0)" } ?? n.name)
                case .path: print(n.originalFilePath)
                default: print(n.fqn.joined(separator: "."))
                }
            } else if let s = m.sources[id] {
                switch output {
                case .name: print("\(s.sourceName).\(s.name)")
                case .path: print(s.originalFilePath)
                // dbt prints the package, source and table, without the folders of the fqn
                default: print("source:\(s.packageName).\(s.sourceName).\(s.name)")
                }
            } else if let x = m.exposures[id] {
                switch output {
                case .name: print(x.name)
                case .path: print(x.originalFilePath)
                default: print("exposure:\(x.packageName).\(x.name)")
                }
            } else if let r = m.semanticResources[id] {
                switch output {
                case .name: print(r.name)
                case .path: print(r.originalFilePath)
                default: print("\(r.kind.rawValue):\(r.packageName).\(r.name)")
                }
            } else if let u = m.unitTests[id] {
                switch output {
                case .name: print(u.name)
                case .path: print(u.originalFilePath)
                // dbt prints `unit_test:<package>.<name>` (with the version suffix)
                default: print("unit_test:\(u.packageName).\(u.alias)")
                }
            }
        }
    }

    /// dbt's ls keeps its older `-m`/`--models` apart from `--select`: it lists models only,
    /// and combined with `--select` or `--resource-type` it is an error (exit 2).
    static func legacyModels(_ selection: SelectionOptions) throws -> SelectionOptions {
        guard !selection.models.isEmpty else { return selection }
        if !selection.selectOption.isEmpty || !selection.resourceTypes.isEmpty {
            let other = selection.selectOption.isEmpty ? "--resource-type" : "--select"
            Output.error("-m/--models and \(other) cannot be used together in ls",
                         hint: "in ls, -m/--models means '--select … --resource-type model'; write that instead")
            throw ExitCode(2)
        }
        var s = selection
        s.resourceTypes = ["model"]
        // dbt: models, whatever --exclude-resource-type says
        s.excludeResourceTypes = []
        return s
    }

    /// dbt's NoNodesSelected: a warning on stderr (ls is otherwise quiet), an error (exit 2)
    /// under --warn-error or `--warn-error-options '{"error": ["NoNodesSelected"]}'`, so a CI
    /// step that lists what it will build can fail on an empty list.
    private func warnNothingSelected(_ inv: Invocation) throws {
        let warning = Diagnostic(.warning, "No nodes selected!",
                                 hint: "check --select, --exclude, --selector and --resource-type")
        try inv.reportAboutSelection([warning], promote: inv.warnErrors.promotes(WarnErrorOptions.noNodesSelected))
    }

    /// A key of `--output-keys`: a top-level key, or a dotted path into nested objects
    /// (`config.materialized`), printed under the dotted name. As dbt, a path that ends in
    /// null or leads nowhere (lists are not indexed) is left out; a top-level null is kept.
    static func value(of key: String, in object: JSONObject) -> JSON? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return object[key] }
        var current: JSON = .object(object)
        for part in parts {
            guard let next = current.objectValue?[part] else { return nil }
            current = next
        }
        if case .null = current { return nil }
        return current
    }

    /// One JSON object per line, as dbt prints them: by default some keys of the resource as
    /// the manifest describes it, in the resource's order; with --output-keys, those keys in
    /// the order given (keys a resource lacks are left out; see `value(of:in:)`).
    func printJSON(_ ids: [String], _ inv: Invocation) {
        let dialect = inv.build.setup.dialect
        let resources = ManifestResources(
            inv.build.manifest, projectRoot: inv.project.root,
            relationName: { dialect.renderRelation(database: $0.database, schema: $0.schema, identifier: $0.alias) },
            sourceRelationName: { $0.relationName(dialect) })
        let wanted = outputKeys.flatMap { $0.split(separator: " ").map(String.init) }
        for id in ids {
            guard let full = resources.json(id)?.objectValue else { continue }
            var o = JSONObject()
            if wanted.isEmpty {
                for (k, v) in full where Self.defaultKeys.contains(k) { o[k] = v }
            } else {
                for k in wanted { if let v = Self.value(of: k, in: full) { o[k] = v } }
            }
            print(JSONWriter.string(.object(o)))
        }
    }
}
