// `--state` for one invocation: loads the state (a manifest directory or a git revision built
// and compiled like the current project), snapshots the current project the same way, and
// compares the two. The result feeds `state:` selection, deferral and `flowc diff`.
import FlowcCompile
import FlowcGraph
import FlowcProject
import Foundation

public struct StateContext: Sendable {
    public var source: StateSource
    /// The state side and the current side, built the same way.
    public var state: StateSnapshot
    public var current: StateSnapshot
    public var comparison: SelectionState
    /// Breaking changes to enforced model contracts (dbt reports them when state:modified selects).
    public var contractBreaks: [ContractBreak] { ContractBreakingChanges.all(current: current, state: state) }
    /// git states: the revision's full commit id and its graph (for `flowc diff`).
    public var commit: String?
    public var stateBuild: GraphBuild?
    /// The current project's compiled nodes (git states compile both sides).
    public var currentCompiled: [String: CompiledNode]
    public var stateCompiled: [String: CompiledNode]
    /// With `traceColumns`: each side's column lineage (git states only for the state side).
    public var currentColumns: ColumnFacts?
    public var stateColumns: ColumnFacts?

    /// Nodes new, modified or removed.
    public var changedIds: Set<String> {
        var ids = Set(comparison.changes.filter { !$0.value.isEmpty }.keys)
        for id in current.nodes.keys where comparison.isNew(id) { ids.insert(id) }
        for id in state.nodes.keys where current.nodes[id] == nil { ids.insert(id) }
        return ids
    }

    /// How the state is named in messages: "git:main (3f2a91c)" or the directory.
    public var label: String {
        switch source {
        case .directory(let d): return d
        case .git(let ref): return "git:\(ref)" + (commit.map { " (\($0.prefix(7)))" } ?? "")
        }
    }
}

/// The state's project failed to load or build: its diagnostics, with file names written
/// `REF:path` (git's notation for a file at a revision) and source lines filled in.
public struct StateBuildError: Error, Sendable, CustomStringConvertible {
    public var label: String
    public var diagnostics: [Diagnostic]
    public var description: String {
        "the project at \(label) does not build:\n" + diagnostics.map(\.description).joined(separator: "\n")
    }
}

public enum StateSession {
    /// Loads `source` and compares it with the current project (`build`, loaded from
    /// `projectRoot` with `cliVars` and `options`). `stateOptions` (for `--state-target`) builds
    /// the git revision a second time against another target, for the relations deferral uses.
    /// `traceColumns` also traces both sides' column lineage (for `flowc diff`).
    public static func load(_ source: StateSource, current build: GraphBuild, projectRoot: String, cliVars: YAMLValue?,
                            options: GraphOptions, stateOptions: GraphOptions? = nil,
                            traceColumns: Bool = false) throws -> StateContext {
        switch source {
        case .directory(let dir):
            let path = dir.hasPrefix("/") ? dir : projectRoot + "/" + dir
            let state = try StateLoader.snapshot(directory: path, named: dir)
            let current = StateLoader.snapshot(of: build, projectRoot: projectRoot, compile: traceColumns, threads: options.threads)
            var context = StateContext(source: source, state: state, current: current.snapshot,
                                       comparison: StateComparison.compare(current: current.snapshot, state: state, compareCompiled: false),
                                       commit: nil, stateBuild: nil, currentCompiled: current.compiled, stateCompiled: [:])
            if traceColumns {
                context.currentColumns = .traced(build, compiled: current.compiled, projectRoot: projectRoot,
                                                 threads: options.threads, focus: context.changedIds)
            }
            return context
        case .git(let ref):
            let tree = try GitRevision.read(ref, projectRoot: projectRoot)
            let virtual = VirtualTree(files: tree.files, links: GitRevision.installedPackageLinks(projectRoot: projectRoot))
            let root = virtual.mount()
            defer { VirtualTree.unmount(root) }
            let label = "git:\(ref) (\(tree.commit.prefix(7)))"
            let stateBuild: GraphBuild
            var relations: StateSnapshot?
            do {
                stateBuild = try StateLoader.build(root: root, cliVars: cliVars, options: options)
                if let stateOptions {
                    let other = try StateLoader.build(root: root, cliVars: cliVars, options: stateOptions)
                    relations = StateLoader.snapshot(of: other, projectRoot: root, compile: false,
                                                     threads: options.threads).snapshot
                }
            } catch let e as ProjectErrors {
                throw StateBuildError(label: label, diagnostics: located(e.diagnostics.filter(\.isError), ref: ref, files: tree.files))
            } catch let d as Diagnostic {
                throw StateBuildError(label: label, diagnostics: located([d], ref: ref, files: tree.files))
            }
            var state = StateLoader.snapshot(of: stateBuild, projectRoot: root, compile: true, threads: options.threads)
            let current = StateLoader.snapshot(of: build, projectRoot: projectRoot, compile: true, threads: options.threads)
            if let relations {
                for (id, r) in relations.nodes {
                    state.snapshot.nodes[id]?.database = r.database
                    state.snapshot.nodes[id]?.schema = r.schema
                    state.snapshot.nodes[id]?.alias = r.alias
                    state.snapshot.nodes[id]?.relationName = r.relationName
                }
            }
            var context = StateContext(
                source: source, state: state.snapshot, current: current.snapshot,
                comparison: StateComparison.compare(current: current.snapshot, state: state.snapshot, compareCompiled: true),
                commit: tree.commit, stateBuild: stateBuild, currentCompiled: current.compiled,
                stateCompiled: state.compiled)
            if traceColumns {
                // only what the verdicts read: the changed nodes, their children, and upstream
                let focus = context.changedIds
                // The revision is still mounted here, so its seed headers are read from memory.
                context.stateColumns = .traced(stateBuild, compiled: state.compiled, projectRoot: root,
                                               threads: options.threads, focus: focus)
                context.currentColumns = .traced(build, compiled: current.compiled, projectRoot: projectRoot,
                                                 threads: options.threads, focus: focus)
            }
            return context
        }
    }

    /// Diagnostics of the revision's files, named `REF:path`, with their lines taken from the
    /// revision (the files exist nowhere on disk).
    static func located(_ diagnostics: [Diagnostic], ref: String, files: [String: [UInt8]]) -> [Diagnostic] {
        diagnostics.map { d in
            var d = d
            if let span = d.span {
                if d.sourceLine == nil, let bytes = files[span.file] {
                    let text = String(decoding: bytes, as: UTF8.self)
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    if span.line >= 1 && span.line <= lines.count { d.sourceLine = String(lines[span.line - 1]) }
                }
                d.span?.file = ref + ":" + span.file
            }
            return d
        }
    }
}
