// Microbatch incremental models (dbt 1.9): batch by batch, inputs with an `event_time` read
// only the batch's window, a window's rows are replaced (or merged on a unique key), on both
// warehouses; and dbt's parse-time checks of their configs.
import FlowcGraph
import FlowcProject
@testable import FlowcRun
import FlowcWarehouse
import Foundation
import Testing

@Suite("Microbatch models")
struct MicrobatchTests {
    static func files(key: String = "") -> [String: String] {
        let events: String = "id,ts,amount\n1,2024-01-01 10:00:00,5\n2,2024-01-01 00:00:00,7\n3,2024-01-02 05:00:00,1\n"
            + "4,2024-01-03 23:59:59,2\n5,2024-01-04 00:00:00,100\n"
        return [
            "seeds/events.csv": events,
            "seeds/props.yml": "version: 2\nseeds:\n  - name: events\n    config: {event_time: ts}\n",
            "models/daily.sql": """
                {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='ts',
                          begin='2024-01-01', batch_size='day'\(key)) }}
                select id, ts, amount from {{ ref('events') }}
                """,
        ]
    }

    static func window(_ start: String, _ end: String) -> (inout RunOptions) -> Void {
        { options in
            options.eventTimeStart = MicrobatchConfig.parseTimestamp(start)
            options.eventTimeEnd = MicrobatchConfig.parseTimestamp(end)
        }
    }

    /// dbt-postgres merges each batch on the unique key and refuses a microbatch model without
    /// one, after its first batch has made the table (dbt 1.11: partial success, one row).
    @Test("on PostgreSQL a microbatch model needs a unique_key, as dbt-postgres's")
    func postgresNeedsUniqueKey() throws {
        let h = try RunHarness(.postgres, Self.files())
        try h.runOK(.seed)
        let report = try h.run(.run, adjust: Self.window("2024-01-01", "2024-01-04"))
        let daily = try #require(report.result("daily"))
        #expect(daily.batches?.successful.count == 1 && daily.batches?.failed.count == 2, "\(report.summary)")
        #expect(daily.message == "PARTIAL SUCCESS (1/3)", "\(daily.message ?? "")")
        let messages = report.events.compactMap { event -> String? in
            if case .message(let text, _) = event { return text }
            return nil
        }
        #expect(messages.filter { $0.contains("dbt-postgres 'microbatch' requires a `unique_key` config") }.count == 2, "\(messages)")
        #expect(try h.int("select count(*) from \(h.rel("daily"))") == 2)
    }

