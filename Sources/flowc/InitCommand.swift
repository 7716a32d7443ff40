// `flowc init NAME`: lays down a new project (project-template/, embedded in the binary) that
// compiles and builds on embedded SQLite with no further set-up.
import ArgumentParser
import FlowcProject
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a new flowc project in a new directory.")

    @Argument(help: "The project name (letters, digits and underscores; also the directory name).")
    var name: String

    func run() throws {
        let valid = name.first.map { $0.isLetter || $0 == "_" } == true
            && name.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
        guard valid else {
            Output.error("'\(name)' is not a valid project name",
                         hint: "use letters, digits and underscores, starting with a letter, e.g. my_project")
            throw ExitCode(2)
        }
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: root.path) {
            Output.error("'\(name)' already exists here", hint: "choose another name or remove the directory")
            throw ExitCode(2)
        }
        for file in ProjectTemplateFiles.files {
            let text = file.text.replacingOccurrences(of: "{{project_name}}", with: name)
            try Files.write(text, to: root.appendingPathComponent(file.path).path)
        }
        Output.plain("Created \(name)/ — next: cd \(name) && flowc compile")
    }
}
