// OpenLineage run events from real runs: START and COMPLETE per model with the schema,
// columnLineage and sql facets; FAIL with an error message; ABORT for what a failure skips; the
// events file rewritten per run; events POSTed to an in-process HTTP server; a dead endpoint is
// one warning and a successful run.
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcRun
import Foundation
import Synchronization
import Testing

/// What an OpenLineage-emitting run left behind.
struct LineageRunReport {
    let report: RunReport
    /// target/openlineage.jsonl, line by line.
    let lines: [String]
    let events: [[String: Any]]
    let warnings: [String]
    /// Events the endpoint acknowledged.
    let sent: Int
    let finishSeconds: Double

    /// The events of job `<project>.<name>` (or of the invocation when `name` is nil).
    func events(of name: String?) -> [[String: Any]] {
        events.filter { job($0)["name"] as? String == (name.map { "shop." + $0 } ?? "shop") }
    }
    func event(_ type: String, of name: String?) -> [String: Any]? {
        events(of: name).first { $0["eventType"] as? String == type }
    }
    func job(_ e: [String: Any]) -> [String: Any] { e["job"] as? [String: Any] ?? [:] }
}

final class Warnings: Sendable {
    let list = Mutex<[String]>([])
    func add(_ w: String) { list.withLock { $0.append(w) } }
    var all: [String] { list.withLock { $0 } }
}

