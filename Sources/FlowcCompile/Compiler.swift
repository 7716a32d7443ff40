// Compiles nodes: renders each with the full dbt context (`execute` true, ref()/source()
// resolved to relations in the target dialect), in parallel, then inlines ephemeral models as
// CTEs the way dbt does. Pure: returns compiled SQL; the CLI writes it to target/compiled.
import FlowcGraph
import FlowcProject
import FlowcSQL
import FlowcTemplate
import Foundation

public struct CompiledNode: Sendable {
    public var uniqueId: String
    /// The rendered SQL, with ephemeral CTEs injected.
    public var sql: String
    /// The ephemeral parents inlined, in injection order.
    public var extraCTEs: [(id: String, sql: String)]
    /// target/compiled/<package>/<path>
    public var compiledPath: String
    /// When rendering the node started and ended (seconds since 1970), for run_results.json.
    public var renderedFrom: Double = 0
    public var renderedTo: Double = 0
    /// The ephemeral ancestors compiled for it, each with its own CTEs injected: dbt writes
    /// their compiled files and records them as compiled in the manifest.
    public var ephemeralAncestors: [CompiledNode] = []

    public init(uniqueId: String, sql: String, extraCTEs: [(id: String, sql: String)], compiledPath: String) {
        self.uniqueId = uniqueId
        self.sql = sql
        self.extraCTEs = extraCTEs
        self.compiledPath = compiledPath
    }
}

public struct CompileResult: Sendable {
    public var nodes: [String: CompiledNode]
    /// Why nodes did not compile, other than needing the warehouse.
    public var otherDiagnostics: [Diagnostic]
    /// Nodes whose render stopped only because it asked the warehouse (run_query, adapter
    /// introspection) while compiling offline, with their diagnostic.
    public var neededWarehouse: [String: Diagnostic] = [:]
    /// The node each of `otherDiagnostics` that stopped a render belongs to.
    public var failed: [String: Diagnostic] = [:]
    /// What each node's render said with `log(msg, info=True)` and `print(msg)`, in order.
    public var messages: [String: [CompileMessage]] = [:]
    /// Ephemeral models compiled only because nodes asked for inline them (not in `nodes`).
    public var ephemeralAncestors: [String: CompiledNode] = [:]

    public init(nodes: [String: CompiledNode], diagnostics: [Diagnostic], neededWarehouse: [String: Diagnostic] = [:]) {
        self.nodes = nodes
        otherDiagnostics = diagnostics
        self.neededWarehouse = neededWarehouse
    }

    /// Every node's diagnostic: the others first, then the warehouse ones by node id.
    public var diagnostics: [Diagnostic] {
        otherDiagnostics + neededWarehouse.keys.sorted().compactMap { neededWarehouse[$0] }
    }
}

/// Resolves ref()/source() against the manifest: to the node the DAG linked the caller to (so
/// compilation and run order agree), else by dbt's lookup order (root project first, then the
/// calling node's package, then any; with `require_ref_searches_node_package_before_root`, the
/// calling node's package first, as the DAG did); ephemeral models become CTE names.
struct ManifestResolver: RelationResolver {
    let refs: RefIndex
    let sources: SourceIndex
    let deferred: [String: DeferredRelation]
    /// The build's dialect, whose policy a source's `quoting:` adjusts.
    let dialect: Dialect

    init(_ manifest: Manifest, dialect: Dialect) {
        self.dialect = dialect
        refs = RefIndex(manifest.nodes.values, rootProject: manifest.projectName,
                        packageFirst: manifest.refSearchesPackageFirst)
        sources = SourceIndex(manifest.sources.values, rootProject: manifest.projectName,
                              packageFirst: manifest.refSearchesPackageFirst)
        deferred = manifest.deferredRelations
    }

    func resolveRef(_ call: RefCall, from node: Node) -> ResolvedRelation? {
        guard let n = refs.node(call, from: node.packageName, among: node.dependsOnNodes)
                ?? refs.node(call, from: node.packageName) else { return nil }
        let eventTime = n.config["event_time"]?.stringValue
        if let d = deferred[n.uniqueId] {
            return ResolvedRelation(uniqueId: n.uniqueId, database: d.database, schema: d.schema, identifier: d.identifier,
                                    materialized: n.materialized, eventTime: eventTime)
        }
        if n.materialized == "ephemeral" {
            return ResolvedRelation(uniqueId: n.uniqueId, database: "", schema: "", identifier: "__dbt__cte__\(n.name)",
                                    materialized: "ephemeral")
        }
        return ResolvedRelation(uniqueId: n.uniqueId, database: n.database, schema: n.schema, identifier: n.alias,
                                materialized: n.materialized, eventTime: eventTime)
    }

