import Foundation
import FlowcProject
import Testing

/// Snapshots on both warehouses: the first run copies the rows as current versions; a later
/// run closes the versions whose rows changed and inserts the new ones (timestamp and check
/// strategies), leaves unchanged rows alone, and closes deleted rows only when asked to.
@Suite struct SnapshotTests {
    static let ts = """
        {% macro ts(value) -%}
        {%- if target.type == 'postgres' -%}cast('{{ value }}' as timestamp){%- else -%}'{{ value }}'{%- endif -%}
        {%- endmacro %}
        """

    static func source(_ rows: [(Int, String, String)]) -> String {
        "{{ config(materialized='table') }}\n" + rows.map { "select \($0.0) as id, '\($0.1)' as name, {{ ts('\($0.2)') }} as updated_at" }
            .joined(separator: "\nunion all\n")
    }

    static let snapshots = """
        {% snapshot by_time %}
        {{ config(unique_key='id', strategy='timestamp', updated_at='updated_at') }}
        select * from {{ ref('people') }}
        {% endsnapshot %}

        {% snapshot by_check %}
        {{ config(unique_key='id', strategy='check', check_cols=['name'], invalidate_hard_deletes=true) }}
        select id, name from {{ ref('people') }}
        {% endsnapshot %}
        """

    func versions(_ h: RunHarness, _ table: String) throws -> [String] {
        try h.rows("""
            select id, name, case when dbt_valid_to is null then 'current' else 'closed' end
            from \(h.rel(table)) order by id, dbt_valid_from, name
            """).map { $0.joined(separator: " ") }
    }

    @Test("timestamp and check snapshots keep the history of changed rows", arguments: WarehouseKind.allCases)
    func history(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "macros/ts.sql": Self.ts,
            "models/people.sql": Self.source([(1, "ann", "2024-01-01"), (2, "bob", "2024-01-01")]),
            "snapshots/people.sql": Self.snapshots,
        ])
        try h.runOK(.run)
        let first = try h.runOK(.snapshot)
        #expect(first.results.count == 2)
        #expect(try versions(h, "by_time") == ["1 ann current", "2 bob current"])
        #expect(try versions(h, "by_check") == ["1 ann current", "2 bob current"])
        #expect(try h.int("select count(*) from \(h.rel("by_time")) where dbt_scd_id is null or dbt_valid_from is null") == 0)

        // Nothing changed: a second snapshot adds nothing, and says so as dbt-postgres's does
        // (its last statement inserts the new versions)
        let unchanged = try h.runOK(.snapshot)
        #expect(try versions(h, "by_time") == ["1 ann current", "2 bob current"])
        #expect(unchanged.result("by_time")?.message == "INSERT 0 0")

        // ann renamed (and updated_at moved), bob deleted, cy added.
        try h.write("models/people.sql", Self.source([(1, "anna", "2024-02-01"), (3, "cy", "2024-02-01")]))
        try h.runOK(.run)
        let changed = try h.runOK(.snapshot)
        #expect(try versions(h, "by_time") == ["1 ann closed", "1 anna current", "2 bob current", "3 cy current"])
        #expect(changed.result("by_time")?.message == "INSERT 0 2")  // anna's new version and cy
        // The closed version ends when the new one starts (the source's updated_at).
        let ends = try h.column("select cast(dbt_valid_to as text) from \(h.rel("by_time")) where name = 'ann'")
        #expect(ends.first?.hasPrefix("2024-02-01") == true)
        // check: bob's deletion is invalidated, as configured.
        #expect(try versions(h, "by_check") == ["1 ann closed", "1 anna current", "2 bob closed", "3 cy current"])
    }

    /// dbt 1.9's `hard_deletes: new_record`: a deleted key's version is closed and a version
    /// marked `dbt_is_deleted = 'True'` becomes current; when the key comes back, a new version
    /// follows it. Also dbt 1.9's `snapshot_meta_column_names` and `dbt_valid_to_current`. (The
    /// same steps on PostgreSQL with dbt 1.11.16 give these rows.)
    @Test("hard_deletes new_record, renamed meta columns and dbt_valid_to_current", arguments: WarehouseKind.allCases)
    func newRecordDeletes(_ kind: WarehouseKind) throws {
        let far = kind == .postgres ? "cast('9999-12-31' as timestamp)" : "'9999-12-31'"
        let h = try RunHarness(kind, [
            "macros/ts.sql": Self.ts,
            "models/people.sql": Self.source([(1, "ann", "2024-01-01"), (2, "bob", "2024-01-01")]),
            "snapshots/people.sql": """
                {% snapshot deletions %}
                {{ config(unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='new_record') }}
                select * from {{ ref('people') }}
                {% endsnapshot %}

                {% snapshot renamed %}
                {{ config(unique_key='id', strategy='check', check_cols=['name'], hard_deletes='invalidate',
                          snapshot_meta_column_names={'dbt_valid_from': 'valid_from', 'dbt_valid_to': 'valid_to'},
                          dbt_valid_to_current="\(far)") }}
                select id, name from {{ ref('people') }}
                {% endsnapshot %}
                """,
        ])
        func deletions() throws -> [String] {
            try h.rows("""
                select id, name, dbt_is_deleted, case when dbt_valid_to is null then 'current' else 'closed' end
                from \(h.rel("deletions")) order by id, dbt_valid_from, dbt_is_deleted
                """).map { $0.joined(separator: " ") }
        }
        func renamed() throws -> [String] {
            try h.rows("""
                select id, name, case when valid_to = \(far) then 'current' else 'closed' end
                from \(h.rel("renamed")) order by id, valid_from, name
                """).map { $0.joined(separator: " ") }
        }
        try h.runOK(.run)
        try h.runOK(.snapshot)
        #expect(try deletions() == ["1 ann False current", "2 bob False current"])
        #expect(try renamed() == ["1 ann current", "2 bob current"])

        // bob leaves the source; his deletion record counts among the inserted rows, as in dbt
        try h.write("models/people.sql", Self.source([(1, "ann", "2024-01-01")]))
        try h.runOK(.run)
        let gone = try h.runOK(.snapshot)
        #expect(gone.result("deletions")?.message == "INSERT 0 1")
        #expect(try deletions() == ["1 ann False current", "2 bob False closed", "2 bob True current"])
        #expect(try renamed() == ["1 ann current", "2 bob closed"])
        // a second run changes nothing
        try h.runOK(.snapshot)
        #expect(try deletions() == ["1 ann False current", "2 bob False closed", "2 bob True current"])

        // bob comes back (with his old updated_at): a new version after the deletion
        try h.write("models/people.sql", Self.source([(1, "ann", "2024-01-01"), (2, "bobby", "2024-01-01")]))
        try h.runOK(.run)
        try h.runOK(.snapshot)
        #expect(try h.rows("select name, dbt_is_deleted from \(h.rel("deletions")) where id = 2 and dbt_valid_to is null")
                == [["bobby", "False"]])
        #expect(try h.int("select count(*) from \(h.rel("deletions")) where id = 2") == 3)
        #expect(try renamed() == ["1 ann current", "2 bob closed", "2 bobby current"])
    }

    @Test("a snapshot without unique_key stops the parse, as dbt's", arguments: [WarehouseKind.sqlite])
    func missingKey(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/people.sql": "select 1 as id",
            "snapshots/s.sql": "{% snapshot s %}{{ config(strategy='check', check_cols='all') }} select * from {{ ref('people') }}{% endsnapshot %}",
        ])
        do {
            _ = try h.load()
            Issue.record("the project loaded")
        } catch let e as ProjectErrors {
            #expect(e.errors.map(\.message) == ["Snapshots must be configured with a 'strategy' and 'unique_key'."])
            #expect(e.errors.first?.span?.file == "snapshots/s.sql")
        }
    }
}

