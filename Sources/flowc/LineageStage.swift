// Column lineage for a command: compile what lineage needs in memory (every model, snapshot
// and analysis, since a node's columns depend on its parents'), trace it, print the static
// checks' findings for the nodes the command is about, and write target/lineage.json.
import ArgumentParser
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcWarehouse
import Foundation

enum LineageStage {
    /// Nodes whose SQL lineage traces.
    static func analyzable(_ inv: Invocation) -> [String] {
        inv.build.manifest.nodes.values.filter { [.model, .snapshot, .analysis].contains($0.resourceType) }.map(\.uniqueId).sorted()
    }

    struct Outcome {
        var lineage: ProjectLineage
        /// Error-level findings among the reported nodes.
        var errors: Int
        /// Seconds spent compiling nodes for lineage, tracing them, and writing lineage.json.
        var compileSeconds: Double
        var traceSeconds: Double
        var writeSeconds: Double

        var timing: String {
            String(format: "column lineage of %d nodes: %.2fs compiling, %.2fs tracing, %.2fs writing lineage.json",
                   lineage.nodes.count, compileSeconds, traceSeconds, writeSeconds)
        }

        /// Exits with 1 when there were error-level findings.
        func failIfErrors(_ inv: Invocation) throws {
            guard errors > 0 else { return }
            Output.plain("flowc: \(errors) static check error\(errors == 1 ? "" : "s"); "
                         + "set a check to warn or off under `checks:` in \(inv.project.config.fileName) to let it pass")
            throw ExitCode(1)
        }
    }

    /// Computes the project's lineage and writes target/lineage.json. `compiled` may hold nodes
    /// compiled already; the rest are compiled here (render errors only make their lineage
    /// unknown). Findings of `report` (all nodes when nil) are printed.
    static func compute(_ inv: Invocation, compiled: [String: CompiledNode] = [:], report: Set<String>?,
                        warehouseColumns: [String: [(name: String, type: String)]] = [:]) throws -> Outcome {
        let (checks, problems) = CheckLevels.from(inv.project.config)
        if !problems.isEmpty {
            Output.diagnostics(problems, root: inv.project.root, errorsOnly: false)
            throw ExitCode(2)
        }
        let wanted = Set(analyzable(inv))
        var all = compiled.filter { wanted.contains($0.key) }
        let clock = ContinuousClock()
        let t0 = clock.now
        let missing = wanted.filter { all[$0] == nil }.sorted()
        if !missing.isEmpty {
            for (id, node) in Compiler.compile(inv.build, nodes: missing, threads: inv.workThreads).nodes { all[id] = node }
        }
        let t1 = clock.now
        PhaseTimings.mark("lineage: compile")
        let lineage = ProjectLineage.compute(LineageInputs(build: inv.build, compiled: all, projectRoot: inv.project.root,
                                                           warehouseColumns: warehouseColumns, checks: checks,
                                                           threads: inv.workThreads))
        let t2 = clock.now
        PhaseTimings.mark("lineage: trace")
        // under --warn-error a finding that warns is an error, and fails the command like one
        let findings = inv.options.warnError ? WarnError.promoted(lineage.diagnostics(of: report)) : lineage.diagnostics(of: report)
        if !findings.isEmpty {
            Output.diagnostics(findings, root: inv.project.root, errorsOnly: inv.options.quiet)
        }
        try write(inv, lineage)
        let t3 = clock.now
        PhaseTimings.mark("lineage: write")
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        return Outcome(lineage: lineage, errors: findings.filter(\.isError).count, compileSeconds: seconds(t1 - t0),
                       traceSeconds: seconds(t2 - t1), writeSeconds: seconds(t3 - t2))
    }

    static func write(_ inv: Invocation, _ lineage: ProjectLineage) throws {
        let metadata = JSONObject([
            ("flowc_version", .string(FlowcVersion.number)),
            ("generated_at", .string(ISO8601DateFormatter.flowc.string(from: Date()))),
            ("invocation_id", .string(inv.invocationId)),
            ("project_name", .string(inv.project.config.name)),
            ("dialect", .string(inv.build.setup.dialect.name)),
        ])
        try StreamedFile.write(to: inv.path(inv.project.config.targetPath + "/lineage.json")) { emit in
            try lineage.writeJSON(metadata: metadata, emit)
        }
    }
}
