// Column lineage for a command: compile what lineage needs in memory (every model, snapshot
// and analysis, since a node's columns depend on its parents'), trace it, print the static
// checks' findings for the nodes the command is about, and write target/lineage.json.
import ArgumentParser
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcWarehouse
import FlowcRun
import Foundation
import Synchronization

enum LineageStage {
    /// Nodes whose SQL lineage traces, in no particular order.
    static func analyzable(_ inv: Invocation) -> [String] {
        inv.build.manifest.nodeIds(threads: inv.workThreads) { n in
            let type = n.resourceType
            return type == .model || type == .snapshot || type == .analysis
        }
    }

    struct Outcome {
        var lineage: ProjectLineage
        /// Error-level findings among the reported nodes.
        var errors: Int
        /// Seconds spent compiling nodes for lineage, tracing them, and writing lineage.json.
        var compileSeconds: Double
        var traceSeconds: Double
        /// Set when lineage.json is still being written on its own thread (`background: true`).
        var writing: Background?
        private let writeTime: WriteTime

        /// Seconds spent writing lineage.json (so far, while `writing` runs).
        var writeSeconds: Double { writeTime.seconds.withLock { $0 } }

        init(lineage: ProjectLineage, errors: Int, compileSeconds: Double, traceSeconds: Double,
             writing: Background?, writeTime: WriteTime) {
            self.lineage = lineage
            self.errors = errors
            self.compileSeconds = compileSeconds
            self.traceSeconds = traceSeconds
            self.writing = writing
            self.writeTime = writeTime
        }

        /// Waits for lineage.json when it is written in the background, rethrowing its error.
        func finishWriting() throws {
            try writing?.join()
        }

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
    /// unknown). Findings of `report` (all nodes when nil) are printed. With `background`,
    /// lineage.json is written on a thread of its own (while the caller writes the manifest);
    /// the caller must then call `finishWriting()`.
    static func compute(_ inv: Invocation, compiled: [String: CompiledNode] = [:], report: Set<String>?,
                        warehouseColumns: [String: [(name: String, type: String)]] = [:],
                        background: Bool = false) throws -> Outcome {
        let (checks, problems) = CheckLevels.from(inv.project.config)
        if !problems.isEmpty {
            Output.diagnostics(problems, root: inv.project.root, errorsOnly: false)
            throw ExitCode(2)
        }
        let wanted = analyzable(inv)
        // the nodes given stay as they are (a compile's tests among them): the trace takes only
        // the wanted ones
        var all = compiled
        let clock = ContinuousClock()
        let t0 = clock.now
        let missing = wanted.filter { all[$0] == nil }.sorted()
        if !missing.isEmpty {
            for (id, node) in Compiler.compile(inv.build, nodes: missing, threads: inv.workThreads).nodes { all[id] = node }
        }
        let t1 = clock.now
        PhaseTimings.mark("lineage: compile")
        let lineage = ProjectLineage.compute(LineageInputs(build: inv.build, compiled: all, traced: wanted, projectRoot: inv.project.root,
                                                           warehouseColumns: warehouseColumns, checks: checks,
                                                           threads: inv.workThreads))
        let t2 = clock.now
        PhaseTimings.mark("lineage: trace")
        // under --warn-error a finding that warns is an error, and fails the command like one
        let findings = inv.warnErrors.promotes(nil) ? WarnError.promoted(lineage.diagnostics(of: report)) : lineage.diagnostics(of: report)
        if !findings.isEmpty {
            Output.diagnostics(findings, root: inv.project.root, errorsOnly: inv.options.quiet)
        }
        @Sendable func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let writeTime = WriteTime()
        let path = inv.path(inv.project.config.targetPath + "/lineage.json")
        let metadata = metadata(inv)
        let writeFile: @Sendable () throws -> Void = {
            let start = ContinuousClock.now
            defer { writeTime.seconds.withLock { $0 = seconds(ContinuousClock.now - start) } }
            try StreamedFile.write(to: path) { emit in try lineage.writeJSON(metadata: metadata, emit) }
        }
        var writing: Background?
        if background {
            writing = Background.start(writeFile)
        } else {
            try writeFile()
            PhaseTimings.mark("lineage: write")
        }
        return Outcome(lineage: lineage, errors: findings.filter(\.isError).count, compileSeconds: seconds(t1 - t0),
                       traceSeconds: seconds(t2 - t1), writing: writing, writeTime: writeTime)
    }

    final class WriteTime: Sendable {
        let seconds = Mutex<Double>(0)
    }

    static func metadata(_ inv: Invocation) -> JSONObject {
        JSONObject([
            ("flowc_version", .string(FlowcVersion.number)),
            ("generated_at", .string(RunResultsFile.isoTime(Date().timeIntervalSince1970))),
            ("invocation_id", .string(inv.invocationId)),
            ("project_name", .string(inv.project.config.name)),
            ("dialect", .string(inv.build.setup.dialect.name)),
        ])
    }
}
