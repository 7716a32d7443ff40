// The project hooks as dbt's manifest lists them: one `operation` node per on-run-start /
// on-run-end statement of the root project and of each package
// (`operation.<package>.<package>-on-run-start-<index>`), so run_results.json's hook results
// name nodes the manifest has. They are kept apart from the DAG's nodes: nothing selects or
// builds them but the run itself.
import FlowcProject

extension Builder {
    mutating func readProjectHooks() {
        for scope in scopes {
            for (kind, statements) in [("on-run-start", scope.config.onRunStart), ("on-run-end", scope.config.onRunEnd)] {
                for (i, sql) in statements.enumerated() {
                    let name = "\(scope.name)-\(kind)-\(i)"
                    var config = ConfigResolver.defaults(.operation)
                    config["materialized"] = "view"
                    var node = Node(uniqueId: "operation.\(scope.name).\(name)", resourceType: .operation,
                                    packageName: scope.name, name: name, path: "hooks/\(name).sql",
                                    originalFilePath: "./dbt_project.yml", fqn: [scope.name, "hooks", name], rawCode: sql,
                                    checksum: Hashing.sha256Hex(sql), config: config)
                    node.schema = options.target.schema
                    node.database = options.target.database
                    node.alias = name
                    manifest.operations[node.uniqueId] = node
                }
            }
        }
    }
}
