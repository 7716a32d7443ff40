// `flowc run-operation MACRO [--args '{…}']`: calls one macro against the warehouse, as dbt
// does (see FlowcRun/Operation.swift): no nodes are built and no hooks run; the macro's
// log(info=True) and print() lines are shown; run_results.json gets one result.
import ArgumentParser
import FlowcGraph
import FlowcProject
import FlowcRun
import FlowcWarehouse
import Foundation

struct RunOperationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-operation", abstract: "Call a macro against the warehouse (grants, clean-ups, maintenance).")

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The macro: its name, or package.name.")
    var macro: String

    @Option(help: "The macro's keyword arguments, as YAML or JSON, e.g. '{role: reporter}'.")
    var args: String?

    func run() throws {
        let started = Date().timeIntervalSince1970
        var arguments: [(String, YAMLValue)] = []
        if let args {
            let parsed: YAMLValue?
            do {
                parsed = try YAMLText.parse(args, file: "--args")
            } catch let e as ProjectErrors {
                Output.diagnostics(e.diagnostics, root: ".", errorsOnly: true)
                throw ExitCode(2)
            }
            switch parsed {
            case .map(let entries, _)?: arguments = entries.map { ($0.key, $0.value) }
            case .null?, nil: break
            default:
                Output.error("--args must map argument names to values, not \(parsed?.kindName ?? "nothing")",
                             hint: "e.g. --args '{role: reporter, dry_run: true}'")
                throw ExitCode(2)
            }
        }
        var inv = try Invocation.load(project)
        // dbt's invocation args of run-operation: the macro and its arguments, and none of the
        // selection flags it does not have
        var runArgs = inv.build.setup.invocationArgs
        for key in ["select", "exclude", "sqlparse"] { runArgs[key] = nil }
        runArgs["macro"] = .string(macro)
        if args != nil { runArgs["args"] = .object(JSONObject(arguments.map { ($0.0, $0.1.json) })) }
        inv.build.setup.invocationArgs = runArgs
        try Artifacts.writeManifest(inv, compiled: [:], lineage: nil)
        let uniqueId: String
        switch Operation.lookup(macro, manifest: inv.build.manifest) {
        case .found(let id): uniqueId = id
        case .invalid:
            Output.error("'\(macro)' is not a macro name", hint: "give the macro's name, or package.name")
            throw ExitCode(2)
        case .notFound(let suggestion):
            let parts = macro.split(separator: ".", maxSplits: 1)
            let place = parts.count == 2 ? "in package '\(parts[0])'" : "in any package"
            Output.error("no macro named '\(parts.last.map(String.init) ?? macro)' \(place)",
                         hint: suggestion.map { "did you mean '\($0)'?" }
                             ?? "check the name, or install the package that defines it (`flowc deps`)")
            throw ExitCode(2)
        }
        let warehouse = try inv.warehouse()
        if !project.quiet {
            Output.plain("Running with flowc=\(FlowcVersion.number)")
            Output.plain(Summary.found(inv.build.manifest))
        }
        let options = RunOptions(command: .run, threads: 1, projectRoot: inv.project.root,
                                 targetPath: inv.project.config.targetPath, projectName: inv.project.config.name)
        let context = RunContext(build: inv.build, warehouse: warehouse, options: options, which: "run-operation")
        let result: NodeResult
        do {
            result = try Operation.run(context: context, name: macro, uniqueId: uniqueId,
                                       // plain dates in --args are dates, as PyYAML reads them for dbt
                                       args: arguments.map { ($0.0, YAMLTimestamps.value($0.1, source: args ?? "")) }) { text, isPrint in
                // as dbt: --quiet hides log lines, not print()
                if isPrint ? !project.noPrint : !project.quiet { Output.plain(text) }
            }
        } catch let e as WarehouseError {
            Output.error("cannot connect to \(warehouse.location): \(e.message)",
                         hint: "check that the database is running and the target in profiles.yml is right (`flowc debug`)")
            throw ExitCode(2)
        } catch {
            Output.error("cannot run the operation: \(error)")
            throw ExitCode(2)
        }
        let outcome = RunOutcome(results: [result], elapsed: Date().timeIntervalSince1970 - started, interrupted: false,
                                 startedAt: started)
        try RunResultsFile.write(outcome, invocationId: inv.invocationId, command: "run-operation", args: runArgs,
                                 to: inv.path(inv.project.config.targetPath + "/run_results.json"))
        if result.status == .error {
            Output.error("Encountered an error while running operation: " + (result.message ?? "unknown error"))
            throw ExitCode(1)
        }
    }
}
