// target/run_results.json in dbt's run-results v6 schema: one entry per node with status,
// timings, thread, adapter response, message, failures and compiled code.
import FlowcGraph
import FlowcWarehouse
import Foundation

public enum RunResultsFile {
    public static func json(_ outcome: RunOutcome, invocationId: String, command: String, args: JSONObject) -> JSON {
        func iso(_ t: Double) -> JSON { .string(isoTime(t)) }
        let results: [JSON] = outcome.results.map { r in
            var response = JSONObject()
            if let code = r.adapterCode {
                // a test's message is its verdict; the adapter's own is the query's ("SELECT 4")
                let isTest = r.status == .pass || r.status == .fail || r.status == .warn
                response["_message"] = .string(isTest ? ExecResult(code: code, rowsAffected: r.rowsAffected ?? 0).message
                                                      : r.message ?? code)
                response["code"] = .string(code)
                response["rows_affected"] = .int(r.rowsAffected ?? 0)
            }
            return .object(JSONObject([
                ("status", .string(r.status.rawValue)),
                ("timing", .array(r.timing.map {
                    .object(JSONObject([("name", .string($0.name)), ("started_at", iso($0.startedAt)),
                                        ("completed_at", iso($0.completedAt))]))
                })),
                ("thread_id", .string(r.threadId)),
                ("execution_time", .double(r.executionTime)),
                ("adapter_response", .object(response)),
                ("message", r.message.map { .string($0) } ?? .null),
                ("failures", r.failures.map { .int($0) } ?? .null),
                ("unique_id", .string(r.uniqueId)),
                ("compiled", r.compiledCode == nil ? .null : .bool(true)),
                ("compiled_code", r.compiledCode.map { .string($0) } ?? .null),
                ("relation_name", r.relationName.map { .string($0) } ?? .null),
                ("batch_results", r.batches.map { b in
                    func list(_ xs: [(String, String)]) -> JSON { .array(xs.map { .array([.string($0.0), .string($0.1)]) }) }
                    return .object(JSONObject([("successful", list(b.successful)), ("failed", list(b.failed))]))
                } ?? .null),
            ]))
        }
        var a = args
        a["which"] = .string(command)
        return .object(JSONObject([
            ("metadata", .object(JSONObject([
                ("dbt_schema_version", "https://schemas.getdbt.com/dbt/run-results/v6.json"),
                ("dbt_version", "1.11.0"),
                ("generated_at", iso(Date().timeIntervalSince1970)),
                ("invocation_id", .string(invocationId)),
                ("invocation_started_at", iso(outcome.startedAt)),
                ("env", .object(JSONObject())),
            ]))),
            ("results", .array(results)),
            ("elapsed_time", .double(outcome.elapsed)),
            ("args", .object(a)),
        ]))
    }

    /// `2026-11-22T10:00:00.123456Z`, as dbt writes times.
    public static func isoTime(_ t: Double) -> String {
        let seconds = floor(t)
        let micros = Int((t - seconds) * 1_000_000)
        var tm = tm()
        var time = time_t(seconds)
        gmtime_r(&time, &tm)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(tm.tm_year) + 1900, Int(tm.tm_mon) + 1,
                      Int(tm.tm_mday), Int(tm.tm_hour), Int(tm.tm_min), Int(tm.tm_sec), micros)
    }
}
