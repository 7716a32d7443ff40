// `flowc source freshness`: for each source with a `freshness` threshold and a
// `loaded_at_field`, ask the warehouse how long ago the newest row was loaded and compare it
// with `warn_after` / `error_after`; the results go to target/sources.json (dbt's sources v3).
import FlowcGraph
import FlowcTemplate
import FlowcSQL
import FlowcWarehouse
import Foundation

public struct FreshnessResult: Sendable {
    public enum Status: String, Sendable {
        case pass, warn, error
        case runtimeError = "runtime error"
    }

    public var uniqueId: String
    public var status: Status
    public var maxLoadedAt: String?
    public var snapshottedAt: String?
    public var ageSeconds: Double?
    /// `{warn_after, error_after, filter}` as configured.
    public var criteria: JSON
    public var error: String?
    public var startedAt: Double
    public var completedAt: Double
}

public enum SourceFreshness {
    static let periods: [String: Double] = ["minute": 60, "hour": 3600, "day": 86400]

    /// The sources among `ids` that can be checked: a loaded_at_field or loaded_at_query, and at
    /// least one threshold.
    public static func checkable(_ m: Manifest, ids: [String]) -> [SourceTable] {
        ids.compactMap { m.sources[$0] }.filter { s in
            guard !s.freshnessDisabled, hasLoadTime(s) else { return false }
            return hasThreshold(s)
        }
    }

    /// Sources among `ids` with a threshold but nothing to read the load time from: dbt fails
    /// them, since neither warehouse offers metadata-based freshness.
    public static func uncheckable(_ m: Manifest, ids: [String]) -> [SourceTable] {
        ids.compactMap { m.sources[$0] }.filter { !$0.freshnessDisabled && !hasLoadTime($0) && hasThreshold($0) }
    }

    /// dbt's message for such a source.
    public static func noLoadTime(_ s: SourceTable, dialect: Dialect) -> String {
        "Could not compute freshness for source \(s.name): no 'loaded_at_field' provided and \(dialect.name) adapter "
            + "does not support metadata-based freshness checks."
    }

    /// The runtime error of such a source, as dbt reports it.
    public static func unchecked(_ s: SourceTable, dialect: Dialect) -> FreshnessResult {
        let now = Date().timeIntervalSince1970
        return FreshnessResult(uniqueId: s.uniqueId, status: .runtimeError, criteria: s.freshness,
                               error: noLoadTime(s, dialect: dialect), startedAt: now, completedAt: now)
    }

    static func hasLoadTime(_ s: SourceTable) -> Bool { s.loadedAtQuery != nil || !(s.loadedAtField ?? "").isEmpty }

    static func hasThreshold(_ s: SourceTable) -> Bool {
        threshold(s.freshness["warn_after"]) != nil || threshold(s.freshness["error_after"]) != nil
    }

    /// `{count: 12, period: hour}` in seconds; nil when absent or incomplete.
    static func threshold(_ v: JSON?) -> Double? {
        guard case .object(let o)? = v, let period = o["period"]?.stringValue, let seconds = periods[period] else { return nil }
        let count: Double
        switch o["count"] {
        case .int(let i)?: count = Double(i)
        case .double(let d)?: count = d
        default: return nil
        }
        return count * seconds
    }

    /// A result not yet judged (a runtime error until it is), with the source's criteria.
    static func start(_ source: SourceTable) -> FreshnessResult {
        let started = Date().timeIntervalSince1970
        let freshness = source.freshness
        // a threshold not set reads {count: null, period: null}, as dbt writes it
        let unset = JSON.object(JSONObject([("count", .null), ("period", .null)]))
        // … and one set to null (`error_after: null`) is null, as dbt keeps it
        func criterion(_ key: String) -> JSON {
            guard let t = freshness[key] else { return unset }
            if t.isNull { return .null }
            if case .object(let o) = t, o.isEmpty { return unset }
            return t
        }
        let criteria = JSON.object(JSONObject([
            ("warn_after", criterion("warn_after")),
            ("error_after", criterion("error_after")),
            ("filter", freshness["filter"] ?? .null),
        ]))
        return FreshnessResult(uniqueId: source.uniqueId, status: .runtimeError, criteria: criteria,
                               startedAt: started, completedAt: started)
    }

    public static func check(_ source: SourceTable, dialect: Dialect, connection: any WarehouseConnection) -> FreshnessResult {
        var result = start(source)
        let started = result.startedAt
        let freshness = source.freshness
        let relation = source.relationName(dialect)
        let field: String
        var sql: String
        if let query = source.loadedAtQuery {
            // dbt 1.10's loaded_at_query: its one value is the load time (no filter applies);
            // Jinja in it sees the source as `this`, as in dbt
            field = "loaded_at_query"
            let text: String
            do {
                text = try renderLoadedAtQuery(query, source: source, dialect: dialect)
            } catch {
                result.error = "loaded_at_query of \(source.sourceName).\(source.name): \(error)"
                return result
            }
            let loaded = "(" + text.trimmingTrailingSemicolons + ")"
            sql = "select cast(\(loaded) as text), cast(current_timestamp as text), \(dialect.ddl.secondsSince(loaded))"
        } else {
            field = source.loadedAtField ?? ""
            sql = "select cast(max(\(field)) as text), cast(current_timestamp as text), "
                + "\(dialect.ddl.secondsSince("max(\(field))")) from \(relation)"
            if let filter = freshness["filter"]?.stringValue, !filter.isEmpty { sql += " where \(filter)" }
        }
        do {
            let row = try connection.query(sql, limit: 1).rows.first ?? []
            result.completedAt = Date().timeIntervalSince1970
            guard row.count == 3 else {
                result.error = "the freshness query of \(source.sourceName).\(source.name) gave no row"
                return result
            }
            let maxText = row[0].text
            var age: Double?
            switch row[2] {
            case .int(let i): age = Double(i)
            case .double(let d): age = d
            case .text(let t): age = Double(t)
            default: age = nil
            }
            // dbt's age is between the two as Python reads them, a time without a zone being UTC
            // (adapter._utc): the database's own arithmetic would read it in the session's zone
            if let loaded = FreshnessTimestamp(maxText), let now = FreshnessTimestamp(row[1].text) {
                age = Double(now.seconds - loaded.seconds) + Double(now.micros - loaded.micros) / 1_000_000
            }
            // no rows (or no load time) is dbt's datetime.min: as old as can be, judged as such
            if maxText.isEmpty { age = started + secondsFromYearOneToEpoch }
            guard let age else {
                result.error = "cannot compute the age of \(field) (\(maxText)) in \(relation)"
                return result
            }
            result.maxLoadedAt = maxText.isEmpty ? "0001-01-01T00:00:00+00:00" : iso(maxText)
            result.snapshottedAt = iso(row[1].text)
            judge(&result, age: age, freshness: freshness)
        } catch {
            result.completedAt = Date().timeIntervalSince1970
            result.error = "\(error)"
        }
        return result
    }

