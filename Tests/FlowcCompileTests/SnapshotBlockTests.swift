// Which snapshot blocks a file defines, as dbt's block lexer finds them: blocks inside a Jinja
// comment are not there, and a file without a block defines nothing (dbt 1.11 lists no node).
import FlowcCompile
import FlowcGraph
import Testing

@Test func snapshotBlocksInCommentsOrFilesWithoutBlocksDefineNothing() throws {
    let block = { (name: String) in
        "{% snapshot \(name) %}\n{{ config(unique_key='id', strategy='check', check_cols='all') }}\nselect * from {{ ref('orders') }}\n{% endsnapshot %}"
    }
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/orders.sql": "select 1 as id",
        "snapshots/commented.sql": "{#\n" + block("old_orders") + "\n#}\n",
        "snapshots/plain.sql": "select 1 as id",
        "snapshots/mixed.sql": "{# " + block("gone") + " #}\n" + block("kept") + "\n{# {% snapshot also_gone %} #}",
    ])
    defer { p.remove() }
    let build = try p.build()
    let snapshots = build.manifest.nodes.values.filter { $0.resourceType == .snapshot }.map(\.name).sorted()
    #expect(snapshots == ["kept"])
    let kept = try #require(build.manifest.nodes["snapshot.shop.kept"])
    #expect(kept.rawCode.hasPrefix("\n{{ config(unique_key='id'"))
}
