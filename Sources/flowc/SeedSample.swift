// `flowc seed --show`: after the run, a random sample of each loaded seed's table (up to 10
// rows, and a row of `...` when there are more), under dbt's heading.
import FlowcGraph
import FlowcRun
import FlowcWarehouse

enum SeedSample {
    static func show(_ outcome: RunOutcome, inv: Invocation, warehouse: any Warehouse, presenter: RunPresenter) {
        let seeds = outcome.results.filter { $0.status == .success }.compactMap { inv.build.manifest.nodes[$0.uniqueId] }
            .filter { $0.resourceType == .seed }
        guard !seeds.isEmpty, let connection = try? warehouse.connect() else { return }
        defer { connection.close() }
        let dialect = inv.build.setup.dialect
        for seed in seeds {
            let relation = dialect.renderRelation(database: seed.database, schema: seed.schema, identifier: seed.alias)
            let header = "Random sample of table: \(seed.schema).\(seed.alias)"
            presenter.line("")
            presenter.line(header)
            presenter.line(String(repeating: "-", count: header.count))
            do {
                var table = try connection.query("select * from \(relation) order by random() limit 11", limit: 11)
                let more = table.rows.count > 10
                if more { table.rows = Array(table.rows.prefix(10)) }
                // as dbt's print_table(max_rows=10, max_columns=None)
                presenter.line(TableText.render(table, maxColumns: nil, moreRows: more))
            } catch {
                presenter.line("cannot read \(relation): \(error)")
            }
            presenter.line("")
        }
    }
}
