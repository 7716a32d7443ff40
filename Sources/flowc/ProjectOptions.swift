// Options every project command shares (dbt's names), and loading a project into a graph with
// its diagnostics printed like a compiler's. Exit codes as dbt: 1 when nodes fail, 2 when flowc
// could not run (bad project, bad profile, bad selection).
import ArgumentParser
import FlowcGraph
import FlowcProject
import FlowcRun
import FlowcSQL
import FlowcState
import FlowcWarehouse
import Foundation

struct ProjectOptions: ParsableArguments {
    @Option(name: .customLong("project-dir"), help: "The project directory (default: the current directory).")
    var projectDir: String = "."

    @Option(name: .customLong("profiles-dir"), help: "Where to find profiles.yml (default: the project, ~/.flowc, ~/.dbt).")
    var profilesDir: String?

    @Option(help: "The profile to use (default: the project file's `profile`).")
    var profile: String?

    @Option(name: [.customShort("t"), .long], help: "The target of the profile (default: the profile's `target`).")
    var target: String?

    @Option(help: "Variables as YAML or JSON, e.g. '{start_date: 2024-01-01}'.")
    var vars: String?

    @Option(help: "How many threads run nodes against the warehouse (default: the target's `threads`) and render them (default: every core).")
    var threads: Int?

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Print errors only.")
    var quiet = false

    @Flag(name: .customLong("warn-error"), help: "Treat warnings as errors: the project's warnings stop the command (exit 2), a test that would warn fails.")
    var warnError = false

    @Option(name: .customLong("warn-error-options"),
            help: "Which warnings are errors, as dbt's: '{\"error\": \"all\", \"warn\": [\"LogTestResult\"]}'.")
    var warnErrorOptionsText: String?

    @Option(name: .customLong("target-path"), help: "Where artifacts go (default: the project file's `target-path`, else target).")
    var targetPath: String?

    @Option(name: .customLong("log-path"), help: "Where flowc.log goes (default: the project file's `log-path`, else logs).")
    var logPath: String?

    @Flag(name: .customLong("no-print"), help: "Hide what print() in macros writes (log lines are hidden by --quiet).")
    var noPrint = false

    @Flag(inversion: .prefixedNo,
          help: "Check each project's and package's require-dbt-version against the dbt version flowc behaves as (1.11; default on).")
    var versionCheck: Bool?

    /// dbt flags that change nothing in flowc (no partial parsing, no colours, no usage
    /// statistics, no debug-level log), accepted so dbt's CI command lines run unchanged.
    @Flag(name: [.customLong("no-partial-parse"), .customLong("partial-parse"), .customLong("use-colors"),
                 .customLong("no-use-colors"),
                 .customLong("send-anonymous-usage-stats"), .customLong("no-send-anonymous-usage-stats"),
                 .customLong("static-parser"), .customLong("no-static-parser"), .customLong("print"),
                 .customLong("debug"), .customShort("d"), .customLong("write-json"), .customLong("no-write-json"),
                 .customLong("populate-cache"), .customLong("no-populate-cache"), .customLong("cache-selected-only"),
                 .customLong("no-cache-selected-only"), .customLong("use-experimental-parser"),
                 .customLong("no-use-experimental-parser"), .customLong("partial-parse-file-diff"),
                 .customLong("no-partial-parse-file-diff"), .customLong("show-resource-report"),
                 .customLong("no-show-resource-report"), .customLong("show-all-deprecations"),
                 .customLong("no-show-all-deprecations"), .customLong("state-modified-compare-more-unrendered-values"),
                 .customLong("no-state-modified-compare-more-unrendered-values"), .customLong("state-modified-compare-vars"),
                 .customLong("no-state-modified-compare-vars"), .customLong("use-fast-test-edges"),
                 .customLong("no-use-fast-test-edges")],
          help: .hidden)
    var dbtNoOpFlags = false

