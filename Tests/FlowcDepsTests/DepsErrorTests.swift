// What `deps` says when packages.yml asks for something it cannot install: the entry's place,
// the reason, a hint; and installed packages untouched.
@testable import FlowcDeps
import FlowcProject
import FlowcTestSupport
import Foundation
import Testing

@Suite struct DepsErrorTests {
    @Test func unknownRevisionNamesTheEntryAndGitsReason() throws {
        let fixture = try DepsFixture()
        let b = try fixture.gitPackage("pkg_b")
        try fixture.write("packages.yml", "packages:\n  - git: \"\(b.root)\"\n    revision: v9.9\n")
        let error = try #require(fixture.depsError())
        #expect(error.span?.description == "packages.yml:2:5")
        #expect(error.message == "cannot check out revision 'v9.9' of git package \(b.root): fatal: couldn't find remote ref v9.9")
        #expect(error.hint?.contains("full 40-character commit id") == true)
        // a short commit id is a ref name to git, as to dbt
        let short = String(try b.git("rev-parse", "HEAD").prefix(7))
        try fixture.write("packages.yml", "packages:\n  - git: \"\(b.root)\"\n    revision: \(short)\n")
        #expect(try #require(fixture.depsError()).message.contains("couldn't find remote ref \(short)"))
    }

    @Test func unknownRepositoryAndMissingFolders() throws {
        let fixture = try DepsFixture()
        try fixture.write("packages.yml", "packages:\n  - local: ../pkg_a_src\n  - git: \"\(fixture.outside)/nope.git\"\n")
        let local = try #require(fixture.depsError())
        #expect(local.span?.description == "packages.yml:2:5")
        #expect(local.message == "local package '../pkg_a_src' has no dbt_project.yml (looked in \(fixture.outside)/pkg_a_src)")

        try fixture.localPackage("pkg_a_src", name: "pkg_a")
        let git = try #require(fixture.depsError())
        #expect(git.span?.description == "packages.yml:3:5")
        #expect(git.message.hasPrefix("cannot clone git package \(fixture.outside)/nope.git: fatal:"))

        let mono = try fixture.gitPackage("pkg_d", subdirectory: "dbt/pkg_d")
        try fixture.write("packages.yml", "packages:\n  - git: \"\(mono.root)\"\n    subdirectory: no/such/dir\n    warn-unpinned: false\n")
        let subdirectory = try #require(fixture.depsError())
        #expect(subdirectory.message.hasPrefix("git package \(mono.root) has no folder 'no/such/dir' at "))
    }

    @Test func conflictsBetweenPackages() throws {
        let fixture = try DepsFixture()
        let b = try fixture.gitPackage("pkg_b")
        try b.git("tag", "v1.0")
        try fixture.write("packages.yml", """
            packages:
              - git: "\(b.root)"
                revision: v1.0
              - git: "\(b.root).git"
                revision: main
            """)
        // with or without `.git`, a URL names one package
        #expect(fixture.depsError()?.message == "git package \(b.root).git is asked for at two revisions: 'v1.0' and 'main'")

        let copy = try fixture.gitPackage("pkg_b")
        try fixture.write("packages.yml", "packages:\n  - git: \"\(b.root)\"\n    revision: v1.0\n  - git: \"\(copy.root)\"\n    revision: main\n")
        let duplicate = try #require(fixture.depsError())
        #expect(duplicate.message == "two packages are named 'pkg_b': \(b.root) and \(copy.root)")
        #expect(duplicate.span?.description == "packages.yml:4:5")

        try fixture.localPackage("same_src", name: "root_proj")
        try fixture.write("packages.yml", "packages:\n  - local: ../same_src\n")
        #expect(fixture.depsError()?.message == "package ../same_src is named 'root_proj', like the root project")
    }

    @Test func malformedAndUnsupportedEntries() throws {
        let fixture = try DepsFixture()
        try fixture.write("packages.yml", "packages:\n  - local: ../pkg_a_src\n    foo: bar\n")
        let unknownKey = try #require(fixture.depsError())
        #expect(unknownKey.span?.description == "packages.yml:3:5")
        #expect(unknownKey.message == "`foo:` is not a key of a local package entry")

        try fixture.write("packages.yml", "packages:\n  - local: \"\"\n")
        #expect(fixture.depsError()?.message == "`local:` has no value")

        try fixture.write("packages.yml", "packages:\n  - private: org/repo\n")
        let privateRepository = try #require(fixture.depsError())
        #expect(privateRepository.message == "flowc deps cannot install private package 'org/repo'")

        try fixture.write("packages.yml", "packages:\n  - git: \"{{ env_var('NOPE_NOT_SET') }}\"\n")
        let env = try #require(fixture.depsError())
        #expect(env.message == "Env var required but not provided: 'NOPE_NOT_SET'")
        #expect(env.span?.description == "packages.yml:2:10")
    }

