// Breaking changes to enforced model contracts against a state manifest, in dbt's words: a
// warning for an unversioned model, an error for a versioned one (dbt 1.11 printed these for
// the same changes against its own state manifest).
import FlowcGraph
import FlowcState
import Foundation
import Testing

@Suite struct ContractBreakingChangeTests {
    static let files: [String: String] = ShopProject.files.filter { $0.key == "flowc.yml" || $0.key == "profiles.yml" }.merging([
        "models/m.sql": "select 1 as id, 'a' as name, 2 as extra",
        "models/v_v1.sql": "select 1 as id, 'x' as other",
        "models/gone.sql": "select 1 as id",
        "models/fresh.sql": "select 1 as id",
        "models/p.yml": """
            models:
              - name: m
                config: {materialized: table, contract: {enforced: true}}
                columns:
                  - {name: id, data_type: int, constraints: [{type: not_null}]}
                  - {name: name, data_type: varchar(3)}
                  - {name: extra, data_type: int}
              - name: v
                latest_version: 1
                config: {materialized: table, contract: {enforced: true}}
                columns: [{name: id, data_type: int}, {name: other, data_type: text}]
                versions: [{v: 1}]
              - name: gone
                config: {contract: {enforced: true}}
                columns: [{name: id, data_type: int}]
              - name: fresh
                columns: [{name: id, data_type: int}]
            """,
    ]) { _, new in new }

    @Test func removedRetypedAndDeletedAreBreakingChangesAsDbtWordsThem() throws {
        let repo = try GitRepo(Self.files)
        try StateDirectoryTests.writeManifest(repo, to: repo.root + "/state", compile: false)
        try repo.write("models/m.sql", "select 1 as id, 'a' as name")
        try repo.write("models/v_v1.sql", "select 1 as id, 1 as other")
        try FileManager.default.removeItem(atPath: repo.root + "/models/gone.sql")
        try repo.write("models/p.yml", """
            models:
              - name: m
                config: {materialized: table, contract: {enforced: true}}
                columns: [{name: id, data_type: bigint}, {name: name, data_type: varchar(10)}]
              - name: v
                latest_version: 1
                config: {materialized: table, contract: {enforced: true}}
                columns: [{name: id, data_type: int}, {name: other, data_type: int}]
                versions: [{v: 1}]
              - name: fresh
                config: {contract: {enforced: true}}
                columns: [{name: id, data_type: int}]
            """)
        let (options, _) = try repo.options()
        let context = try StateSession.load(.directory(repo.root + "/state"), current: try repo.build(), projectRoot: repo.root,
                                             cliVars: nil, options: options)
        let breaks = Dictionary(uniqueKeysWithValues: context.contractBreaks.map { ($0.name, $0) })
        // varchar(3) → varchar(10) is no breaking change; a newly enforced contract neither
        #expect(Set(breaks.keys) == ["m", "v", "gone"])
        #expect(breaks["m"]?.message == """
            Breaking change to contracted, unversioned model m (models/m.sql)
            While comparing to previous project state, dbt detected a breaking change to an unversioned model.
              - Columns were removed: \n    - extra
              - Columns with data_type changes: \n    - id (int -> bigint)
              - Enforced column level constraints were removed: \n    - 'ConstraintType.not_null' constraint on column id

            """)
        #expect(breaks["v"]?.versioned == true)
        #expect(breaks["v"]?.message == """
            Breaking change to contract Error in model v (models/v_v1.sql)
              While comparing to previous project state, dbt detected a breaking change to an enforced contract.
                - Columns with data_type changes: \n      - other (text -> int)
              Consider making an additive (non-breaking) change instead, if possible.
              Otherwise, create a new model version: https://docs.getdbt.com/docs/collaborate/govern/model-versions
            """)
        #expect(breaks["gone"]?.reasons == ["Contracted model 'model.shop.gone' was deleted or renamed."])
    }
}
