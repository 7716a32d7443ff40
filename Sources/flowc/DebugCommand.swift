// `flowc debug`: what flowc would use (project, profile, target) and whether the warehouse
// answers. Exit 0 when every check passes, 1 otherwise.
import ArgumentParser
import FlowcProject
import FlowcRun
import FlowcWarehouse
import Foundation

struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "debug", abstract: "Check the project, the profile and the connection.")
    @OptionGroup var project: ProjectOptions

    func run() throws {
        Output.plain(FlowcVersion.description)
        let root = URL(fileURLWithPath: project.projectDir).standardizedFileURL.path
        Output.plain("project directory: \(root)")
        var failed = false
        let inv: Invocation
        do {
            inv = try Invocation.load(project)
        } catch {
            Output.plain("project and profile: ERROR (see above)")
            throw ExitCode(1)
        }
        Output.plain("project: \(inv.project.config.name) — OK")
        let t = inv.target
        Output.plain("profile: \(t.profileName), target: \(t.name) (type \(t.type), schema \(t.schema), threads \(t.threads))")
        for (k, v) in t.fields where !["type", "schema", "threads"].contains(k) {
            let secret = k.lowercased().contains("pass") || k == "url"
            Output.plain("  \(k): \(secret ? "********" : v)")
        }
        do {
            let warehouse = try WarehouseFactory.make(t, projectRoot: inv.project.root)
            let location = try Preview.ping(warehouse)
            Output.plain("connection: \(location) — OK")
        } catch {
            Output.plain("connection: ERROR")
            Output.error("\(error)", hint: "check the target in profiles.yml and that the database is running")
            failed = true
        }
        if failed { throw ExitCode(1) }
        Output.plain("All checks passed!")
    }
}
