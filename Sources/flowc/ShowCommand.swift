// `flowc show --select X [--limit N]` / `--inline "<sql>"`: preview rows as a table.
import ArgumentParser
import FlowcGraph
import FlowcRun
import FlowcWarehouse
import Foundation

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Preview the rows a model (or inline SQL) returns.")
    @OptionGroup var project: ProjectOptions

    @Option(name: [.customShort("s"), .customLong("select")], help: "The node to preview (its name).")
    var select: String?

    @Option(help: "SQL (with Jinja) to preview instead of a node.")
    var inline: String?

    // unconditional: `--limit -1` (every row, as dbt) is a value, not an option
    @Option(parsing: .unconditional, help: "How many rows to show (a negative number: all of them).")
    var limit: Int = 5

    @Flag(name: .customLong("full-refresh"), help: "Preview an incremental model as its full build (is_incremental() false).")
    var fullRefresh = false

    @Option(name: [.customLong("output"), .customShort("o")], help: "text (a table, default) or json (dbt's {\"node\": …, \"show\": [rows]}).")
    var output: String = "text"

    func run() throws {
        guard output == "text" || output == "json" else {
            Output.error("--output must be text or json, not '\(output)'")
            throw ExitCode(2)
        }
        guard (select == nil) != (inline == nil) else {
            Output.error("give either --select NODE or --inline \"<sql>\"")
            throw ExitCode(2)
        }
        var inv = try Invocation.load(project)
        let id: String
        if let inline {
            id = try inv.addInlineNode(inline)
        } else {
            let ids = try inv.selected(select: [select ?? ""], exclude: [], selector: nil,
                                       resourceTypes: ["model", "seed", "snapshot", "analysis", "test"])
            guard let first = ids.first else {
                Output.error("no node matches '\(select ?? "")'", hint: "flowc ls lists the project's nodes")
                throw ExitCode(2)
            }
            id = first
        }
        let warehouse: any Warehouse
        do {
            warehouse = try WarehouseFactory.make(inv.target, projectRoot: inv.project.root)
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
        let options = RunOptions(command: .run, threads: 1, fullRefresh: fullRefresh, projectRoot: inv.project.root,
                                 targetPath: inv.project.config.targetPath, projectName: inv.project.config.name)
        let context = RunContext(build: inv.build, warehouse: warehouse, options: options, which: "show")
        do {
            let (_, table) = try Preview.rows(context, nodeId: id, limit: limit)
            if output == "json" {
                var shown = JSONObject()
                if inline == nil { shown["node"] = .string(inv.build.manifest.nodes[id]?.name ?? select ?? "") }
                shown["show"] = TableText.json(table)
                Output.plain(JSONWriter.string(.object(shown), indent: 2))
                return
            }
            Output.plain("Previewing \(inline == nil ? "node '\(select ?? "")'" : "inline node"):")
            Output.plain(TableText.render(table))
        } catch let e as WarehouseError where e.kind == .connection {
            Output.error("cannot connect to \(warehouse.location): \(e.message)")
            throw ExitCode(2)
        } catch {
            Output.error("\(error)")
            throw ExitCode(1)
        }
    }
}
