// Where a state comes from: a directory holding an earlier run's manifest.json (`--state
// PATH`), or a git revision of the project compiled here and now (`--state git:REF`); and the
// previous run results that `result:` and `flowc retry` read.
import FlowcCompile
import FlowcGraph
import FlowcProject
import Foundation

/// What `--state` names.
public enum StateSource: Sendable, Equatable {
    case directory(String)
    case git(String)

    /// `git:REF` or a path.
    public init(_ text: String) {
        if text.hasPrefix("git:") { self = .git(String(text.dropFirst(4))) } else { self = .directory(text) }
    }
}

public enum StateLoader {
    /// The snapshot of `dir/manifest.json`. Throws `StateFileError` when there is none.
    /// `named`: how the user wrote the directory, for the message.
    public static func snapshot(directory dir: String, named: String? = nil) throws -> StateSnapshot {
        let path = dir.hasSuffix(".json") ? dir : dir + "/manifest.json"
        guard let json = try JSONFile.read(path) else {
            throw StateFileError(message: "--state \(named ?? dir): no manifest.json there",
                                 hint: "point --state at the target/ directory of an earlier run (e.g. production's artifacts), or use --state git:REF")
        }
        return StateSnapshot(manifest: json)
    }

    /// The snapshot of a built project. With `compile`, every model, test, snapshot and
    /// analysis is compiled (nodes that fail to compile keep only their raw SQL).
    public static func snapshot(of build: GraphBuild, projectRoot: String, compile: Bool,
                                threads: Int) -> (snapshot: StateSnapshot, compiled: [String: CompiledNode]) {
        var compiled: [String: CompiledNode] = [:]
        if compile {
            let ids = build.manifest.nodes.values
                .filter { [.model, .test, .snapshot, .analysis].contains($0.resourceType) }.map(\.uniqueId)
            compiled = Compiler.compile(build, nodes: ids, threads: threads).nodes
        }
        return (StateSnapshot(manifest: manifestJSON(build, projectRoot: projectRoot, compiled: compiled)), compiled)
    }

    /// The manifest JSON a build would write (fixed metadata: it is compared, not written).
    public static func manifestJSON(_ build: GraphBuild, projectRoot: String, compiled: [String: CompiledNode]) -> JSON {
        let m = build.manifest
        let dialect = build.setup.dialect
        let metadata = ManifestMetadata(generatedAt: "", invocationId: "", invocationStartedAt: "", projectName: m.projectName,
                                        adapterType: m.adapterType, runStartedAt: "", createdAt: 0)
        var c: [String: ManifestWriter.Compiled] = [:]
        for (id, n) in compiled { c[id] = (n.sql, n.compiledPath, n.extraCTEs) }
        return ManifestWriter.json(
            m, metadata: metadata, projectRoot: projectRoot, compiled: c,
            relationName: { dialect.renderRelation(database: $0.database, schema: $0.schema, identifier: $0.alias) },
            sourceRelationName: { $0.relationName(dialect) })
    }

    /// Loads and builds the project at `root` as the current one is built (same target, vars,
    /// environment). Throws `ProjectErrors` or `Diagnostic` like the current project's load.
    public static func build(root: String, cliVars: YAMLValue?, options: GraphOptions) throws -> GraphBuild {
        let project = try ProjectLoader.load(root: root, vars: cliVars, target: options.target, environment: options.environment)
        return try GraphBuilder.build(project, options: options)
    }
}

/// A previous run: each node's status, and the command that ran (run_results.json `args.which`).
public struct PreviousRun: Sendable {
    public var statuses: [String: String]
    public var command: String?
    /// unique ids in the order the run reported them.
    public var order: [String]
    /// Its flags (run_results.json `args`), which a retry repeats.
    public var args = JSONObject()
    /// The run was `--empty` (refs and sources read no rows): its retry must be too.
    public var empty: Bool { args["empty"]?.boolValue ?? false }

    /// Reads `path` (a run_results.json, or a directory holding one); nil when there is none.
    public static func read(_ path: String) throws -> PreviousRun? {
        let file = path.hasSuffix(".json") ? path : path + "/run_results.json"
        guard let json = try JSONFile.read(file) else { return nil }
        guard let results = json["results"]?.arrayValue else {
            throw StateFileError(message: "\(file): no 'results' list; not a run_results.json",
                                 hint: "run results are written by flowc run, test, seed and build")
        }
        var statuses: [String: String] = [:]
        var order: [String] = []
        for r in results {
            guard let id = r["unique_id"]?.stringValue, let status = r["status"]?.stringValue else { continue }
            statuses[id] = status
            order.append(id)
        }
        var run = PreviousRun(statuses: statuses, command: json["args"]?["which"]?.stringValue, order: order)
        run.args = json["args"]?.objectValue ?? JSONObject()
        return run
    }
}

/// Source freshness results (sources.json): unique id → `max_loaded_at`, for the sources that
/// could be checked.
public enum SourceFreshnessFile {
    /// Reads `path` (a sources.json, or a directory holding one); nil when there is none.
    public static func read(_ path: String) throws -> [String: String]? {
        let file = path.hasSuffix(".json") ? path : path + "/sources.json"
        guard let json = try JSONFile.read(file) else { return nil }
        guard let results = json["results"]?.arrayValue else {
            throw StateFileError(message: "\(file): no 'results' list; not a sources.json",
                                 hint: "sources.json is written by flowc source freshness")
        }
        var out: [String: String] = [:]
        for r in results {
            if let id = r["unique_id"]?.stringValue, let loaded = r["max_loaded_at"]?.stringValue { out[id] = loaded }
        }
        return out
    }
}
