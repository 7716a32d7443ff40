// The run stage's vocabulary: which command runs, with what options, what happened to each
// node, and the events a presenter (the CLI) turns into progress lines.
import FlowcCompile
import FlowcGraph
import FlowcProject
import Foundation

public enum RunCommand: String, Sendable {
    case seed, run, test, build, snapshot

    /// The resource types the command executes.
    public var resourceTypes: Set<String> {
        switch self {
        case .seed: return ["seed"]
        case .run: return ["model"]
        case .test: return ["test", "unit_test"]
        case .build: return ["seed", "model", "test", "unit_test", "snapshot", "exposure", "saved_query"]
        case .snapshot: return ["snapshot"]
        }
    }
}

public struct RunOptions: Sendable {
    public var command: RunCommand
    public var threads: Int
    public var fullRefresh: Bool
    public var failFast: Bool
    /// `--store-failures`: store every test's failing rows.
    public var storeFailures: Bool
    /// The project root and target path (compiled SQL goes to <root>/<target>/compiled, run SQL to …/run).
    public var projectRoot: String
    public var targetPath: String
    public var projectName: String
    public var onRunStart: [String]
    public var onRunEnd: [String]
    /// The project file's `query-comment:` (QueryComment.swift).
    public var queryComment = QueryCommentSetting()
    /// Installed packages' own on-run-start / on-run-end hooks, which dbt runs too: after the
    /// root project's, package by package in name order.
    public var packageHooks: [PackageHooks] = []
    /// `--empty`: models read no rows from their refs and sources.
    public var empty = false
    /// `--warn-error`: a test that would warn fails.
    public var warnError = false
    /// `--event-time-start` / `--event-time-end`: the window microbatch models rebuild.
    public var eventTimeStart: Date?
    public var eventTimeEnd: Date?
    /// When the invocation started: the end of a microbatch model's last batch.
    public var startedAt = Date()
    /// dbt's `--sample`: models and snapshots read only this window of their inputs that have
    /// an `event_time`.
    public var sample: (start: Date, end: Date)?
    /// The project's `flags: skip_nodes_if_on_run_start_fails`: off (dbt's default), the nodes
    /// run after a failing on-run-start hook; on, they are skipped.
    public var skipNodesIfOnRunStartFails = false

    public init(command: RunCommand, threads: Int, fullRefresh: Bool = false, failFast: Bool = false,
                storeFailures: Bool = false, projectRoot: String, targetPath: String, projectName: String,
                onRunStart: [String] = [], onRunEnd: [String] = []) {
        self.command = command
        self.threads = max(1, threads)
        self.fullRefresh = fullRefresh
        self.failFast = failFast
        self.storeFailures = storeFailures
        self.projectRoot = projectRoot
        self.targetPath = targetPath
        self.projectName = projectName
        self.onRunStart = onRunStart
        self.onRunEnd = onRunEnd
    }
}

/// One installed package's on-run-start / on-run-end SQL (unrendered).
public struct PackageHooks: Sendable {
    public var package: String
    public var onRunStart: [String]
    public var onRunEnd: [String]

    public init(package: String, onRunStart: [String], onRunEnd: [String]) {
        self.package = package
        self.onRunStart = onRunStart
        self.onRunEnd = onRunEnd
    }

    /// The hooks of a project's installed packages (those whose nodes it reads), in dbt's order.
    public static func of(_ project: Project) -> [PackageHooks] {
        project.packages.filter { $0.name != project.config.name && !($0.config.onRunStart.isEmpty && $0.config.onRunEnd.isEmpty) }
            .sorted { $0.name < $1.name }
            .map { PackageHooks(package: $0.name, onRunStart: $0.config.onRunStart, onRunEnd: $0.config.onRunEnd) }
    }
}

/// dbt's run-result statuses: models and seeds succeed or error; tests pass, warn or fail.
public enum NodeStatus: String, Sendable {
    case success, error, skipped, pass, fail, warn
    /// A microbatch model some of whose batches failed.
    case partialSuccess = "partial success"
    /// Nothing to do (an exposure under `build`).
    case noOp = "no-op"
}

public struct NodeTiming: Sendable {
    public var name: String
    public var startedAt: Double
    public var completedAt: Double

    public init(name: String, startedAt: Double, completedAt: Double) {
        self.name = name
        self.startedAt = startedAt
        self.completedAt = completedAt
    }
}

