// The node selection options of the commands that select (dbt's names and spellings), and the
// environment variables dbt reads for them when the command line leaves them out.
import ArgumentParser
import FlowcGraph
import Foundation

struct SelectionOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .customLong("select")],
            parsing: .upToNextOption, help: "Nodes to include (dbt selection syntax).")
    var selectOption: [String] = []

    // dbt's older spelling, deprecated: the same as --select, except in `ls`, where it lists
    // models only and cannot be combined with --select or --resource-type
    @Option(name: [.customShort("m"), .customLong("models"), .customLong("model")],
            parsing: .upToNextOption, help: "Deprecated spelling of --select (in ls: models only).")
    var models: [String] = []

    /// What the command selects: `--select` and `-m`/`--models` together, as dbt takes them
    /// for every command but `ls` (see `LsCommand`).
    var select: [String] { selectOption + models }

    @Option(parsing: .upToNextOption, help: "Nodes to leave out.")
    var exclude: [String] = []

    @Option(help: "A selector from selectors.yml.")
    var selector: String?

    // dbt spells these options in the singular and the plural
    @Option(name: [.customLong("resource-type"), .customLong("resource-types")], parsing: .upToNextOption,
            help: "Only these resource types (model, seed, snapshot, test, unit_test, analysis, source, exposure; all). Default: DBT_RESOURCE_TYPES.")
    var resourceTypes: [String] = []

    @Option(name: [.customLong("exclude-resource-type"), .customLong("exclude-resource-types")], parsing: .upToNextOption,
            help: "Leave out these resource types (unit_test in production builds, say). Default: DBT_EXCLUDE_RESOURCE_TYPES.")
    var excludeResourceTypes: [String] = []

    @Option(name: .customLong("indirect-selection"),
            help: "Which tests of the selected nodes come too: eager (default), cautious, buildable or empty. Default: DBT_INDIRECT_SELECTION.")
    var indirectSelectionOption: IndirectSelection?

    /// `--indirect-selection`, else DBT_INDIRECT_SELECTION (read by `validate`), else eager.
    var indirectSelection: IndirectSelection { indirectSelectionOption ?? .eager }

    static let resourceTypeNames = ["model", "seed", "snapshot", "test", "unit_test", "analysis", "source", "exposure",
                                    "metric", "semantic_model", "saved_query", "function"]

    /// dbt's environment variables for these options, when the command line does not set them
    /// (as click: lists split on whitespace, choices in any case). A bad value is a usage error
    /// naming the variable (exit 2).
    mutating func validate() throws {
        try applyEnvironment(ProcessInfo.processInfo.environment)
    }

    mutating func applyEnvironment(_ env: [String: String]) throws {
        func words(_ name: String) -> [String] {
            (env[name] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        }
        if resourceTypes.isEmpty { resourceTypes = words("DBT_RESOURCE_TYPES") }
        if excludeResourceTypes.isEmpty { excludeResourceTypes = words("DBT_EXCLUDE_RESOURCE_TYPES") }
        if indirectSelectionOption == nil, let text = env["DBT_INDIRECT_SELECTION"], !text.isEmpty {
            guard let mode = IndirectSelection(argument: text) else {
                throw ValidationError("DBT_INDIRECT_SELECTION: '\(text)' is not one of "
                    + IndirectSelection.allCases.map(\.rawValue).joined(separator: ", "))
            }
            indirectSelectionOption = mode
        }
    }

    /// dbt's ModelParamUsageDeprecation, for `-m`/`--models`/`--model`.
    static let modelsDeprecation = "Usage of `--models`, `--model`, and `-m` is deprecated in favor of `--select` or `-s`"

    /// The types `--resource-type` / `--exclude-resource-type` keep, within the command's own
    /// (nil: no limit). Unknown names are an error (exit 2).
    func types(within command: Set<String>?) throws -> Set<String>? {
        // as dbt: any case; `all` and `default` mean every type the command has
        let resourceTypes = self.resourceTypes.map { $0.lowercased() }
        let excludeResourceTypes = self.excludeResourceTypes.map { $0.lowercased() }
        for t in resourceTypes + excludeResourceTypes where !Self.resourceTypeNames.contains(t) && t != "all" && t != "default" {
            let hint = Suggest.didYouMean(t, Self.resourceTypeNames).map { "did you mean '\($0)'? " } ?? ""
            Output.error("'\(t)' is not a resource type", hint: hint + "types: " + Self.resourceTypeNames.joined(separator: ", "))
            throw ExitCode(2)
        }
        var types = command
        let chosen = Set(resourceTypes.filter { $0 != "all" && $0 != "default" })
        if !chosen.isEmpty && !resourceTypes.contains("all") && !resourceTypes.contains("default") {
            types = types.map { $0.intersection(chosen) } ?? chosen
        }
        if !excludeResourceTypes.isEmpty {
            types = (types ?? Set(Self.resourceTypeNames)).subtracting(excludeResourceTypes)
        }
        return types
    }
}

/// dbt's choices are case-insensitive: `--indirect-selection CAUTIOUS`.
extension IndirectSelection: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
