// Hub packages (`package: org/name` with `version:`) from a package hub served over HTTP on
// this machine (DBT_PACKAGE_HUB_URL, as dbt reads it), with dbt's hub JSON and real .tar.gz
// archives: the highest compatible release in the intersection of every listing's range,
// pre-releases and releases for other dbt versions left out, the lock, dbt's errors; and
// `tarball:` packages.
@testable import FlowcDeps
import FlowcDocs
import FlowcProject
import Foundation
import Testing

struct HubSetupError: Error {
    var message: String
}

final class FakeHub {
    let root: String
    let server: StaticServer
    var url: String { "http://127.0.0.1:\(server.port)/" }

    /// `packages`: hub name → version → (project name, its hub dependencies, require_dbt_version).
    init(_ packages: [String: [String: (name: String, dependencies: [(String, [String])], requires: [String])]]) throws {
        root = NSTemporaryDirectory() + "flowc-hub-" + UUID().uuidString
        for (package, versions) in packages {
            var entries: [String: Any] = [:]
            for (version, release) in versions {
                let top = package.replacingOccurrences(of: "/", with: "-") + "-" + version
                let src = root + "/src/" + top
                try FileManager.default.createDirectory(atPath: src + "/macros", withIntermediateDirectories: true)
                try Data("name: \(release.name)\nversion: '\(version)'\n".utf8).write(to: URL(fileURLWithPath: src + "/dbt_project.yml"))
                try Data("{% macro \(release.name)_version() %}'\(version)'{% endmacro %}\n".utf8)
                    .write(to: URL(fileURLWithPath: src + "/macros/version.sql"))
                try FileManager.default.createDirectory(atPath: root + "/tarballs", withIntermediateDirectories: true)
                let archive = root + "/tarballs/" + top + ".tar.gz"
                let tar = try Subprocess.run("tar", ["-czf", archive, "-C", root + "/src", top])
                guard tar.status == 0 else { throw HubSetupError(message: tar.errorText) }
                entries[version] = [
                    "name": release.name, "version": version, "id": package + "/" + version,
                    "packages": release.dependencies.map { ["package": $0.0, "version": $0.1] },
                    "downloads": ["tarball": "TARBALL/tarballs/" + top + ".tar.gz", "format": "tgz"],
                    "require_dbt_version": release.requires,
                ] as [String: Any]
            }
            let parts = package.split(separator: "/").map(String.init)
            let json = try JSONSerialization.data(withJSONObject: ["name": parts[1], "namespace": parts[0], "versions": entries])
            try FileManager.default.createDirectory(atPath: root + "/api/v1/" + parts[0], withIntermediateDirectories: true)
            try json.write(to: URL(fileURLWithPath: root + "/api/v1/" + package + ".json"))
        }
        server = try StaticServer(root: root, port: 0)
        // the tarball URLs need the port, known only now
        for file in FileManager.default.enumerator(atPath: root + "/api")?.compactMap({ $0 as? String }) ?? [] where file.hasSuffix(".json") {
            let path = root + "/api/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "TARBALL", with: "http://127.0.0.1:\(server.port)")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        let s = server
        Thread.detachNewThread { s.serve() }
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: root)
    }
}

@Suite struct HubPackageTests {
    static func hub() throws -> FakeHub {
        try FakeHub([
            "acme/util_pkg": [
                "1.0.0": ("util_pkg", [], []),
                "1.2.0": ("util_pkg", [], [">=1.5.0"]),
                "1.3.0-b1": ("util_pkg", [], []),
                "2.0.0": ("util_pkg", [], [">=2.0.0"]),  // not for the dbt flowc stands for
            ],
            "acme/uses_util": ["0.1.0": ("uses_util", [("acme/util_pkg", [">=1.0.0", "<1.2.0"])], [])],
        ])
    }

    @Test func installsTheHighestCompatibleReleaseAndLocksIt() throws {
        let hub = try Self.hub()
        let fixture = try DepsFixture()
        try fixture.write("packages.yml", "packages:\n  - package: acme/util_pkg\n    version: [\">=1.0.0\", \"<3.0.0\"]\n")
        let lines = try fixture.deps(environment: ["DBT_PACKAGE_HUB_URL": hub.url])
        #expect(lines.contains("Installing acme/util_pkg"), "\(lines)")
        #expect(lines.contains("Installed from version 1.2.0"))
        #expect(lines.contains("Up to date!"))
        #expect(try fixture.read("dbt_packages/util_pkg/macros/version.sql").contains("'1.2.0'"))
        let lock = try fixture.read("package-lock.yml")
        #expect(lock.hasPrefix("packages:\n  - name: util_pkg\n    package: acme/util_pkg\n    version: 1.2.0\nsha1_hash: "), "\(lock)")
        // the lock is reused: the same release again
        try FileManager.default.removeItem(atPath: fixture.root + "/dbt_packages")
        try fixture.deps(environment: ["DBT_PACKAGE_HUB_URL": hub.url])
        #expect(try fixture.read("dbt_packages/util_pkg/macros/version.sql").contains("'1.2.0'"))
    }

