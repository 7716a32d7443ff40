// OpenLineage for `flowc seed | run | build`: settings from the environment and the target,
// events to target/openlineage.jsonl and to OPENLINEAGE_URL when set; a failure to send is a
// warning among the progress lines, never a failed command.
import FlowcCompile
import FlowcRun
import Foundation

enum OpenLineageStage {
    static func make(_ inv: Invocation, lineage: ProjectLineage?, presenter: RunPresenter) -> OpenLineageRun {
        let (settings, problem) = OpenLineageSettings.from(
            environment: ProcessInfo.processInfo.environment, projectName: inv.project.config.name, target: inv.target,
            projectRoot: inv.project.root, version: FlowcVersion.number)
        if let problem { presenter.handle(.warning(problem)) }
        let transport = OpenLineageTransport(filePath: inv.path(inv.project.config.targetPath + "/openlineage.jsonl"),
                                             settings: settings) { presenter.handle(.warning($0)) }
        let builder = OpenLineageEventBuilder(settings: settings, manifest: inv.build.manifest, lineage: lineage)
        return OpenLineageRun(builder: builder, transport: transport)
    }
}
