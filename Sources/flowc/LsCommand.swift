// `flowc ls`: lists the selected resources, as names, paths, selectors or JSON lines.
import ArgumentParser
import FlowcGraph
import Foundation

struct LsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the selected resources of the project.", aliases: ["list"])

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case name, path, json, selector }

    @OptionGroup var project: ProjectOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var state: StateOptions

    @Option(help: "name, path, json or selector (default).")
    var output: OutputFormat = .selector

    func run() throws {
        var options = project
        options.quiet = true
        var inv = try Invocation.load(options)
        try inv.loadState(state, selection: selection)
        let ids = try inv.selected(selection, resourceTypes: nil)
        let m = inv.build.manifest
        for id in ids {
            if let n = m.nodes[id] {
                switch output {
                case .name: print(n.name)
                case .path: print(n.originalFilePath)
                case .selector: print(n.fqn.joined(separator: "."))
                case .json:
                    var o = JSONObject()
                    o["name"] = .string(n.name)
                    o["resource_type"] = .string(n.resourceType.rawValue)
                    o["package_name"] = .string(n.packageName)
                    o["original_file_path"] = .string(n.originalFilePath)
                    o["unique_id"] = .string(n.uniqueId)
                    o["alias"] = .string(n.alias)
                    o["config"] = .object(n.config)
                    o["tags"] = .array(n.tags.map { .string($0) })
                    o["depends_on"] = .object(JSONObject([("macros", .array(n.dependsOnMacros.map { .string($0) })),
                                                          ("nodes", .array(n.dependsOnNodes.map { .string($0) }))]))
                    print(JSONWriter.string(.object(o)))
                }
            } else if let s = m.sources[id] {
                switch output {
                case .name: print("\(s.sourceName).\(s.name)")
                case .path: print(s.originalFilePath)
                case .selector: print("source:" + s.fqn.joined(separator: "."))
                case .json:
                    print(JSONWriter.string(.object(JSONObject([
                        ("name", .string(s.name)), ("resource_type", "source"), ("package_name", .string(s.packageName)),
                        ("original_file_path", .string(s.originalFilePath)), ("unique_id", .string(s.uniqueId)),
                        ("source_name", .string(s.sourceName)), ("tags", .array(s.tags.map { .string($0) })),
                    ]))))
                }
            } else if let x = m.exposures[id] {
                switch output {
                case .name: print(x.name)
                case .path: print(x.originalFilePath)
                case .selector: print("exposure:" + x.fqn.joined(separator: "."))
                case .json:
                    print(JSONWriter.string(.object(JSONObject([("name", .string(x.name)), ("resource_type", "exposure"),
                                                                 ("unique_id", .string(x.uniqueId))]))))
                }
            } else if let u = m.unitTests[id] {
                switch output {
                case .name: print(u.name)
                case .path: print(u.originalFilePath)
                // dbt prints `unit_test:<package>.<name>` (with the version suffix)
                case .selector: print("unit_test:\(u.packageName).\(u.alias)")
                case .json:
                    print(JSONWriter.string(.object(JSONObject([
                        ("name", .string(u.name)), ("resource_type", "unit_test"), ("package_name", .string(u.packageName)),
                        ("original_file_path", .string(u.originalFilePath)), ("unique_id", .string(u.uniqueId)),
                        ("depends_on", .object(JSONObject([("macros", .array([])),
                                                           ("nodes", .array(u.dependsOnNodes.map { .string($0) }))]))),
                        ("config", .object(u.config)),
                    ]))))
                }
            }
        }
    }
}
