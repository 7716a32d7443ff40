// dbt's check before a run that stores test failures: two tests whose audit tables would be the
// same relation (their names sanitize alike, e.g. regexes `@x` and `&x`) stop the command, as
// each would overwrite the other's rows.
import FlowcGraph

extension Runner {
    /// dbt's Compilation Error for the first audit relation two enabled tests would share, when
    /// they store their failures (by their config, else by --store-failures); nil when none do.
    static func storedFailureClash(_ context: RunContext) -> String? {
        let manifest = context.build.manifest
        let dialect = context.build.setup.dialect
        var byRelation: [String: [Node]] = [:]
        for id in manifest.nodes.keys.sorted() {
            guard let n = manifest.nodes[id], n.resourceType == .test, manifest.hasRelationName(n) else { continue }
            byRelation[dialect.renderRelation(database: n.database, schema: n.schema, identifier: n.alias), default: []].append(n)
        }
        guard let (relation, nodes) = byRelation.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) else { return nil }
        return "Compilation Error\n  dbt found two resources with the database representation \"\(relation)\".\n"
            + "  dbt cannot create two resources with identical database representations. To fix this,\n"
            + "  change the configuration of one of these resources:\n"
            + nodes.prefix(2).map { "  - \($0.uniqueId) (\($0.originalFilePath))" }.joined(separator: "\n")
    }
}
