// `flowc retry`: reruns, with the same command, the nodes the previous run (target/
// run_results.json) left errored, failed or skipped. What succeeded is not run again.
import ArgumentParser
import FlowcProject
import FlowcRun
import Foundation
import FlowcState

struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Rerun the nodes the previous seed/run/test/build errored, failed or skipped.")
    @OptionGroup var project: ProjectOptions
    @OptionGroup var flags: RunFlags
    @OptionGroup var state: StateOptions

    /// Statuses a retry reruns (dbt's: error, fail, skipped and runtime errors).
    static let retried: Set<String> = ["error", "fail", "skipped", "runtime error"]

    func run() throws {
        // only the project file: where target/ is (the whole project loads once, below)
        let root = URL(fileURLWithPath: project.projectDir).standardizedFileURL.path
        let targetPath: String
        do {
            targetPath = try ProjectLoader.readConfig(root: root).config.targetPath
        } catch let e as ProjectErrors {
            Output.diagnostics(e.diagnostics, root: root, errorsOnly: true)
            throw ExitCode(2)
        }
        let previous: PreviousRun
        do {
            guard let p = try PreviousRun.read(targetPath.hasPrefix("/") ? targetPath : root + "/" + targetPath) else {
                Output.error("no \(targetPath)/run_results.json to retry",
                             hint: "run `flowc build` (or seed, run, test) first; retry reruns what it left failed")
                throw ExitCode(2)
            }
            previous = p
        } catch let e as StateFileError {
            Output.error(e.message, hint: e.hint)
            throw ExitCode(2)
        }
        let ids = previous.order.filter { Self.retried.contains(previous.statuses[$0] ?? "") }
        if ids.isEmpty {
            if !project.quiet { Output.plain("Nothing to retry: the previous \(previous.command ?? "run") had no errors, failures or skips.") }
            return
        }
        guard let which = previous.command, let command = RunCommand(rawValue: which) else {
            Output.error("the previous run was `\(previous.command ?? "unknown")`, which retry cannot rerun",
                         hint: previous.command == "compile" ? "run `flowc compile` again once its errors are fixed"
                            : "retry reruns seed, run, test and build")
            throw ExitCode(2)
        }
        // the previous run's target, vars and flags (and --empty: a retry reading full data
        // would not be a retry), as dbt's retry repeats them
        var project = project, flags = flags, state = state
        if let note = RunArgs.repeating(previous.args, project: &project, flags: &flags, state: &state), !project.quiet {
            Output.stderr("note: \(note)")
        }
        let repeated = state
        try RunDriver.execute(command, project, flags, state, empty: previous.empty) { inv in
            try inv.loadState(repeated, select: [], exclude: [], selector: nil)
            return ids.filter { inv.build.manifest.runnable($0) != nil }
        }
    }
}
