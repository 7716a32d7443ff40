// `flowc clean`: delete the project file's `clean-targets` (default: target/, dbt_packages/).
// Only folders inside the project are removed, whatever the file says.
import ArgumentParser
import FlowcProject
import Foundation

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clean", abstract: "Delete the clean-targets folders (target/ by default).")
    @Option(name: .customLong("project-dir"), help: "The project directory (default: the current directory).")
    var projectDir: String = "."

    func run() throws {
        let root = URL(fileURLWithPath: projectDir).standardizedFileURL.path
        let config: ProjectConfig
        do {
            config = try ProjectLoader.readConfig(root: root).config
        } catch let e as ProjectErrors {
            Output.diagnostics(e.diagnostics, root: root, errorsOnly: false)
            throw ExitCode(2)
        }
        for target in config.cleanTargets {
            let path = URL(fileURLWithPath: root).appendingPathComponent(target).standardizedFileURL.path
            guard path.hasPrefix(root + "/"), path != root else {
                Output.error("refusing to delete '\(target)': it is not inside the project directory")
                throw ExitCode(2)
            }
            if FileManager.default.fileExists(atPath: path) {
                try FileManager.default.removeItem(atPath: path)
                Output.plain("Cleaned \(target)/")
            }
        }
        Output.plain("Finished cleaning.")
    }
}