    func resolveSource(_ source: String, _ table: String, from node: Node) -> ResolvedRelation? {
        guard let s = sources.source(source, table, from: node.packageName, among: node.dependsOnNodes)
                ?? sources.source(source, table, from: node.packageName) else { return nil }
        return ResolvedRelation(uniqueId: s.uniqueId, database: s.database, schema: s.schema, identifier: s.identifier,
                                materialized: "source", eventTime: s.config["event_time"]?.stringValue,
                                policy: s.sourceCallPolicy(dialect))
    }
}

/// A `log(msg, info=True)` line or a `print(msg)` of a render (dbt's compile shows both;
/// `--quiet` hides log lines, not prints).
public struct CompileMessage: Sendable, Equatable {
    public var text: String
    public var isPrint: Bool
    /// An `exceptions.warn(msg)`: a warning line, an error under --warn-error.
    public var isWarning = false
    public init(text: String, isPrint: Bool, isWarning: Bool = false) {
        self.text = text
        self.isPrint = isPrint
        self.isWarning = isWarning
    }
    /// A closure for NodeState.warn that keeps the warning with the node's other messages.
    public static func warnings(into list: @escaping (CompileMessage) -> Void) -> (String) throws -> Void {
        { list(CompileMessage(text: $0, isPrint: false, isWarning: true)) }
    }
}

public enum Compiler {
    /// Whether a model whose parse-time render compiling may reuse is compiled from it
    /// (ParseRenderReuse.swift), and a built-in generic test's SQL written natively
    /// (BuiltinTestSQL.swift), rather than rendered again. FLOWC_RENDER_ALL=1 renders every
    /// node, to check that both give the same SQL.
    public static let reusesParseRenders = ProcessInfo.processInfo.environment["FLOWC_RENDER_ALL"].map { $0.isEmpty || $0 == "0" } ?? true

