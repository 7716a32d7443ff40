// Runs throwaway projects end to end against a real warehouse: writes the project to a temporary
// directory, loads it the way the CLI does (ProjectLoader → ProfileLoader → GraphBuilder), makes
// the warehouse from the profile's target (WarehouseFactory), runs a command through Runner and
// hands back the outcome; afterwards `query` reads the warehouse through a fresh connection.
//
// SQLite: a database file in the project directory (schemas are files beside it).
// PostgreSQL: a fresh database on the server the tests start themselves (TestPostgres); when the
// server binaries are missing, `TestPostgres.shared()` throws saying what to install, and the
// test fails.
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcRun
import FlowcSQL
import FlowcTestSupport
import FlowcWarehouse
import Foundation
import Synchronization
import Testing

enum WarehouseKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// Everything a test needs to know about one run.
struct RunReport {
    let outcome: RunOutcome
    let manifest: Manifest
    /// Every event the runner emitted, in order.
    let events: [RunEvent]

    var results: [NodeResult] { outcome.results }

    /// The result of the node called `name` (a model, seed or test name; for a generic test, a
    /// prefix of its generated name is enough when it is unique).
    func result(_ name: String) -> NodeResult? {
        let exact = results.filter { manifest.runnable($0.uniqueId)?.name == name || $0.uniqueId == name }
        if let r = exact.first { return r }
        let prefixed = results.filter { manifest.runnable($0.uniqueId)?.name.hasPrefix(name) == true }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    func status(_ name: String) -> NodeStatus? { result(name)?.status }

    /// Names of the nodes in the order they started.
    var startOrder: [String] {
        events.compactMap { if case .started(_, _, let node, _) = $0 { return node.name } else { return nil } }
    }

    /// The hook results the runner emitted (on-run-start / on-run-end).
    var hooks: [(name: String, result: NodeResult)] {
        events.compactMap { if case .hook(let name, _, _, let result) = $0 { return (name, result) } else { return nil } }
    }

    var warnings: [String] {
        events.compactMap {
            switch $0 {
            case .warning(let w), .macroWarning(let w): return w
            default: return nil
            }
        }
    }

    /// "name: status (message)" lines, for test failure messages.
    var summary: String {
        results.map { "\(manifest.runnable($0.uniqueId)?.name ?? $0.uniqueId): \($0.status.rawValue)"
            + ($0.message.map { " (\($0))" } ?? "") }.joined(separator: "\n")
    }
}

/// Collects events from the runner's threads, and hands each to `onEvent` (called while the
/// scheduler holds its lock: it must not call back into the runner synchronously).
final class EventLog: Sendable {
    private let events = Mutex<[RunEvent]>([])
    private let onEvent: (@Sendable (RunEvent) -> Void)?
    init(onEvent: (@Sendable (RunEvent) -> Void)? = nil) { self.onEvent = onEvent }
    func append(_ e: RunEvent) {
        events.withLock { $0.append(e) }
        onEvent?(e)
    }
    var all: [RunEvent] { events.withLock { $0 } }
}

final class RunHarness {
    let kind: WarehouseKind
    let root: String
    /// The target schema ("main" on SQLite, "analytics" on PostgreSQL).
    let schema: String
    /// The database (PostgreSQL: the fresh database's name).
    let database: String
    private let profile: String
    private var connection: (any WarehouseConnection)?

    static let projectName = "shop"

    /// Writes `files` (relative path → text) to a new temporary project. Without a flowc.yml or
    /// dbt_project.yml among them, a minimal flowc.yml is written; profiles.yml is always written
    /// (with target `dev` on the chosen warehouse), so the files need not name one.
    init(_ kind: WarehouseKind, _ files: [String: String], threads: Int = 1, sqliteSchema: String = "main") throws {
        self.kind = kind
        root = NSTemporaryDirectory() + "flowc-run-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        switch kind {
        case .sqlite:
            schema = sqliteSchema
            database = "main"
            profile = """
                shop:
                  target: dev
                  outputs:
                    dev:
                      type: sqlite
                      path: \(root)/warehouse.sqlite
                      schema: \(sqliteSchema)
                      database: main
                      threads: \(threads)

                """
        case .postgres:
            let server = try TestPostgres.shared()
            let name = "flowc_run_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
            let config = try server.createDatabase(name)
            schema = "analytics"
            database = config.dbname
            profile = """
                shop:
                  target: dev
                  outputs:
                    dev:
                      type: postgres
                      host: \(config.host)
                      port: \(config.port)
                      user: \(config.user)
                      dbname: \(config.dbname)
                      schema: analytics
                      threads: \(threads)

                """
        }
        var all = files
        if all["flowc.yml"] == nil && all["dbt_project.yml"] == nil {
            all["flowc.yml"] = "name: shop\nversion: '1.0'\nprofile: shop\n"
        }
        all["profiles.yml"] = profile
        for (path, text) in all { try write(path, text) }
    }

