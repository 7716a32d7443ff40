// The words of result lines, as dbt 1.11 prints them: "loaded seed file …" and "ERROR loading
// seed file …", "snapshotted main.x" and "ERROR snapshotting main.x" (dbt's LogSnapshotResult
// names the relation alone), "created sql view model …".
import Foundation
import Testing

@Suite struct ResultLineWordsCLITests {
    @Test func seedsAndSnapshotsUseDbtsWords() throws {
        let root = try CLITests.project([
            "seeds/bad.csv": "a,b\n1,2\n3,4,5\n",
            "snapshots/s.sql": "{% snapshot snap %}{{ config(unique_key='id', strategy='check', check_cols='all', target_schema='main') }}"
                + "select 1 as id{% endsnapshot %}",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let seed = try CLITests.flowc(["seed"], in: root)
        #expect(seed.output.contains("OK loaded seed file main.orders "), "\(seed.output)")
        #expect(seed.output.contains("ERROR loading seed file main.bad "), "\(seed.output)")
        let snap = try CLITests.flowc(["snapshot"], in: root)
        #expect(snap.code == 0, "\(snap.output)")
        #expect(snap.output.contains("START snapshot main.snap "), "\(snap.output)")
        #expect(snap.output.contains("OK snapshotted main.snap "), "\(snap.output)")
        let again = try CLITests.flowc(["snapshot"], in: root)
        #expect(again.output.contains("[INSERT 0 0 in "), "\(again.output)")
    }
}
