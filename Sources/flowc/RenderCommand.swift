// `flowc render FILE`: renders one template with the engine alone (no dbt context). Useful to
// check Jinja behaviour and error messages; `--vars` takes a JSON object of variables.
import ArgumentParser
import FlowcTemplate
import Foundation

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a Jinja template file (no dbt context) and print the result."
    )

    @Argument(help: "The template file; '-' reads standard input.")
    var file: String

    @Option(help: "Variables as a JSON object, e.g. '{\"n\": 3}'.")
    var vars: String = "{}"

    func run() throws {
        guard let text = readText(file) else {
            printError("error: cannot read '\(file)'")
            throw ExitCode(2)
        }
        let env = Environment()
        var context: [String: Value] = [:]
        do {
            guard case .dict(let d) = try Value.fromJSON(vars) else {
                printError("error: --vars must be a JSON object")
                throw ExitCode(2)
            }
            for (k, v) in d.pairs { if case .string(let key) = k { context[key] = v } }
            let out = try env.render(text, name: file, context)
            print(out)
        } catch let e as TemplateError {
            printError(e.description)
            throw ExitCode(1)
        }
    }
}

func readText(_ path: String) -> String? {
    let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
    return data.map { String(decoding: $0, as: UTF8.self) }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
