// The project file's target-path decides where compiled files go (dbt's compiled_path).
import FlowcCompile
import Testing

@Test func compiledPathsFollowTheProjectTargetPath() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile + "\ntarget-path: out\n",
        "profiles.yml": sqliteProfile,
        "models/orders.sql": "select 1 as id",
        "models/schema.yml": "version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [unique]\n",
    ])
    defer { p.remove() }
    let build = try p.build()
    let ids = build.manifest.nodes.values.filter { $0.resourceType != .seed }.map(\.uniqueId)
    let paths = Compiler.compile(build, nodes: ids, threads: 1).nodes.values.map(\.compiledPath).sorted()
    #expect(paths == ["out/compiled/shop/models/orders.sql", "out/compiled/shop/models/schema.yml/unique_orders_id.sql"])
}
