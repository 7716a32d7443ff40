// Nodes that fail: the error carries the database's message and the model's file; what depends
// on it is skipped, everything else still runs; --fail-fast stops the rest; a table whose new
// SQL fails, or whose query is cancelled, keeps its previous version.
import FlowcRun
import FlowcWarehouse
import Foundation
import Synchronization
import Testing

@Suite("Failing, skipped and cancelled nodes")
struct FailureTests {
    @Test("a SQL error fails its model, skips its descendants, and spares unrelated branches",
          arguments: WarehouseKind.allCases)
    func errorAndSkip(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/base.sql": "{{ config(materialized='table') }}\nselect 1 as id",
            "models/broken.sql": "{{ config(materialized='table') }}\nselect id from {{ ref('base') }} join no_such_table_xyz using (id)",
            "models/child.sql": "select * from {{ ref('broken') }}",
            "models/grandchild.sql": "select * from {{ ref('child') }}",
            "models/other.sql": "{{ config(materialized='table') }}\nselect * from {{ ref('base') }}",
        ])
        let report = try h.run(.run, threads: 2)
        #expect(report.results.count == 5)
        let broken = try #require(report.result("broken"))
        #expect(broken.status == .error)
        #expect(broken.isFailure)
        let message = broken.message ?? ""
        #expect(message.contains("Database Error in model broken (models/broken.sql)"), "\(message)")
        switch kind {
        case .sqlite: #expect(message.contains("no such table: no_such_table_xyz"), "\(message)")
        case .postgres: #expect(message.contains("relation \"no_such_table_xyz\" does not exist"), "\(message)")
        }
        #expect(broken.compiledPath == "target/compiled/shop/models/broken.sql")
        for name in ["child", "grandchild"] {
            let r = try #require(report.result(name))
            #expect(r.status == .skipped, "\(name): \(r.status)")
            #expect(r.isFailure == false)
            // as dbt's SkipResult: no message
            #expect(r.message == nil)
        }
        #expect(report.status("base") == .success)
        #expect(report.status("other") == .success)
        #expect(try h.int("select count(*) from \(h.rel("other"))") == 1)
        #expect(try h.relationKind("child") == nil)
        #expect(report.outcome.interrupted == false)
        #expect(report.results.filter(\.isFailure).count == 1)

        // the compiled SQL was written for the failing model too
        let compiled = try String(contentsOfFile: h.root + "/target/compiled/shop/models/broken.sql", encoding: .utf8)
        #expect(compiled.contains("no_such_table_xyz"))
    }

    @Test("a template error is a compilation error of the node", arguments: [WarehouseKind.sqlite])
    func compileError(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/m.sql": "select {% if execute %}{{ exceptions.raise_compiler_error('no rows for ' ~ this.identifier) }}{% endif %}1 as x",
            "models/n.sql": "select 1 as x",
        ])
        let report = try h.run(.run)
        let m = try #require(report.result("m"))
        #expect(m.status == .error)
        #expect(m.message?.contains("Compilation Error in model m (models/m.sql)") == true, "\(m.message ?? "")")
        #expect(m.message?.contains("no rows for m") == true, "\(m.message ?? "")")
        #expect(report.status("n") == .success)
    }

    @Test("--fail-fast stops the run at the first failure", arguments: WarehouseKind.allCases)
    func failFast(_ kind: WarehouseKind) throws {
        var files = ["models/a_broken.sql": "select * from no_such_table_xyz"]
        for i in 0..<8 { files["models/m\(i).sql"] = "{{ config(materialized='table') }}\nselect \(i) as n" }
        let h = try RunHarness(kind, files)
        let report = try h.run(.run, threads: 1, failFast: true)
        #expect(report.outcome.interrupted)
        #expect(report.results.count == 9)
        #expect(report.status("a_broken") == .error)
        let skipped = report.results.filter { $0.status == .skipped }
        #expect(skipped.count >= 1, "\(report.summary)")
        #expect(skipped.allSatisfy { $0.message == nil })
        #expect(report.outcome.count(.success) < 8, "\(report.summary)")

        // without --fail-fast every other model is built
        let all = try h.run(.run, threads: 1)
        #expect(all.outcome.interrupted == false)
        #expect(all.outcome.count(.success) == 8)
    }

    @Test("--fail-fast cancels the queries still running on other threads", arguments: WarehouseKind.allCases)
    func failFastCancelsRunning(_ kind: WarehouseKind) throws {
        let slowSQL: String
        switch kind {
        case .sqlite:
            slowSQL = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 50000000) select count(*) as n from c"
        case .postgres:
            slowSQL = "select 1 as n from (select pg_sleep(20)) s"
        }
        let h = try RunHarness(kind, [
            "models/a_slow.sql": "{{ config(materialized='table') }}\n" + slowSQL,
            // fails once the slow query is under way
            "models/b_broken.sql": """
                {% if execute %}{% do run_query("select 1" if target.type == 'sqlite' else "select pg_sleep(0.5)") %}{% endif %}
                {{ config(materialized='table') }}
                select * from missing_xyz
                """,
            "models/c_later.sql": "select 1 as n",
        ])
        let started = Date()
        let report = try h.run(.run, threads: 2, failFast: true)
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 10, "the slow query was not cancelled: \(elapsed)s")
        #expect(report.outcome.interrupted)
        #expect(report.status("b_broken") == .error)
        let slow = try #require(report.result("a_slow"))
        #expect(slow.status == .error)
        #expect(slow.message == "cancelled")
        #expect(try h.relationKind("a_slow") == nil)
    }

    @Test("a table whose new SQL fails keeps its previous version and rows", arguments: WarehouseKind.allCases)
    func atomicRebuild(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/stable.sql": "{{ config(materialized='table') }}\nselect 1 as id union all select 2 union all select 3",
            "models/reader.sql": "{{ config(materialized='view') }}\nselect count(*) as n from {{ ref('stable') }}",
        ])
        try h.runOK(.run)
        try h.write("models/stable.sql", "{{ config(materialized='table') }}\nselect 1 as id union all select * from missing_xyz")
        let report = try h.run(.run)
        #expect(report.status("stable") == .error)
        #expect(report.status("reader") == .skipped)
        #expect(try h.relationKind("stable") == .table)
        #expect(try h.column("select id from \(h.rel("stable")) order by id") == ["1", "2", "3"])
        #expect(try h.column("select n from \(h.rel("reader"))") == ["3"], "the view still reads the old table")
        #expect(try h.relationKind("stable__dbt_tmp") == nil)
        #expect(try h.relationKind("stable__dbt_backup") == nil)

        // a failing view keeps the old view too
        try h.write("models/reader.sql", "{{ config(materialized='view') }}\nselect nope_xyz from {{ ref('stable') }}")
        let again = try h.run(.run, select: ["reader"])
        #expect(again.results.count == 1)
        #expect(again.status("reader") == .error)
        #expect(try h.relationKind("reader") == .view)
        #expect(try h.column("select n from \(h.rel("reader"))") == ["3"])
    }

    @Test("an interrupted run cancels the running query; the previous table is intact", arguments: WarehouseKind.allCases)
    func cancel(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/slow.sql": "{{ config(materialized='table') }}\nselect 1 as id union all select 2",
            "models/after_slow.sql": "select * from {{ ref('slow') }}",
        ])
        try h.runOK(.run)
        let slowSQL: String
        switch kind {
        case .sqlite:
            slowSQL = """
                with recursive c(x) as (select 1 union all select x + 1 from c where x < 5000000000)
                select count(*) as id from c
                """
        case .postgres:
            slowSQL = "select 1 as id from (select pg_sleep(30)) s"
        }
        try h.write("models/slow.sql", "{{ config(materialized='table') }}\n" + slowSQL)
        let log = EventLog()
        let runner = try h.runner(.run, log: log)
        try runner.connect()
        let interrupter = Thread {
            Thread.sleep(forTimeInterval: 0.5)
            runner.interrupt()
        }
        let started = Date()
        interrupter.start()
        let outcome = runner.run()
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 10, "the cancelled run took \(elapsed)s")
        #expect(outcome.interrupted)
        let report = RunReport(outcome: outcome, manifest: runner.context.build.manifest, events: log.all)
        let slow = try #require(report.result("slow"))
        #expect(slow.status == .error)
        #expect(slow.isFailure)
        #expect(slow.message?.lowercased().contains("cancel") == true, "\(slow.message ?? "")")
        #expect(report.status("after_slow") == .skipped)
        #expect(try h.relationKind("slow") == .table)
        #expect(try h.column("select id from \(h.rel("slow")) order by id") == ["1", "2"])
        // and the next run cleans up whatever the cancelled one left
        try h.write("models/slow.sql", "{{ config(materialized='table') }}\nselect 3 as id")
        try h.runOK(.run)
        #expect(try h.column("select id from \(h.rel("slow"))") == ["3"])
        #expect(try h.relationKind("slow__dbt_tmp") == nil)
    }
    @Test("an interrupt that lands while a node compiles stops it before its query starts", arguments: WarehouseKind.allCases)
    func cancelDuringCompile(_ kind: WarehouseKind) throws {
        // the loop keeps the node compiling while the interrupt arrives
        let busyLoop = "{% for i in range(100) %}{% for j in range(1000) %}{% set x = i * j %}{% endfor %}{% endfor %}"
        let slowSQL: String
        switch kind {
        case .sqlite:
            slowSQL = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 50000000) select count(*) as id from c"
        case .postgres:
            slowSQL = "select 1 as id from (select pg_sleep(20)) s"
        }
        let h = try RunHarness(kind, ["models/slow.sql": "{{ config(materialized='table') }}\n" + busyLoop + slowSQL])
        // interrupt as soon as the node starts, that is while it compiles
        let box = Mutex<Runner?>(nil)
        let log = EventLog { event in
            guard case .started = event, let runner = box.withLock({ $0 }) else { return }
            Thread.detachNewThread { runner.interrupt() }
        }
        let runner = try h.runner(.run, log: log)
        box.withLock { $0 = runner }
        try runner.connect()
        let started = Date()
        let outcome = runner.run()
        let elapsed = Date().timeIntervalSince(started)
        let report = RunReport(outcome: outcome, manifest: runner.context.build.manifest, events: log.all)
        let compile = try #require(report.result("slow")?.timing.first { $0.name == "compile" })
        let compileTime = compile.completedAt - compile.startedAt
        #expect(elapsed < compileTime + 5, "the query ran after the interrupt: \(elapsed)s")
        #expect(outcome.interrupted)
        #expect(report.status("slow") == .error)
        #expect(report.result("slow")?.message == "cancelled")
        #expect(try h.relationKind("slow") == nil)
    }
}
