// target/run_results.json in dbt's run-results v6 schema: one entry per node with status,
// timings, thread, adapter response, message, failures and compiled code.
import FlowcGraph
import FlowcWarehouse
import Foundation

public enum RunResultsFile {
    /// Writes the file as dbt writes it (`", "` and `": "` between items, no indentation),
    /// streamed a megabyte at a time: a compile of 20,000 nodes writes 18 MB of results, which
    /// are never all held as text at once.
    public static func write(_ outcome: RunOutcome, invocationId: String, command: String, args: JSONObject,
                             to path: String) throws {
        try StreamedFile.write(to: path) { emit in
            try stream(outcome, invocationId: invocationId, command: command, args: args, emit: emit)
        }
    }

    /// The file's text (what `write` writes).
    public static func encode(_ outcome: RunOutcome, invocationId: String, command: String, args: JSONObject) -> String {
        var bytes: [UInt8] = []
        try? stream(outcome, invocationId: invocationId, command: command, args: args) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func stream(_ outcome: RunOutcome, invocationId: String, command: String, args: JSONObject,
                       emit: ([UInt8]) throws -> Void) throws {
        var w = JSONWriter(indent: 0, reserve: 1 << 20)
        var a = args
        a["which"] = .string(command)
        let metadata = JSONObject([
            ("dbt_schema_version", "https://schemas.getdbt.com/dbt/run-results/v6.json"),
            ("dbt_version", "1.11.0"),
            ("generated_at", .string(isoTime(Date().timeIntervalSince1970))),
            ("invocation_id", .string(invocationId)),
            ("invocation_started_at", .string(isoTime(outcome.startedAt))),
            ("env", .object(JSONObject())),
        ])
        w.raw("{\"metadata\": ")
        w.write(.object(metadata), depth: 1)
        w.raw(", \"results\": [")
        for (i, r) in outcome.results.enumerated() {
            if i > 0 { w.raw(", ") }
            write(r, into: &w)
            if w.count >= 1 << 20 { try emit(w.drain()) }
        }
        w.raw("], \"elapsed_time\": ")
        w.write(.double(outcome.elapsed), depth: 1)
        w.raw(", \"args\": ")
        w.write(.object(a), depth: 1)
        w.raw("}")
        try emit(w.drain())
    }

    static func write(_ r: NodeResult, into w: inout JSONWriter) {
        func optional(_ s: String?) {
            if let s { w.writeString(s) } else { w.raw("null") }
        }
        w.raw("{\"status\": ")
        w.writeString(r.status.rawValue)
        w.raw(", \"timing\": [")
        for (i, t) in r.timing.enumerated() {
            w.raw(i > 0 ? ", {\"name\": " : "{\"name\": ")
            w.writeString(t.name)
            w.raw(", \"started_at\": ")
            w.writeString(isoTime(t.startedAt))
            w.raw(", \"completed_at\": ")
            w.writeString(isoTime(t.completedAt))
            w.raw("}")
        }
        w.raw("], \"thread_id\": ")
        w.writeString(r.threadId)
        w.raw(", \"execution_time\": ")
        w.write(.double(r.executionTime), depth: 2)
        w.raw(", \"adapter_response\": ")
        w.write(.object(adapterResponse(r)), depth: 2)
        w.raw(", \"message\": ")
        optional(r.message)
        w.raw(", \"failures\": ")
        if let f = r.failures { w.write(.int(f), depth: 2) } else { w.raw("null") }
        w.raw(", \"unique_id\": ")
        w.writeString(r.uniqueId)
        // a skipped node dbt compiles (not a seed) was never compiled: false, as dbt's node says
        let skippedUncompiled = r.status == .skipped && !r.uniqueId.hasPrefix("seed.")
        let compiled = r.compiledCode != nil ? "true" : r.notCompiled || skippedUncompiled ? "false" : "null"
        w.raw(", \"compiled\": " + compiled + ", \"compiled_code\": ")
        optional(r.compiledCode)
        w.raw(", \"relation_name\": ")
        // dbt gives it only to compiled resources, which seeds are not
        optional(r.uniqueId.hasPrefix("seed.") ? nil : r.relationName)
        w.raw(", \"batch_results\": ")
        if let b = r.batches {
            func list(_ xs: [(String, String)]) -> JSON { .array(xs.map { .array([.string($0.0), .string($0.1)]) }) }
            w.write(.object(JSONObject([("successful", list(b.successful)), ("failed", list(b.failed))])), depth: 2)
        } else {
            w.raw("null")
        }
        w.raw("}")
    }

    /// `2026-11-22T10:00:00.123456Z`, as dbt writes times.
    public static func isoTime(_ t: Double) -> String {
        let seconds = floor(t)
        let micros = Int((t - seconds) * 1_000_000)
        // the UTC date by the calendar arithmetic of `Civil`: glibc's gmtime_r takes the
        // time-zone lock, ~2,000 instructions a call, 40,000 calls here
        let whole = Int(seconds.isFinite ? Swift.max(-1e15, Swift.min(1e15, seconds)) : 0)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400  // rounded down
        let daySeconds = whole - days * 86_400
        let (year, month, day) = Civil.date(days)
        // digits by hand into the 27 bytes (String(format:) took 150 ms for the 40,000 times of
        // a 20,000-node compile), each field written from its last digit
        return String(unsafeUninitializedCapacity: 27) { out in
            func put(_ value: Int, _ width: Int, endingAt end: Int) {
                var v = Swift.max(0, value)
                for k in stride(from: end - 1, through: end - width, by: -1) {
                    out[k] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(year, 4, endingAt: 4)
            put(month, 2, endingAt: 7)
            put(day, 2, endingAt: 10)
            put(daySeconds / 3600, 2, endingAt: 13)
            put(daySeconds / 60 % 60, 2, endingAt: 16)
            put(daySeconds % 60, 2, endingAt: 19)
            put(micros, 6, endingAt: 26)
            (out[4], out[7], out[10]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"))
            (out[13], out[16], out[19], out[26]) = (UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "Z"))
            return 27
        }
    }

    /// dbt's adapter_response: the query's message, code and row count (empty without a query).
    static func adapterResponse(_ r: NodeResult) -> JSONObject {
        guard let code = r.adapterCode else { return JSONObject() }
        // a test's message is its verdict; the adapter's own is the query's ("SELECT 4")
        let isTest = r.status == .pass || r.status == .fail || r.status == .warn
        return JSONObject([
            ("_message", .string(isTest ? ExecResult(code: code, rowsAffected: r.rowsAffected ?? 0).message : r.message ?? code)),
            ("code", .string(code)),
            ("rows_affected", .int(r.rowsAffected ?? 0)),
        ])
    }
}