    /// A package's own listing narrows what the root asks for: every range counts, as in dbt.
    @Test func everyListingsRangeIsIntersected() throws {
        let hub = try Self.hub()
        let fixture = try DepsFixture()
        try fixture.write("packages.yml", """
            packages:
              - package: acme/util_pkg
                version: [">=1.0.0", "<3.0.0"]
              - package: acme/uses_util
                version: 0.1.0
            """)
        let lines = try fixture.deps(environment: ["DBT_PACKAGE_HUB_URL": hub.url])
        #expect(lines.contains("Installed from version 1.0.0"), "\(lines)")
        #expect(lines.contains("Updated version available: 1.2.0"))
        #expect(lines.contains("Updates available for packages: ['acme/util_pkg']"))
        #expect(try fixture.read("dbt_packages/util_pkg/macros/version.sql").contains("'1.0.0'"))
        #expect(fixture.exists("dbt_packages/uses_util/dbt_project.yml"))
    }

    @Test func dbtsErrorsAtTheEntry() throws {
        let hub = try Self.hub()
        let fixture = try DepsFixture()
        let env = ["DBT_PACKAGE_HUB_URL": hub.url]
        func error() -> Diagnostic? {
            do { try fixture.deps(environment: env); return nil } catch let e as ProjectErrors { return e.errors.first } catch { return nil }
        }
        try fixture.write("packages.yml", "packages:\n  - package: acme/nope\n    version: 1.0.0\n")
        #expect(error()?.message == "Package acme/nope was not found in the package index")
        #expect(error()?.span?.description == "packages.yml:2:5")
        try fixture.write("packages.yml", "packages:\n  - package: acme/util_pkg\n    version: 2.0.0\n")
        #expect(error()?.message == "Could not find a matching compatible version for package acme/util_pkg\n"
                + "  Requested range: =2.0.0\n  Compatible versions: ['1.0.0', '1.2.0']")
        try fixture.write("packages.yml", "packages:\n  - package: acme/util_pkg\n    version: [\">=1.2.0\", \"<1.0.0\"]\n")
        #expect(error()?.message.hasPrefix("Version error for package acme/util_pkg:") == true)
        // a pre-release only when asked for
        try fixture.write("packages.yml", "packages:\n  - package: acme/util_pkg\n    version: \">=1.0.0\"\n    install-prerelease: true\n")
        #expect(error() == nil)
        #expect(try fixture.read("package-lock.yml").contains("version: 1.3.0-b1"))
    }

    @Test func tarballPackages() throws {
        let hub = try Self.hub()
        let fixture = try DepsFixture()
        try fixture.write("packages.yml", "packages:\n  - tarball: \(hub.url)tarballs/acme-util_pkg-1.0.0.tar.gz\n    name: util_pkg\n")
        let lines = try fixture.deps()
        #expect(lines.contains("Installed from tarball"), "\(lines)")
        #expect(try fixture.read("dbt_packages/util_pkg/macros/version.sql").contains("'1.0.0'"))
        #expect(try fixture.read("package-lock.yml").contains("  - name: util_pkg\n    tarball: \(hub.url)tarballs/acme-util_pkg-1.0.0.tar.gz\n"))
    }

    /// dbt's `deps --add-package`: the entry added (or its version replaced) in packages.yml,
    /// comments and other entries kept, then installed.
    @Test func addPackageEditsThePackagesFile() throws {
        #expect(try AddPackage.edited("", name: "acme/util_pkg", version: "1.0.0", source: .hub)
                == "packages:\n  - package: acme/util_pkg\n    version: 1.0.0\n")
        let listed = "# ours\npackages:\n  - local: ../x  # a note\n  - package: acme/util_pkg\n    version: 1.0.0\n\nvars: {}\n"
        #expect(try AddPackage.edited(listed, name: "acme/util_pkg", version: "1.2.0", source: .hub)
                == "# ours\npackages:\n  - local: ../x  # a note\n  - package: acme/util_pkg\n    version: 1.2.0\n\nvars: {}\n")
        #expect(try AddPackage.edited(listed, name: "https://example.com/r.git", version: "v1", source: .git)
                == "# ours\npackages:\n  - local: ../x  # a note\n  - package: acme/util_pkg\n    version: 1.0.0\n"
                + "  - git: https://example.com/r.git\n    revision: v1\n\nvars: {}\n")
        #expect(AddPackage.split("git@github.com:org/repo.git@v1.0") == ("git@github.com:org/repo.git", "v1.0"))
        #expect(AddPackage.split("git@github.com:org/repo.git") == ("git@github.com:org/repo.git", nil))

        let hub = try Self.hub()
        let fixture = try DepsFixture()
        try AddPackage.apply("acme/util_pkg@1.0.0", source: .hub, root: fixture.root)
        try fixture.deps(environment: ["DBT_PACKAGE_HUB_URL": hub.url])
        #expect(try fixture.read("dbt_packages/util_pkg/macros/version.sql").contains("'1.0.0'"))
        #expect(throws: AddPackage.Invalid.self) { try AddPackage.apply("acme/util_pkg", source: .hub, root: fixture.root) }
    }
}
