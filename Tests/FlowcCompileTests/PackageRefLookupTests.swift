// How a ref() from or into installed packages picks its node beyond the common case (which
// InstalledPackageTests covers): dbt's package-first flag carried into compilation, names
// that only several packages have, versions looked for past a package that lacks them, and a
// generic test's macro taken from the test's own package.
import FlowcCompile
import FlowcGraph
import FlowcProject
import Testing

private let packageFirstProjectFile = minimalProjectFile + "\nflags:\n  require_ref_searches_node_package_before_root: true\n"

private func project(_ files: [String: String]) throws -> TestProject {
    var all = files
    all["flowc.yml"] = all["flowc.yml"] ?? minimalProjectFile
    all["profiles.yml"] = sqliteProfile
    all["dbt_packages/pkgx/dbt_project.yml"] = all["dbt_packages/pkgx/dbt_project.yml"] ?? "name: pkgx\n"
    return try TestProject(all)
}

@Test func compilationFollowsThePackageFirstFlagAsTheDAGDoes() throws {
    let p = try project([
        "flowc.yml": packageFirstProjectFile,
        "models/dupe.sql": "select 'root' as owner",
        "dbt_packages/pkgx/models/dupe.sql": "{{ config(schema='pkg') }}select 'pkgx' as owner",
        // Both dupes are parents, so the DAG's choice alone does not say which one ref('dupe') is.
        "dbt_packages/pkgx/models/both.sql": "select * from {{ ref('dupe') }} union all select * from {{ ref('shop', 'dupe') }}",
    ])
    defer { p.remove() }
    #expect(try p.compile()["both"] == "select * from main_pkg.\"dupe\" union all select * from main.\"dupe\"")
}

@Test func aNameOnlySeveralPackagesHaveIsAmbiguous() throws {
    let p = try project([
        "dbt_packages/pkgx/models/twin.sql": "select 1 as x",
        "dbt_packages/other/dbt_project.yml": "name: other\n",
        "dbt_packages/other/models/twin.sql": "{{ config(schema='other') }}select 2 as x",
        "models/uses.sql": "select *\nfrom {{ ref('twin') }}",
    ])
    defer { p.remove() }
    let e = try #require(p.errors().first { $0.message.contains("several packages") })
    #expect(e.message == "ref('twin') matches models in several packages: other, pkgx")
    #expect(e.span == SourceSpan(file: "models/uses.sql", line: 2, column: 13))
    #expect(e.hint == "name the package with a two-argument ref, e.g. ref('other', 'twin')")
}

@Test func aVersionIsLookedForPastAPackageThatLacksIt() throws {
    let p = try project([
        "models/vm_v1.sql": "select 1 as x",
        "models/vm.yml": "version: 2\nmodels:\n  - name: vm\n    latest_version: 1\n    versions: [{v: 1}]\n",
        "dbt_packages/beta/dbt_project.yml": "name: beta\nmodels:\n  beta:\n    +schema: beta\n",
        "dbt_packages/beta/models/vm_v1.sql": "select 1 as x",
        "dbt_packages/beta/models/vm_v2.sql": "select 2 as x",
        "dbt_packages/beta/models/vm.yml": "version: 2\nmodels:\n  - name: vm\n    latest_version: 2\n    versions: [{v: 1}, {v: 2}]\n",
        // The root project has `vm` but not its version 2: dbt goes on to the packages.
        "models/uses.sql": "select * from {{ ref('vm', v=2) }} join {{ ref('vm') }} using (x)",
    ])
    defer { p.remove() }
    let build = try p.build()
    #expect(build.manifest.nodes["model.shop.uses"]?.dependsOnNodes == ["model.beta.vm.v2", "model.shop.vm.v1"])
    #expect(try p.compile()["uses"] == "select * from main_beta.\"vm_v2\" join main.\"vm_v1\" using (x)")
}

@Test func aGenericTestsMacroComesFromItsOwnPackageFirst() throws {
    let test = "{% test positive(model, column_name) %}select * from {{ model }} where {{ column_name }} <= 0{% endtest %}"
    let p = try project([
        "macros/positive.sql": test,
        "dbt_packages/pkgx/macros/positive.sql": test,
        "dbt_packages/pkgx/models/m.sql": "select 1 as id",
        "dbt_packages/pkgx/models/m.yml": "version: 2\nmodels:\n  - name: m\n    columns:\n      - name: id\n        data_tests: [positive]\n",
    ])
    defer { p.remove() }
    let node = try #require(try p.build().manifest.nodes.values.first { $0.name == "positive_m_id" })
    #expect(node.dependsOnMacros.first == "macro.pkgx.test_positive")
}
