// The `flowc` command line. Subcommands plug in here as the pipeline stages land.
import ArgumentParser
import CFlowcSupport
import FlowcWarehouse
import Foundation

@main
struct Flowc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowc",
        abstract: "A fast, git-native SQL transformation compiler for dbt projects.",
        discussion: """
            flowc reads a dbt project (models, macros, seeds, tests, YAML properties), builds \
            its DAG, compiles every model for the target warehouse (SQLite or PostgreSQL) \
            and runs seeds, models and tests in DAG order (`flowc build`).
            """,
        // the libraries' versions are added in main: asking libpq loads it, which every
        // start would pay for
        version: "flowc \(FlowcVersion.number)",
        subcommands: [InitCommand.self, DebugCommand.self, ParseCommand.self, CompileCommand.self, LsCommand.self,
                      SeedCommand.self, RunModelsCommand.self, TestCommand.self, BuildCommand.self, SnapshotCommand.self, RetryCommand.self, CloneCommand.self,
                      DiffCommand.self, ShowCommand.self, CleanCommand.self, LineageCommand.self, DocsCommand.self, SourceCommand.self,
                      RenderCommand.self, DepsCommand.self, RunOperationCommand.self]
    )

    /// As dbt: bad usage (an unknown option, a missing value) exits 2, not ArgumentParser's 64.
    static func main() {
        // before the run allocates: memory on 2 MiB pages faults a 512th as often
        flowc_allocator_prefer_huge_pages()
        do {
            let names = Set(configuration.subcommands.compactMap { $0.configuration.commandName })
            let arguments = GlobalFlags.withoutRunOnlyFlags(GlobalFlags.reordered(Array(CommandLine.arguments.dropFirst()), subcommands: names)) {
                FileHandle.standardError.write(Data(($0 + "\n").utf8))
            }
            if arguments == ["--version"] {
                print(FlowcVersion.description)
                return
            }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error).rawValue == 64 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Self.exit(withError: ExitCode(2))
            }
            if let message = SystemErrorMessage.describe(error) {
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Self.exit(withError: ExitCode(2))
            }
            Self.exit(withError: error)
        }
    }
}

enum FlowcVersion {
    static let number = "0.1.0"
    static var description: String {
        "flowc \(number) (SQLite \(LinkedLibraries.sqliteVersion), libpq \(LinkedLibraries.libpqVersion))"
    }
}