    @Test func aFailedFetchLeavesInstalledPackagesAsTheyWere() throws {
        let fixture = try DepsFixture()
        try fixture.localPackage("pkg_a_src", name: "pkg_a")
        try fixture.write("packages.yml", "packages:\n  - local: ../pkg_a_src\n")
        try fixture.deps()
        // the lock names a repository that has gone: nothing is removed
        try fixture.write("package-lock.yml", try fixture.read("package-lock.yml").replacingOccurrences(
            of: "  - local: ../pkg_a_src\n    name: pkg_a\n",
            with: "  - local: ../pkg_a_src\n    name: pkg_a\n  - git: \(fixture.outside)/gone.git\n    name: gone\n    revision: main\n"))
        #expect(fixture.depsError()?.message.hasPrefix("cannot clone git package \(fixture.outside)/gone.git") == true)
        #expect(fixture.exists("dbt_packages/pkg_a/dbt_project.yml"))
    }

    @Test func aDependencysEntryIsPlacedInItsOwnPackagesFile() throws {
        let fixture = try DepsFixture()
        try fixture.localPackage("pkg_a_src", name: "pkg_a", packages: "packages:\n  - local: ../missing_src\n")
        try fixture.write("packages.yml", "packages:\n  - local: ../pkg_a_src\n")
        let error = try #require(fixture.depsError())
        #expect(error.span?.description == "dbt_packages/pkg_a/packages.yml:2:5")
        #expect(error.message.hasPrefix("local package '../missing_src' has no dbt_project.yml"))
    }

    @Test func gitOptionsAreNotTakenFromPackageValues() throws {
        let fixture = try DepsFixture()
        try fixture.write("packages.yml", "packages:\n  - git: \"--upload-pack=touch /tmp/x\"\n")
        #expect(fixture.depsError()?.message == "git package URL '--upload-pack=touch /tmp/x' starts with '-'")
        let b = try fixture.gitPackage("pkg_b")
        try fixture.write("packages.yml", "packages:\n  - git: \"\(b.root)\"\n    revision: \"--output=x\"\n")
        #expect(fixture.depsError()?.message == "git package revision '--output=x' starts with '-'")
    }

    @Test func aLinkedInstallFolderIsRefused() throws {
        let fixture = try DepsFixture()
        try fixture.localPackage("pkg_a_src", name: "pkg_a")
        try fixture.write("packages.yml", "packages:\n  - local: ../pkg_a_src\n")
        // vendor/ links to a folder outside the project: emptying vendor/pkgs would empty its pkgs/
        try fixture.write("dbt_project.yml", "name: root_proj\nversion: '1.0'\npackages-install-path: vendor/pkgs\n")
        try fixture.write("pkgs/keep.txt", "not deps' to delete\n", under: fixture.outside + "/shared")
        try FileManager.default.createSymbolicLink(atPath: fixture.root + "/vendor", withDestinationPath: fixture.outside + "/shared")
        #expect(fixture.depsError()?.message
            == "packages-install-path 'vendor/pkgs' is not inside the project (a link on the way leads out of it)")
        #expect(FileManager.default.fileExists(atPath: fixture.outside + "/shared/pkgs/keep.txt"))
    }

    @Test func anInstallFolderThatIsALinkIsRefused() throws {
        let fixture = try DepsFixture()
        try fixture.localPackage("pkg_a_src", name: "pkg_a")
        try fixture.write("packages.yml", "packages:\n  - local: ../pkg_a_src\n")
        try fixture.write("vendor/keep.txt", "not deps' to delete\n")
        try FileManager.default.createSymbolicLink(atPath: fixture.root + "/dbt_packages", withDestinationPath: fixture.root + "/vendor")
        #expect(fixture.depsError()?.message == "packages-install-path 'dbt_packages' is a link")
        #expect(fixture.exists("vendor/keep.txt"))
    }

    @Test func anInstallPathOutsideTheProjectIsRefused() throws {
        let fixture = try DepsFixture()
        try fixture.write("dbt_project.yml", "name: root_proj\nversion: '1.0'\npackages-install-path: ../elsewhere\n")
        try fixture.localPackage("pkg_a_src", name: "pkg_a")
        try fixture.write("packages.yml", "packages:\n  - local: ../pkg_a_src\n")
        #expect(fixture.depsError()?.message == "packages-install-path '../elsewhere' is not inside the project")
    }
}
