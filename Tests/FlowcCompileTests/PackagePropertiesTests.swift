// The root project's properties YAML describing an installed package's model: dbt matches an
// entry in the YAML's own project first, then in any package (one match; several are an
// error), and the entry's tests belong to the root project.
import FlowcGraph
import FlowcProject
import Testing

private func project(_ files: [String: String]) throws -> TestProject {
    var all = files
    all["flowc.yml"] = minimalProjectFile
    all["profiles.yml"] = sqliteProfile
    all["dbt_packages/pkgx/dbt_project.yml"] = "name: pkgx\n"
    return try TestProject(all)
}

@Test func theRootProjectDescribesAndTestsAPackagesModel() throws {
    let p = try project([
        "dbt_packages/pkgx/models/pkg_model.sql": "select 1 as id",
        "models/root_props.yml": """
            version: 2
            models:
              - name: pkg_model
                description: described by the root
                columns:
                  - name: id
                    data_tests: [not_null]
            """,
    ])
    defer { p.remove() }
    let build = try p.build()
    let model = try #require(build.manifest.nodes["model.pkgx.pkg_model"])
    #expect(model.description == "described by the root")
    #expect(model.patchPath == "shop://models/root_props.yml")
    #expect(model.columns.map(\.name) == ["id"])
    // Checked with dbt 1.11: the test is the root project's.
    let test = try #require(build.manifest.nodes.values.first { $0.name == "not_null_pkg_model_id" })
    #expect(test.uniqueId.hasPrefix("test.shop.not_null_pkg_model_id."))
    #expect(test.packageName == "shop")
    #expect(test.originalFilePath == "models/root_props.yml")
    #expect(test.dependsOnNodes == ["model.pkgx.pkg_model"])
    #expect(!build.diagnostics.contains { $0.message.contains("no such model") })
}

@Test func anEntryForANameSeveralPackagesHaveIsAnError() throws {
    let p = try project([
        "dbt_packages/pkgx/models/twin.sql": "select 1 as id",
        "dbt_packages/other/dbt_project.yml": "name: other\nmodels:\n  other:\n    +schema: other\n",
        "dbt_packages/other/models/twin.sql": "select 1 as id",
        "models/props.yml": "version: 2\nmodels:\n  - name: twin\n    description: which one?\n",
    ])
    defer { p.remove() }
    let e = try #require(p.errors().first)
    #expect(e.message == "model 'twin' described in models/props.yml is in several packages: other, pkgx")
    #expect(e.span?.file == "models/props.yml")
    #expect(e.span?.line == 3)
}
