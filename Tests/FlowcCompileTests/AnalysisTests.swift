// Analyses: read from analysis-paths, compiled with refs resolved (to
// target/compiled/<project>/analyses/…) and traced by lineage.
import FlowcCompile
import FlowcGraph
import Testing

@Test func analysesCompileWithRefsAndTrace() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/orders.sql": "select 1 as id, 10 as amount",
        "analyses/revenue.sql": "-- ad hoc\nselect sum(amount) as revenue from {{ ref('orders') }}",
    ])
    defer { p.remove() }
    let build = try p.build()
    let analysis = try #require(build.manifest.nodes["analysis.shop.revenue"])
    #expect(analysis.resourceType == .analysis)
    #expect(analysis.fqn == ["shop", "analysis", "revenue"])
    #expect(analysis.dependsOnNodes == ["model.shop.orders"])
    #expect(build.manifest.childMap["model.shop.orders"] == ["analysis.shop.revenue"])
    let result = Compiler.compile(build, nodes: ["analysis.shop.revenue"], threads: 1)
    let compiled = try #require(result.nodes["analysis.shop.revenue"])
    #expect(compiled.sql == "-- ad hoc\nselect sum(amount) as revenue from main.\"orders\"")
    #expect(compiled.compiledPath == "target/compiled/shop/analyses/revenue.sql")
    let lineage = ProjectLineage.compute(LineageInputs(
        build: build, compiled: Compiler.compile(build, nodes: ["model.shop.orders", "analysis.shop.revenue"], threads: 1).nodes,
        projectRoot: p.root, checks: .defaults, threads: 1))
    let revenue = try #require(lineage.nodes["analysis.shop.revenue"]?.columns.first)
    #expect(revenue.kind == .aggregate)
    #expect(revenue.sources.map(\.description) == ["model.shop.orders.amount"])
}
