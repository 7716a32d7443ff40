// A root project in a temporary folder, with packages as real git repositories and folders,
// for running `deps` on it for real.
@testable import FlowcDeps
import FlowcProject
import FlowcTestSupport
import Foundation

final class DepsFixture {
    let root: String
    private var repositories: [TestGitRepository] = []

    init(name: String = "root_proj") throws {
        // resolved, as deps resolves the project folder (NSTemporaryDirectory may be a link)
        let base = NSTemporaryDirectory() + "flowc-deps-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base + "/root", withIntermediateDirectories: true)
        root = URL(fileURLWithPath: base + "/root").resolvingSymlinksInPath().path
        try write("dbt_project.yml", "name: \(name)\nversion: '1.0'\nprofile: none\n")
    }

    deinit { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: root).deletingLastPathComponent().path) }

    /// The folder beside the root project, for local packages (`../<name>`).
    var outside: String { URL(fileURLWithPath: root).deletingLastPathComponent().path }

    func write(_ path: String, _ text: String, under base: String? = nil) throws {
        let url = URL(fileURLWithPath: (base ?? root) + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: root + "/" + path, encoding: .utf8) }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root + "/" + path) }

    /// A local package folder `../<folder>` named `name`, with one macro.
    func localPackage(_ folder: String, name: String, packages: String? = nil) throws {
        try write(folder + "/dbt_project.yml", "name: \(name)\nversion: '1.0'\n", under: outside)
        try write(folder + "/macros/\(name)_hello.sql", "{% macro \(name)_hello() %}'hello'{% endmacro %}\n", under: outside)
        if let packages { try write(folder + "/packages.yml", packages, under: outside) }
    }

    /// A git repository holding package `name` (at `subdirectory` when given), on branch main.
    func gitPackage(_ name: String, subdirectory: String? = nil, extra: [String: String] = [:]) throws -> TestGitRepository {
        let prefix = subdirectory.map { $0 + "/" } ?? ""
        var files = [prefix + "dbt_project.yml": "name: \(name)\nversion: '1.0'\n",
                     prefix + "macros/\(name)_hello.sql": "{% macro \(name)_hello() %}'v1'{% endmacro %}\n"]
        for (k, v) in extra { files[k] = v }
        let repository = try TestGitRepository(files, prefix: "flowc-deps-pkg-")
        repositories.append(repository)
        return repository
    }

    /// Runs deps; returns its progress lines.
    @discardableResult
    func deps(upgrade: Bool = false, lockOnly: Bool = false, vars: String? = nil,
              environment: [String: String] = [:]) throws -> [String] {
        var options = DepsOptions()
        options.upgrade = upgrade
        options.lockOnly = lockOnly
        options.cliVars = try vars.flatMap { try YAMLText.parse($0, file: "--vars") }
        options.environment = environment
        var lines: [String] = []
        try Deps.run(root: root, options: options, log: { lines.append($0) }, warn: { lines.append($0) })
        return lines
    }

    /// The error deps stops with.
    func depsError() -> Diagnostic? {
        do {
            try deps()
            return nil
        } catch let errors as ProjectErrors {
            return errors.errors.first
        } catch {
            return Diagnostic(.error, "unexpected: \(error)")
        }
    }
}
