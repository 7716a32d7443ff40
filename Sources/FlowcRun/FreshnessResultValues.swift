// What on-run-end's `results` hold after `source freshness` (dbt 1.11 runs the project hooks
// around it): each source's SourceFreshnessResult, with the source as the manifest describes it,
// its status, load times, age and timing.
import FlowcGraph
import FlowcSQL
import FlowcTemplate

extension SourceFreshness {
    public static func resultValues(_ results: [FreshnessResult], manifest: Manifest, dialect: Dialect,
                                    projectRoot: String) -> Value {
        let resources = ManifestResources(manifest, projectRoot: projectRoot, relationName: { _ in nil },
                                          sourceRelationName: { $0.relationName(dialect) })
        return .list(results.map { r in value(r, node: resources.json(r.uniqueId)) })
    }

    /// One source's result as a template value.
    static func value(_ r: FreshnessResult, node: JSON?) -> Value {
        func time(_ seconds: Double) -> Value { .utcDateTime(iso: RunResultsFile.isoTime(seconds)) }
        let compile: Value = .dict([("name", .string("compile")), ("started_at", time(r.startedAt)), ("completed_at", time(r.startedAt))])
        let execute: Value = .dict([("name", .string("execute")), ("started_at", time(r.startedAt)), ("completed_at", time(r.completedAt))])
        let described: Value = node.map { Value(json: $0) } ?? .dict([("unique_id", .string(r.uniqueId))])
        var fields: [(String, Value)] = [("node", described), ("status", .string(r.status.rawValue))]
        fields.append(("max_loaded_at", r.maxLoadedAt.map { Value.utcDateTime(iso: $0) } ?? Value.none))
        fields.append(("snapshotted_at", r.snapshottedAt.map { Value.utcDateTime(iso: $0) } ?? Value.none))
        fields.append(("age", r.ageSeconds.map { Value.double($0) } ?? Value.none))
        fields.append(("timing", .list([compile, execute])))
        fields.append(("thread_id", .string("Thread-1 (worker)")))
        fields.append(("execution_time", .double(r.completedAt - r.startedAt)))
        fields.append(("adapter_response", .dict([])))
        fields.append(("message", r.error.map { Value.string($0) } ?? Value.none))
        fields.append(("failures", Value.none))
        return .dict(fields)
    }
}
