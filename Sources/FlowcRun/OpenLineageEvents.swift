// OpenLineage run events (spec 2-0-2) for the nodes of a run, built as JSON values: the job
// (`<project>.<node>`), its run (with a parent facet naming the whole invocation), the datasets
// it reads and the one it writes, with the schema and columnLineage facets from flowc's column
// lineage, and the sql facet with the compiled SQL. Pure: values in, JSON out; the transport
// writes and sends them.
import FlowcCompile
import FlowcGraph
import FlowcLineage
import Foundation

public enum OpenLineageEventType: String, Sendable {
    case start = "START", complete = "COMPLETE", fail = "FAIL", abort = "ABORT"
}

/// The run a node's run belongs to: the whole flowc invocation.
public struct OpenLineageParent: Sendable {
    public var runId: String
    public var jobName: String
}

public struct OpenLineageEventBuilder: Sendable {
    public let settings: OpenLineageSettings
    let manifest: Manifest
    let lineage: ProjectLineage?

    static let eventSchema = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"
    static let facetSchemas: [String: String] = [
        "schema": "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
        "columnLineage": "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
        "sql": "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet",
        "jobType": "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
        "errorMessage": "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet",
        "parent": "https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet",
        "outputStatistics":
            "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet",
    ]

    public init(settings: OpenLineageSettings, manifest: Manifest, lineage: ProjectLineage?) {
        self.settings = settings
        self.manifest = manifest
        self.lineage = lineage
    }

    /// Whether a node gets run events: the ones that build a relation (models other than
    /// ephemeral ones, seeds, snapshots). Tests write nothing, so they are not jobs here.
    public static func emitsEvents(_ node: Node) -> Bool {
        switch node.resourceType {
        case .seed, .snapshot: return true
        case .model: return node.materialized != "ephemeral"
        default: return false
        }
    }

    public func jobName(_ node: Node) -> String { "\(settings.projectName).\(node.name)" }

    /// One event of a node's run. `result` is the node's outcome on COMPLETE / FAIL / ABORT;
    /// `observed` has, by dataset name, the columns the warehouse reports for relations built so
    /// far (by name, so a source over a relation the run built, a seed say, has them too).
    public func nodeEvent(_ type: OpenLineageEventType, node: Node, runId: String, time: Double,
                          parent: OpenLineageParent?, result: NodeResult?,
                          observed: [String: [OpenLineageColumns.Column]] = [:]) -> JSON {
        var runFacets = JSONObject()
        if let parent {
            let ref = JSON.object(JSONObject([
                ("run", .object(JSONObject([("runId", .string(parent.runId))]))),
                ("job", .object(JSONObject([("namespace", .string(settings.namespace)), ("name", .string(parent.jobName))]))),
            ]))
            var p = facet("parent")
            p["run"] = ref["run"]
            p["job"] = ref["job"]
            p["root"] = ref
            runFacets["parent"] = .object(p)
        }
        if type == .fail {
            var e = facet("errorMessage")
            e["message"] = .string(result?.message ?? "\(node.name) failed")
            e["programmingLanguage"] = "SQL"
            runFacets["errorMessage"] = .object(e)
        }
        var jobFacets = JSONObject()
        var jobType = facet("jobType")
        jobType["processingType"] = "BATCH"
        jobType["integration"] = "FLOWC"
        jobType["jobType"] = .string(node.resourceType.rawValue.uppercased())
        jobFacets["jobType"] = .object(jobType)
        if let sql = result?.compiledCode, !sql.isEmpty {
            var s = facet("sql")
            s["query"] = .string(sql)
            s["dialect"] = .string(settings.dialect)
            jobFacets["sql"] = .object(s)
        }
        var output = outputDataset(node, observed)
        // Row counts only where they are known to be the relation's rows: a seed's inserts, or
        // a count the database reported (SQLite reports 0 for `create table … as select`).
        if type == .complete, let rows = result?.rowsAffected, rows > 0 || (rows == 0 && node.resourceType == .seed) {
            var stats = facet("outputStatistics")
            stats["rowCount"] = .int(rows)
            output?["outputFacets"] = .object(JSONObject([("outputStatistics", .object(stats))]))
        }
        return event(type, time: time, runId: runId, runFacets: runFacets, jobName: jobName(node), jobFacets: jobFacets,
                     inputs: inputIds(node).compactMap { inputDataset($0, observed) }, outputs: output.map { [.object($0)] } ?? [])
    }