    /// The status for a load `age` seconds ago: past error_after, past warn_after, or fresh.
    static func judge(_ result: inout FreshnessResult, age: Double, freshness: JSON) {
        result.ageSeconds = max(0, age)
        if let e = threshold(freshness["error_after"]), age > e {
            result.status = .error
        } else if let w = threshold(freshness["warn_after"]), age > w {
            result.status = .warn
        } else {
            result.status = .pass
        }
    }

    /// Seconds from 0001-01-01 to 1970-01-01 (UTC, proleptic Gregorian), Python's datetime.min
    /// to the epoch.
    static let secondsFromYearOneToEpoch = 62_135_596_800.0

    /// `loaded_at_query` with its Jinja rendered: `this` is the source's relation.
    static func renderLoadedAtQuery(_ query: String, source: SourceTable, dialect: Dialect) throws -> String {
        guard query.contains("{{") || query.contains("{%") else { return query }
        let environment = Environment()
        environment.globals["this"] = .object(RelationObject(database: source.database, schema: source.schema,
                                                             identifier: source.identifier, type: "table", dialect: dialect,
                                                             policy: source.quotePolicy(dialect)))
        let template = try environment.parse(query, name: source.originalFilePath)
        return try Renderer(environment: environment).render(template)
    }

    /// A database timestamp as dbt writes it in sources.json: in UTC (a value without a zone is
    /// taken as UTC, as dbt's `_utc` does), as Python's isoformat prints it
    /// (`2024-01-01 10:00:00` → `2024-01-01T10:00:00+00:00`; `…12:00:00.5+02` →
    /// `…10:00:00.500000+00:00`). Text of another shape is kept, with the T.
    public static func iso(_ text: String) -> String {
        guard let t = FreshnessTimestamp(text) else {
            guard text.count > 10, text[text.index(text.startIndex, offsetBy: 10)] == " " else { return text }
            var s = text
            s.replaceSubrange(s.index(s.startIndex, offsetBy: 10)...s.index(s.startIndex, offsetBy: 10), with: "T")
            return s
        }
        return t.utcISO
    }

    /// target/sources.json in dbt's sources v3 schema.
    public static func json(_ results: [FreshnessResult], invocationId: String, invocationStartedAt: String? = nil,
                            elapsed: Double, environment: [String: String]) -> JSON {
        // a source that could not be checked is left out, as dbt 1.11 leaves it out
        let entries: [JSON] = results.compactMap { r in
            guard r.status != .runtimeError, let maxLoaded = r.maxLoadedAt, let snap = r.snapshottedAt, let age = r.ageSeconds else {
                return nil
            }
            return .object(JSONObject([
                ("unique_id", .string(r.uniqueId)), ("max_loaded_at", .string(maxLoaded)), ("snapshotted_at", .string(snap)),
                ("max_loaded_at_time_ago_in_s", .double(age)), ("status", .string(r.status.rawValue)),
                // the freshness query's response and dbt's two timing steps (compiling takes no time here)
                ("criteria", r.criteria),
                ("adapter_response", .object(JSONObject([("_message", "SELECT 1"), ("code", "SELECT"), ("rows_affected", 1)]))),
                ("timing", .array(["compile", "execute"].map { step in .object(JSONObject([
                    ("name", .string(step)), ("started_at", .string(RunResultsFile.isoTime(r.startedAt))),
                    ("completed_at", .string(RunResultsFile.isoTime(step == "compile" ? r.startedAt : r.completedAt))),
                ])) })),
                ("thread_id", "Thread-1 (worker)"), ("execution_time", .double(r.completedAt - r.startedAt)),
            ]))
        }
        var env = JSONObject()
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) where k.hasPrefix("DBT_ENV_CUSTOM_ENV_") {
            env[String(k.dropFirst("DBT_ENV_CUSTOM_ENV_".count))] = .string(v)
        }
        return .object(JSONObject([
            ("metadata", .object(JSONObject([
                ("dbt_schema_version", "https://schemas.getdbt.com/dbt/sources/v3.json"),
                ("dbt_version", "1.11.0"),
                ("generated_at", .string(RunResultsFile.isoTime(Date().timeIntervalSince1970))),
                ("invocation_id", .string(invocationId)),
                // every dbt artifact's metadata has it (artifacts/schemas/base.py)
                ("invocation_started_at", invocationStartedAt.map(JSON.string) ?? .null),
                ("env", .object(env)),
            ]))),
            ("results", .array(entries)),
            ("elapsed_time", .double(elapsed)),
        ]))
    }
}
