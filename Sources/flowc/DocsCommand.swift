// `flowc docs generate | serve | graph`: the project's documentation as files. `generate`
// compiles like `flowc compile`, reads the warehouse's catalog into target/catalog.json and
// writes the static site under target/docs/; `serve` serves that folder on 127.0.0.1;
// `graph` draws a selected subgraph as an SVG for READMEs and wikis.
import ArgumentParser
import FlowcProject
import FlowcCompile
import FlowcDocs
import FlowcGraph
import FlowcRun
import FlowcWarehouse
import Foundation

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: "Generate, serve or draw the project's documentation.",
        subcommands: [DocsGenerateCommand.self, DocsServeCommand.self, DocsGraphCommand.self])
}

struct DocsGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write target/catalog.json (from the warehouse) and the docs site under target/docs/.")

    @OptionGroup var project: ProjectOptions
    /// As dbt's: only the selected nodes are compiled, and the catalog holds only the selected
    /// nodes' and sources' relations; the site still shows the whole project.
    @OptionGroup var selection: SelectionOptions

    @Flag(name: .customLong("empty-catalog"), help: "Do not connect to the warehouse; write an empty catalog.")
    var emptyCatalog = false

    @Flag(name: .customLong("static"), help: "Also write the one-file site (target/index.html) as target/static_index.html, as dbt's --static does.")
    var singleFile = false

    @Flag(inversion: .prefixedNo, help: "Compile the nodes (the default); --no-compile writes no compiled files or compiled code, as dbt's.")
    var compile = true

    func run() throws {
        let clock = ContinuousClock.now
        let startedAt = Date().timeIntervalSince1970
        var inv = try Invocation.load(project)
        let m = inv.build.manifest
        let narrowed = !selection.select.isEmpty || !selection.exclude.isEmpty || selection.selector != nil
            || !selection.resourceTypes.isEmpty || !selection.excludeResourceTypes.isEmpty
        let selected: Set<String>? = narrowed ? Set(try inv.selected(selection, resourceTypes: nil)) : nil
        let ids = !compile ? [] : m.nodes.values.filter {
            [.model, .test, .snapshot, .analysis].contains($0.resourceType) && selected?.contains($0.uniqueId) != false
        }.map(\.uniqueId).sorted()
        let asks = !emptyCatalog && WarehouseFactory.mayHoldRelations(inv.target, projectRoot: inv.project.root)
        inv.build.setup.selectedResources = ids
        var result = Compiler.compile(inv.build, nodes: ids, threads: inv.workThreads, incrementalAsksWarehouse: asks)
        // as dbt's docs generate (which connects) would, models that read the warehouse are
        // compiled over a connection, unless the user asked for none
        if !emptyCatalog && compile { LiveRecompile.complete(&result, ids: ids, inv, empty: false, which: "generate") }
        Output.renderMessages(result.messages, quiet: project.quiet)
        if !result.diagnostics.isEmpty {
            Output.diagnostics(result.diagnostics, root: inv.project.root, errorsOnly: false)
        }
        try Files.writeAll(result.nodes.values.filter { m.nodes[$0.uniqueId]?.writesCompiledFile(sql: $0.sql) != false }
            .map { (inv.path($0.compiledPath), $0.sql) }, threads: inv.workThreads)
        // as dbt's generate, which is a compile: a result for each node it compiled, seeds too;
        // with --no-compile dbt writes no run_results.json (nor manifest.json)
        if compile {
            let seeds = m.nodes.values.filter { $0.resourceType == .seed && selected?.contains($0.uniqueId) != false }.map(\.uniqueId).sorted()
            let outcome = CompileResults.outcome(result, compiled: ids, seeds: seeds, manifest: m, dialect: inv.build.setup.dialect,
                                                 startedAt: startedAt)
            try RunResultsFile.write(outcome, invocationId: inv.invocationId, command: "generate", args: inv.build.setup.invocationArgs,
                                     to: inv.path(inv.project.config.targetPath + "/run_results.json"))
        }

        var catalog = emptyCatalog ? Catalog() : try readCatalog(inv)
        if let selected {
            catalog.nodes = catalog.nodes.filter { selected.contains($0.key) }
            catalog.sources = catalog.sources.filter { selected.contains($0.key) }
        }
        var sourceColumns: [String: [(name: String, type: String)]] = [:]
        for (id, t) in catalog.sources { sourceColumns[id] = t.columns.map { ($0.name, $0.dataType) } }
        // Findings are for compile/run to report; the docs show each model's lineage status.
        let lineage = try LineageStage.compute(inv, compiled: result.nodes, report: [], warehouseColumns: sourceColumns).lineage
        if compile { try Artifacts.writeManifest(inv, compiled: result.nodes, lineage: lineage) }

        let generatedAt = RunResultsFile.isoTime(Date().timeIntervalSince1970)
        let metadata = JSONObject([
            ("dbt_schema_version", "https://schemas.getdbt.com/dbt/catalog/v1.json"), ("dbt_version", "1.11.0"),
            ("generated_at", .string(generatedAt)), ("invocation_id", .string(inv.invocationId)),
            ("invocation_started_at", .string(inv.startedAt)), ("env", .object(JSONObject())),
        ])
        let targetPath = inv.project.config.targetPath
        try Files.write(JSONWriter.string(catalog.json(metadata: metadata), indent: 2), to: inv.path(targetPath + "/catalog.json"))
        for e in catalog.errors { Output.stderr("warning: " + e) }

        let dialect = inv.build.setup.dialect
        let data = DocsData(manifest: m, compiled: result.nodes, lineage: lineage, catalog: emptyCatalog ? nil : catalog) { id in
            if let n = m.nodes[id] { return dialect.renderRelation(database: n.database, schema: n.schema, identifier: n.alias) }
            if let s = m.sources[id] { return s.relationName(dialect) }
            return ""
        }
        let siteDir = inv.path(targetPath + "/docs")
        let written: SiteWriter.Written
        do {
            written = try SiteWriter.write(data, generatedAt: generatedAt, flowcVersion: FlowcVersion.number, to: siteDir)
        } catch {
            Output.error("cannot write the docs site to \(siteDir): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        // target/index.html, where dbt writes its site and what CI jobs publish beside
        // manifest.json and catalog.json: the whole site in one file, which needs nothing beside it
        let text = StaticSite.html(data, generatedAt: generatedAt, flowcVersion: FlowcVersion.number)
        let staticBytes = text.utf8.count
        try Files.write(text, to: inv.path(targetPath + "/index.html"))
        if singleFile { try Files.write(text, to: inv.path(targetPath + "/static_index.html")) }
        if !project.quiet {
            Output.plain(String(format: "Static docs site written to %@/%@ (%.1f MB)", targetPath,
                                singleFile ? "index.html and static_index.html" : "index.html", Double(staticBytes) / 1e6))
            Output.plain("Catalog written to \(targetPath)/catalog.json (\(catalog.nodes.count) nodes, \(catalog.sources.count) sources in the warehouse)")
            Output.plain(String(format: "Docs site written to %@/docs/index.html (%d items, %d files, %.1f MB) in %@",
                                targetPath, data.items.count, written.files, Double(written.bytes) / 1e6, Summary.seconds(clock)))
            Output.plain("Open it in a browser, or run `flowc docs serve`")
        }
        if !result.diagnostics.filter(\.isError).isEmpty { throw ExitCode(1) }
    }

    func readCatalog(_ inv: Invocation) throws -> Catalog {
        let connection: any WarehouseConnection
        do {
            let warehouse = try WarehouseFactory.make(inv.target, projectRoot: inv.project.root)
            // Opening a SQLite file that is not there would create it: nothing was built yet.
            if let sqlite = warehouse as? SQLiteWarehouse, !FileManager.default.fileExists(atPath: sqlite.config.path) {
                if !project.quiet {
                    Output.plain("note: \(sqlite.config.path) does not exist yet (run `flowc build`); the catalog is empty")
                }
                return Catalog()
            }
            connection = try warehouse.connect()
        } catch {
            Output.error("cannot connect to the warehouse of target '\(inv.target.name)': \(error)",
                         hint: "check it with `flowc debug`, or write the site without a catalog: `flowc docs generate --empty-catalog`")
            throw ExitCode(2)
        }
        defer { connection.close() }
        return CatalogReader.read(inv.build.manifest, connection: connection)
    }
}

struct DocsServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve target/docs on http://127.0.0.1:PORT until Ctrl-C.")

    @Option(name: .customLong("project-dir"), help: "The project directory.")
    var projectDir: String = "."

    @Option(help: "The port (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The IPv4 address to listen on (0.0.0.0: every interface, as in a container; the docs hold the project's SQL).")
    var host: String = "127.0.0.1"

    @Flag(inversion: .prefixedNo, help: "Accepted as dbt accepts it; flowc prints the address and opens no browser.")
    var browser = true

    /// Accepted as dbt's docs serve accepts them; serving reads no profile.
    @Option(name: [.customLong("profiles-dir"), .customLong("profile"), .customLong("target"), .customShort("t")], help: .hidden)
    var unusedProfileOptions: [String] = []

    @Option(name: .customLong("target-path"), help: "The target folder holding docs/ (default: the project file's target-path).")
    var targetPath: String?

    func run() throws {
        guard (0...65535).contains(port) else {
            Output.error("--port must be between 0 and 65535, not \(port)", hint: "`--port 0` picks a free port")
            throw ExitCode(2)
        }
        let projectRoot = URL(fileURLWithPath: projectDir).standardizedFileURL
        let target = targetPath ?? ProjectLoader.targetPath(root: projectRoot.path,
                                                            environment: ProcessInfo.processInfo.environment)
        let root = projectRoot.appendingPathComponent(target + "/docs").path
        guard FileManager.default.fileExists(atPath: root + "/index.html") else {
            Output.error("no docs site at \(root)", hint: "run `flowc docs generate` first")
            throw ExitCode(2)
        }
        let server: StaticServer
        do {
            server = try StaticServer(root: root, port: port, host: host)
        } catch {
            Output.error("\(error)", hint: "another program may use that port; try `--port 0` for a free one")
            throw ExitCode(2)
        }
        Output.plain("Serving \(root) at http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(server.port)/"
                     + (host == "0.0.0.0" ? " and on every interface" : "") + " (Ctrl-C to stop)")
        server.serve()
    }
}