/// dbt 1.9's YAML snapshots: `relation:` and `config:` in a properties file, no SQL file.
@Test(arguments: WarehouseKind.allCases)
func snapshotsDefinedInYAMLKeepHistory(_ kind: WarehouseKind) throws {
    let h = try RunHarness(kind, [
        "macros/ts.sql": SnapshotTests.ts,
        "models/people.sql": SnapshotTests.source([(1, "ann", "2024-01-01")]),
        "snapshots/people.yml": """
            version: 2
            snapshots:
              - name: people_history
                relation: ref('people')
                description: every version of each person
                config:
                  unique_key: id
                  strategy: timestamp
                  updated_at: updated_at
            """,
    ])
    let (build, _, _) = try h.load()
    let node = try #require(build.manifest.nodes["snapshot.shop.people_history"])
    #expect(node.dependsOnNodes == ["model.shop.people"])
    #expect(node.description == "every version of each person")
    #expect(node.originalFilePath == "snapshots/people.yml")
    // dbt's checksum is the properties file's, stripped (dbt 1.11 wrote 105f48b0… for such a file)
    let yml = try String(contentsOfFile: h.root + "/snapshots/people.yml", encoding: .utf8)
    #expect(node.checksum == Hashing.sha256Hex(yml.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(node.checksum != Hashing.sha256Hex(node.rawCode))
    try h.runOK(.run)
    try h.runOK(.snapshot)
    try h.write("models/people.sql", SnapshotTests.source([(1, "anna", "2024-02-01")]))
    try h.runOK(.run)
    try h.runOK(.snapshot)
    #expect(try h.rows("select name, case when dbt_valid_to is null then 'current' else 'closed' end from \(h.rel("people_history")) order by dbt_valid_from")
            .map { $0.joined(separator: " ") } == ["ann closed", "anna current"])
}

/// The checksum dbt 1.11.16 wrote for a YAML snapshot defined by exactly this file.
@Test func aYAMLSnapshotHasDbtsChecksum() throws {
    let h = try RunHarness(.sqlite, [
        "models/stg_customers.sql": "select 1 as id",
        "snapshots/snaps.yml": """
            version: 2
            snapshots:
              - name: snap_cust
                relation: ref('stg_customers')
                config:
                  schema: snaps
                  unique_key: id
                  strategy: check
                  check_cols: all

            """,
    ])
    let (build, _, _) = try h.load()
    let node = try #require(build.manifest.nodes.values.first { $0.name == "snap_cust" })
    #expect(node.checksum == "105f48b07d7966f355af20382302350358234508a7f39e4d4e3f728f4e71a53b")
}

@Test func aYAMLSnapshotsRelationMustBeARefOrSource() throws {
    let h = try RunHarness(.sqlite, [
        "models/people.sql": "select 1 as id",
        "snapshots/people.yml": "version: 2\nsnapshots:\n  - name: h\n    relation: people\n",
    ])
    #expect(throws: (any Error).self) { try h.load() }
    do { _ = try h.load() } catch {
        #expect("\(error)".contains("`relation` must be ref('…') or source('…', '…')"), "\(error)")
    }
}
