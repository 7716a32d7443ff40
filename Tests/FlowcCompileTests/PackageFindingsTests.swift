// Static-check findings on an installed package's models: they name the package's file under
// dbt_packages/ (not a root file of the same relative path) and are warnings, since users
// cannot edit a package's code and installing one must not fail their build.
import FlowcCompile
import FlowcGraph
import FlowcProject
import Foundation
import Testing

@Test func findingsOnAPackagesModelAreWarningsThatNameItsFile() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "dbt_packages/pkgx/dbt_project.yml": "name: pkgx\n",
        "models/base.sql": "select 1 as id",
        "models/root_reads.sql": "select nope from {{ ref('base') }}",
        "dbt_packages/pkgx/models/pkg_reads.sql": "select\n  nope\nfrom {{ ref('base') }}",
    ])
    defer { p.remove() }
    let build = try p.build()
    let ids = ["model.shop.base", "model.shop.root_reads", "model.pkgx.pkg_reads"]
    let compiled = Compiler.compile(build, nodes: ids, threads: 2)
    let lineage = ProjectLineage.compute(LineageInputs(build: build, compiled: compiled.nodes, projectRoot: p.root,
                                                       checks: .defaults, threads: 2))
    let root = try #require(lineage.findings["model.shop.root_reads"]?.first)
    #expect(root.severity == .error)
    let pkg = try #require(lineage.findings["model.pkgx.pkg_reads"]?.first)
    #expect(pkg.severity == .warning)
    #expect(pkg.message == root.message.replacingOccurrences(of: "root_reads", with: "pkg_reads"))
    #expect(pkg.span?.file == "dbt_packages/pkgx/models/pkg_reads.sql")
    #expect(pkg.span?.line == 2)
}
