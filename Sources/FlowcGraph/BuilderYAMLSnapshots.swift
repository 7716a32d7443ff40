// dbt 1.9's snapshots defined in YAML: a `snapshots:` entry with `relation: ref(...)` or
// `source(...)` is a snapshot of that relation (`select * from` it), configured by the entry's
// `config:` like any snapshot, and environment-aware (schema from generate_schema_name).
import FlowcProject

extension Builder {
    /// The snapshots YAML entries with `relation:` define, with their texts (none: the code is
    /// generated). The entry also patches the node, as a snapshot's properties entry does.
    mutating func yamlSnapshots() -> [Node] {
        var out: [Node] = []
        for scope in scopes {
            for props in scope.properties {
                // dbt's checksum of a snapshot YAML defines is the properties file's (stripped)
                var fileChecksum: String?
                for entry in props.snapshots {
                    guard let relation = entry["relation"], let name = entry["name"]?.scalarText else { continue }
                    guard let text = relation.scalarText, let parsed = RelationReference.parse(text), parsed != .this else {
                        error("snapshot '\(name)': `relation` must be ref('…') or source('…', '…')", relation.span,
                              hint: "for example `relation: source('shop', 'orders')`")
                        continue
                    }
                    let local = scope.local(props.path)
                    let (_, rest) = NodeFactory.split(local, roots: scope.config.snapshotPaths + scope.config.modelPaths)
                    let code = "select * from {{ \(NodeFactory.stripped(text)) }}"
                    if fileChecksum == nil {
                        fileChecksum = scope.files.first { $0.path == props.path }
                            .map { Hashing.sha256Hex(NodeFactory.stripped($0.text)) } ?? Hashing.sha256Hex(code)
                    }
                    var node = Node(uniqueId: "snapshot.\(scope.name).\(name)", resourceType: .snapshot, packageName: scope.name,
                                    // dbt's path: the YAML file's, then the snapshot as a file in it
                                    name: name, path: rest + "/" + name + ".sql", originalFilePath: local,
                                    fqn: [scope.name] + NodeFactory.directories(rest) + [name], rawCode: code,
                                    checksum: fileChecksum ?? Hashing.sha256Hex(code), config: ConfigResolver.defaults(.snapshot),
                                    span: entry["name"]?.span)
                    node.alias = name
                    out.append(node)
                }
            }
        }
        return out
    }
}