struct DocsGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Draw the selected part of the DAG as an SVG file.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Option(help: "The SVG file to write.")
    var out: String

    @Option(name: .customLong("max-nodes"), help: "Refuse selections larger than this (a readable picture is small).")
    var maxNodes: Int = 500

    func run() throws {
        var quiet = project
        quiet.quiet = true
        let inv = try Invocation.load(quiet)
        let m = inv.build.manifest
        let ids = try inv.selected(selection, resourceTypes: ["model", "seed", "snapshot", "source", "exposure", "analysis"])
        guard !ids.isEmpty else {
            Output.error("the selection matches no model, seed, snapshot, source or exposure", hint: "`flowc ls -s …` shows what a selection matches")
            throw ExitCode(2)
        }
        guard ids.count <= maxNodes else {
            Output.error("the selection has \(ids.count) nodes; at most \(maxNodes) make a readable picture",
                         hint: "narrow it (e.g. `-s 2+name+2`) or raise --max-nodes")
            throw ExitCode(2)
        }
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        var nodes: [GraphSVGNode] = []
        var edges: [(Int, Int)] = []
        for (i, id) in ids.enumerated() {
            if let n = m.nodes[id] {
                nodes.append(GraphSVGNode(label: n.name, type: n.resourceType.rawValue))
                for p in n.dependsOnNodes { if let j = index[p] { edges.append((j, i)) } }
            } else if let s = m.sources[id] {
                nodes.append(GraphSVGNode(label: s.sourceName + "." + s.name, type: "source"))
            } else if let e = m.exposures[id] {
                nodes.append(GraphSVGNode(label: e.name, type: "exposure"))
                for p in e.dependsOnNodes { if let j = index[p] { edges.append((j, i)) } }
            }
        }
        let svg = GraphSVG.render(nodes: nodes, edges: edges)
        do {
            try Files.write(svg, to: URL(fileURLWithPath: out).standardizedFileURL.path)
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
        Output.plain("Wrote \(out): \(nodes.count) nodes, \(edges.count) edges")
    }
}
