// The "Found …" line lists what the project holds as dbt 1.11 lists it: node types in the order
// dbt's manifest first holds one (models, SQL snapshots, analyses, singular tests, seeds, hooks
// as operations, then generic tests and YAML snapshots), types with none left out, then
// sources, exposures, macros and groups.
import Testing

@Suite struct FoundLineCLITests {
    @Test func foundLineFollowsDbtsOrder() throws {
        let repo = try Repo([
            "flowc.yml": "name: shop\nversion: '1.0'\nprofile: shop\non-run-start: [\"select 1\"]\n",
            "profiles.yml": Shop.files["profiles.yml"] ?? "",
            "seeds/raw.csv": "id\n1\n",
            "models/a.sql": "select * from {{ ref('raw') }}",
            "snapshots/s.sql": "{% snapshot s %}{{ config(unique_key='id', strategy='check', check_cols='all') }} select * from {{ ref('a') }}{% endsnapshot %}",
            "analyses/x.sql": "select 1",
            "tests/t.sql": "select * from {{ ref('a') }} where false",
            "models/p.yml": "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests: [unique]\n",
        ])
        let r = try repo.flowc("parse")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Found 1 model, 1 snapshot, 1 analysis, 2 data tests, 1 seed, 1 operation, "), "\(r.stdout)")

        // without models, SQL snapshots or singular tests: seeds first, then the generic tests
        let seedsOnly = try Repo([
            "flowc.yml": "name: shop\nversion: '1.0'\nprofile: shop\n",
            "profiles.yml": Shop.files["profiles.yml"] ?? "",
            "seeds/raw.csv": "id\n1\n",
            "seeds/p.yml": "version: 2\nseeds:\n  - name: raw\n    columns:\n      - name: id\n        data_tests: [not_null]\n",
        ])
        let s = try seedsOnly.flowc("parse")
        #expect(s.stdout.contains("Found 1 seed, 1 test, "), "\(s.stdout)")
    }
}
