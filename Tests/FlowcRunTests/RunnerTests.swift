// Threads, connection failures and run_results.json.
import FlowcGraph
import FlowcProject
import FlowcRun
import FlowcTestSupport
import FlowcWarehouse
import Foundation
import Testing

@Suite("Runner: threads, connections, artifacts")
struct RunnerTests {
    @Test("4 threads build 20 independent models and their dependants correctly", arguments: WarehouseKind.allCases)
    func threads(_ kind: WarehouseKind) throws {
        var files: [String: String] = [:]
        for i in 0..<20 {
            files["models/m\(i).sql"] = "{{ config(materialized='table') }}\nselect \(i) as n, '\(i)' as label"
        }
        let union = (0..<20).map { "select n from {{ ref('m\($0)') }}" }.joined(separator: "\nunion all\n")
        files["models/all_m.sql"] = "{{ config(materialized='table') }}\n" + union
        files["models/v_all.sql"] = "select count(*) as c, sum(n) as s from {{ ref('all_m') }}"
        let h = try RunHarness(kind, files, threads: 4)
        let report = try h.runOK(.run)
        #expect(report.results.count == 22)
        for i in 0..<20 {
            #expect(try h.rows("select n, label from \(h.rel("m\(i)"))") == [["\(i)", "\(i)"]])
        }
        #expect(try h.rows("select c, s from \(h.rel("v_all"))") == [["20", "190"]])
        // every model ran on one of the 4 threads, and all_m after all of its parents
        #expect(Set(report.results.map(\.threadId)).isSubset(of: ["Thread-1 (worker)", "Thread-2 (worker)", "Thread-3 (worker)", "Thread-4 (worker)"]))
        let order = report.startOrder
        let allIndex = try #require(order.firstIndex(of: "all_m"))
        let finished = report.events.compactMap { e -> String? in
            if case .finished(_, _, let node, _, _) = e { return node.name } else { return nil }
        }
        #expect(Set(finished.prefix(20)) == Set((0..<20).map { "m\($0)" }), "all_m waits for its parents")
        #expect(allIndex >= 20)
        // a second run over existing tables, on 4 threads, replaces them all
        try h.runOK(.run)
        #expect(try h.int("select count(*) from \(h.rel("all_m"))") == 20)
    }

