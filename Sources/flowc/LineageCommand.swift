// `flowc lineage NODE[.COLUMN]`: where a model's (or a column's) data comes from and where it
// goes, from the project's column lineage, as text, JSON, DOT or Mermaid.
import ArgumentParser
import FlowcCompile
import FlowcGraph
import FlowcLineage

struct LineageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Show the column lineage of a model or a column (upstream and downstream).",
        discussion: """
            NODE is a model, seed or snapshot name, a source as source_name.table_name, or a \
            unique_id; add .COLUMN to follow one column. Also writes target/lineage.json.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "NODE or NODE.COLUMN")
    var target: String

    @Flag(help: "Only what it reads.") var upstream = false
    @Flag(help: "Only what reads it.") var downstream = false

    @Option(help: "How many steps to follow (default: all).")
    var depth: Int = 1000

    @Option(help: "text (default), json, dot or mermaid.")
    var format: String = "text"

    func run() throws {
        guard ["text", "json", "dot", "mermaid"].contains(format) else {
            Output.error("--format must be text, json, dot or mermaid, not '\(format)'")
            throw ExitCode(2)
        }
        guard depth >= 1 else {
            Output.error("--depth must be 1 or more")
            throw ExitCode(2)
        }
        var quiet = project
        quiet.quiet = true
        let inv = try Invocation.load(quiet)
        let lineage = try LineageStage.compute(inv, report: []).lineage
        let (node, column) = try resolve(target, lineage, root: inv.project.config.name)
        let direction: LineageQuery.Direction = upstream == downstream ? .both : upstream ? .upstream : .downstream
        let q = LineageQuery(lineage, node: node, column: column, direction: direction, depth: depth)
        switch format {
        case "json": print(JSONWriter.string(LineageRender.json(q, lineage), indent: 2))
        case "dot": print(LineageRender.dot(q, lineage, nodeLevel: column == nil), terminator: "")
        case "mermaid": print(LineageRender.mermaid(q, lineage, nodeLevel: column == nil), terminator: "")
        default: print(LineageRender.text(q, lineage, nodeLevel: column == nil), terminator: "")
        }
    }

    /// NODE or NODE.COLUMN: the longest prefix naming a node wins (`stripe.payments` is a source).
    /// A bare name prefers a model, and the root project's over an installed package's (as ref() does).
    func resolve(_ text: String, _ lineage: ProjectLineage, root: String) throws -> (String, String?) {
        func node(named name: String) -> String? {
            if lineage.nodes[name] != nil { return name }
            let matches = lineage.nodes.values.filter { $0.name == name }.sorted { $0.uniqueId < $1.uniqueId }
            let models = matches.filter { $0.resourceType == "model" }
            return (models.first { $0.uniqueId.hasPrefix("model.\(root).") } ?? models.first ?? matches.first)?.uniqueId
        }
        if let id = node(named: text) { return (id, nil) }
        if let dot = text.lastIndex(of: "."), let id = node(named: String(text[..<dot])) {
            let column = String(text[text.index(after: dot)...])
            let columns = lineage.nodes[id]?.columns.map(\.name) ?? []
            if !columns.isEmpty, !columns.contains(where: { $0.lowercased() == column.lowercased() }) {
                Output.error("'\(LineageRender.label(id, lineage))' has no column '\(column)'",
                             hint: NameSuggestion.hint(for: column, among: columns)
                                ?? "its columns are: \(columns.joined(separator: ", "))")
                throw ExitCode(2)
            }
            let exact = columns.first { $0.lowercased() == column.lowercased() } ?? column
            return (id, exact)
        }
        let names = lineage.nodes.values.map(\.name)
        Output.error("no model, seed, snapshot or source named '\(text)'",
                     hint: NameSuggestion.hint(for: text, among: names) ?? "try `flowc ls` to list the project's nodes")
        throw ExitCode(2)
    }
}
