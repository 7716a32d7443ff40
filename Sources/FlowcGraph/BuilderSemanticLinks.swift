// Linking the semantic layer once every node is known, as dbt's parse does after reading:
// semantic models to the model they describe, metrics to the semantic models holding their
// measures (derived and ratio metrics to their input metrics, whose measures they inherit),
// saved queries to their metrics; descriptions get their doc() blocks; the parent and child
// maps gain the edges. A missing time spine stops the load, as dbt's semantic validation does.
import FlowcProject

extension Builder {
    mutating func linkSemanticLayer() {
        linkExposureMetrics()
        guard !manifest.semanticResources.isEmpty else { return }
        let refs = RefIndex(manifest.nodes.values, rootProject: projectName, packageFirst: packageFirst)
        let docs = DocReferences(manifest.docs, root: projectName)
        var byName: [SemanticResource.Kind: [String: String]] = [:]
        var measureOwner: [String: String] = [:]  // measure name → semantic model id
        for id in manifest.semanticResources.keys.sorted() {
            guard let r = manifest.semanticResources[id], r.enabled else { continue }
            byName[r.kind, default: [:]][r.name] = id
            if r.kind == .semanticModel, case .array(let ms)? = r.json["measures"] {
                for m in ms { if let n = m["name"]?.stringValue, measureOwner[n] == nil { measureOwner[n] = id } }
            }
        }
        for id in manifest.semanticResources.keys.sorted() {
            guard var r = manifest.semanticResources[id] else { continue }
            renderDescriptions(&r, docs: docs)
            if r.kind == .semanticModel, let call = r.ref {
                if let target = refs.node(call, from: r.packageName) {
                    r.modelId = target.uniqueId
                    r.dependsOnNodes = [target.uniqueId]
                } else {
                    let names = manifest.nodes.values.filter { $0.resourceType == .model }.map(\.name)
                    error("semantic model '\(r.name)' describes ref('\(call.name)'), which names no model", r.span,
                          hint: Suggest.didYouMean(call.name, names).map { "did you mean '\($0)'?" })
                }
            }
            if r.kind == .savedQuery, case .array(let ms)? = r.json["query_params"]?["metrics"] {
                for m in ms.compactMap(\.stringValue) {
                    if let target = byName[.metric]?[m] { if !r.dependsOnNodes.contains(target) { r.dependsOnNodes.append(target) } }
                    else { error("saved query '\(r.name)' uses the metric '\(m)', which does not exist", r.span,
                                 hint: Suggest.didYouMean(m, Array((byName[.metric] ?? [:]).keys)).map { "did you mean '\($0)'?" }) }
                }
            }
            manifest.semanticResources[id] = r
        }
        var done: Set<String> = []
        for id in manifest.semanticResources.keys.sorted() where manifest.semanticResources[id]?.kind == .metric {
            var visiting: [String] = []
            linkMetric(id, byName: byName[.metric] ?? [:], measureOwner: measureOwner, done: &done, visiting: &visiting)
        }
        for (id, r) in manifest.semanticResources where r.enabled {
            manifest.parentMap[id] = r.dependsOnNodes.sorted()
            manifest.childMap[id] = manifest.childMap[id] ?? []
            for p in r.dependsOnNodes { manifest.childMap[p, default: []].append(id) }
        }
        for (id, children) in manifest.childMap where children.contains(where: { manifest.semanticResources[$0] != nil }) {
            manifest.childMap[id] = children.sorted()
        }
        checkTimeSpine()
    }

