// Builds throwaway projects on disk and runs them through load → graph → compile, the way the
// CLI does, so tests exercise the real pipeline on real files.
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcSQL
import Foundation

struct TestProject {
    let root: String

    /// Writes `files` (relative path → contents) into a fresh temporary directory.
    init(_ files: [String: String]) throws {
        root = NSTemporaryDirectory() + "flowc-test-" + UUID().uuidString
        for (path, text) in files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    init(copying dir: String) throws {
        root = NSTemporaryDirectory() + "flowc-test-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: dir, toPath: root)
    }

    /// A copy of the fixture project `Fixtures/<name>`, and the fixture's own folder (which
    /// holds what dbt made of it).
    static func fixture(_ name: String) throws -> (project: TestProject, folder: URL) {
        guard let folder = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw Diagnostic(.error, "fixture \(name) missing")
        }
        return (try TestProject(copying: folder.path), folder)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// A project of `files` with the minimal project file (unless given) and the SQLite profile.
    static func sqlite(_ files: [String: String]) throws -> TestProject {
        var all = files
        all["flowc.yml"] = all["flowc.yml"] ?? minimalProjectFile
        all["profiles.yml"] = sqliteProfile
        return try TestProject(all)
    }

    func build(target: String? = nil, vars: YAMLValue? = nil, env: [String: String] = [:]) throws -> GraphBuild {
        let project = try ProjectLoader.load(root: root, vars: vars)
        let (t, _) = try ProfileLoader.load(projectRoot: root, profileName: project.config.profile, targetName: target,
                                           profilesDir: nil, targetPath: project.config.targetPath, vars: vars)
        let dialect = Dialect.named(t.type) ?? .sqlite
        let options = GraphOptions(target: t, dialect: dialect, environment: env, threads: 2,
                                   invocationId: "test", runStartedAt: "2026-01-01T00:00:00Z")
        return try GraphBuilder.build(project, options: options)
    }

    /// Compiles every model/test/analysis and returns SQL by node name.
    func compile(target: String? = nil, env: [String: String] = [:]) throws -> [String: String] {
        let build = try self.build(target: target, env: env)
        let ids = build.manifest.nodes.values.filter { $0.resourceType != .seed }.map(\.uniqueId)
        let result = Compiler.compile(build, nodes: ids, threads: 2)
        if let d = result.diagnostics.first { throw d }
        var out: [String: String] = [:]
        for (id, c) in result.nodes { out[build.manifest.nodes[id]?.name ?? id] = c.sql }
        return out
    }

    /// The error diagnostics a build reports (empty when it succeeds).
    func errors() -> [Diagnostic] {
        do {
            _ = try build()
            return []
        } catch let e as ProjectErrors {
            return e.errors
        } catch let d as Diagnostic {
            return [d]
        } catch {
            return [Diagnostic(.error, "\(error)")]
        }
    }
}

let minimalProjectFile = """
name: shop
version: '1.0'
profile: shop
"""

let sqliteProfile = """
shop:
  target: dev
  outputs:
    dev:
      type: sqlite
      schema: main
      database: main
      threads: 2
    pg:
      type: postgres
      host: localhost
      user: u
      password: p
      dbname: warehouse
      schema: analytics
      threads: 4
"""

/// The errors loading a minimal project with `files` added reports (empty when it loads).
func loadErrors(_ files: [String: String]) throws -> [Diagnostic] {
    var all = files
    all["flowc.yml"] = minimalProjectFile
    all["profiles.yml"] = sqliteProfile
    let p = try TestProject(all)
    defer { p.remove() }
    do {
        _ = try ProjectLoader.load(root: p.root)
        return []
    } catch let e as ProjectErrors {
        return e.errors
    }
}