    /// Whether strictly ascending `sorted` holds `id` (a binary search).
    static func sortedContains(_ sorted: [String], _ id: String) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == id
    }

    /// Compiles the given nodes (and, for CTE injection, the ephemeral models they use).
    /// `incrementalAsksWarehouse`: an incremental model's is_incremental() asks the warehouse
    /// (the node is then among `neededWarehouse`), as dbt's compile, which connects, answers it;
    /// otherwise it is false, the model's full build.
    public static func compile(_ build: GraphBuild, nodes ids: [String], threads: Int,
                               incrementalAsksWarehouse: Bool = false,
                               reusesParseRenders: Bool = Compiler.reusesParseRenders) -> CompileResult {
        let manifest = build.manifest
        // the relation indexes made on a thread of their own while the ephemeral parents are
        // found here: each is a one-thread stretch of a large project's compile
        let dialect = build.setup.dialect
        let making = BackgroundValue { ManifestResolver(manifest, dialect: dialect) }
        // ephemeral ancestors are compiled too: their SQL is inlined. The selection usually
        // comes sorted and holds them already; then it is the order as it is (hashing and
        // sorting every id again was a serial tenth of compiling a large project).
        let sortedIds = zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }
        let idSet: Set<String>? = sortedIds ? nil : Set(ids)
        func selected(_ id: String) -> Bool { idSet?.contains(id) ?? Compiler.sortedContains(ids, id) }
        var extra: Set<String> = []
        var queue = ids
        while let id = queue.popLast() {
            for p in manifest.parentMap[id] ?? []
            where manifest.nodes[p]?.materialized == "ephemeral" && !selected(p) && !extra.contains(p) {
                extra.insert(p)
                queue.append(p)
            }
        }
        let order = sortedIds && extra.isEmpty ? ids : Set(ids).union(extra).sorted()
        let resolver = making.value()
        let setup = build.setup
        let templates = build.templates
        let parseRenders = reusesParseRenders ? build.parseRenders : [:]
        struct Rendered: Sendable {
            var id: String
            var sql: String?
            var diagnostic: Diagnostic?
            var neededWarehouse = false
            var from: Double = 0
            var to: Double = 0
            var messages: [CompileMessage] = []
        }
        let rendered: [Rendered] = parallelChunks(count: order.count, threads: threads) { range in
            guard let worker = try? RenderWorker(setup: setup) else { return [] }
            worker.installGraph(manifest)
            var out: [Rendered] = []
            // generic tests have no parse-time template; many share their code and file
            var parsedTests: [String: Template] = [:]
            for i in range {
                let id = order[i]
                guard let node = manifest.nodes[id] else { continue }
                let state = NodeState(node: node, mode: .compile)
                state.resolver = resolver
                state.incrementalAsksWarehouse = incrementalAsksWarehouse && node.buildsIncrementally(fullRefresh: setup.fullRefresh)
                var messages: [CompileMessage] = []
                state.messages = { messages.append(CompileMessage(text: $0, isPrint: $1)) }
                state.warn = CompileMessage.warnings { messages.append($0) }
                state.threadId = "Thread-1 (worker)"
                let from = Date().timeIntervalSince1970
                do {
                    if let reusable = parseRenders[id], let sql = try worker.replay(reusable, state: state) {
                        out.append(Rendered(id: id, sql: sql, from: from, to: Date().timeIntervalSince1970, messages: messages))
                        continue
                    }
                    func template() throws -> Template {
                        if let t = templates[id] { return t }
                        let key = node.displayPath + "\u{0}" + node.rawCode
                        if let t = parsedTests[key] { return t }
                        let t = try worker.environment.parse(node.rawCode, name: node.displayPath)
                        parsedTests[key] = t
                        return t
                    }
                    let sql = if let kwargs = node.testMetadata?.kwargs {
                        try worker.renderGenericTest(node, kwargs: kwargs, state: state, native: reusesParseRenders, template: template)
                    } else {
                        try worker.render(template(), state: state)
                    }
                    out.append(Rendered(id: id, sql: sql, from: from, to: Date().timeIntervalSince1970, messages: messages))
                } catch {
                    out.append(Rendered(id: id, sql: nil, diagnostic: diagnostic(error, node),
                                        neededWarehouse: state.neededWarehouse, from: from, to: Date().timeIntervalSince1970,
                                        messages: messages))
                }
            }
            return out
        }
        var sqlById: [String: String] = [:]
        var times: [String: (from: Double, to: Double)] = [:]
        var diagnostics: [Diagnostic] = []
        var neededWarehouse: [String: Diagnostic] = [:]
        var failed: [String: Diagnostic] = [:]
        var messages: [String: [CompileMessage]] = [:]
        sqlById.reserveCapacity(rendered.count)
        times.reserveCapacity(rendered.count)
        for r in rendered {
            if let sql = r.sql { sqlById[r.id] = sql }
            if !r.messages.isEmpty { messages[r.id] = r.messages }
            times[r.id] = (r.from, r.to)
            if let d = r.diagnostic {
                if r.neededWarehouse { neededWarehouse[r.id] = d } else { diagnostics.append(d); failed[r.id] = d }
            }
        }
        let timesOf = times
        // CTE injection in parallel too: on 20,000 nodes it was a quarter of compiling
        let sqlOf = sqlById
        let injected = parallelSlices(count: ids.count, threads: threads, slices: threads * 4) { range in
            range.compactMap { i -> CompiledNode? in
                let id = ids[i]
                guard let node = manifest.nodes[id], let sql = sqlOf[id] else { return nil }
                let ctes = ephemeralCTEs(for: id, manifest: manifest, sql: sqlOf)
                // an ephemeral parent that did not compile (its error is reported) would be an
                // empty CTE here: the node has no compiled SQL either
                guard ctes.allSatisfy({ sqlOf[$0.id] != nil }) else { return nil }
                let compiled = CTEInjection.inject(ctes.map(\.sql), into: sql)
                let path = compiledPath(node, targetPath: manifest.targetPath)
                var out = CompiledNode(uniqueId: id, sql: compiled, extraCTEs: ctes, compiledPath: path)
                if let t = timesOf[id] { (out.renderedFrom, out.renderedTo) = t }
                return out
            }
        }
        var result: [String: CompiledNode] = [:]
        result.reserveCapacity(ids.count)
        for slice in injected { for node in slice { result[node.uniqueId] = node } }
        // ephemeral ancestors that were not asked for are compiled files and manifest entries
        // too, as dbt's compile of their children leaves them
        var ancestors: [String: CompiledNode] = [:]
        for id in extra where result[id] == nil {
            ancestors[id] = compiledEphemeral(id, manifest: manifest, sql: sqlOf)
        }
        // what rendering left (every node's SQL and times by id, the relation indexes) is freed
        // off this thread
        DeferredRelease.drop((consume rendered, consume sqlById, consume times, resolver))
        var compiled = CompileResult(nodes: result, diagnostics: diagnostics, neededWarehouse: neededWarehouse)
        compiled.ephemeralAncestors = ancestors
        compiled.failed = failed
        compiled.messages = messages
        return compiled
    }

    /// A render error of `node`: in its file, or, for a generic test or a hook, whose template
    /// is made from a properties file entry or a project file string, at that entry.
    static func diagnostic(_ error: Error, _ node: Node) -> Diagnostic {
        if node.testMetadata != nil || node.resourceType == .operation, let span = node.span {
            return Diagnostic(templateError: error, inValueAt: span)
        }
        return Diagnostic(templateError: error, file: node.displayPath)
    }

    /// The nodes among `ids` to compile again over a connection: those that asked the warehouse,
    /// and those with an ephemeral ancestor that did (its SQL is part of theirs).
    public static func needingWarehouse(_ result: CompileResult, ids: [String], manifest: Manifest) -> [String] {
        guard !result.neededWarehouse.isEmpty else { return [] }
        return ids.filter { id in
            result.neededWarehouse[id] != nil
                || ephemeralAncestors(of: id, manifest: manifest).contains { result.neededWarehouse[$0] != nil }
        }.sorted()
    }

    /// The ephemeral models whose SQL is inlined into `id`'s, reached through ephemeral
    /// parents, deepest first, each once.
    public static func ephemeralAncestors(of id: String, manifest: Manifest) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        func visit(_ nodeId: String) {
            for p in manifest.nodes[nodeId]?.dependsOnNodes ?? [] {
                guard manifest.nodes[p]?.materialized == "ephemeral", !seen.contains(p) else { continue }
                visit(p)
                guard !seen.contains(p) else { continue }
                seen.insert(p)
                out.append(p)
            }
        }
        visit(id)
        return out
    }

    /// Each ephemeral ancestor of `id` as dbt compiles it on the way: its SQL with its own
    /// ephemeral ancestors injected. Nil when one of them did not render.
    static func compiledEphemeralAncestors(of id: String, manifest: Manifest, sql: [String: String]) -> [CompiledNode]? {
        var out: [CompiledNode] = []
        for p in ephemeralAncestors(of: id, manifest: manifest) {
            guard let compiled = compiledEphemeral(p, manifest: manifest, sql: sql) else { return nil }
            out.append(compiled)
        }
        return out
    }

    /// An ephemeral model compiled on the way: its SQL with its own ephemeral ancestors
    /// injected. Nil when it or one of them did not render.
    static func compiledEphemeral(_ id: String, manifest: Manifest, sql: [String: String]) -> CompiledNode? {
        guard let node = manifest.nodes[id], let body = sql[id] else { return nil }
        let ctes = ephemeralCTEs(for: id, manifest: manifest, sql: sql)
        guard ctes.allSatisfy({ sql[$0.id] != nil }) else { return nil }
        return CompiledNode(uniqueId: id, sql: CTEInjection.inject(ctes.map(\.sql), into: body), extraCTEs: ctes,
                            compiledPath: compiledPath(node, targetPath: manifest.targetPath))
    }

    /// The CTEs of `id`'s ephemeral ancestors (ephemeralAncestors), in that order.
    static func ephemeralCTEs(for id: String, manifest: Manifest, sql: [String: String]) -> [(id: String, sql: String)] {
        ephemeralAncestors(of: id, manifest: manifest).compactMap { p in
            manifest.nodes[p].map { (p, CTEInjection.cte(name: $0.name, compiledSQL: sql[p] ?? "")) }
        }
    }

    /// dbt's compiled path: target/compiled/<node's package>/<original path> (a package's
    /// original path is relative to the package), and for generic tests the properties file's
    /// path as a folder holding `<test name>.sql`.
    /// Where `run`, `seed`, `test` and `build` write the statements a node ran, as dbt's
    /// target/run/ (the compiled file's path under `run/`).
    public static func runPath(_ node: Node, targetPath: String = "target") -> String {
        let compiled = compiledPath(node, targetPath: targetPath)
        return targetPath + "/run/" + compiled.dropFirst(targetPath.count + "/compiled/".count)
    }

    public static func compiledPath(_ node: Node, targetPath: String = "target") -> String {
        let package = node.packageName
        // generic tests and hooks live under the file that declares them (models/x.yml/…,
        // ./dbt_project.yml/hooks/…), as dbt files them
        if node.testMetadata != nil || node.resourceType == .operation {
            return "\(targetPath)/compiled/\(package)/\(node.originalFilePath)/\(node.path)"
        }
        return "\(targetPath)/compiled/\(package)/\(node.originalFilePath)"
    }
}
