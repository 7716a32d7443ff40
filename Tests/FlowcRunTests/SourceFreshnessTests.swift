import FlowcGraph
import FlowcRun
import FlowcSQL
import Foundation
import Testing

/// Source freshness against real tables: pass, warn and error by the age of the newest
/// `loaded_at_field`, a `filter`, an empty table as dbt judges it (loaded at datetime.min, so
/// past any threshold), and sources.json's shape.
@Suite struct SourceFreshnessTests {
    static func files(_ schema: String) -> [String: String] {
        ["models/sources.yml": """
            version: 2
            sources:
              - name: raw
                schema: \(schema)
                loaded_at_field: loaded_at
                freshness:
                  warn_after: {count: 1, period: day}
                  error_after: {count: 3, period: day}
                tables:
                  - name: fresh
                  - name: late
                  - name: stale
                  - name: empty
                  - name: filtered
                    freshness:
                      error_after: {count: 12, period: hour}
                      filter: "kind = 'old'"
                  - name: unchecked
                    freshness: null
                  - name: warned
                    freshness:
                      error_after: {count: 30, period: day}
                  - name: no_error
                    freshness:
                      error_after: null
            """]
    }

    @Test("freshness by the age of the newest row", arguments: WarehouseKind.allCases)
    func freshness(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.files(kind == .sqlite ? "main" : "analytics"))
        if kind == .postgres { try h.execute("create schema if not exists analytics") }
        func ago(_ hours: Int) -> String {
            kind == .sqlite ? "datetime('now', '-\(hours) hours')" : "now() - interval '\(hours) hours'"
        }
        let type = kind == .sqlite ? "text" : "timestamp"
        for (table, hours) in [("fresh", 1), ("late", 30), ("stale", 240), ("warned", 30), ("no_error", 240)] {
            try h.execute("create table \(h.rel(table)) (id integer, loaded_at \(type))")
            try h.execute("insert into \(h.rel(table)) values (1, \(ago(hours + 5))), (2, \(ago(hours)))")
        }
        try h.execute("create table \(h.rel("empty")) (id integer, loaded_at \(type))")
        try h.execute("create table \(h.rel("filtered")) (kind text, loaded_at \(type))")
        try h.execute("insert into \(h.rel("filtered")) values ('new', \(ago(1))), ('old', \(ago(20)))")
        try h.execute("create table \(h.rel("unchecked")) (id integer, loaded_at \(type))")