    deinit {
        connection?.close()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes (or overwrites) one file of the project.
    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: root + "/" + path)
    }

    /// Loads the project as it is now on disk.
    func load() throws -> (GraphBuild, Target, Project) {
        let project = try ProjectLoader.load(root: root, vars: nil)
        let (target, _) = try ProfileLoader.load(projectRoot: root, profileName: project.config.profile, targetName: nil,
                                                profilesDir: nil, targetPath: project.config.targetPath, vars: nil)
        let dialect = Dialect.named(target.type) ?? .sqlite  // WarehouseFactory rejects unknown types
        let options = GraphOptions(target: target, dialect: dialect, environment: [:], threads: max(2, target.threads),
                                   invocationId: "run-tests", runStartedAt: "2026-01-01T00:00:00Z")
        let build = try GraphBuilder.build(project, options: options)
        return (build, target, project)
    }

    func warehouse() throws -> any Warehouse {
        let (_, target, _) = try load()
        return try WarehouseFactory.make(target, projectRoot: root)
    }

    /// Prepares a runner for `command` over every node (or the nodes `select` picks, with dbt
    /// selection syntax, with the tests of selected nodes as the selection engine adds them).
    func runner(_ command: RunCommand, threads: Int? = nil, fullRefresh: Bool = false, failFast: Bool = false,
                storeFailures: Bool = false, select: [String]? = nil, log: EventLog,
                adjust: (inout RunOptions) -> Void = { _ in }) throws -> Runner {
        let (build, target, project) = try load()
        let warehouse = try WarehouseFactory.make(target, projectRoot: root)
        let m = build.manifest
        let ids: [String]
        if let select {
            // the selection engine brings the tests of selected nodes (eager), as for the CLI
            ids = try NodeSelection.select(m.selectionGraph, select: select, exclude: nil)
        } else {
            ids = (Array(m.nodes.keys) + Array(m.unitTests.keys)).sorted()
        }
        var options = RunOptions(command: command, threads: threads ?? target.threads, fullRefresh: fullRefresh,
                                 failFast: failFast, storeFailures: storeFailures, projectRoot: root,
                                 targetPath: project.config.targetPath, projectName: project.config.name,
                                 onRunStart: project.config.onRunStart, onRunEnd: project.config.onRunEnd)
        options.queryComment = QueryCommentSetting(project.config.queryComment)
        options.packageHooks = PackageHooks.of(project)
        options.skipNodesIfOnRunStartFails = project.config.skipNodesIfOnRunStartFails
        adjust(&options)
        let context = RunContext(build: build, warehouse: warehouse, options: options)
        return Runner(context: context, selected: ids) { log.append($0) }
    }

    /// Runs `command` to the end and reports what happened.
    @discardableResult
    func run(_ command: RunCommand, threads: Int? = nil, fullRefresh: Bool = false, failFast: Bool = false,
             storeFailures: Bool = false, select: [String]? = nil,
             adjust: (inout RunOptions) -> Void = { _ in }) throws -> RunReport {
        let log = EventLog()
        let runner = try self.runner(command, threads: threads, fullRefresh: fullRefresh, failFast: failFast,
                                     storeFailures: storeFailures, select: select, log: log, adjust: adjust)
        try runner.connect()
        let outcome = runner.run()
        return RunReport(outcome: outcome, manifest: runner.context.build.manifest, events: log.all)
    }

    /// Runs `command` and expects every node to succeed or pass.
    @discardableResult
    func runOK(_ command: RunCommand, threads: Int? = nil, fullRefresh: Bool = false, select: [String]? = nil,
               adjust: (inout RunOptions) -> Void = { _ in },
               sourceLocation: SourceLocation = #_sourceLocation) throws -> RunReport {
        let report = try run(command, threads: threads, fullRefresh: fullRefresh, select: select, adjust: adjust)
        let bad = report.results.filter { $0.status != .success && $0.status != .pass }
        #expect(bad.isEmpty, "\(kind) \(command): not all nodes succeeded:\n\(report.summary)", sourceLocation: sourceLocation)
        return report
    }

    // MARK: reading the warehouse

    /// A connection of our own, opened on first use.
    func conn() throws -> any WarehouseConnection {
        if let connection { return connection }
        let c = try warehouse().connect()
        connection = c
        return c
    }

    func query(_ sql: String) throws -> [[SQLValue]] {
        try conn().query(sql, limit: nil).rows
    }

    func execute(_ sql: String) throws {
        try conn().execute(sql)
    }

    /// The first column of every row, as text ("" for NULL).
    func column(_ sql: String) throws -> [String] {
        try query(sql).map { $0.first?.text ?? "" }
    }

    /// A single integer (a count, say).
    func int(_ sql: String) throws -> Int {
        let rows = try query(sql)
        guard let v = rows.first?.first else { throw HarnessError("no row from: \(sql)") }
        switch v {
        case .int(let i): return Int(i)
        case .double(let d): return Int(d)
        case .text(let s): if let i = Int(s) { return i }
        default: break
        }
        throw HarnessError("not an integer (\(v)) from: \(sql)")
    }

    /// Rows as text lists, for comparing whole tables.
    func rows(_ sql: String) throws -> [[String]] {
        try query(sql).map { $0.map(\.text) }
    }

    /// `schema.name` as SQL names a relation of the target schema (or of `schema`).
    func rel(_ name: String, schema: String? = nil) -> String {
        "\(schema ?? self.schema).\(name)"
    }

    /// The relation's kind, or nil when it does not exist.
    func relationKind(_ name: String, schema: String? = nil) throws -> RelationKind? {
        try conn().relation(schema: schema ?? self.schema, name: name)?.kind
    }

    func columns(_ name: String, schema: String? = nil) throws -> [String] {
        try conn().columns(schema: schema ?? self.schema, name: name).map { $0.name.lowercased() }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

extension SQLValue {
    /// Numbers as numbers whatever the engine's storage class (SQLite's integer, PostgreSQL's numeric text).
    var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .text(let s): return Double(s)
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
}
