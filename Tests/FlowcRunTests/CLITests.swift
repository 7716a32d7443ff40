import Foundation
import Testing

/// The `flowc` binary itself: exit codes and messages of the static checks, `flowc lineage`,
/// and that a check error stops a run before the warehouse is touched.
@Suite struct CLITests {
    /// The flowc executable built beside this test bundle.
    static var binary: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var dir = bundle
        // The test runner may be given the bundle path or a binary inside it.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("flowc").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return bundle.appendingPathComponent("flowc").path
    }

    struct Result {
        var code: Int32
        var output: String
    }

    static func flowc(_ args: [String], in dir: String) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(code: p.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func project(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "flowc-cli-" + UUID().uuidString
        var all = files
        all["flowc.yml"] = all["flowc.yml"] ?? "name: shop\nprofile: none\n"
        all["seeds/orders.csv"] = "id,amount,status\n1,10,paid\n2,20,open\n"
        for (path, text) in all {
            let url = URL(fileURLWithPath: root).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func checkErrorsFailCompileAndRunBeforeTheWarehouse() throws {
        let root = try Self.project([
            "models/paid.sql": "select id, amount from {{ ref('orders') }} where status = 'paid'",
            "models/bad.sql": "select id,\n       amout\nfrom {{ ref('paid') }}",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let compile = try Self.flowc(["compile"], in: root)
        #expect(compile.code == 1)
        #expect(compile.output.contains("models/bad.sql:2:8: error: column 'amout' does not exist in the relations this query reads"))
        #expect(compile.output.contains("hint: did you mean 'amount'?"))
        #expect(FileManager.default.fileExists(atPath: root + "/target/lineage.json"))

        let run = try Self.flowc(["build"], in: root)
        #expect(run.code == 1)
        #expect(!run.output.contains("PASS="), "nothing may run: \(run.output)")
        #expect(!FileManager.default.fileExists(atPath: root + "/target/flowc.sqlite"))

        // Downgraded to a warning in the project file, the same build runs.
        try Data("name: shop\nprofile: none\nchecks:\n  unknown_column: warn\n".utf8)
            .write(to: URL(fileURLWithPath: root + "/flowc.yml"))
        let warned = try Self.flowc(["compile"], in: root)
        #expect(warned.code == 0)
        #expect(warned.output.contains("models/bad.sql:2:8: warning: column 'amout'"))
    }

    @Test func sourceFreshnessExitCodes() throws {
        let now = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: "T", with: " ")
            .replacingOccurrences(of: "Z", with: "")
        let sources = { (extra: String) in """
            version: 2
            sources:
              - name: app
                schema: main
                loaded_at_field: loaded_at
                freshness: {error_after: {count: 2, period: day}}
                tables:
                  - name: events
            \(extra)
            """ }
        let root = try Self.project([
            "seeds/events.csv": "id,loaded_at\n1,\(now)\n",
            "models/sources.yml": sources(""),
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try Self.flowc(["seed"], in: root).code == 0)
        let ok = try Self.flowc(["source", "freshness"], in: root)
        #expect(ok.code == 0, "\(ok.output)")
        // dbt's lines: START and result with timing, the total, Done.
        #expect(ok.output.contains("1 of 1 START freshness of app.events ......"))
        #expect(ok.output.range(of: #"1 of 1 PASS freshness of app\.events \.+ \[PASS in \d+\.\d\ds\]"#, options: .regularExpression) != nil,
                "\(ok.output)")
        #expect(ok.output.contains("Finished running 1 source in 0 hours 0 minutes and "))
        #expect(ok.output.hasSuffix("Done.\n"))
        #expect(FileManager.default.fileExists(atPath: root + "/target/sources.json"))
        #expect(try Self.flowc(["source", "freshness", "-o", "out/fresh.json"], in: root).code == 0)
        let written = try Data(contentsOf: URL(fileURLWithPath: root + "/out/fresh.json"))
        let results = (try JSONSerialization.jsonObject(with: written) as? [String: Any])?["results"] as? [[String: Any]]
        #expect(results?.first?["unique_id"] as? String == "source.shop.app.events")
        // a filter that leaves no rows makes the source stale
        let more = "      - name: missing\n      - name: filtered\n        identifier: events\n"
            + "        freshness: {error_after: {count: 2, period: day}, filter: 'id > 1'}"
        try Data(sources(more).utf8).write(to: URL(fileURLWithPath: root + "/models/sources.yml"))
        let bad = try Self.flowc(["source", "freshness"], in: root)
        #expect(bad.code == 1)
        #expect(bad.output.contains("3 of 3 ERROR freshness of app.missing"), "\(bad.output)")
        #expect(bad.output.contains("2 of 3 ERROR STALE freshness of app.filtered"), "\(bad.output)")
        // listed at the end, as dbt lists them: a stale source with its status, an error with
        // its message indented
        #expect(bad.output.contains("Failure in source filtered (models/sources.yml)\n  Status: error"), "\(bad.output)")
        #expect(bad.output.contains("  Database Error in source missing (models/sources.yml)\n  "), "\(bad.output)")
    }

    /// dbt 1.11 runs the project hooks around `source freshness` (flag
    /// source_freshness_run_project_hooks): on-run-end's `results` are the sources' results, and
    /// what the hooks write stays (dbt_artifacts uploads there); the flag turns it off.
    @Test func sourceFreshnessRunsTheProjectHooks() throws {
        let now = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: "T", with: " ")
            .replacingOccurrences(of: "Z", with: "")
        let hooks = "name: shop\nprofile: none\n"
            + "on-run-start: [\"create table if not exists hook_log (line text)\", \"insert into hook_log values ('which {{ flags.WHICH }}')\"]\n"
            + "on-run-end: [\"{% for r in results %}insert into hook_log values ('{{ r.node.unique_id }} {{ r.status }} "
            + "{{ r.node.resource_type }} {{ r.timing | map(attribute='name') | join('+') }}');{% endfor %}\"]\n"
        let root = try Self.project([
            "flowc.yml": hooks,
            "seeds/events.csv": "id,loaded_at\n1,\(now)\n",
            "models/sources.yml": "sources:\n  - name: app\n    schema: main\n    loaded_at_field: loaded_at\n"
                + "    freshness: {error_after: {count: 2, period: day}}\n    tables:\n      - name: events\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try Self.flowc(["seed"], in: root).code == 0)
        try FileManager.default.removeItem(atPath: root + "/target/manifest.json")
        let r = try Self.flowc(["source", "freshness"], in: root)
        #expect(r.code == 0, "\(r.output)")
        // as dbt, the command writes the manifest too
        #expect(FileManager.default.fileExists(atPath: root + "/target/manifest.json"))
        #expect(r.output.contains("1 of 2 OK hook: shop.on-run-start.0"), "\(r.output)")
        #expect(r.output.contains("1 of 1 OK hook: shop.on-run-end.0"), "\(r.output)")
        #expect(r.output.contains("Finished running 3 project hooks, 1 source in "), "\(r.output)")
        let sql = "{{ run_query('select line from hook_log').columns[0].values() | join(',') }}"
        let logged = try Self.flowc(["compile", "-q", "--inline", sql], in: root)
        // the seed's run logged its results first
        // (flags.WHICH is dbt's for the command: `freshness`)
        #expect(logged.output.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("success seed compile+execute,"
                + "which freshness,source.shop.app.events pass source compile+execute"), "\(logged.output)")
        try Data((hooks + "flags: {source_freshness_run_project_hooks: false}\n").utf8)
            .write(to: URL(fileURLWithPath: root + "/flowc.yml"))
        let off = try Self.flowc(["source", "freshness"], in: root)
        #expect(off.code == 0 && !off.output.contains("hook:"), "\(off.output)")
    }

    @Test func lineageCommand() throws {
        let root = try Self.project([
            "models/paid.sql": "select id, amount * 2 as doubled from {{ ref('orders') }} where status = 'paid'",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let text = try Self.flowc(["lineage", "paid.doubled"], in: root)
        #expect(text.code == 0)
        #expect(text.output.contains("transform orders.amount → doubled"))
        #expect(text.output.contains("filter    orders.status"))
        let json = try Self.flowc(["lineage", "orders.amount", "--downstream", "--format", "json"], in: root)
        #expect(json.code == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let edges = parsed?["edges"] as? [[String: Any]]
        #expect(edges?.first?["to_node"] as? String == "model.shop.paid")
        #expect(edges?.first?["to_column"] as? String == "doubled")
        let missing = try Self.flowc(["lineage", "payd"], in: root)
        #expect(missing.code == 2)
        #expect(missing.output.contains("no model, seed, snapshot or source named 'payd'"))
        #expect(missing.output.contains("did you mean 'paid'?"))
    }
}
