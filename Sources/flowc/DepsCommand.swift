// `flowc deps`: install packages.yml's packages under dbt_packages/ and keep package-lock.yml,
// as `dbt deps` does (git and local packages; see FlowcDeps).
import ArgumentParser
import FlowcDeps
import FlowcProject
import Foundation

struct DepsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deps",
        abstract: "Install the packages packages.yml lists (hub, git, tarball and local) and write package-lock.yml.")

    @Option(name: .customLong("project-dir"), help: "The project directory (default: the current directory).")
    var projectDir: String = "."

    @Option(help: "Variables for var() in packages.yml, as YAML or JSON.")
    var vars: String?

    @Flag(help: "Resolve every package again (moved tags, branches), even when package-lock.yml matches packages.yml.")
    var upgrade = false

    @Flag(help: "Only write package-lock.yml; install nothing.")
    var lock = false

    @Option(name: .customLong("add-package"),
            help: ArgumentHelp("Add a package to packages.yml (or update its version) first, as dbt's: NAME@VERSION.",
                               valueName: "NAME@VERSION"))
    var addPackage: String?

    @Option(help: "With --add-package: hub (default), git (URL@revision) or local (a path).")
    var source: String = "hub"

    // dbt's deps takes the options every command takes; CI scripts pass them, deps needs none
    @Option(name: .customLong("profiles-dir"), help: "Accepted as dbt accepts it; deps reads no profile.")
    var profilesDir: String?
    @Option(help: "Accepted as dbt accepts it; deps reads no profile.")
    var profile: String?
    @Option(name: [.customShort("t"), .long], help: "Accepted as dbt accepts it; deps reads no profile.")
    var target: String?
    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Print errors and warnings only.")
    var quiet = false

    func run() throws {
        let root = URL(fileURLWithPath: projectDir).standardizedFileURL.path
        var options = DepsOptions()
        options.upgrade = upgrade
        options.lockOnly = lock
        if let addPackage {
            guard let kind = AddPackage.Source(rawValue: source) else {
                Output.error("--source must be hub, git or local, not '\(source)'")
                throw ExitCode(2)
            }
            do {
                let file = try AddPackage.apply(addPackage, source: kind, root: root)
                if !quiet { Output.plain("Added new package \(addPackage) to \(file)") }
            } catch {
                Output.error("\(error)")
                throw ExitCode(2)
            }
        }
        do {
            if let vars { options.cliVars = try YAMLText.parse(vars, file: "--vars") }
            try Deps.run(root: root, options: options, log: { if !quiet { Output.plain($0) } }, warn: { Output.plain($0) })
        } catch let errors as ProjectErrors {
            Output.diagnostics(errors.diagnostics, root: root, errorsOnly: false)
            throw ExitCode(2)
        }
    }
}
