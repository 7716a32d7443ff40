// `--log-format json` as dbt writes it: one object per line, `{"data": {…}, "info": {"name":
// "NodeFinished", "code": "Q025", "msg": …, "level", "invocation_id", "pid", "thread", "ts", …}}`,
// keys sorted as dbt's json.dumps sorts them, with dbt's event names, codes and data fields
// (node_info, run_result), so tools that read dbt's structured logs (orchestrators' dbt
// integrations) read flowc's.
import FlowcGraph
import FlowcRun
import Foundation

struct DbtEvent {
    var name: String
    var code: String
    var level = "info"
    var data = JSONObject()
    /// The event's data is its message (`{"msg": …}`), as dbt's unstructured events carry it.
    var dataIsMessage = false

    init(_ name: String, _ code: String, level: String = "info", _ data: [(String, JSON)] = []) {
        self.name = name
        self.code = code
        self.level = level
        self.data = DbtEvent.sorted(data)
    }

    static func sorted(_ pairs: [(String, JSON)]) -> JSONObject {
        JSONObject(pairs.sorted { $0.0 < $1.0 })
    }

    static let formatting = DbtEvent(message: "Formatting", "Z017")
    static func note(level: String = "info") -> DbtEvent { DbtEvent(message: "Note", "Z050", level: level) }
    static let jinjaLog = DbtEvent(message: "JinjaLogInfo", "I062")
    static let print = DbtEvent(message: "PrintEvent", "Z052")

    /// An event whose data is its message.
    init(message name: String, _ code: String, level: String = "info") {
        self.init(name, code, level: level)
        dataIsMessage = true
    }

    /// The whole line: `{"data": …, "info": …}`.
    func line(msg: String, invocationId: String, thread: String = "MainThread") -> String {
        var d = data
        if dataIsMessage { d["msg"] = .string(msg) }
        let info = DbtEvent.sorted([
            ("category", ""), ("code", .string(code)), ("extra", .object(JSONObject())),
            ("invocation_id", .string(invocationId)), ("level", .string(level)), ("msg", .string(msg)),
            ("name", .string(name)), ("pid", .int(Int(getpid()))), ("thread", .string(thread)),
            ("ts", .string(DbtEvent.timestamp(Date()))),
        ])
        return JSONWriter.string(.object(JSONObject([("data", .object(d)), ("info", .object(info))])))
    }

    /// `2026-11-22T18:40:00.123456Z`, as run_results.json writes times.
    static func timestamp(_ date: Date) -> String {
        RunResultsFile.isoTime(date.timeIntervalSince1970)
    }

    /// dbt's NodeInfo of a node at a point of its run.
    static func nodeInfo(_ node: Node, status: String, startedAt: String?, finishedAt: String?, relationName: String?) -> JSON {
        .object(sorted([
            ("materialized", .string(node.materialized)), ("meta", node.meta),
            ("node_checksum", .string(node.checksum)), ("node_finished_at", .string(finishedAt ?? "")),
            ("node_name", .string(node.name)), ("node_path", .string(node.path)),
            ("node_relation", .object(sorted([
                ("alias", .string(node.alias)), ("database", .string(node.database)),
                ("relation_name", .string(relationName ?? "")), ("schema", .string(node.schema)),
            ]))),
            ("node_started_at", .string(startedAt ?? "")), ("node_status", .string(status)),
            ("resource_type", .string(node.resourceType.rawValue)), ("unique_id", .string(node.uniqueId)),
        ]))
    }

    /// dbt's RunResultMsg of a finished node.
    static func runResult(_ r: NodeResult) -> JSON {
        var response: [(String, JSON)] = []
        if let code = r.adapterCode {
            response = [("_message", .string(r.message ?? code)), ("code", .string(code)), ("rows_affected", .int(r.rowsAffected ?? 0))]
        }
        return .object(sorted([
            ("adapter_response", .object(sorted(response))), ("execution_time", .double(r.executionTime)),
            ("message", .string(r.message ?? "")), ("num_failures", .int(r.failures ?? 0)),
            ("status", .string(r.status.rawValue)), ("thread", .string(r.threadId)),
            ("timing_info", .array(r.timing.map { t in
                .object(sorted([("completed_at", .string(timestamp(Date(timeIntervalSince1970: t.completedAt)))),
                                ("name", .string(t.name)),
                                ("started_at", .string(timestamp(Date(timeIntervalSince1970: t.startedAt))))]))
            })),
        ]))
    }
}
