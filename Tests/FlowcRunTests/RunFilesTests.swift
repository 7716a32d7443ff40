// target/run/<project>/…: what each node ran, as dbt keeps it beside target/compiled — a
// model's create and swap statements, a test's counting query (dbt's text), a seed's load.
import Foundation
import Testing

@Suite("target/run files")
struct RunFilesTests {
    @Test("each model, test and seed leaves the statements it ran", arguments: WarehouseKind.allCases)
    func runFiles(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "seeds/codes.csv": "id,code\n1,a\n2,b\n",
            "models/orders.sql": "{{ config(materialized='table') }}\nselect id, code from {{ ref('codes') }}",
            "models/props.yml": "models:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [not_null]\n",
            "models/broken.sql": "{{ config(materialized='table') }}\nselect no_such_column from {{ ref('codes') }}",
        ])
        let out = try h.run(.build)
        #expect(out.status("orders") == .success, "\(out.summary)")
        func read(_ path: String) -> String? { try? String(contentsOfFile: h.root + "/target/run/shop/" + path, encoding: .utf8) }
        let model = try #require(read("models/orders.sql"))
        switch kind {
        case .postgres: #expect(model.hasPrefix("create table ") && model.contains("\"orders__dbt_tmp\""), "\(model)")
        // SQLite builds a table under its own name (see Materializer.table)
        case .sqlite: #expect(model.hasPrefix("create table main.\"orders\" as"), "\(model)")
        }
        #expect(model.contains("select id, code from"))
        let test = try #require(read("models/props.yml/not_null_orders_id.sql"))
        // dbt's get_test_sql query alone, as dbt writes it (checked byte for byte against dbt 1.11.16)
        #expect(test.hasPrefix("\n    \n    select\n      count(*) as failures,\n      count(*) != 0 as should_warn,\n"), "\(test)")
        #expect(test.hasSuffix("\n  \n  \n      \n    ) dbt_internal_test"), "\(test)")
        #expect(read("seeds/codes.csv")?.contains("-- 2 rows loaded into") == true)
        // a model that failed still shows what it tried, as dbt writes the file before running it
        #expect(out.status("broken") == .error)
        #expect(read("models/broken.sql")?.contains("no_such_column") == true)
    }
}
