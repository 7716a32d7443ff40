// `flowc parse`: reads the project, builds the DAG and writes target/manifest.json and the
// column lineage (target/lineage.json), reporting static-check findings.
import ArgumentParser
import FlowcGraph
import FlowcProject
import Foundation

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Parse the project and write target/manifest.json.")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let clock = ContinuousClock.now
        let inv = try Invocation.load(project)
        // lineage.json is written while the manifest is
        let lineage = try LineageStage.compute(inv, report: nil, background: true)
        do {
            try Artifacts.writeManifest(inv, compiled: [:], lineage: lineage.lineage)
        } catch {
            try? lineage.finishWriting()
            throw error
        }
        try lineage.finishWriting()
        PhaseTimings.mark("manifest and lineage.json: write")
        if !project.quiet {
            Output.plain(Summary.found(inv.build.manifest))
            Output.plain("Traced " + lineage.timing)
            Output.plain("Wrote \(inv.project.config.targetPath)/manifest.json and lineage.json in \(Summary.seconds(clock))")
        }
        Teardown.keep(inv, lineage)
        try lineage.failIfErrors(inv)
    }
}

enum Summary {
    static func found(_ m: Manifest) -> String {
        var counts: [String: Int] = [:]
        for n in m.nodes.values { counts[n.resourceType.rawValue, default: 0] += 1 }
        func c(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        // dbt lists node types in the order its manifest first holds one: its parsers run
        // models, SQL snapshots, analyses, singular tests, seeds and hooks, then the properties
        // files (generic tests, YAML snapshots); "1 test" but "2 data tests"
        let nodes = m.nodes.values
        let sqlSnapshots = nodes.contains { $0.resourceType == .snapshot && $0.originalFilePath.hasSuffix(".sql") }
        let singularTests = nodes.contains { $0.resourceType == .test && $0.testMetadata == nil }
        var order = ["model"] + (sqlSnapshots ? ["snapshot"] : []) + ["analysis"] + (singularTests ? ["test"] : [])
        order += ["seed", "operation", "test", "snapshot"]
        counts["operation"] = m.operations.isEmpty ? nil : m.operations.count
        var parts: [String] = []
        var listed: Set<String> = []
        for type in order where listed.insert(type).inserted {
            guard let n = counts[type] else { continue }
            switch type {
            case "test": parts.append(n == 1 ? "1 test" : c(n, "data test"))
            case "analysis": parts.append("\(n) analys\(n == 1 ? "is" : "es")")
            default: parts.append(c(n, type))
            }
        }
        if !m.sources.isEmpty { parts.append(c(m.sources.count, "source")) }
        if !m.exposures.isEmpty { parts.append(c(m.exposures.count, "exposure")) }
        let metrics = m.semanticResources(.metric).values.filter(\.enabled).count
        if metrics > 0 { parts.append(c(metrics, "metric")) }
        parts.append(c(m.macros.count, "macro"))
        if !m.groups.isEmpty { parts.append(c(m.groups.count, "group")) }
        let models = m.semanticResources(.semanticModel).values.filter(\.enabled).count
        if models > 0 { parts.append(c(models, "semantic model")) }
        let queries = m.semanticResources(.savedQuery).values.filter(\.enabled).count
        if queries > 0 { parts.append("\(queries) saved quer\(queries == 1 ? "y" : "ies")") }
        if !m.unitTests.isEmpty { parts.append(c(m.unitTests.count, "unit test")) }
        return "Found " + parts.joined(separator: ", ")
    }

    static func seconds(_ start: ContinuousClock.Instant) -> String {
        let d = ContinuousClock.now - start
        let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        return String(format: "%.2fs", ms / 1000)
    }
}