extension RunHarness {
    /// Runs `command` as `flowc run/build` does with OpenLineage on: lineage computed first,
    /// events to target/openlineage.jsonl and to OPENLINEAGE_URL when `environment` sets it.
    func runWithOpenLineage(_ command: RunCommand, environment: [String: String] = [:],
                            interruptAfter: Double? = nil) throws -> LineageRunReport {
        let (build, target, project) = try load()
        let ids = build.manifest.nodes.values.filter { $0.resourceType == .model || $0.resourceType == .snapshot }.map(\.uniqueId)
        let compiled = Compiler.compile(build, nodes: ids, threads: 1).nodes
        let lineage = ProjectLineage.compute(LineageInputs(build: build, compiled: compiled, projectRoot: root,
                                                           checks: .defaults, threads: 1))
        let (settings, problem) = OpenLineageSettings.from(environment: environment, projectName: project.config.name,
                                                           target: target, projectRoot: root, version: "test")
        let warnings = Warnings()
        if let problem { warnings.add(problem) }
        let path = root + "/target/openlineage.jsonl"
        let transport = OpenLineageTransport(filePath: path, settings: settings) { warnings.add($0) }
        let openLineage = OpenLineageRun(builder: OpenLineageEventBuilder(settings: settings, manifest: build.manifest,
                                                                          lineage: lineage),
                                         transport: transport, columns: OpenLineageColumns(warehouse: try warehouse()))
        let log = EventLog { openLineage.handle($0) }
        let runner = try self.runner(command, log: log)
        try runner.connect()
        if let interruptAfter {
            // as the CLI's Ctrl-C handler does
            Thread {
                Thread.sleep(forTimeInterval: interruptAfter)
                openLineage.interrupted()
                runner.interrupt()
            }.start()
        }
        openLineage.start()
        let outcome = runner.run()
        let clock = ContinuousClock.now
        let sent = openLineage.finish(outcome)
        let elapsed = ContinuousClock.now - clock
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let events = try lines.map { line -> [String: Any] in
            guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw HarnessError("not a JSON object: \(line)")
            }
            return o
        }
        return LineageRunReport(report: RunReport(outcome: outcome, manifest: runner.context.build.manifest, events: log.all),
                                lines: lines, events: events, warnings: warnings.all, sent: sent,
                                finishSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

/// Digging into decoded JSON without force casts.
private func dig(_ value: Any?, _ path: String...) -> Any? {
    var v = value
    for key in path {
        if let i = Int(key), let a = v as? [Any] { v = i < a.count ? a[i] : nil } else { v = (v as? [String: Any])?[key] }
    }
    return v
}

@Suite("OpenLineage run events")
struct OpenLineageTests {
    static let shop: [String: String] = [
        "seeds/raw_orders.csv": "id,customer_id,amount\n1,10,5\n2,10,7\n3,11,0\n",
        "models/stg_orders.sql": """
            {{ config(materialized='table') }}
            select id as order_id, customer_id, amount * 100 as cents
            from {{ ref('raw_orders') }}
            where amount > 0
            """,
        "models/customer_totals.sql": """
            select customer_id, sum(cents) as total_cents
            from {{ ref('stg_orders') }}
            group by customer_id
            """,
    ]

    @Test("a build emits START and COMPLETE per seed and model with schema, columnLineage and sql facets",
          arguments: WarehouseKind.allCases)
    func startAndComplete(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.shop)
        let r = try h.runWithOpenLineage(.build)
        #expect(r.report.results.allSatisfy { $0.status == .success }, "\(r.report.summary)")
        #expect(r.warnings.isEmpty, "\(r.warnings)")
        // the invocation's START and COMPLETE, and START + COMPLETE for the seed and both models
        #expect(r.events.count == 8)
        #expect(r.events.first?["eventType"] as? String == "START")
        #expect(r.job(r.events.first ?? [:])["name"] as? String == "shop")
        #expect(r.events.last?["eventType"] as? String == "COMPLETE")
        #expect(r.job(r.events.last ?? [:])["name"] as? String == "shop")
        let invocationRun = dig(r.events.first, "run", "runId") as? String
        for name in ["raw_orders", "stg_orders", "customer_totals"] {
            let types = r.events(of: name).compactMap { $0["eventType"] as? String }
            #expect(types == ["START", "COMPLETE"], "\(name): \(types)")
            let runs = Set(r.events(of: name).compactMap { dig($0, "run", "runId") as? String })
            #expect(runs.count == 1, "\(name): one run id for START and COMPLETE")
            #expect(runs.first != invocationRun)
            for e in r.events(of: name) {
                #expect(dig(e, "run", "facets", "parent", "run", "runId") as? String == invocationRun)
                #expect(dig(e, "job", "namespace") as? String == "shop")
            }
        }
        let nodeRuns = Set(["raw_orders", "stg_orders", "customer_totals"].compactMap { dig(r.event("START", of: $0), "run", "runId") as? String })
        #expect(nodeRuns.count == 3, "each node execution has its own run id")

        let (_, target, _) = try h.load()
        let namespace: String
        switch kind {
        case .sqlite: namespace = "sqlite://\(h.root)/warehouse.sqlite"
        case .postgres: namespace = "postgres://\(target.field("host") ?? ""):\(target.field("port") ?? "")"
        }
        func name(_ table: String) -> String { "\(h.database).\(h.schema).\(table)" }

        let stg = try #require(r.event("COMPLETE", of: "stg_orders"))
        #expect(dig(stg, "inputs", "0", "namespace") as? String == namespace)
        #expect(dig(stg, "inputs", "0", "name") as? String == name("raw_orders"))
        #expect((dig(stg, "inputs") as? [Any])?.count == 1)
        #expect(dig(stg, "outputs", "0", "namespace") as? String == namespace)
        #expect(dig(stg, "outputs", "0", "name") as? String == name("stg_orders"))
        let fields = (dig(stg, "outputs", "0", "facets", "schema", "fields") as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(fields == ["order_id", "customer_id", "cents"])
        // types as the warehouse reports them after the build
        let types = (dig(stg, "outputs", "0", "facets", "schema", "fields") as? [[String: Any]])?.map { $0["type"] as? String }
        #expect(types?.first??.lowercased().hasPrefix("int") == true, "\(String(describing: types))")
        #expect(dig(stg, "inputs", "0", "facets", "schema", "fields", "0", "type") as? String == "integer",
                "the seed's inferred type, read when the seed completed")
        let sql = dig(stg, "job", "facets", "sql", "query") as? String ?? ""
        #expect(sql.contains("amount * 100 as cents") && sql.contains("raw_orders"), "\(sql)")
        #expect(dig(stg, "job", "facets", "sql", "dialect") as? String == kind.rawValue)

        // exact input fields of known columns, with the transformation from the lineage kind
        let lineage = dig(stg, "outputs", "0", "facets", "columnLineage", "fields") as? [String: Any]
        let orderId = dig(lineage, "order_id", "inputFields") as? [[String: Any]] ?? []
        #expect(orderId.count == 1)
        #expect(orderId.first?["namespace"] as? String == namespace)
        #expect(orderId.first?["name"] as? String == name("raw_orders"))
        #expect(orderId.first?["field"] as? String == "id")
        #expect(dig(orderId.first, "transformations", "0", "type") as? String == "DIRECT")
        #expect(dig(orderId.first, "transformations", "0", "subtype") as? String == "IDENTITY")
        let cents = dig(lineage, "cents", "inputFields") as? [[String: Any]] ?? []
        #expect(cents.compactMap { $0["field"] as? String } == ["amount"])
        #expect(dig(cents.first, "transformations", "0", "subtype") as? String == "TRANSFORMATION")
        // the WHERE column shapes the whole dataset
        let dataset = dig(stg, "outputs", "0", "facets", "columnLineage", "dataset") as? [[String: Any]] ?? []
        #expect(dataset.contains { $0["field"] as? String == "amount"
            && dig($0, "transformations", "0", "type") as? String == "INDIRECT"
            && dig($0, "transformations", "0", "subtype") as? String == "FILTER" }, "\(dataset)")