    /// dbt options with a value that change nothing in flowc (log levels and formats of dbt's
    /// own log, the printer width, dbt's profiler output and partial-parse file).
    @Option(name: [.customLong("log-level"), .customLong("log-level-file"), .customLong("log-format-file"),
                   .customLong("printer-width"), .customLong("record-timing-info"), .customShort("r"),
                   .customLong("partial-parse-file-path")],
            help: .hidden)
    var dbtNoOpValues: [String] = []

    /// dbt's environment variables for these options, when the command line does not set them.
    mutating func validate() throws {
        let env = ProcessInfo.processInfo.environment
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        if projectDir == ".", let d = value("DBT_PROJECT_DIR") { projectDir = d }
        if target == nil { target = value("DBT_TARGET") }
        if profile == nil { profile = value("DBT_PROFILE") }
        if targetPath == nil { targetPath = value("DBT_TARGET_PATH") }
        if logPath == nil { logPath = value("DBT_LOG_PATH") }
        if !noPrint, let p = value("DBT_PRINT")?.lowercased() { noPrint = ["0", "false", "no", "n"].contains(p) }
        if warnErrorOptionsText == nil { warnErrorOptionsText = value("DBT_WARN_ERROR_OPTIONS") }
        if !warnError, let w = value("DBT_WARN_ERROR")?.lowercased() { warnError = ["1", "true", "yes", "y"].contains(w) }
        if versionCheck == nil, let v = value("DBT_VERSION_CHECK")?.lowercased() { versionCheck = !["0", "false", "no", "n"].contains(v) }
        // more threads than this cannot help, and a huge count overflowed the slicing of work
        if let t = threads { threads = min(max(t, 1), Self.maxThreads) }
    }

    static let maxThreads = 1024
}

