// `--state`, `--state-target`, `--defer`, `--favor-state`: comparing the project with an
// earlier state (a manifest directory, or a git revision compiled here) for `state:`
// selectors, previous run results for `result:`, and deferring unselected parents to the
// state's relations.
import ArgumentParser
import FlowcGraph
import FlowcProject
import FlowcSQL
import FlowcState
import Foundation

struct StateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Compare with an earlier state: a directory holding its manifest.json, or git:REF (a branch, tag or commit, compiled here).",
                               valueName: "PATH|git:REF"))
    var state: String?

    @Option(name: .customLong("state-target"),
            help: "With --state git:REF: the target whose relations --defer resolves to (e.g. prod; default: the current target).")
    var stateTarget: String?

    @Option(name: .customLong("defer-state"),
            help: ArgumentHelp("With --defer: the state to defer to, when it is not --state's (a manifest directory or git:REF).",
                               valueName: "PATH|git:REF"))
    var deferState: String?

    @Flag(name: .customLong("defer"), help: "Unselected parents resolve to the state's relations where the current target has none.")
    var deferToState = false

    @Flag(name: .customLong("favor-state"), help: "Like --defer, but use the state's relations even where the current target has its own.")
    var favorState = false

    var defers: Bool { deferToState || favorState }
}

extension Invocation {
    /// Loads what `options` ask for, and previous run results when `select`/`exclude` or a
    /// selector may use `result:`. Errors print and exit 2.
    mutating func loadState(_ options: StateOptions, selection: SelectionOptions) throws {
        try loadState(options, select: selection.select, exclude: selection.exclude, selector: selection.selector)
    }

    mutating func loadState(_ options: StateOptions, select: [String], exclude: [String], selector: String?,
                            traceColumns: Bool = false) throws {
        if let text = options.deferState {
            deferState = try loadSession(StateSource(text), options, traceColumns: false)
        }
        guard let text = options.state else {
            if (options.defers && options.deferState == nil) || options.stateTarget != nil {
                Output.error("\(options.favorState ? "--favor-state" : options.defers ? "--defer" : "--state-target") needs --state",
                             hint: "name the state to defer to: --state PATH (a manifest directory) or --state git:REF, e.g. --state git:main")
                throw ExitCode(2)
            }
            if Self.mayUseResults(select: select, exclude: exclude, selector: selector) {
                previousRun = try readPreviousRun(path(project.config.targetPath))
            }
            return
        }
        let source = StateSource(text)
        state = try loadSession(source, options, traceColumns: traceColumns)
        if case .directory(let dir) = source, (select + exclude).contains(where: { $0.contains("source_status:") }) || selector != nil {
            sourceFreshness = try readSourceFreshness(state: dir.hasPrefix("/") ? dir : path(dir))
        }
        if case .directory(let dir) = source {
            previousRun = try readPreviousRun(dir.hasPrefix("/") ? dir : path(dir))
        } else if Self.mayUseResults(select: select, exclude: exclude, selector: selector) {
            previousRun = try readPreviousRun(path(project.config.targetPath))
        }
        if !self.options.quiet, let state {
            let modified = state.comparison.changes.count
            let new = state.current.nodes.keys.filter { state.comparison.isNew($0) }.count
            Output.plain("Comparing with \(state.label): \(modified) modified, \(new) new")
        }
    }

    /// The state at `source`, with --state-target's relations for a git revision.
    func loadSession(_ source: StateSource, _ options: StateOptions, traceColumns: Bool) throws -> StateContext {
        var stateGraphOptions: GraphOptions?
        if let name = options.stateTarget, name != target.name {
            guard case .git = source else {
                Output.error("--state-target applies to --state git:REF only",
                             hint: "a manifest directory already holds the relations of the target that wrote it")
                throw ExitCode(2)
            }
            stateGraphOptions = try graphOptions(forTarget: name)
        }
        do {
            return try StateSession.load(source, current: build, projectRoot: project.root, cliVars: cliVars,
                                         options: graphOptions, stateOptions: stateGraphOptions, traceColumns: traceColumns)
        } catch let e as StateBuildError {
            Output.error("the project at \(e.label) does not build",
                         hint: "fix the revision or compare with another one; its errors follow")
            Output.diagnostics(e.diagnostics, root: project.root, errorsOnly: true)
            throw ExitCode(2)
        } catch let e as GitError {
            Output.error(e.message, hint: e.hint)
            throw ExitCode(2)
        } catch let e as StateFileError {
            Output.error(e.message, hint: e.hint)
            throw ExitCode(2)
        }
    }

    /// Whether the selection may use `result:` (a YAML selector might): then run_results.json
    /// is read, and a broken one is an error; otherwise it is not looked at.
    static func mayUseResults(select: [String], exclude: [String], selector: String?) -> Bool {
        (select + exclude).contains(where: { $0.contains("result:") }) || selector != nil
    }

    /// target/sources.json and the state directory's, when both exist.
    func readSourceFreshness(state dir: String) throws -> (current: [String: String], previous: [String: String])? {
        do {
            guard let previous = try SourceFreshnessFile.read(dir),
                  let current = try SourceFreshnessFile.read(path(project.config.targetPath)) else { return nil }
            return (current, previous)
        } catch let e as StateFileError {
            Output.error(e.message, hint: e.hint)
            throw ExitCode(2)
        }
    }

    func readPreviousRun(_ path: String) throws -> PreviousRun? {
        do {
            return try PreviousRun.read(path)
        } catch let e as StateFileError {
            Output.error(e.message, hint: e.hint)
            throw ExitCode(2)
        }
    }

    /// The graph options of another target of the same profile.
    func graphOptions(forTarget name: String) throws -> GraphOptions {
        do {
            let (other, _) = try ProfileLoader.load(
                projectRoot: project.root, profileName: options.profile ?? project.config.profile, targetName: name,
                profilesDir: options.profilesDir, targetPath: project.config.targetPath, vars: cliVars)
            var o = graphOptions
            o.target = other
            o.dialect = Dialect.named(other.type) ?? o.dialect
            return o
        } catch let e as ProjectErrors {
            Output.diagnostics(e.diagnostics, root: project.root, errorsOnly: true)
            throw ExitCode(2)
        }
    }

    /// `--defer`: the unselected parents of `selected` resolve to the state's relations,
    /// except (without --favor-state) those `exists` finds in the current target.
    mutating func applyDefer(_ options: StateOptions, selected: [String], exists: (Node) -> Bool) {
        guard options.defers, let state = deferState ?? state else { return }
        build.manifest.deferredRelations = Deferral.relations(
            state: state.state, manifest: build.manifest, selected: Set(selected),
            keepOwn: { options.favorState ? false : exists($0) })
        if !self.options.quiet, !build.manifest.deferredRelations.isEmpty {
            let n = build.manifest.deferredRelations.count
            Output.plain("Deferring \(n) unselected parent\(n == 1 ? "" : "s") to \(state.label)")
        }
    }
}