        let totals = try #require(r.event("COMPLETE", of: "customer_totals"))
        let total = dig(totals, "outputs", "0", "facets", "columnLineage", "fields", "total_cents", "inputFields") as? [[String: Any]] ?? []
        #expect(total.count == 1)
        #expect(total.first?["name"] as? String == name("stg_orders"))
        #expect(total.first?["field"] as? String == "cents")
        #expect(dig(total.first, "transformations", "0", "subtype") as? String == "AGGREGATION")

        // the seed: its rows and its header's columns
        let seed = try #require(r.event("COMPLETE", of: "raw_orders"))
        #expect(dig(seed, "outputs", "0", "outputFacets", "outputStatistics", "rowCount") as? Int == 3)
        #expect((dig(seed, "outputs", "0", "facets", "schema", "fields") as? [Any])?.count == 3)
        #expect(dig(seed, "job", "facets", "jobType", "jobType") as? String == "SEED")
    }

    @Test("a failing model emits FAIL with an error message; what it skips gets START and ABORT")
    func failAndAbort() throws {
        var files = Self.shop
        files["models/stg_orders.sql"] = "{{ config(materialized='table') }}\nselect id from {{ ref('raw_orders') }} join no_such_table_xyz using (id)"
        files["models/customer_totals.sql"] = "select id from {{ ref('stg_orders') }}"
        let h = try RunHarness(.sqlite, files)
        let r = try h.runWithOpenLineage(.build)
        #expect(r.report.status("stg_orders") == .error)
        #expect(r.report.status("customer_totals") == .skipped)
        #expect(r.events(of: "stg_orders").compactMap { $0["eventType"] as? String } == ["START", "FAIL"])
        let fail = try #require(r.event("FAIL", of: "stg_orders"))
        let message = dig(fail, "run", "facets", "errorMessage", "message") as? String ?? ""
        #expect(message.contains("no such table: no_such_table_xyz"), "\(message)")
        #expect(dig(fail, "run", "facets", "errorMessage", "programmingLanguage") as? String == "SQL")
        #expect(dig(fail, "job", "facets", "sql", "query") as? String != nil, "the failed SQL is still reported")
        #expect(r.events(of: "customer_totals").compactMap { $0["eventType"] as? String } == ["START", "ABORT"])
        let skipped = Set(r.events(of: "customer_totals").compactMap { dig($0, "run", "runId") as? String })
        #expect(skipped.count == 1)
        #expect(r.events.last?["eventType"] as? String == "FAIL")
        #expect(dig(r.events.last, "run", "facets", "errorMessage", "message") as? String == "1 node failed")
    }

    @Test("a node cancelled by an interrupt gets ABORT, and so does the invocation")
    func interruptAborts() throws {
        let h = try RunHarness(.sqlite, [
            "models/slow.sql": """
                {{ config(materialized='table') }}
                with recursive c(x) as (select 1 union all select x + 1 from c where x < 5000000000)
                select count(*) as id from c
                """,
        ])
        let r = try h.runWithOpenLineage(.run, interruptAfter: 0.5)
        #expect(r.report.outcome.interrupted)
        #expect(r.report.status("slow") == .error)
        #expect(r.events(of: "slow").compactMap { $0["eventType"] as? String } == ["START", "ABORT"])
        #expect(r.events.last?["eventType"] as? String == "ABORT")
        #expect(r.job(r.events.last ?? [:])["name"] as? String == "shop")
    }

    @Test("a source over a relation the run built has the types the warehouse reported for it")
    func sourceOverSeed() throws {
        let h = try RunHarness(.sqlite, [
            "seeds/raw_orders.csv": "id,customer_id,amount\n1,10,5\n",
            "models/sources.yml": "version: 2\nsources:\n  - name: raw\n    schema: main\n    tables:\n      - name: raw_orders\n",
            "models/orders.sql": "select id, amount from {{ source('raw', 'raw_orders') }}",
        ])
        let r = try h.runWithOpenLineage(.build)
        let start = try #require(r.event("START", of: "orders"))
        #expect(dig(start, "inputs", "0", "name") as? String == "main.main.raw_orders")
        let types = (dig(start, "inputs", "0", "facets", "schema", "fields") as? [[String: Any]])?.map { $0["type"] as? String }
        #expect(types == ["integer", "integer", "integer"], "\(String(describing: types))")
        let id = dig(r.event("COMPLETE", of: "orders"), "outputs", "0", "facets", "columnLineage", "fields", "id", "inputFields", "0")
        #expect(dig(id, "name") as? String == "main.main.raw_orders")
        #expect(dig(id, "field") as? String == "id")
    }

    @Test("target/openlineage.jsonl holds the last run's events only")
    func fileRewrittenPerRun() throws {
        let h = try RunHarness(.sqlite, Self.shop)
        let first = try h.runWithOpenLineage(.build)
        let second = try h.runWithOpenLineage(.run)
        // the run command builds the two models only: 2 invocation events + 2 × 2
        #expect(first.lines.count == 8)
        #expect(second.lines.count == 6)
        let firstRuns = Set(first.events.compactMap { dig($0, "run", "runId") as? String })
        let secondRuns = Set(second.events.compactMap { dig($0, "run", "runId") as? String })
        #expect(firstRuns.isDisjoint(with: secondRuns))
    }

    @Test("events are POSTed to OPENLINEAGE_URL in order, with the API key as a Bearer token")
    func postsToEndpoint() throws {
        let server = try TinyHTTPServer()
        defer { server.stop() }
        let h = try RunHarness(.sqlite, Self.shop)
        let r = try h.runWithOpenLineage(.build, environment: ["OPENLINEAGE_URL": server.url,
                                                               "OPENLINEAGE_API_KEY": "k3y",
                                                               "OPENLINEAGE_NAMESPACE": "analytics-team"])
        #expect(r.warnings.isEmpty, "\(r.warnings)")
        #expect(r.sent == 8)
        let requests = server.requests
        #expect(requests.count == 8)
        #expect(requests.allSatisfy { $0.method == "POST" && $0.path == "/api/v1/lineage" }, "\(requests.map(\.path))")
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer k3y" })
        #expect(requests.allSatisfy { $0.headers["content-type"]?.hasPrefix("application/json") == true })
        // the same events as the file, in the same order
        #expect(requests.map(\.body) == r.lines)
        #expect(r.events.allSatisfy { dig($0, "job", "namespace") as? String == "analytics-team" })
    }

    @Test("an unreachable OPENLINEAGE_URL is one warning, and the run succeeds with every event in the file")
    func deadEndpoint() throws {
        let port = try TinyHTTPServer.deadPort()
        let h = try RunHarness(.sqlite, Self.shop)
        let r = try h.runWithOpenLineage(.build, environment: ["OPENLINEAGE_URL": "http://127.0.0.1:\(port)"])
        #expect(r.report.results.allSatisfy { $0.status == .success }, "\(r.report.summary)")
        #expect(r.warnings.count == 1, "\(r.warnings)")
        #expect(r.warnings.first?.contains("cannot send events to http://127.0.0.1:\(port)/api/v1/lineage") == true,
                "\(r.warnings)")
        #expect(r.sent == 0)
        #expect(r.lines.count == 8)
        // sending stops at the first failure, so the run does not wait on the rest
        #expect(r.finishSeconds < 4, "finish took \(r.finishSeconds)s")
    }

    @Test("an endpoint that never answers costs one timeout, not one per event")
    func hangingEndpoint() throws {
        let server = try TinyHTTPServer(hang: true)
        defer { server.stop() }
        let h = try RunHarness(.sqlite, Self.shop)
        let r = try h.runWithOpenLineage(.build, environment: ["OPENLINEAGE_URL": server.url])
        #expect(r.report.results.allSatisfy { $0.status == .success }, "\(r.report.summary)")
        #expect(r.warnings.count == 1, "\(r.warnings)")
        #expect(r.sent == 0)
        #expect(server.requests.count == 1, "sending stops after the first timeout")
        #expect(r.lines.count == 8)
        // one 2 s request timeout, well inside finish's 5 s bound
        #expect(r.finishSeconds < 5, "finish took \(r.finishSeconds)s")
    }

    @Test("an endpoint answering with an error status is one warning too")
    func errorStatus() throws {
        let server = try TinyHTTPServer(status: 500)
        defer { server.stop() }
        let h = try RunHarness(.sqlite, Self.shop)
        let r = try h.runWithOpenLineage(.build, environment: ["OPENLINEAGE_URL": server.url + "/custom/lineage"])
        #expect(r.warnings.count == 1, "\(r.warnings)")
        #expect(r.warnings.first?.contains("HTTP 500") == true, "\(r.warnings)")
        #expect(server.requests.count == 1, "sending stops after the first failure")
        #expect(server.requests.first?.path == "/custom/lineage", "a URL with a path is used as given")
        #expect(r.lines.count == 8)
    }

    @Test("OPENLINEAGE_URL: the endpoint path as the OpenLineage HTTP transport builds it")
    func endpointURLs() throws {
        func url(_ s: String, endpoint: String? = nil) -> String? {
            var env = ["OPENLINEAGE_URL": s]
            env["OPENLINEAGE_ENDPOINT"] = endpoint
            let target = Target.defaultSQLite(projectRoot: "/p", targetPath: "target", profileName: nil, targetName: nil)
            return OpenLineageSettings.from(environment: env, projectName: "shop", target: target, projectRoot: "/p",
                                            version: "test").0.endpoint?.absoluteString
        }
        #expect(url("http://marquez:5000") == "http://marquez:5000/api/v1/lineage")
        #expect(url("http://marquez:5000/") == "http://marquez:5000/api/v1/lineage")
        #expect(url("https://lineage.example.com/events/v1") == "https://lineage.example.com/events/v1")
        #expect(url("http://marquez:5000", endpoint: "api/v2/lineage") == "http://marquez:5000/api/v2/lineage")
        #expect(url("ftp://marquez") == nil)
        #expect(url("not a url") == nil)
        let target = Target.defaultSQLite(projectRoot: "/p", targetPath: "target", profileName: nil, targetName: nil)
        let (s, problem) = OpenLineageSettings.from(environment: ["OPENLINEAGE_URL": "ftp://x"], projectName: "shop",
                                                    target: target, projectRoot: "/p", version: "test")
        #expect(problem?.contains("not an http(s) URL") == true)
        #expect(s.namespace == "shop")
        #expect(s.datasetNamespace == "sqlite:///p/target/flowc.sqlite")
    }
}

