// OpenLineage for `flowc seed | run | build`: settings from the environment and the target,
// events to target/openlineage.jsonl and to OPENLINEAGE_URL when set; a failure to send is a
// warning among the progress lines, never a failed command.
import FlowcCompile
import FlowcRun
import FlowcWarehouse
import Foundation

enum OpenLineageStage {
    static func make(_ inv: Invocation, lineage: ProjectLineage?, warehouse: any Warehouse,
                     presenter: RunPresenter) -> OpenLineageRun {
        let (settings, problem) = OpenLineageSettings.from(
            environment: ProcessInfo.processInfo.environment, projectName: inv.project.config.name, target: inv.target,
            projectRoot: inv.project.root, version: FlowcVersion.number)
        if let problem { presenter.handle(.warning(problem)) }
        let transport = OpenLineageTransport(filePath: inv.path(inv.project.config.targetPath + "/openlineage.jsonl"),
                                             settings: settings) { presenter.handle(.warning($0)) }
        // `flowc seed` computes no lineage; the seeds' columns (their headers) are cheap to read
        let columns = lineage ?? ProjectLineage.compute(LineageInputs(build: inv.build, compiled: [:], projectRoot: inv.project.root,
                                                                      checks: .defaults, threads: inv.workThreads))
        let builder = OpenLineageEventBuilder(settings: settings, manifest: inv.build.manifest, lineage: columns)
        return OpenLineageRun(builder: builder, transport: transport, columns: OpenLineageColumns(warehouse: warehouse))
    }
}
