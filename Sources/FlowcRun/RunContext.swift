// What every scheduler thread shares: the parsed project, the warehouse, the options, and the
// schemas already created (so each is created once, not raced by several threads).
import FlowcCompile
import FlowcGraph
import FlowcWarehouse
import Foundation

public final class RunContext: @unchecked Sendable {
    public let build: GraphBuild
    public let warehouse: any Warehouse
    public let options: RunOptions
    let resolver: any RelationResolver
    private let lock = NSLock()
    private var schemas: Set<String> = []

    /// `which` is what `flags.WHICH` says when it is not the run command's name (`compile`).
    public init(build: GraphBuild, warehouse: any Warehouse, options: RunOptions, which: String? = nil) {
        var build = build
        build.setup.fullRefresh = options.fullRefresh
        build.setup.storeFailures = options.storeFailures
        build.manifest.storeFailuresFlag = options.storeFailures
        build.setup.emptyRelations = options.empty
        build.setup.which = which ?? options.command.rawValue
        self.build = build
        self.warehouse = warehouse
        self.options = options
        resolver = Compiler.resolver(for: build)
    }

    var manifest: Manifest { build.manifest }

    /// Creates `schema` once per run (by `create`, the project's create_schema macro, when
    /// given); the lock also keeps two threads from racing on `create schema if not exists`,
    /// which PostgreSQL can fail with a duplicate-key error.
    func ensureSchema(_ schema: String, on connection: any WarehouseConnection, create: (() throws -> Void)? = nil) throws {
        lock.lock()
        defer { lock.unlock() }
        // (SQLite connections attach a schema another thread created before their next statement)
        guard !schemas.contains(schema) else { return }
        if let create { try create() } else { try connection.createSchema(schema) }
        schemas.insert(schema)
    }

    /// Writes a file under the project root, creating folders; failures are reported by the caller.
    func write(_ text: String, to relative: String) throws {
        let path = options.projectRoot + "/" + relative
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
