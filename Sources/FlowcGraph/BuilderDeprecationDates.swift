// A model's `deprecation_date` (model-level or per version), kept as dbt keeps it (an aware
// datetime, "2024-01-01T00:00:00+00:00" in the manifest), with dbt's two warnings: a model past
// its date, and a reference to a model slated for deprecation.
import FlowcProject
import Foundation

extension Builder {
    /// dbt's ISO form of a `deprecation_date` value; nil when there is none or it is not a date.
    static func deprecationDate(_ value: YAMLValue?) -> String? {
        value?.scalarText.flatMap { MicrobatchConfig.dateTime($0, utc: true)?.isoText }
    }

    /// dbt's warnings, once the DAG is linked: each model past its deprecation date, and each
    /// node that refs a model whose date is still to come.
    mutating func checkDeprecationDates(now: Date = Date()) {
        var dated: [String: (shown: String, date: String, passed: Bool)] = [:]
        for (id, n) in manifest.nodes where n.resourceType == .model {
            guard let iso = n.deprecationDate, let date = MicrobatchConfig.parseTimestamp(iso) else { continue }
            let shown = n.version.map { "\(n.name).v\($0)" } ?? n.name
            dated[id] = (shown, iso, date < now)
        }
        guard !dated.isEmpty else { return }
        for id in dated.keys.sorted() {
            guard let d = dated[id], d.passed else { continue }
            warning("Model \(d.shown) has passed its deprecation date of \(d.date). This model should be disabled or removed.",
                    manifest.nodes[id]?.span, hint: "remove the model, or move its deprecation_date", event: "DeprecatedModel")
        }
        for id in manifest.nodes.keys.sorted() {
            guard let node = manifest.nodes[id] else { continue }
            for parent in node.dependsOnNodes {
                guard let d = dated[parent], !d.passed else { continue }
                warning("While compiling '\(node.name)': Found a reference to \(d.shown), which is slated for deprecation on '\(d.date)'.",
                        node.span, hint: "move to the model's newer version, or another model, before that date",
                        event: "UpcomingReferenceDeprecation")
            }
        }
    }
}