/// The wiring in the `flowc` binary: `build` writes the events file, a dead OPENLINEAGE_URL is
/// one warning and exit 0, and `flowc test` leaves the last build's events alone.
@Suite("OpenLineage from the flowc binary")
struct OpenLineageCLITests {
    static func flowc(_ args: [String], in dir: String, environment: [String: String]) throws -> CLITests.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OPENLINEAGE_") }
            .merging(environment) { _, new in new }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLITests.Result(code: p.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    @Test func buildWithDeadEndpoint() throws {
        let root = try CLITests.project([
            "models/paid.sql": "select id, amount * 2 as doubled from {{ ref('orders') }} where status = 'paid'",
            "models/schema.yml": "version: 2\nmodels:\n  - name: paid\n    columns:\n      - name: id\n        tests: [not_null]\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let port = try TinyHTTPServer.deadPort()
        let build = try Self.flowc(["build"], in: root, environment: ["OPENLINEAGE_URL": "http://127.0.0.1:\(port)"])
        #expect(build.code == 0, "\(build.output)")
        let warnings = build.output.split(separator: "\n").filter { $0.contains("warning:") && $0.contains("OpenLineage") }
        #expect(warnings.count == 1, "\(build.output)")
        let path = root + "/target/openlineage.jsonl"
        let events = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        // the invocation, the seed and the model: START and COMPLETE each (the test is no job)
        #expect(events.count == 6)
        #expect(events.last?["eventType"] as? String == "COMPLETE")
        let paid = events.first { dig($0, "job", "name") as? String == "shop.paid" && $0["eventType"] as? String == "COMPLETE" }
        let doubled = dig(paid, "outputs", "0", "facets", "columnLineage", "fields", "doubled", "inputFields", "0", "field")
        #expect(doubled as? String == "amount")

        let test = try Self.flowc(["test"], in: root, environment: [:])
        #expect(test.code == 0, "\(test.output)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 6)
    }
}