    /// Sets a metric's input measures and depends_on, its input metrics' first.
    mutating func linkMetric(_ id: String, byName: [String: String], measureOwner: [String: String],
                             done: inout Set<String>, visiting: inout [String]) {
        guard !done.contains(id), var r = manifest.semanticResources[id], case .object(var params)? = r.json["type_params"] else { return }
        if visiting.contains(id) {
            error("metrics derive from each other in a cycle: " + (visiting + [id]).compactMap { manifest.semanticResources[$0]?.name }
                    .joined(separator: " -> "), r.span)
            return
        }
        visiting.append(id)
        defer { visiting.removeLast(); done.insert(id) }
        var inputs: [JSON] = []
        var measures: [JSON] = []
        switch r.json["type"]?.stringValue {
        case "simple", "cumulative":
            if let m = params["measure"], !m.isNull { measures = [m] }
            else { error("metric '\(r.name)' needs `type_params: {measure: …}`", r.span) }
        case "conversion":
            for key in ["base_measure", "conversion_measure"] {
                if let m = params["conversion_type_params"]?[key], !m.isNull { measures.append(m) }
            }
        case "ratio":
            inputs = [params["numerator"] ?? .null, params["denominator"] ?? .null].filter { !$0.isNull }
            if inputs.count < 2 { error("Invalid ratio metric '\(r.name)': both a numerator and a denominator must be given", r.span) }
        case "derived":
            if case .array(let ms)? = params["metrics"] { inputs = ms }
        default:
            break
        }
        var inputMeasures: [JSON] = []
        for m in measures {
            inputMeasures.append(m)
            guard let name = m["name"]?.stringValue else { continue }
            if let owner = measureOwner[name] { if !r.dependsOnNodes.contains(owner) { r.dependsOnNodes.append(owner) } }
            else { error("metric '\(r.name)' uses the measure '\(name)', which no semantic model has", r.span,
                         hint: Suggest.didYouMean(name, Array(measureOwner.keys)).map { "did you mean '\($0)'?" }) }
        }
        for input in inputs {
            guard let name = input["name"]?.stringValue else { continue }
            guard let target = byName[name] else {
                error("metric '\(r.name)' uses the metric '\(name)', which does not exist", r.span,
                      hint: Suggest.didYouMean(name, Array(byName.keys)).map { "did you mean '\($0)'?" })
                continue
            }
            linkMetric(target, byName: byName, measureOwner: measureOwner, done: &done, visiting: &visiting)
            if case .array(let theirs)? = manifest.semanticResources[target]?.json["type_params"]?["input_measures"] {
                for m in theirs where !inputMeasures.contains(m) { inputMeasures.append(m) }
            }
            if !r.dependsOnNodes.contains(target) { r.dependsOnNodes.append(target) }
        }
        params["input_measures"] = .array(inputMeasures)
        r.json["type_params"] = .object(params)
        manifest.semanticResources[id] = r
    }

    /// doc() in the descriptions of a resource and of a semantic model's elements.
    func renderDescriptions(_ r: inout SemanticResource, docs: DocReferences) {
        func rendered(_ v: JSON?) -> JSON? {
            guard let s = v?.stringValue, s.containsBytes("doc(") else { return nil }
            return .string(docs.render(s, from: r.packageName).text)
        }
        if let d = rendered(r.json["description"]) { r.json["description"] = d }
        for key in ["entities", "measures", "dimensions"] {
            guard case .array(var items)? = r.json[key] else { continue }
            for i in items.indices {
                if case .object(var o) = items[i], let d = rendered(o["description"]) { o["description"] = d; items[i] = .object(o) }
            }
            r.json[key] = .array(items)
        }
    }

    /// dbt: "The semantic layer requires a time spine model with granularity DAY or smaller".
    /// A model with `time_spine:` counts, and so does the older `metricflow_time_spine` model.
    /// Time spines coarser than a day (a month spine alone) do not count, as in dbt.
    mutating func checkTimeSpine() {
        guard manifest.hasSemanticModels else { return }
        let grains = SemanticJSON.granularities.prefix { $0 != "week" }
        let hasSpine = manifest.timeSpines.keys.contains { id in
            manifest.timeSpinePrimaryColumn(id).map { grains.contains($0.granularity.lowercased()) } ?? false
        } || manifest.legacyTimeSpine != nil
        guard !hasSpine else { return }
        let first = manifest.semanticResources.values.filter { $0.kind == .semanticModel }.min { $0.order < $1.order }
        error("the semantic layer requires a time spine model with granularity day or smaller, but none was found", first?.span,
              hint: "add a model of dates and give it `time_spine: {standard_granularity_column: date_day}` in its properties "
                  + "(https://docs.getdbt.com/docs/build/metricflow-time-spine)")
    }
}