    /// An event of the invocation's own run (the parent of every node's run).
    public func invocationEvent(_ type: OpenLineageEventType, parent: OpenLineageParent, time: Double,
                                message: String? = nil) -> JSON {
        var jobFacets = JSONObject()
        var jobType = facet("jobType")
        jobType["processingType"] = "BATCH"
        jobType["integration"] = "FLOWC"
        jobType["jobType"] = "JOB"
        jobFacets["jobType"] = .object(jobType)
        var runFacets = JSONObject()
        if type == .fail, let message {
            var e = facet("errorMessage")
            e["message"] = .string(message)
            e["programmingLanguage"] = "SQL"
            runFacets["errorMessage"] = .object(e)
        }
        return event(type, time: time, runId: parent.runId, runFacets: runFacets, jobName: parent.jobName,
                     jobFacets: jobFacets, inputs: [], outputs: [])
    }

    func event(_ type: OpenLineageEventType, time: Double, runId: String, runFacets: JSONObject, jobName: String,
               jobFacets: JSONObject, inputs: [JSON], outputs: [JSON]) -> JSON {
        var run = JSONObject([("runId", .string(runId))])
        if !runFacets.isEmpty { run["facets"] = .object(runFacets) }
        return .object(JSONObject([
            ("eventType", .string(type.rawValue)),
            ("eventTime", .string(RunResultsFile.isoTime(time))),
            ("producer", .string(settings.producer)),
            ("schemaURL", .string(Self.eventSchema)),
            ("run", .object(run)),
            ("job", .object(JSONObject([("namespace", .string(settings.namespace)), ("name", .string(jobName)),
                                        ("facets", .object(jobFacets))]))),
            ("inputs", .array(inputs)),
            ("outputs", .array(outputs)),
        ]))
    }

    /// A facet's `_producer` and `_schemaURL`.
    func facet(_ name: String) -> JSONObject {
        JSONObject([("_producer", .string(settings.producer)), ("_schemaURL", .string(Self.facetSchemas[name] ?? Self.eventSchema))])
    }

    // MARK: datasets

    /// `database.schema.table` of a relation flowc builds or reads; nil for what is no relation
    /// (an ephemeral model, a test, an unknown id).
    public func datasetName(_ id: String) -> String? {
        if let n = manifest.nodes[id] {
            guard Self.emitsEvents(n) else { return nil }
            return [n.database, n.schema, n.alias.isEmpty ? n.name : n.alias].filter { !$0.isEmpty }.joined(separator: ".")
        }
        if let s = manifest.sources[id] {
            return [s.database, s.schema, s.identifier].filter { !$0.isEmpty }.joined(separator: ".")
        }
        return nil
    }

