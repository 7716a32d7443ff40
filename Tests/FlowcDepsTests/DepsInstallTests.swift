// `deps` end to end: real git repositories and folders, installed into a real project and read
// back by the project loader.
@testable import FlowcDeps
import FlowcProject
import FlowcTestSupport
import Foundation
import Testing

@Suite struct DepsInstallTests {
    @Test func installsLocalGitAndSubdirectoryPackagesWithTheirOwnPackages() throws {
        let fixture = try DepsFixture()
        try fixture.localPackage("pkg_a_src", name: "pkg_a")
        try fixture.localPackage("pkg_c_src", name: "pkg_c")
        // pkg_b lists pkg_c; dbt reads that local path relative to the root project
        let b = try fixture.gitPackage("pkg_b", extra: ["packages.yml": "packages:\n  - local: ../pkg_c_src\n"])
        try b.git("tag", "v1.0")
        let tagged = try b.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try b.write("macros/pkg_b_hello.sql", "{% macro pkg_b_hello() %}'v2'{% endmacro %}\n")
        try b.commit("v2 on main")
        let mono = try fixture.gitPackage("pkg_d", subdirectory: "dbt/pkg_d_src", extra: ["README.md": "monorepo\n"])
        let monoCommit = try mono.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.write("packages.yml", """
            packages:
              - local: ../pkg_a_src
              - git: "file://\(b.root)"
                revision: v1.0
              - git: "\(mono.root)"
                revision: \(monoCommit)
                subdirectory: dbt/pkg_d_src
            """)

        let lines = try fixture.deps()

        #expect(lines == [
            "Updating lock file in file path: \(fixture.root)/package-lock.yml",
            "Installing ../pkg_a_src", "Installed from <local @ ../pkg_a_src>",
            "Installing file://\(b.root)", "Installed from revision \(tagged)",
            "Installing \(mono.root)/dbt/pkg_d_src", "Installed from revision \(monoCommit)", "and subdirectory dbt/pkg_d_src",
            "Installing ../pkg_c_src", "Installed from <local @ ../pkg_c_src>",
        ])
        // local packages are links to the folder; git packages are checkouts at the revision
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: fixture.root + "/dbt_packages/pkg_a")
        #expect(link == fixture.outside + "/pkg_a_src")
        #expect(try fixture.read("dbt_packages/pkg_b/macros/pkg_b_hello.sql").contains("'v1'"))
        #expect(fixture.exists("dbt_packages/pkg_b/.git"))
        #expect(fixture.exists("dbt_packages/pkg_d/dbt_project.yml"))
        #expect(!fixture.exists("dbt_packages/pkg_d/.git") && !fixture.exists("dbt_packages/pkg_d/README.md"))
        #expect(fixture.exists("dbt_packages/pkg_c/macros/pkg_c_hello.sql"))

        let packagesText = try fixture.read("packages.yml")
        let (file, _) = PackagesFile.parse(packagesText, fileName: "packages.yml", cliVars: nil, environment: [:])
        #expect(try fixture.read("package-lock.yml") == """
            packages:
              - local: ../pkg_a_src
                name: pkg_a
              - git: file://\(b.root)
                name: pkg_b
                revision: \(tagged)
              - git: \(mono.root)
                name: pkg_d
                revision: \(monoCommit)
                subdirectory: dbt/pkg_d_src
              - local: ../pkg_c_src
                name: pkg_c
            sha1_hash: \(PackageHash.sha1(try #require(file).packages))

            """)

        // the project loads with every package installed
        let project = try ProjectLoader.load(root: fixture.root)
        #expect(Set(project.packages.map(\.name)) == ["pkg_a", "pkg_b", "pkg_c", "pkg_d"])
    }

    @Test func theLockHoldsUntilPackagesChangeOrUpgrade() throws {
        let fixture = try DepsFixture()
        let b = try fixture.gitPackage("pkg_b")
        try b.git("tag", "v1.0")
        let first = try b.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.write("packages.yml", "packages:\n  - git: \"\(b.root)\"\n    revision: v1.0\n")
        try fixture.deps()
        let lock = try fixture.read("package-lock.yml")
        try fixture.write("dbt_packages/stray.txt", "removed by the next deps\n")

        // the tag moves in the remote: the lock still installs the commit it recorded
        try b.write("macros/pkg_b_hello.sql", "{% macro pkg_b_hello() %}'v2'{% endmacro %}\n")
        let second = try b.commit("v2")
        try b.git("tag", "-f", "v1.0")
        let again = try fixture.deps()
        #expect(!again.contains { $0.hasPrefix("Updating lock file") })
        #expect(again.contains("Installed from revision \(first)"))
        #expect(try fixture.read("package-lock.yml") == lock)
        #expect(try fixture.read("dbt_packages/pkg_b/macros/pkg_b_hello.sql").contains("'v1'"))
        #expect(!fixture.exists("dbt_packages/stray.txt"))

        // --upgrade resolves the tag again; the hash (of packages.yml) stays
        let upgraded = try fixture.deps(upgrade: true)
        #expect(upgraded.contains { $0.hasPrefix("Updating lock file") })
        #expect(try fixture.read("package-lock.yml") == lock.replacingOccurrences(of: first, with: second))
        #expect(try fixture.read("dbt_packages/pkg_b/macros/pkg_b_hello.sql").contains("'v2'"))

        // editing packages.yml changes the hash: resolved again
        try fixture.write("packages.yml", "packages:\n  - git: \"\(b.root)\"\n    revision: \(first)\n")
        let changed = try fixture.deps()
        #expect(changed.contains { $0.hasPrefix("Updating lock file") })
        #expect(try fixture.read("package-lock.yml").contains("revision: \(first)\n"))
        #expect(try fixture.read("dbt_packages/pkg_b/macros/pkg_b_hello.sql").contains("'v1'"))
    }

    @Test func lockOnlyWritesTheLockAndInstallsNothing() throws {
        let fixture = try DepsFixture()
        try fixture.localPackage("pkg_a_src", name: "pkg_a")
        try fixture.write("packages.yml", "packages:\n  - local: ../pkg_a_src\n")
        let lines = try fixture.deps(lockOnly: true)
        #expect(lines == ["Updating lock file in file path: \(fixture.root)/package-lock.yml"])
        #expect(fixture.exists("package-lock.yml"))
        #expect(!fixture.exists("dbt_packages"))
    }

    @Test func emptyingTheInstallFolderLeavesLinkedPackagesAlone() throws {
        let fixture = try DepsFixture()
        try fixture.localPackage("pkg_a_src", name: "pkg_a")
        try fixture.write("packages.yml", "packages:\n  - local: ../pkg_a_src\n")
        try fixture.deps()
        try fixture.deps()
        #expect(FileManager.default.fileExists(atPath: fixture.outside + "/pkg_a_src/macros/pkg_a_hello.sql"))
        #expect(fixture.exists("dbt_packages/pkg_a/macros/pkg_a_hello.sql"))
    }

    @Test func noPackagesIsAWarningAndAnEmptyFolder() throws {
        let fixture = try DepsFixture()
        try fixture.write("packages.yml", "packages: []\n")
        // --lock touches nothing
        #expect(try fixture.deps(lockOnly: true) == ["warning: no packages are listed in packages.yml"])
        #expect(!fixture.exists("dbt_packages"))
        #expect(try fixture.deps() == ["warning: no packages are listed in packages.yml"])
        #expect(fixture.exists("dbt_packages"))
        #expect(!fixture.exists("package-lock.yml"))
        // packages no longer listed are removed, as dbt removes them
        try fixture.localPackage("pkg_a_src", name: "pkg_a")
        try fixture.write("packages.yml", "packages:\n  - local: ../pkg_a_src\n")
        try fixture.deps()
        try fixture.write("packages.yml", "packages: []\n")
        try fixture.deps()
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root + "/dbt_packages").isEmpty)
    }

    @Test func anUnpinnedListingTakesTheRevisionAnotherListingNames() throws {
        let fixture = try DepsFixture()
        let b = try fixture.gitPackage("pkg_b")
        try b.git("tag", "v1.0")
        let tagged = try b.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try b.write("macros/pkg_b_hello.sql", "{% macro pkg_b_hello() %}'v2'{% endmacro %}\n")
        try b.commit("v2")
        // the root lists pkg_b unpinned; pkg_a (a local package) lists it at v1.0: dbt installs v1.0
        try fixture.localPackage("pkg_a_src", name: "pkg_a",
                                 packages: "packages:\n  - git: \"\(b.root)\"\n    revision: v1.0\n")
        try fixture.write("packages.yml", "packages:\n  - git: \"\(b.root)\"\n    warn-unpinned: false\n  - local: ../pkg_a_src\n")
        // only v1.0's own packages count: the default branch's packages.yml lists pkg_x, v1.0's does not
        try fixture.localPackage("pkg_x_src", name: "pkg_x")
        try b.write("packages.yml", "packages:\n  - local: ../pkg_x_src\n")
        try b.commit("main lists pkg_x")
        let lines = try fixture.deps()
        #expect(!fixture.exists("dbt_packages/pkg_x"))
        #expect(!lines.contains { $0.contains("is not pinned") })
        #expect(lines.contains("Installed from revision \(tagged)"))
        #expect(try fixture.read("dbt_packages/pkg_b/macros/pkg_b_hello.sql").contains("'v1'"))
        #expect(try fixture.read("package-lock.yml").contains("  - git: \(b.root)\n    name: pkg_b\n    revision: \(tagged)\n"))
    }

    @Test func jinjaInPackagesRendersAndTheLockKeepsTheURLTemplate() throws {
        let fixture = try DepsFixture()
        let b = try fixture.gitPackage("pkg_b")
        try b.git("tag", "v1.0")
        try fixture.write("packages.yml", """
            packages:
              - git: "{{ env_var('PKG_B_URL') }}"
                revision: "{{ var('rev', 'v0.0') }}"
            """)
        let environment = ["PKG_B_URL": b.root]
        try fixture.deps(vars: "{rev: v1.0}", environment: environment)
        #expect(try fixture.read("package-lock.yml").contains("  - git: '{{ env_var(''PKG_B_URL'') }}'\n"))
        // installing from the lock renders the URL again
        let again = try fixture.deps(vars: "{rev: v1.0}", environment: environment)
        #expect(!again.contains { $0.hasPrefix("Updating lock file") })
        #expect(again.contains("Installing \(b.root)"))
    }
}
