// packages.yml / dependencies.yml: every kind of entry dbt accepts is read, malformed entries
// are errors at their place, and a project listing more packages than are installed stops
// with dbt's check instead of "'dbt_utils' is undefined" later.
import FlowcProject
import Testing

@Test func everyKindOfPackageEntryIsRead() throws {
    let p = try TestProject([
        "packages.yml": """
            packages:
              - package: dbt-labs/dbt_utils
                version: [">=1.0.0", "<2.0.0"]
              - package: calogica/dbt_expectations
                version: 0.10.4
              - git: "{{ env_var('FLOWC_TEST_GIT_BASE', 'https://example.com') }}/repo.git"
                revision: v1.0
                subdirectory: pkgs/one
                warn-unpinned: false
              - local: ../shared_macros
              - tarball: https://example.com/pkg.tar.gz
                name: tarred
              - private: org/repo
            """,
    ])
    defer { p.remove() }
    let (file, diagnostics) = PackagesFile.read(root: p.root, environment: ["FLOWC_TEST_GIT_BASE": "file:///srv/git"])
    #expect(diagnostics.isEmpty)
    let sources = try #require(file).packages.map(\.source)
    #expect(sources == [
        .hub(package: "dbt-labs/dbt_utils", versions: [">=1.0.0", "<2.0.0"]),
        .hub(package: "calogica/dbt_expectations", versions: ["0.10.4"]),
        .git(url: "file:///srv/git/repo.git", revision: "v1.0", subdirectory: "pkgs/one", warnUnpinned: false),
        .local(path: "../shared_macros"),
        .tarball(url: "https://example.com/pkg.tar.gz", name: "tarred"),
        .privateRepository("org/repo"),
    ])
    #expect(file?.packages.first?.span.line == 2)
}

@Test func malformedPackageEntriesAreErrorsAtTheirPlace() throws {
    let p = try TestProject([
        "dependencies.yml": "packages:\n  - package: dbt-labs/dbt_utils\n  - revision: main\n  - just-a-string\n",
    ])
    defer { p.remove() }
    let (_, diagnostics) = PackagesFile.read(root: p.root, environment: [:])
    #expect(diagnostics.map(\.message) == [
        "package 'dbt-labs/dbt_utils' has no version",
        "a package entry needs one of package:, git:, local:, tarball: or private:",
        "a package entry must be a mapping, found a string",
    ])
    #expect(diagnostics.map { $0.span?.line } == [2, 3, 4])
    #expect(diagnostics.allSatisfy { $0.span?.file == "dependencies.yml" })
}

@Test func uninstalledPackagesStopTheLoadAsDbtDoes() throws {
    let missing = try loadErrors([
        "packages.yml": "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n  - local: ../other\n",
        "models/m.sql": "select {{ dbt_utils.star('x') }}",
    ])
    #expect(missing.map(\.message) == ["2 packages are listed in packages.yml, but only 0 are installed in dbt_packages"])
    #expect(missing.first?.span?.file == "packages.yml" && missing.first?.span?.line == 2)
    #expect(missing.first?.hint == "run `flowc deps` (or `dbt deps`) to install them")

    // installed: no error
    let installed = try loadErrors([
        "packages.yml": "packages:\n  - local: ../other\n",
        "dbt_packages/other/dbt_project.yml": "name: other\nversion: '1.0'\n",
    ])
    #expect(installed.isEmpty)

    let both = try loadErrors(["packages.yml": "packages: []\n", "dependencies.yml": "packages: []\n"])
    #expect(both.map(\.message) == ["both packages.yml and dependencies.yml list packages"])
}
