// Loading dbt_packages/: a package's broken project file, a folder that is no package and two
// folders with one project name stop the load with an error that names the package's file,
// as dbt refuses them too.
import FlowcProject
import Testing

@Test func aPackageProjectFileWithoutANameIsAnError() throws {
    let errors = try loadErrors([
        "dbt_packages/nameless/dbt_project.yml": "version: '1.0'\n",
        "dbt_packages/nameless/models/x.sql": "select 1 as x",
    ])
    let e = try #require(errors.first)
    #expect(e.message == "dbt_project.yml has no 'name'")
    #expect(e.span?.file == "dbt_packages/nameless/dbt_project.yml")
}

@Test func aPackageProjectFileRenderingErrorIsAnError() throws {
    let errors = try loadErrors([
        "dbt_packages/pkgx/dbt_project.yml": "name: pkgx\nmodels:\n  pkgx:\n    +schema: \"{{ env_var('FLOWC_TEST_SURELY_UNSET') }}\"\n",
    ])
    let e = try #require(errors.first)
    #expect(e.message.contains("FLOWC_TEST_SURELY_UNSET"))
    #expect(e.span?.file == "dbt_packages/pkgx/dbt_project.yml")
}

@Test func aFolderWithoutAProjectFileIsAnError() throws {
    let errors = try loadErrors(["dbt_packages/half/macros/m.sql": "{% macro m() %}1{% endmacro %}"])
    let e = try #require(errors.first)
    #expect(e.message == "package dbt_packages/half has no dbt_project.yml")
    #expect(e.span?.file == "dbt_packages/half/dbt_project.yml")
    #expect(e.hint != nil)
}

@Test func twoFoldersWithOneProjectNameAreAnError() throws {
    let errors = try loadErrors([
        "dbt_packages/a/dbt_project.yml": "name: pkgx\n",
        "dbt_packages/b/dbt_project.yml": "name: pkgx\n",
    ])
    let e = try #require(errors.first)
    #expect(e.message == "packages dbt_packages/a and dbt_packages/b are both named 'pkgx'")
    #expect(e.span?.file == "dbt_packages/b/dbt_project.yml")
}
