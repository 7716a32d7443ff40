// Test support: a throwaway project directory on disk, filled from the test's own strings and
// removed when the test is done.

import Foundation
@testable import FlowcProject

final class TempProject {
    let root: String

    /// A fresh empty directory under the system temporary directory.
    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        root = base + "/flowc-project-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    /// A directory with these files (path relative to the root → contents).
    convenience init(_ files: [String: String]) throws {
        try self.init()
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        let dir = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
    }

    func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: root + "/" + path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Loads the project with a fixed environment.
    func load(vars: YAMLValue? = nil, target: Target? = nil, environment: [String: String] = [:]) throws -> Project {
        try ProjectLoader.load(root: root, vars: vars, target: target, environment: environment)
    }

    /// The diagnostics `load` throws (fails the test when it does not throw).
    func loadErrors(vars: YAMLValue? = nil, environment: [String: String] = [:]) -> [Diagnostic] {
        do {
            _ = try load(vars: vars, environment: environment)
            return []
        } catch let e as ProjectErrors {
            return e.diagnostics
        } catch {
            return [Diagnostic(.error, "unexpected error \(error)")]
        }
    }
}

/// Parses YAML text for assertions on YAML values.
func yaml(_ text: String, file: String = "t.yml") -> (value: YAMLValue?, diagnostics: [Diagnostic]) {
    YAMLReader.parse(text, file: file)
}

/// `(line, column)` of a span, for compact expectations.
func place(_ span: SourceSpan?) -> [Int] {
    guard let span else { return [] }
    return [span.line, span.column]
}

enum FileManagerLink {
    static func link(_ path: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: destination)
    }
}