        let (build, _, _) = try h.load()
        let m = build.manifest
        let sources = SourceFreshness.checkable(m, ids: m.sources.keys.sorted())
        #expect(sources.map(\.name) == ["empty", "filtered", "fresh", "late", "no_error", "stale", "warned"])
        let connection = try h.warehouse().connect()
        defer { connection.close() }
        var status: [String: String] = [:]
        var results: [FreshnessResult] = []
        for s in sources {
            let r = SourceFreshness.check(s, dialect: build.setup.dialect, connection: connection)
            results.append(r)
            status[s.name] = r.status.rawValue
        }
        // a table's freshness merges into its source's, as in dbt: `warned` sets only error_after
        // and keeps the source's warn_after of a day
        #expect(status == ["fresh": "pass", "late": "warn", "stale": "error", "empty": "error", "filtered": "error",
                           "warned": "warn", "no_error": "warn"])
        let late = try #require(results.first { $0.uniqueId.hasSuffix(".late") })
        #expect(abs((late.ageSeconds ?? 0) - 30 * 3600) < 120)
        // as dbt writes them: UTC, Python's isoformat (`+00:00`; six-digit fractions when any)
        for time in [late.maxLoadedAt, late.snapshottedAt] {
            let t = try #require(time)
            #expect(t.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00/) != nil, "\(t)")
        }

        let json = SourceFreshness.json(results, invocationId: "x", invocationStartedAt: "2026-11-24T10:00:00.000000Z",
                                        elapsed: 0.5, environment: [:])
        #expect(json["metadata"]?["invocation_started_at"] == .string("2026-11-24T10:00:00.000000Z"))
        let entries = try #require(json["results"]?.arrayValue)
        #expect(entries.count == 7)
        // a threshold turned off is null; one never set is {count: null, period: null}, as dbt writes them
        let noError = try #require(entries.first { $0["unique_id"]?.stringValue == "source.shop.raw.no_error" })
        #expect(noError["criteria"]?["error_after"] == .null)
        let fresh = try #require(entries.first { $0["unique_id"]?.stringValue == "source.shop.raw.fresh" })
        #expect(fresh["criteria"]?["error_after"]?["count"] == .int(3))
        let filtered = try #require(entries.first { $0["unique_id"]?.stringValue == "source.shop.raw.filtered" })
        #expect(filtered["criteria"]?["warn_after"]?["period"]?.stringValue == "day")
        #expect(filtered["criteria"]?["error_after"]?["count"] == .int(12))
        let ok = try #require(entries.first { $0["unique_id"]?.stringValue == "source.shop.raw.fresh" })
        #expect(ok["criteria"]?["warn_after"]?["period"]?.stringValue == "day")
        #expect(ok["max_loaded_at_time_ago_in_s"] != nil && ok["thread_id"] != nil)
        let empty = try #require(entries.first { $0["unique_id"]?.stringValue == "source.shop.raw.empty" })
        #expect(empty["status"]?.stringValue == "error")
        #expect(empty["max_loaded_at"]?.stringValue == "0001-01-01T00:00:00+00:00")
        if case .double(let age)? = empty["max_loaded_at_time_ago_in_s"] { #expect(age > 63_000_000_000) } else { Issue.record("no age") }
        #expect(ok["adapter_response"]?["code"]?.stringValue == "SELECT")
        #expect(ok["timing"]?.arrayValue?.map { $0["name"]?.stringValue } == ["compile", "execute"])
        // a threshold not set is written as dbt writes it
        let onlyError = try #require(entries.first { $0["unique_id"]?.stringValue == "source.shop.raw.warned" })
        #expect(onlyError["criteria"]?["warn_after"]?["count"] == .int(1))
        #expect(json["metadata"]?["dbt_schema_version"]?.stringValue == "https://schemas.getdbt.com/dbt/sources/v3.json")
    }

    /// A time without a zone is UTC, as dbt reads it (adapter._utc), whatever the session's
    /// TimeZone: rows loaded 4 hours ago (UTC wall clock) are 4 hours old on a database whose
    /// sessions are in New York (the database's own arithmetic made them 0 seconds old: PASS).
    @Test("a naive load time is UTC in any session time zone", arguments: [WarehouseKind.postgres])
    func naiveTimesAreUTC(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, ["models/sources.yml": """
            sources:
              - name: raw
                schema: analytics
                freshness: {warn_after: {count: 1, period: hour}, error_after: {count: 3, period: hour}}
                tables:
                  - {name: naive, loaded_at_field: loaded_at}
                  - {name: aware, loaded_at_field: loaded_at}
            """])
        try h.execute("alter database \(h.database) set timezone to 'America/New_York'")
        try h.execute("create schema if not exists analytics")
        try h.execute("create table analytics.naive as select (now() at time zone 'utc') - interval '4 hours' as loaded_at")
        try h.execute("create table analytics.aware as select now() - interval '4 hours' as loaded_at")
        let (build, _, _) = try h.load()
        let connection = try h.warehouse().connect()
        defer { connection.close() }
        for source in SourceFreshness.checkable(build.manifest, ids: build.manifest.sources.keys.sorted()) {
            let r = SourceFreshness.check(source, dialect: build.setup.dialect, connection: connection)
            #expect(r.status.rawValue == "error", "\(source.name)")
            #expect(abs((r.ageSeconds ?? 0) - 4 * 3600) < 120, "\(source.name): \(r.ageSeconds ?? -1)")
        }
    }

    /// A `collect_freshness` of the project's (or a package's, as fivetran_utils ships one)
    /// replaces flowc's query, as dbt calls it: with the source relation, loaded_at_field and
    /// filter, its one-row table giving the newest load and the current time; a root project's
    /// `default__collect_freshness` is what dbt's own dispatches to. A table of another shape
    /// is dbt's "invalid result" error.
    @Test("a project's collect_freshness replaces flowc's query", arguments: WarehouseKind.allCases)
    func projectCollectFreshness(_ kind: WarehouseKind) throws {
        let schema = kind == .sqlite ? "main" : "analytics"
        let sources = """
            sources:
              - name: raw
                schema: \(schema)
                loaded_at_field: loaded_at
                freshness: {error_after: {count: 1, period: day}}
                tables:
                  - name: old
                  - name: bad
                    freshness: {error_after: {count: 1, period: day}, filter: "1 = 2"}
            """
        let now = kind == .sqlite ? "current_timestamp" : "now()"
        let macros = [
            // fresh whatever the table holds, unless the filter says to return a bad shape
            "macros/fresh.sql": """
                {% macro NAME(source, loaded_at_field, filter) %}
                  {% call statement('collect_freshness', fetch_result=True, auto_begin=False) %}
                    select {% if filter %}1 as only_one{% else %}\(now) as max_loaded_at, \(now) as snapshotted_at{% endif %}
                    {% if not filter %}from {{ source }} where {{ loaded_at_field }} is not null{% endif %}
                  {% endcall %}
                  {{ return(load_result('collect_freshness')) }}
                {% endmacro %}
                """,
        ]
        let body = macros["macros/fresh.sql"] ?? ""
        // the root project's own, the root's dispatch override, and a package's that dispatches
        // without a namespace to its own default__ (fivetran_utils' shape)
        let variants: [(String, [String: String])] = [
            ("collect_freshness", ["macros/fresh.sql": body.replacingOccurrences(of: "NAME", with: "collect_freshness")]),
            ("default__collect_freshness", ["macros/fresh.sql": body.replacingOccurrences(of: "NAME", with: "default__collect_freshness")]),
            ("a package's", [
                "dbt_packages/futils/dbt_project.yml": "name: futils\nversion: '1.0'\n",
                "dbt_packages/futils/macros/fresh.sql": """
                    {% macro collect_freshness(source, loaded_at_field, filter) %}
                      {{ return(adapter.dispatch('collect_freshness')(source, loaded_at_field, filter)) }}
                    {% endmacro %}
                    """ + body.replacingOccurrences(of: "NAME", with: "default__collect_freshness"),
            ]),
        ]
        for (name, files) in variants {
            let h = try RunHarness(kind, files.merging(["models/sources.yml": sources]) { $1 })
            if kind == .postgres { try h.execute("create schema if not exists analytics") }
            for table in ["old", "bad"] {
                try h.execute("create table \(h.rel(table)) (loaded_at \(kind == .sqlite ? "text" : "timestamp"))")
                try h.execute("insert into \(h.rel(table)) values ('2020-01-01 00:00:00')")
            }
            let (build, _, _) = try h.load()
            let options = RunOptions(command: .run, threads: 1, projectRoot: h.root, targetPath: "target", projectName: "shop")
            let runner = try #require(try FreshnessMacroRunner.make(context: RunContext(build: build, warehouse: h.warehouse(),
                                                                                        options: options)))
            defer { runner.close() }
            let m = build.manifest
            let checked = SourceFreshness.checkable(m, ids: m.sources.keys.sorted())
            let old = runner.check(try #require(checked.first { $0.name == "old" }))
            #expect(old.status == .pass, "\(name): \(old.error ?? "")")
            #expect((old.ageSeconds ?? 99) < 5)
            #expect(old.maxLoadedAt?.hasSuffix("+00:00") == true)
            // flowc's own query says the same table is years old
            let connection = try h.warehouse().connect()
            defer { connection.close() }
            let own = try #require(checked.first { $0.name == "old" })
            #expect(SourceFreshness.check(own, dialect: build.setup.dialect, connection: connection).status == .error)
            let bad = runner.check(try #require(checked.first { $0.name == "bad" }))
            #expect(bad.status == .runtimeError)
            #expect(bad.error?.contains("Got an invalid result from \"collect_freshness\" macro") == true, "\(bad.error ?? "")")
        }
        // nothing replaced: flowc's own query
        let plain = try RunHarness(kind, ["models/sources.yml": sources])
        let (build, _, _) = try plain.load()
        let options = RunOptions(command: .run, threads: 1, projectRoot: plain.root, targetPath: "target", projectName: "shop")
        #expect(try FreshnessMacroRunner.make(context: RunContext(build: build, warehouse: plain.warehouse(), options: options)) == nil)
    }

    /// dbt 1.9/1.10's places: `config: {freshness:, loaded_at_field:}` on the source or table,
    /// `loaded_at_query` (its Jinja sees the source as `this`), and a source with a threshold
    /// but no load time, which dbt warns about at parse and fails.
    @Test("freshness and load time from config, loaded_at_query", arguments: WarehouseKind.allCases)
    func configuredFreshness(_ kind: WarehouseKind) throws {
        let schema = kind == .sqlite ? "main" : "analytics"
        let h = try RunHarness(kind, ["models/sources.yml": """
            sources:
              - name: raw
                schema: \(schema)
                config:
                  freshness: {warn_after: {count: 1, period: day}}
                  loaded_at_field: loaded_at
                tables:
                  - name: events
                  - name: queried
                    config:
                      loaded_at_query: "select max(loaded_at) from {{ this }}"
                  - name: nothing_to_read
                    loaded_at_field: null
            """])
        if kind == .postgres { try h.execute("create schema if not exists analytics") }
        let ago = kind == .sqlite ? "datetime('now', '-30 hours')" : "now() - interval '30 hours'"
        for table in ["events", "queried"] {
            try h.execute("create table \(h.rel(table)) (loaded_at \(kind == .sqlite ? "text" : "timestamp"))")
            try h.execute("insert into \(h.rel(table)) values (\(ago))")
        }
        let (build, _, _) = try h.load()
        #expect(build.diagnostics.contains { $0.message.contains("A loaded_at_field must be specified for source 'raw.nothing_to_read'") })
        let m = build.manifest
        let ids = m.sources.keys.filter { $0.contains(".raw.") }.sorted()
        let sources = SourceFreshness.checkable(m, ids: ids)
        #expect(sources.map(\.name) == ["events", "queried"])
        #expect(SourceFreshness.uncheckable(m, ids: ids).map(\.name) == ["nothing_to_read"])
        let connection = try h.warehouse().connect()
        defer { connection.close() }
        for s in sources {
            let r = SourceFreshness.check(s, dialect: build.setup.dialect, connection: connection)
            #expect(r.status == .warn, "\(s.name): \(r.error ?? "")")
            #expect(abs((r.ageSeconds ?? 0) - 30 * 3600) < 120)
        }
        // both on one level is dbt's parse error
        try h.write("models/both.yml", """
            sources:
              - name: both
                loaded_at_field: a
                config: {loaded_at_query: "select 1"}
                tables: [{name: t}]
            """)
        #expect { try h.load() } throws: { "\($0)".contains("Cannot specify both loaded_at_field and loaded_at_query at source level.") }
    }
}

/// The warehouse's timestamp texts as dbt writes freshness times (checked against Python's
/// `datetime.isoformat()` of the UTC value psycopg2 reads).
@Test func freshnessTimesAreUTCInPythonsISOFormat() {
    #expect(SourceFreshness.iso("2020-01-01 00:00:00") == "2020-01-01T00:00:00+00:00")
    #expect(SourceFreshness.iso("2026-11-23 23:50:01.12345+00") == "2026-11-23T23:50:01.123450+00:00")
    #expect(SourceFreshness.iso("2024-03-01 01:30:00+02") == "2024-02-29T23:30:00+00:00")
    #expect(SourceFreshness.iso("2023-12-31 20:00:00-05:30") == "2024-01-01T01:30:00+00:00")
    #expect(SourceFreshness.iso("2024-01-01T10:00:00.000000Z") == "2024-01-01T10:00:00+00:00")
    #expect(SourceFreshness.iso("0001-01-01 00:00:00") == "0001-01-01T00:00:00+00:00")
    // not a timestamp: kept
    #expect(SourceFreshness.iso("yesterday") == "yesterday")
}