    @Test("batches read their window of the inputs; a rerun replaces a window's rows (SQLite)", arguments: [WarehouseKind.sqlite])
    func windowsAreReplaced(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.files())
        try h.runOK(.seed)
        let first = try h.run(.run, adjust: Self.window("2024-01-01", "2024-01-04"))
        let daily = try #require(first.result("daily"))
        #expect(daily.status == .success, "\(first.summary)")
        #expect(daily.batches?.successful.map(\.0) == ["2024-01-01T00:00:00+00:00", "2024-01-02T00:00:00+00:00",
                                                       "2024-01-03T00:00:00+00:00"])
        #expect(daily.batches?.failed.isEmpty == true)
        // the last batch's SQL: the input filtered as dbt filters it
        let expected: String = kind == .postgres
            ? "ts >= '2024-01-03 00:00:00+00:00' and ts < '2024-01-04 00:00:00+00:00') _dbt_et_filter_subq_events"
            : "datetime(ts) >= '2024-01-03 00:00:00' and datetime(ts) < '2024-01-04 00:00:00') _dbt_et_filter_subq_events"
        // as dbt's: each batch's SQL in a file of its own, none for the model itself
        let lastBatch = try String(contentsOfFile: h.root + "/target/compiled/shop/models/daily/daily_2024-01-03.sql", encoding: .utf8)
        #expect(lastBatch.contains(expected), "\(lastBatch)")
        let firstRun = try String(contentsOfFile: h.root + "/target/run/shop/models/daily/daily_2024-01-01.sql", encoding: .utf8)
        #expect(firstRun.contains("create table"), "\(firstRun)")
        #expect(!FileManager.default.fileExists(atPath: h.root + "/target/compiled/shop/models/daily.sql"))
        #expect(daily.compiledCode == nil && daily.failures == 0 && daily.notCompiled)
        #expect(daily.timing.map(\.name) == ["compile", "execute"])
        #expect(try h.column("select id from \(h.rel("daily")) order by id") == ["1", "2", "3", "4"])

        // a day changes upstream: rebuilding its window replaces its rows and nothing else
        let changed: String = "id,ts,amount\n1,2024-01-01 10:00:00,5\n3,2024-01-02 05:00:00,10\n"
            + "6,2024-01-02 12:00:00,3\n4,2024-01-03 23:59:59,2\n"
        try h.write("seeds/events.csv", changed)
        try h.runOK(.seed)
        let rerun = try h.run(.run, adjust: Self.window("2024-01-02", "2024-01-03"))
        #expect(rerun.result("daily")?.batches?.successful.count == 1)
        #expect(try h.rows("select id, amount from \(h.rel("daily")) order by id")
                == [["1", "5"], ["2", "7"], ["3", "10"], ["4", "2"], ["6", "3"]])

        // an incremental run without a window rebuilds the last batches (today's and
        // yesterday's): no input rows there, so nothing changes
        let latest = try h.run(.run)
        #expect(latest.result("daily")?.batches?.successful.count == 2, "\(latest.summary)")
        #expect(try h.int("select count(*) from \(h.rel("daily"))") == 5)

        // --full-refresh with a window builds the table again from that window alone
        let refreshed = try h.run(.run, fullRefresh: true, adjust: Self.window("2024-01-02", "2024-01-04"))
        #expect(refreshed.status("daily") == .success)
        #expect(try h.column("select id from \(h.rel("daily")) order by id") == ["3", "4", "6"])
    }

    @Test("with a unique_key, batches merge on it", arguments: WarehouseKind.allCases)
    func uniqueKeyMerges(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.files(key: ", unique_key='id'"))
        try h.runOK(.seed)
        try h.runOK(.run, adjust: Self.window("2024-01-01", "2024-01-05"))
        #expect(try h.int("select count(*) from \(h.rel("daily"))") == 5)
        // row 3 moves to another day: the merge updates it in place, nothing is deleted
        try h.write("seeds/events.csv", "id,ts,amount\n3,2024-01-04 06:00:00,9\n")
        try h.runOK(.seed)
        try h.runOK(.run, adjust: Self.window("2024-01-04", "2024-01-05"))
        #expect(try h.rows("select id, amount from \(h.rel("daily")) order by id")
                == [["1", "5"], ["2", "7"], ["3", "9"], ["4", "2"], ["5", "100"]])
    }

    @Test("a failed batch leaves the others written: partial success, and what reads the model is skipped")
    func partialSuccess() throws {
        // SQLite's json() fails on the malformed text, which only the second day holds
        let files: [String: String] = [
            "seeds/events.csv": "id,ts,payload\n1,2024-01-01 10:00:00,[]\n2,2024-01-02 10:00:00,{\n3,2024-01-03 10:00:00,[1]\n",
            "seeds/props.yml": "version: 2\nseeds:\n  - name: events\n    config: {event_time: ts}\n",
            "models/daily.sql": """
                {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='ts',
                          begin='2024-01-01', batch_size='day') }}
                select id, ts, json(payload) as payload from {{ ref('events') }}
                """,
            "models/after.sql": "select * from {{ ref('daily') }}",
        ]
        let h = try RunHarness(.sqlite, files)
        try h.runOK(.seed)
        let report = try h.run(.run, adjust: Self.window("2024-01-01", "2024-01-04"))
        let daily = try #require(report.result("daily"))
        #expect(daily.status == .partialSuccess, "\(report.summary)")
        #expect(daily.batches?.successful.map(\.0) == ["2024-01-01T00:00:00+00:00", "2024-01-03T00:00:00+00:00"])
        #expect(daily.batches?.failed.map(\.0) == ["2024-01-02T00:00:00+00:00"])
        #expect(daily.message == "PARTIAL SUCCESS (2/3)", "\(daily.message ?? "")")
        #expect(report.status("after") == .skipped)
        #expect(try h.column("select id from \(h.rel("daily")) order by id") == ["1", "3"])
    }

    /// As dbt runs them: the first batch alone, and when it fails the rest are skipped (and
    /// count as failed); each batch renders with dbt's `model.batch` (id, event_time_start/end).
    @Test("a failed first batch skips the rest; model.batch names each batch; dbt's progress lines")
    func firstBatchAndBatchContext() throws {
        var files = Self.files()
        files["models/daily.sql"] = """
            {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='ts',
                      begin='2024-01-01', batch_size='day') }}
            select id, ts, '{{ model.batch.id }}' as batch_id, '{{ model.batch.event_time_start }}' as batch_start,
                   '{{ model.batch.event_time_end.strftime("%d") }}' as end_day
            from {{ ref('events') }}
            """
        files["models/broken.sql"] = """
            {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='ts',
                      begin='2024-01-01', batch_size='day') }}
            select id, ts from {{ ref('events') }}{% if model.batch.id == '20240101' %} where no_such_column{% endif %}
            """
        let h = try RunHarness(.sqlite, files)
        try h.runOK(.seed)
        let report = try h.run(.run, adjust: Self.window("2024-01-01", "2024-01-03"))
        #expect(report.status("daily") == .success, "\(report.summary)")
        #expect(report.result("daily")?.message == "SUCCESS")
        #expect(try h.rows("select id, batch_id, batch_start, end_day from \(h.rel("daily")) order by id")
                == [["1", "20240101", "2024-01-01 00:00:00+00:00", "02"], ["2", "20240101", "2024-01-01 00:00:00+00:00", "02"],
                    ["3", "20240102", "2024-01-02 00:00:00+00:00", "03"]])
        let broken = try #require(report.result("broken"))
        #expect(broken.status == .error, "\(report.summary)")
        #expect(broken.batches?.successful.isEmpty == true)
        #expect(broken.batches?.failed.map(\.0) == ["2024-01-01T00:00:00+00:00", "2024-01-02T00:00:00+00:00"])

        // the progress lines as dbt prints them, through the CLI
        let cli = try CLITests.flowc(["run", "--select", "daily broken", "--event-time-start", "2024-01-01",
                                      "--event-time-end", "2024-01-03"], in: h.root)
        for line in ["Batch 1 of 2 START batch 2024-01-01 of main.daily .................................... [RUN]",
                     "Batch 2 of 2 SKIP batch 2024-01-02 of main.broken .................................... [SKIPPED in 0.00s]"] {
            #expect(cli.output.contains(line), Comment(rawValue: "\(line)\n\(cli.output)"))
        }
        #expect(cli.output.range(of: #"Batch 1 of 2 OK created batch 2024-01-01 of main\.daily \.+ \[[A-Z][A-Z0-9 ]* in \d\.\d\ds\]"#,
                                 options: .regularExpression) != nil, Comment(rawValue: cli.output))
        #expect(cli.output.contains("Batch 1 of 2 ERROR creating batch 2024-01-01 of main.broken"), Comment(rawValue: cli.output))
    }

    @Test("dbt's parse-time checks of a microbatch model's configs")
    func configChecks() throws {
        let filtered = "version: 2\nseeds:\n  - name: events\n    config: {event_time: ts}\n"
        func errors(_ config: String, seedProps: String? = nil) throws -> [String] {
            let model: String = "{{ config(materialized='incremental', incremental_strategy='microbatch'" + config + ") }}\n"
                + "select * from {{ ref('events') }}"
            let files: [String: String] = ["seeds/events.csv": "id,ts\n1,2024-01-01\n", "seeds/props.yml": seedProps ?? filtered,
                                           "models/m.sql": model]
            let h = try RunHarness(.sqlite, files)
            do {
                let (build, _, _) = try h.load()
                return build.diagnostics.map { (d: Diagnostic) -> String in d.message }
            } catch let e as ProjectErrors {
                return e.diagnostics.map { (d: Diagnostic) -> String in d.message }
            }
        }
        #expect(try errors(", begin='2024-01-01', batch_size='day'")
                == ["Microbatch model 'm' must provide an 'event_time' (string) config that indicates the name of the event time column."])
        #expect(try errors(", event_time='ts', batch_size='day'")
                == ["Microbatch model 'm' must provide a 'begin' (datetime) config that indicates the earliest timestamp the microbatch model should be built from."])
        #expect(try errors(", event_time='ts', begin='01/02/2024', batch_size='day'")
                == ["Microbatch model 'm' must provide a 'begin' config of valid datetime (ISO format), but got: 01/02/2024."])
        #expect(try errors(", event_time='ts', begin='2024-01-01', batch_size='week'")
                == ["Microbatch model 'm' must provide a 'batch_size' config that is one of [\"hour\", \"day\", \"month\", \"year\"], but got: week."])
        #expect(try errors(", event_time='ts', begin='2024-01-01T10:00:00Z', batch_size='hour'") == [])
        let unfiltered = try errors(", event_time='ts', begin='2024-01-01', batch_size='day'", seedProps: "version: 2\n")
        #expect(unfiltered.first?.hasPrefix("The microbatch model 'm' has no 'ref' or 'source' input with an 'event_time' configuration.") == true)
    }

    static func config(_ size: MicrobatchConfig.BatchSize, lookback: Int) throws -> MicrobatchConfig {
        let begin: Date = try #require(MicrobatchConfig.parseTimestamp("2024-01-15 10:00"))
        return MicrobatchConfig(eventTime: "ts", begin: begin, batchSize: size, lookback: lookback)
    }

    static func starts(_ batches: [Microbatch.Batch]) -> [String] {
        var out: [String] = []
        for b in batches { out.append(Microbatch.sqlTimestamp(b.start)) }
        return out
    }

    @Test("batches as dbt's MicrobatchBuilder cuts them")
    func batchBoundaries() throws {
        let now: Date = try #require(MicrobatchConfig.parseTimestamp("2024-09-17 16:06:00"))
        // incremental, lookback 1: yesterday and today (the end is the ceiling of now)
        let daily: [Microbatch.Batch] = Microbatch.batches(try Self.config(.day, lookback: 1), incremental: true,
                                                           start: nil, end: nil, now: now)
        #expect(Self.starts(daily) == ["2024-09-16 00:00:00", "2024-09-17 00:00:00"])
        #expect(Microbatch.sqlTimestamp(daily[1].end) == "2024-09-18 00:00:00")
        let hourly: [Microbatch.Batch] = Microbatch.batches(try Self.config(.hour, lookback: 2), incremental: true,
                                                            start: nil, end: nil, now: now)
        #expect(Self.starts(hourly) == ["2024-09-17 14:00:00", "2024-09-17 15:00:00", "2024-09-17 16:00:00"])
        // a first run starts at begin, truncated to its batch
        let months: [Microbatch.Batch] = Microbatch.batches(try Self.config(.month, lookback: 1), incremental: false,
                                                            start: nil, end: nil, now: now)
        #expect(months.count == 9)
        #expect(Microbatch.label(months[0].start, .month) == "2024-01")
        #expect(Microbatch.label(months[8].start, .month) == "2024-09")
        #expect(Microbatch.label(now, .hour) == "2024-09-17T16")
        #expect(MicrobatchConfig.parseTimestamp("2024-02-30") == nil)
        let shifted: Date? = MicrobatchConfig.parseTimestamp("2024-01-01T02:00:00+02:00")
        let midnight: Date? = MicrobatchConfig.parseTimestamp("2024-01-01")
        #expect(shifted == midnight)
    }

    @Test("--sample: models read only the sample window of inputs with an event_time", arguments: WarehouseKind.allCases)
    func sampleMode(_ kind: WarehouseKind) throws {
        var files = Self.files()
        files["models/daily.sql"] = "{{ config(materialized='table') }}\nselect id from {{ ref('events') }}"
        let h = try RunHarness(kind, files)
        try h.runOK(.seed)
        let report = try h.run(.run) { try? $0.setSample(#"{"start": "2024-01-02", "end": "2024-01-04"}"#) }
        #expect(report.status("daily") == .success, "\(report.summary)")
        #expect(try h.column("select id from \(h.rel("daily")) order by id") == ["3", "4"])
        // without it, every row
        try h.runOK(.run)
        #expect(try h.int("select count(*) from \(h.rel("daily"))") == 5)
    }

    @Test("--sample's relative and explicit windows, and its errors")
    func sampleWindows() throws {
        // dbt's offset_timestamp: not truncated, microseconds kept, a month's end clamped
        let now: Date = try #require(MicrobatchConfig.parseTimestamp("2024-09-17 16:06:00")).addingTimeInterval(0.25)
        guard case .success(let days) = Microbatch.sampleWindow("3 days", now: now) else { Issue.record("3 days"); return }
        #expect(Microbatch.sqlTimestamp(days.start) == "2024-09-14 16:06:00.250000")
        #expect(days.end == now)
        guard case .success(let hour) = Microbatch.sampleWindow("1 hour", now: now) else { Issue.record("1 hour"); return }
        #expect(Microbatch.sqlTimestamp(hour.start) == "2024-09-17 15:06:00.250000")
        let march: Date = try #require(MicrobatchConfig.parseTimestamp("2024-03-31 10:00:00"))
        guard case .success(let month) = Microbatch.sampleWindow("1 month", now: march) else { Issue.record("1 month"); return }
        #expect(Microbatch.sqlTimestamp(month.start) == "2024-02-29 10:00:00")
        // the explicit window is YAML, as dbt parses it
        guard case .success(let yaml) = Microbatch.sampleWindow("{start: 2024-01-02, end: '2024-01-04 12:00:00'}", now: now)
        else { Issue.record("yaml window"); return }
        #expect(Microbatch.sqlTimestamp(yaml.start) == "2024-01-02 00:00:00" && Microbatch.sqlTimestamp(yaml.end) == "2024-01-04 12:00:00")
        for (text, message) in [("3", "Must be of form 'DAYS_INT GRAIN_SIZE'"), ("x days", "Unable to convert 'x' to an integer."),
                                ("3 weeks", "Invalid grain size 'weeks'"), (#"{"start": "2024-01-01"}"#, "give {\"start\": …, \"end\": …}")] {
            guard case .failure(let e) = Microbatch.sampleWindow(text, now: now) else { Issue.record("\(text) parsed"); continue }
            #expect(e.message.contains(message), "\(e.message)")
        }
    }
}
