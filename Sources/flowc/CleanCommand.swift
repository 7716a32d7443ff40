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
            // also with links followed: a target reached through a link out of the project is not
            // its own (a target that is itself a link is removed as a link, never followed)
            let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
            let parent = (path as NSString).deletingLastPathComponent
            guard path.hasPrefix(root + "/"), isLink ? parent == root || FileSystem.isInside(parent, root: root)
                                                    : FileSystem.isInside(path, root: root) else {
                Output.error("refusing to delete '\(target)': it is not inside the project directory")
                throw ExitCode(2)
            }
            if isLink {
                try FileManager.default.removeItem(atPath: path)
                Output.plain("Cleaned \(target) (a link; what it points to is kept)")
            } else if FileManager.default.fileExists(atPath: path) {
                try FileManager.default.removeItem(atPath: path)
                Output.plain("Cleaned \(target)/")
            }
        }
        Output.plain("Finished cleaning.")
    }
}
