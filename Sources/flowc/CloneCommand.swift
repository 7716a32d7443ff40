// `flowc clone --state PATH|git:REF [-s …]`: dbt's clone. The selected models, seeds and
// snapshots get relations in the current target that read the state's (views on PostgreSQL,
// copies on SQLite); run_results.json records each, as dbt's does.
import ArgumentParser
import FlowcGraph
import FlowcRun
import FlowcState
import FlowcWarehouse
import Foundation

struct CloneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clone",
        abstract: "Make the state's relations of the selected models, seeds and snapshots available in the target (dbt clone).")
    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var state: StateOptions

    @Flag(name: .customLong("full-refresh"), help: "Replace relations the target already has.")
    var fullRefresh = false

    func run() throws {
        guard state.state != nil else {
            Output.error("clone needs --state", hint: "name the state to clone from: --state PATH (production's target/) or --state git:REF")
            throw ExitCode(2)
        }
        var inv = try Invocation.load(project)
        try inv.loadState(state, selection: selection)
        let ids = try inv.selected(selection, resourceTypes: ["model", "seed", "snapshot"]).filter { id in
            guard let n = inv.build.manifest.nodes[id] else { return false }
            return n.materialized != "ephemeral"
        }
        var relations: [String: DeferredRelation] = [:]
        if let snapshot = inv.state?.state {
            for id in ids {
                guard let old = snapshot.nodes[id], old.materialized != "ephemeral", !old.alias.isEmpty else { continue }
                relations[id] = DeferredRelation(database: old.database, schema: old.schema, identifier: old.alias)
            }
        }
        let warehouse = try inv.warehouse()
        let presenter = RunPresenter.make(inv, project)
        presenter.header(inv)
        var options = RunOptions(command: .run, threads: 1, fullRefresh: fullRefresh, projectRoot: inv.project.root,
                                 targetPath: inv.project.config.targetPath, projectName: inv.project.config.name)
        options.startedAt = Date()
        let context = RunContext(build: inv.build, warehouse: warehouse, options: options, which: "clone")
        let outcome: RunOutcome
        do {
            outcome = try CloneExecution.run(context: context, ids: ids, stateRelations: relations) { presenter.handle($0) }
        } catch {
            Output.error("\(error)", hint: "check that the database is running and the target in profiles.yml is right (`flowc debug`)")
            throw ExitCode(2)
        }
        var args = JSONObject()
        args["target"] = .string(inv.target.name)
        args["state"] = state.state.map { .string($0) } ?? .null
        args["full_refresh"] = .bool(fullRefresh)
        args["select"] = .array(selection.select.map { .string($0) })
        try RunResultsFile.write(outcome, invocationId: inv.invocationId, command: "clone", args: args,
                                 to: inv.path(inv.project.config.targetPath + "/run_results.json"))
        let errors = outcome.results.filter(\.isFailure)
        presenter.line("")
        presenter.line("Done. PASS=\(outcome.results.count - errors.count) WARN=0 ERROR=\(errors.count) SKIP=0 NO-OP=0 TOTAL=\(outcome.results.count)")
        for r in errors { Output.stderr(r.message ?? r.uniqueId) }
        if !errors.isEmpty { throw ExitCode(1) }
    }
}
