// An exposure's `depends_on: [metric('revenue')]`: the metric becomes a parent of the exposure
// (in depends_on.nodes and the parent and child maps), as dbt links it after parsing, so
// `-s +exposure:dash` reaches the metric and `-s revenue+` the exposure. A name is looked up as
// dbt's resolve_metric does: the given package only, else the root project, the exposure's
// package, then any package. A metric that does not exist is an error at the dependency.
import FlowcProject

extension Builder {
    mutating func linkExposureMetrics() {
        let ids = manifest.exposures.keys.filter { manifest.exposures[$0]?.metrics.isEmpty == false }.sorted()
        guard !ids.isEmpty else { return }
        var enabled: [String: [String]] = [:]  // metric name → enabled metric ids
        for (id, r) in manifest.semanticResources where r.kind == .metric && r.enabled {
            enabled[r.name, default: []].append(id)
        }
        for uid in ids {
            guard var x = manifest.exposures[uid] else { continue }
            for (i, args) in x.metrics.enumerated() {
                let name = args.last ?? ""
                let package = args.count == 2 ? args.first : nil
                guard let target = metric(named: name, package: package, from: x.packageName, enabled: enabled) else {
                    let place = i < x.metricSpans.count ? x.metricSpans[i] : x.span
                    error("exposure '\(x.name)' depends on a metric named '\(name)' which was not found", place ?? x.span,
                          hint: Suggest.didYouMean(name, Array(enabled.keys)).map { "did you mean '\($0)'?" }
                            ?? "define the metric under `metrics:` in a .yml file")
                    continue
                }
                guard !x.dependsOnNodes.contains(target) else { continue }
                x.dependsOnNodes.append(target)
                manifest.parentMap[uid, default: []].append(target)
                manifest.childMap[target, default: []].append(uid)
                manifest.childMap[target]?.sort()
            }
            manifest.exposures[uid] = x
        }
    }

    private func metric(named name: String, package: String?, from exposurePackage: String,
                        enabled: [String: [String]]) -> String? {
        let candidates = enabled[name] ?? []
        if let package { return candidates.first { $0 == "metric.\(package).\(name)" } }
        for p in [projectName, exposurePackage] {
            if let id = candidates.first(where: { $0 == "metric.\(p).\(name)" }) { return id }
        }
        return candidates.sorted().first
    }
}