    /// The relations a node reads; an ephemeral parent is inlined, so its own parents count.
    func inputIds(_ node: Node) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        var stack = Array(node.dependsOnNodes.reversed())
        while let id = stack.popLast() {
            guard seen.insert(id).inserted else { continue }
            if let n = manifest.nodes[id], n.resourceType == .model, n.materialized == "ephemeral" {
                stack.append(contentsOf: n.dependsOnNodes.reversed())
            } else if datasetName(id) != nil {
                out.append(id)
            }
        }
        return out
    }

    func inputDataset(_ id: String, _ observed: [String: [OpenLineageColumns.Column]]) -> JSON? {
        guard let name = datasetName(id) else { return nil }
        var d = JSONObject([("namespace", .string(settings.datasetNamespace)), ("name", .string(name))])
        if let schema = schemaFacet(id, observed) { d["facets"] = .object(JSONObject([("schema", .object(schema))])) }
        return .object(d)
    }

    func outputDataset(_ node: Node, _ observed: [String: [OpenLineageColumns.Column]]) -> JSONObject? {
        guard let name = datasetName(node.uniqueId) else { return nil }
        var d = JSONObject([("namespace", .string(settings.datasetNamespace)), ("name", .string(name))])
        var facets = JSONObject()
        if let schema = schemaFacet(node.uniqueId, observed) { facets["schema"] = .object(schema) }
        if let columns = columnLineageFacet(node.uniqueId) { facets["columnLineage"] = .object(columns) }
        if !facets.isEmpty { d["facets"] = .object(facets) }
        return d
    }

    /// Columns and types: as the warehouse reported them after the build, else from the lineage
    /// (SQL, warehouse before the run, seed header), else the YAML.
    func schemaFacet(_ id: String, _ observed: [String: [OpenLineageColumns.Column]]) -> JSONObject? {
        var columns: [(name: String, type: String?)] = datasetName(id).flatMap { observed[$0] }?.map { ($0.name, $0.type) } ?? []
        if columns.isEmpty { columns = lineage?.nodes[id]?.columns.map { ($0.name, $0.dataType) } ?? [] }
        if columns.isEmpty {
            columns = (manifest.nodes[id]?.columns ?? manifest.sources[id]?.columns ?? []).map { ($0.name, $0.dataType) }
        }
        guard !columns.isEmpty else { return nil }
        var f = facet("schema")
        f["fields"] = .array(columns.enumerated().map { i, c in
            var o = JSONObject([("name", .string(c.name))])
            if let t = c.type, !t.isEmpty { o["type"] = .string(t) }
            o["ordinal_position"] = .int(i + 1)
            return .object(o)
        })
        return f
    }

    /// Per output column, the input fields it reads, with OpenLineage's transformation types:
    /// copy → DIRECT/IDENTITY, transform → DIRECT/TRANSFORMATION, aggregate →
    /// DIRECT/AGGREGATION; columns read only by WHERE or a join go under `dataset` as
    /// INDIRECT/FILTER and INDIRECT/JOIN (they shape every row, not one column).
    func columnLineageFacet(_ id: String) -> JSONObject? {
        guard let node = lineage?.nodes[id], node.origin == "sql", !node.columns.isEmpty else { return nil }
        var fields = JSONObject()
        for c in node.columns {
            let subtype: String
            switch c.kind ?? .copy {
            case .copy: subtype = "IDENTITY"
            case .aggregate: subtype = "AGGREGATION"
            default: subtype = "TRANSFORMATION"
            }
            let inputs = c.sources.compactMap { inputField($0, type: "DIRECT", subtype: subtype) }
            fields[c.name] = .object(JSONObject([("inputFields", .array(inputs))]))
        }
        var f = facet("columnLineage")
        f["fields"] = .object(fields)
        let whole = node.filters.compactMap { inputField($0, type: "INDIRECT", subtype: "FILTER") }
            + node.joins.compactMap { inputField($0, type: "INDIRECT", subtype: "JOIN") }
        if !whole.isEmpty { f["dataset"] = .array(whole) }
        return f
    }

    func inputField(_ source: ColumnSource, type: String, subtype: String) -> JSON? {
        guard let name = datasetName(source.relation) else { return nil }
        return .object(JSONObject([
            ("namespace", .string(settings.datasetNamespace)), ("name", .string(name)), ("field", .string(source.column)),
            ("transformations", .array([.object(JSONObject([("type", .string(type)), ("subtype", .string(subtype))]))])),
        ]))
    }
}