/// A loaded, parsed project, ready for compile/run.
struct Invocation {
    let options: ProjectOptions
    let project: Project
    let target: Target
    var build: GraphBuild
    /// Which warnings are errors (`--warn-error`, `--warn-error-options`, the project's `flags:`).
    let warnErrors: WarnErrorOptions
    let invocationId: String
    let startedAt: String
    /// What the project was built with, to build a state's revision the same way.
    let cliVars: YAMLValue?
    let graphOptions: GraphOptions
    /// `--state`: the comparison with an earlier state (see StateOptions.swift).
    var state: StateContext?
    /// `--defer-state`: the state unselected parents resolve to, when it is not --state's.
    var deferState: StateContext?
    /// A previous run's results, for `result:` selectors and `flowc retry`.
    var previousRun: PreviousRun?
    /// `source_status:`: target/sources.json now, and the state directory's.
    var sourceFreshness: (current: [String: String], previous: [String: String])?
    /// How many models run against the warehouse at once: `--threads`, else the target's.
    var threads: Int { options.threads ?? max(1, target.threads) }
    /// Threads for in-memory work (rendering, lineage, artifacts): `--threads`, else every core
    /// (at most 8). A target's `threads` counts warehouse connections; work that touches no
    /// warehouse need not be serial because a profile says `threads: 1`, as many dbt profiles do.
    var workThreads: Int { options.threads ?? Invocation.cores }
    static var cores: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) }

    static func load(_ options: ProjectOptions) throws -> Invocation {
        let root = URL(fileURLWithPath: options.projectDir).standardizedFileURL.path
        let started = Date()
        let startedAt = RunResultsFile.isoTime(started.timeIntervalSince1970)
        do {
            var cliVars: YAMLValue?
            if let vars = options.vars { cliVars = try YAMLText.parse(vars, file: "--vars") }
            PhaseTimings.mark("start")
            // The project file first (for the profile's name), then the target, then the whole
            // project rendered against the target: dbt projects write `{{ target.name }}` in
            // their configs (`+schema`, `+enabled`). Problems of the first read are reported by
            // the second.
            let head = try? ProjectLoader.readConfig(root: root, vars: cliVars).config
            if head == nil { _ = try ProjectLoader.load(root: root, vars: cliVars) }  // throws what is wrong with it
            let (target, profileNotes) = try ProfileLoader.load(
                projectRoot: root, profileName: options.profile ?? head?.profile, targetName: options.target,
                profilesDir: options.profilesDir, targetPath: options.targetPath ?? head?.targetPath ?? "target", vars: cliVars)
            var project = try ProjectLoader.load(root: root, vars: cliVars, target: target,
                                                 environment: ProcessInfo.processInfo.environment)
            if let targetPath = options.targetPath { project.config.targetPath = targetPath }
            // the command line (or DBT_VERSION_CHECK) first, then the project file's flags, as dbt
            if options.versionCheck ?? project.config.flags?["version_check"]?.bool ?? true { try checkDbtVersions(project) }
            PhaseTimings.mark("project: read files")
            let warnErrors = try options.warnErrorOptions(projectFlags: project.config.flags)
            try report(project.diagnostics + profileNotes, options, root: root, warnErrors: warnErrors)
            guard let dialect = Dialect.named(target.type) else {
                Output.error("target '\(target.name)' has type '\(target.type)', which flowc cannot compile for",
                             hint: "supported types: \(Dialect.all.map(\.name).joined(separator: ", "))")
                throw ExitCode(2)
            }
            var cliVarsJSON = JSONObject()
            // what var() sees: plain dates in --vars are dates, as PyYAML reads them for dbt
            var varTable = JSONObject()
            if case .map(let pairs, _)? = cliVars {
                for p in pairs {
                    cliVarsJSON[p.key] = p.value.json
                    varTable[p.key] = VarTimestamps.json(p.value, source: options.vars ?? "")
                }
            }
            let invocationId = UUID().uuidString.lowercased()
            var graphOptions = GraphOptions(target: target, dialect: dialect, environment: ProcessInfo.processInfo.environment,
                                            cliVars: varTable, threads: options.threads ?? max(2, cores),
                                            invocationId: invocationId, runStartedAt: startedAt)
            graphOptions.invocationArgs = RunArgs.base(options, root: root, target: target.name, cliVars: cliVarsJSON)
            let build = try GraphBuilder.build(project, options: graphOptions)
            try report(build.diagnostics, options, root: root, warnErrors: warnErrors)
            return Invocation(options: options, project: project, target: target, build: build, warnErrors: warnErrors,
                              invocationId: invocationId, startedAt: startedAt, cliVars: cliVars, graphOptions: graphOptions)
        } catch let e as ProjectErrors {
            Output.diagnostics(e.diagnostics, root: root, errorsOnly: options.quiet)
            let n = e.errors.count
            Output.plain("flowc: \(n) error\(n == 1 ? "" : "s"); nothing was compiled")
            throw ExitCode(2)
        } catch let d as Diagnostic {
            Output.diagnostics([d], root: root, errorsOnly: false)
            throw ExitCode(2)
        }
    }

    /// dbt's version check of the root project and every installed package (the first that
    /// fails stops the command, as in dbt).
    static func checkDbtVersions(_ project: Project) throws {
        let places = [(project.config, project.config.fileName)]
            + project.packages.map { ($0.config, $0.relativeRoot + "/" + $0.config.fileName) }
        for (config, file) in places {
            guard let required = config.requireDbtVersion,
                  let problem = DbtVersionCheck.problem(required, package: config.name, file: file, installed: DbtCompatibility.version)
            else { continue }
            throw ProjectErrors([problem])
        }
    }

    /// Prints a stage's diagnostics; the warnings the warn-error options promote (all under
    /// `--warn-error`, or by their dbt event) are errors, printed once as such, and stop the
    /// command with exit 2; those they silence are not shown.
    static func report(_ all: [Diagnostic], _ options: ProjectOptions, root: String, warnErrors: WarnErrorOptions) throws {
        let diagnostics = all.filter { $0.severity != .warning || !warnErrors.silences($0.event) }
        let promoted = diagnostics.filter { $0.severity == .warning && warnErrors.promotes($0.event) }
        guard !promoted.isEmpty else {
            if !options.quiet { Output.diagnostics(diagnostics, root: root, errorsOnly: false) }
            return
        }
        Output.diagnostics(WarnError.promoted(diagnostics, which: { warnErrors.promotes($0.event) }), root: root, errorsOnly: options.quiet)
        Output.plain("flowc: \(promoted.count) warning\(promoted.count == 1 ? "" : "s") treated as error\(promoted.count == 1 ? "" : "s") (--warn-error)")
        throw ExitCode(2)
    }

    func selected(_ s: SelectionOptions, resourceTypes: Set<String>?) throws -> [String] {
        if !s.models.isEmpty {
            let warning = Diagnostic(.warning, SelectionOptions.modelsDeprecation, hint: "write -s/--select instead")
            try reportAboutSelection([warning], promote: warnErrors.promotes(WarnErrorOptions.modelParamUsageDeprecation))
        }
        return try selected(select: s.select, exclude: s.exclude, selector: s.selector, resourceTypes: try s.types(within: resourceTypes),
                     indirectSelection: s.indirectSelection)
    }

    func selected(select: [String], exclude: [String], selector: String?, resourceTypes: Set<String>?,
                  indirectSelection: IndirectSelection = .eager) throws -> [String] {
        do {
            let selectors = try self.selectors()
            if select.isEmpty && exclude.isEmpty && selector == nil && !selectors.values.contains(where: \.isDefault) {
                // nothing selected: every resource of the command's types, without building the
                // selection graph (a noticeable cost on large projects)
                let m = build.manifest
                var ids = m.nodes.values.filter { resourceTypes?.contains($0.resourceType.rawValue) ?? true }.map(\.uniqueId)
                if resourceTypes?.contains("source") ?? true { ids += m.sources.keys }
                if resourceTypes?.contains("exposure") ?? true { ids += m.exposures.keys }
                if resourceTypes?.contains("unit_test") ?? true { ids += m.unitTests.keys }
                ids += m.semanticResources.values.filter { $0.enabled && (resourceTypes?.contains($0.kind.rawValue) ?? true) }.map(\.uniqueId)
                return ids.parallelSorted()
            }
            var graph = build.manifest.selectionGraph
            graph.state = state?.comparison
            graph.previousResults = previousRun?.statuses
            graph.sourceFreshness = sourceFreshness
            let ids = try NodeSelection.select(graph, select: select.isEmpty ? nil : select,
                                               exclude: exclude.isEmpty ? nil : exclude, selectors: selectors,
                                               selectorName: selector, resourceTypes: resourceTypes,
                                               indirectSelection: indirectSelection)
            // one criterion that selected something matched something: not evaluated again
            let oneThatMatched = selector == nil && exclude.isEmpty && select.count == 1 && !select[0].contains(" ") && !ids.isEmpty
            if !oneThatMatched { try warnUnmatched(select + exclude, graph: graph) }
            if let state, (select + exclude).contains(where: { $0.contains("state:modified") }) {
                try reportContractBreaks(state.contractBreaks)
            }
            return ids
        } catch let e as SelectionError {
            Output.error(e.description)
            throw ExitCode(2)
        } catch let e as ProjectErrors {
            Output.diagnostics(e.diagnostics, root: project.root, errorsOnly: false)
            throw ExitCode(2)
        }
    }

    /// dbt's warning for each `--select`/`--exclude` criterion (a space-separated part) that
    /// matches no enabled node, on its own and of any resource type: a misspelt name in a CI
    /// command otherwise builds nothing, or excludes nothing, and passes. An error under
    /// --warn-error (dbt's NoNodesForSelectionCriteria).
    private func warnUnmatched(_ criteria: [String], graph: SelectionGraph) throws {
        var warnings: [Diagnostic] = []
        for spec in criteria.flatMap({ $0.split(separator: " ").map(String.init) }) where !spec.isEmpty {
            let found = try NodeSelection.select(graph, select: [spec], exclude: nil, resourceTypes: nil,
                                                 indirectSelection: .empty)
            if found.isEmpty {
                warnings.append(Diagnostic(.warning, "The selection criterion '\(spec)' does not match any enabled nodes",
                                           hint: "check the name with `flowc ls`"))
            }
        }
        guard !warnings.isEmpty else { return }
        try reportAboutSelection(warnings, promote: warnErrors.promotes(WarnErrorOptions.noNodesForSelectionCriteria))
    }

    /// dbt's contract check when state:modified selects: a versioned model's breaking change
    /// stops the command (ContractBreakingChangeError), an unversioned one's is a warning
    /// (UnversionedBreakingChange; an error under --warn-error).
    private func reportContractBreaks(_ breaks: [ContractBreak]) throws {
        guard !breaks.isEmpty else { return }
        let diagnostics = breaks.map { b in
            var d = Diagnostic(b.versioned ? .error : .warning, b.message,
                               hint: b.versioned ? "make the change additive, or add a new version of the model under `versions:`"
                                   : "make the change additive, or version the model so its consumers can move at their pace")
            if !b.versioned { d.event = WarnErrorOptions.unversionedBreakingChange }
            return d
        }
        try reportAboutSelection(diagnostics, promote: warnErrors.promotes(WarnErrorOptions.unversionedBreakingChange))
        if breaks.contains(where: \.versioned) { throw ExitCode(2) }
    }

    /// Warnings about the selection on the command line: printed under --quiet too (and by
    /// ls, which is otherwise quiet), on stderr, which leaves ls's output clean.
    func reportAboutSelection(_ warnings: [Diagnostic], promote: Bool) throws {
        var loud = options
        loud.quiet = false
        try Invocation.report(warnings, loud, root: project.root, warnErrors: promote ? .all : WarnErrorOptions())
    }

    /// selectors.yml at the project root, if there is one.
    func selectors() throws -> [String: SelectorDefinition] {
        guard let yaml = try selectorsDocument() else { return [:] }
        return try SelectorDefinition.parseFile(yaml.selectorYAML)
    }

    /// selectors.yml parsed and its Jinja rendered as dbt does (target, env_var, var), or nil
    /// when there is none.
    private func selectorsDocument() throws -> YAMLValue? {
        try ProjectLoader.renderedRootFile("selectors.yml", project: project, target: target,
                                           environment: ProcessInfo.processInfo.environment)
    }

    /// selectors.yml as the manifest records it (empty when there is none or it does not parse:
    /// selection reports what is wrong with it).
    func selectorsRecord() -> JSONObject {
        guard let yaml = try? selectorsDocument() else { return JSONObject() }
        return ManifestSelectors.record(yaml.json)
    }

    /// The target's warehouse; a target flowc cannot open is an error (exit 2).
    func warehouse() throws -> any Warehouse {
        do {
            return try WarehouseFactory.make(target, projectRoot: project.root)
        } catch {
            Output.error("\(error)", hint: "check the target in profiles.yml")
            throw ExitCode(2)
        }
    }

    /// `relative` under the project directory (string joining: building a URL per compiled
    /// file cost a fifth of a second on 20,000 files).
    func path(_ relative: String) -> String { Self.path(relative, root: project.root) }

    static func path(_ relative: String, root: String) -> String {
        if relative.hasPrefix("/") { return relative }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
}

extension YAMLValue {
    /// selectors.yml as the selection engine reads it (scalars as text).
    var selectorYAML: SelectorYAML {
        switch self {
        case .null: return .null
        case .list(let items, _): return .list(items.map(\.selectorYAML))
        case .map(let pairs, _):
            return .map(Dictionary(pairs.map { ($0.key, $0.value.selectorYAML) }, uniquingKeysWith: { _, last in last }))
        default: return .string(scalarText ?? "")
        }
    }
}

/// dbt's `--warn-error`: warnings count as errors.
enum WarnError {
    /// The diagnostics with the warnings `which` picks (all by default) made errors.
    static func promoted(_ diagnostics: [Diagnostic], which: (Diagnostic) -> Bool = { _ in true }) -> [Diagnostic] {
        diagnostics.map { d in
            guard d.severity == .warning, which(d) else { return d }
            var e = d
            e.severity = .error
            return e
        }
    }
}