    @Test("threads share a new custom schema without racing to create it", arguments: WarehouseKind.allCases)
    func customSchemaThreads(_ kind: WarehouseKind) throws {
        var files: [String: String] = [:]
        for i in 0..<8 { files["models/marts/t\(i).sql"] = "{{ config(materialized='table', schema='marts') }}\nselect \(i) as n" }
        let h = try RunHarness(kind, files, threads: 4)
        try h.runOK(.run)
        let schema = h.schema + "_marts"
        for i in 0..<8 { #expect(try h.column("select n from \(h.rel("t\(i)", schema: schema))") == ["\(i)"]) }
    }

    @Test("run_results times are dbt's ISO 8601 UTC with microseconds")
    func isoTimes() {
        #expect(RunResultsFile.isoTime(1_795_000_000.5) == "2026-11-18T11:06:40.500000Z")
        #expect(RunResultsFile.isoTime(951_782_400.25) == "2000-02-29T00:00:00.250000Z")
        #expect(RunResultsFile.isoTime(0) == "1970-01-01T00:00:00.000000Z")
    }

    @Test("the date arithmetic of run_results times agrees with gmtime_r from 1901 to 2200")
    func isoTimesAgreeWithGmtime() {
        var seed: UInt64 = 7
        var times: [Int] = [-2_147_483_648, -86_401, -86_400, -1, 0, 86_399, 86_400, 951_868_799, 951_868_800, 4_102_444_799, 4_107_542_399]
        for _ in 0..<20_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            times.append(Int(seed >> 30) % 9_400_000_000 - 2_147_483_648)  // 1901-12-13 … 2199
        }
        for t in times {
            var tm = tm()
            var time = time_t(t)
            gmtime_r(&time, &tm)
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d.000000Z", Int(tm.tm_year) + 1900, Int(tm.tm_mon) + 1,
                                  Int(tm.tm_mday), Int(tm.tm_hour), Int(tm.tm_min), Int(tm.tm_sec))
            #expect(RunResultsFile.isoTime(Double(t)) == expected, "\(t)")
        }
    }

    @Test("a PostgreSQL server that is not there makes connect() throw a clear connection error")
    func deadServer() throws {
        let port = try TestPostgres.freeLoopbackPort()
        let h = try RunHarness(.sqlite, ["models/m.sql": "select 1 as id"])
        try h.write("profiles.yml", """
            shop:
              target: dev
              outputs:
                dev:
                  type: postgres
                  host: 127.0.0.1
                  port: \(port)
                  user: nobody
                  dbname: nowhere
                  schema: analytics
                  connect_timeout: 3

            """)
        let runner = try h.runner(.run, log: EventLog())
        let started = Date()
        do {
            try runner.connect()
            Issue.record("connect() succeeded against a port nothing listens on")
        } catch let e as WarehouseError {
            #expect(e.kind == .connection)
            #expect(e.message.contains("could not connect to PostgreSQL at 127.0.0.1:\(port)/nowhere"), "\(e.message)")
            #expect(e.message.lowercased().contains("refused"), "\(e.message)")
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("a target of an unknown type is a clear error")
    func unknownTargetType() throws {
        let h = try RunHarness(.sqlite, ["models/m.sql": "select 1 as id"])
        try h.write("profiles.yml", "shop:\n  target: dev\n  outputs:\n    dev:\n      type: snowflake\n      schema: x\n")
        #expect(throws: (any Error).self) { _ = try h.warehouse() }
        do { _ = try h.warehouse() } catch {
            #expect("\(error)".contains("flowc runs on sqlite and postgres"), "\(error)")
        }
    }

    @Test("run_results.json holds one entry per node with status, timing and adapter response")
    func runResults() throws {
        let h = try RunHarness(.sqlite, [
            "seeds/s.csv": "id\n1\n1\n",
            "models/t.sql": "{{ config(materialized='table') }}\nselect * from {{ ref('s') }}",
            "models/bad.sql": "{{ config(materialized='table') }}\nselect * from missing_xyz",
            "models/after_bad.sql": "select * from {{ ref('bad') }}",
            "models/schema.yml": "version: 2\nmodels:\n  - name: t\n    columns:\n      - name: id\n        data_tests: [unique]\n",
        ])
        let report = try h.run(.build)
        let text = RunResultsFile.encode(report.outcome, invocationId: "inv-1", command: "build", args: JSONObject())
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let metadata = try #require(parsed["metadata"] as? [String: Any])
        #expect(metadata["dbt_schema_version"] as? String == "https://schemas.getdbt.com/dbt/run-results/v6.json")
        #expect(metadata["invocation_id"] as? String == "inv-1")
        #expect((parsed["args"] as? [String: Any])?["which"] as? String == "build")
        #expect(parsed["elapsed_time"] is Double)
        let results = try #require(parsed["results"] as? [[String: Any]])
        #expect(results.count == 5)
        // a skipped model was never compiled: false, as dbt writes it (not null)
        let skipped = try #require(results.first { $0["unique_id"] as? String == "model.shop.after_bad" })
        #expect(skipped["status"] as? String == "skipped" && skipped["compiled"] as? Bool == false)
        func entry(_ id: String) -> [String: Any]? { results.first { $0["unique_id"] as? String == id } }

        // a seed is no compiled resource: dbt writes its compiled fields and relation_name null
        let seedEntry = try #require(entry("seed.shop.s"))
        #expect(seedEntry["relation_name"] is NSNull && seedEntry["compiled"] is NSNull && seedEntry["compiled_code"] is NSNull)
        let t = try #require(entry("model.shop.t"))
        #expect(t["status"] as? String == "success")
        #expect(t["thread_id"] as? String == "Thread-1 (worker)")
        #expect(t["relation_name"] as? String == "main.\"t\"")
        #expect((t["compiled_code"] as? String)?.contains("main.\"s\"") == true)
        let response = try #require(t["adapter_response"] as? [String: Any])
        #expect(response["code"] as? String == "CREATE TABLE")
        let timing = try #require(t["timing"] as? [[String: Any]])
        #expect(timing.map { $0["name"] as? String } == ["compile", "execute"])
        #expect((timing.first?["started_at"] as? String)?.hasSuffix("Z") == true)

        let seed = try #require(entry("seed.shop.s"))
        #expect((seed["adapter_response"] as? [String: Any])?["rows_affected"] as? Int == 2)

        let test = try #require(results.first { ($0["unique_id"] as? String)?.hasPrefix("test.shop.unique_t_id") == true })
        #expect(test["status"] as? String == "fail")
        #expect(test["failures"] as? Int == 1)

        let bad = try #require(entry("model.shop.bad"))
        #expect(bad["status"] as? String == "error")
        #expect((bad["message"] as? String)?.contains("missing_xyz") == true)
        #expect(bad["failures"] is NSNull)
    }
}