/// What happened to one node.
public struct NodeResult: Sendable {
    public var uniqueId: String
    public var status: NodeStatus
    /// The adapter's message ("SELECT 120", "INSERT 0 5"), an error, or why it was skipped.
    public var message: String?
    /// Failing rows of a test.
    public var failures: Int?
    public var executionTime: Double
    public var threadId: String
    public var timing: [NodeTiming]
    public var adapterCode: String?
    public var rowsAffected: Int?
    public var compiledCode: String?
    /// The compiled file, relative to the project root.
    public var compiledPath: String?
    public var relationName: String?
    /// The ephemeral ancestors inlined into `compiledCode`, as the manifest's `extra_ctes`.
    public var extraCTEs: [(id: String, sql: String)] = []
    /// Those ancestors compiled on the way, as dbt compiles, writes and records them.
    public var ephemeralAncestors: [CompiledNode] = []
    /// Seconds of `executionTime` spent waiting on the database.
    public var databaseTime: Double = 0
    /// dbt's `compiled: false` for a node that ran without being compiled itself: a microbatch
    /// model (its batches were) and a run-operation's macro. Otherwise `compiled` follows the code.
    public var notCompiled = false
    /// A microbatch model's batches, as (start, end) ISO timestamps.
    public var batches: (successful: [(String, String)], failed: [(String, String)])?

    public init(uniqueId: String, status: NodeStatus, message: String? = nil, failures: Int? = nil,
                executionTime: Double = 0, threadId: String = "Thread-1 (worker)", timing: [NodeTiming] = [],
                adapterCode: String? = nil, rowsAffected: Int? = nil, compiledCode: String? = nil,
                compiledPath: String? = nil, relationName: String? = nil) {
        self.uniqueId = uniqueId
        self.status = status
        self.message = message
        self.failures = failures
        self.executionTime = executionTime
        self.threadId = threadId
        self.timing = timing
        self.adapterCode = adapterCode
        self.rowsAffected = rowsAffected
        self.compiledCode = compiledCode
        self.compiledPath = compiledPath
        self.relationName = relationName
    }

    /// Whether this result makes the command exit 1.
    public var isFailure: Bool { status == .error || status == .fail || status == .partialSuccess }
}

public enum RunEvent: Sendable {
    /// A node starts: its position among the nodes to run.
    case started(index: Int, total: Int, node: Node, description: String)
    case finished(index: Int, total: Int, node: Node, description: String, result: NodeResult)
    /// A hook of on-run-start / on-run-end starts: dbt's name (`shop.on-run-start.0`) and its
    /// place among the hooks of its kind.
    case hookStarted(name: String, index: Int, total: Int)
    /// A hook of on-run-start / on-run-end ran (or failed).
    case hook(name: String, index: Int, total: Int, result: NodeResult)
    /// The last hook of a kind finished (dbt prints a blank line there).
    case hooksFinished
    case warning(String)
    /// A macro's `exceptions.warn(msg)`: dbt shows the message alone (its JinjaLogWarning).
    case macroWarning(String)
    /// A macro's `log(msg, info=True)` or `print(msg)` while a node or hook rendered.
    case message(String, isPrint: Bool)
}

/// A command ended by an error outside any node (a project hook that could not be rendered):
/// dbt prints "Encountered an error:" and this message, and exits with status 2.
public struct RunAbort: Sendable {
    public var message: String
    /// Whether dbt still writes run_results.json (with what ran before): it does when an
    /// on-run-end hook fails so, not when an on-run-start hook does.
    public var writesResults: Bool
    /// Whether it stopped the command before anything ran (no "Finished running" line then).
    public var beforeRunning = false
}

/// The outcome of a whole command.
public struct RunOutcome: Sendable {
    public var results: [NodeResult]
    public var elapsed: Double
    /// Set when the run stopped early (Ctrl-C, --fail-fast).
    public var interrupted: Bool
    public var startedAt: Double
    /// Set when a project hook could not be rendered, which ends the command as in dbt.
    public var aborted: RunAbort?

    public init(results: [NodeResult], elapsed: Double, interrupted: Bool, startedAt: Double) {
        self.results = results
        self.elapsed = elapsed
        self.interrupted = interrupted
        self.startedAt = startedAt
    }

    public func count(_ status: NodeStatus) -> Int { results.filter { $0.status == status }.count }
}
