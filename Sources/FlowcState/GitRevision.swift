// The project as it is at a git revision, read from git objects without touching the user's
// work tree or index: `git archive` of the project's subtree, parsed in memory (TarReader), so
// reading a revision writes no files. Only git is needed. The caller mounts the files as a
// VirtualTree and loads the project from it.
import FlowcProject
import Foundation

/// A revision's project files, read into memory.
public struct GitTree: Sendable {
    /// The project's files at the revision (paths relative to the project directory).
    public var files: [String: [UInt8]]
    /// The full commit id the revision names.
    public var commit: String
}

public enum GitRevision {
    /// Reads the project (the directory holding `projectRoot`, at the same place relative to
    /// the repository's top) as it is at `ref` (branch, tag, commit, `HEAD~1`, …) from git
    /// objects, with `git archive` of the project's subtree. Throws `GitError` naming the ref
    /// when it names no commit, when the project is not in a git repository, when the project
    /// did not exist at the revision, or when git is missing.
    public static func read(_ ref: String, projectRoot: String) throws -> GitTree {
        guard !ref.isEmpty, !ref.hasPrefix("-") else {
            throw GitError(message: "--state git:\(ref): '\(ref)' is not a git revision",
                           hint: "write a branch, tag or commit after 'git:', e.g. --state git:main")
        }
        let top = try text(git(["rev-parse", "--show-toplevel"], in: projectRoot, failure: { _ in
            GitError(message: "--state git:\(ref): \(projectRoot) is not inside a git repository",
                     hint: "run flowc from a clone of the project's repository, or pass --state PATH to a manifest directory")
        }))
        let prefix = try text(git(["rev-parse", "--show-prefix"], in: projectRoot))
        let commit = try text(git(["rev-parse", "--verify", "--quiet", ref + "^{commit}"], in: projectRoot, failure: { _ in
            GitError(message: "--state git:\(ref): no branch, tag or commit named '\(ref)' in \(top)",
                     hint: "check the name with `git branch -a` / `git tag`; in CI, fetch it first (`git fetch origin \(ref)`)")
        }))
        // only the project's subtree (`commit:prefix`): the rest of a monorepo is not read
        let tree = prefix.isEmpty ? commit : commit + ":" + String(prefix.dropLast(prefix.hasSuffix("/") ? 1 : 0))
        let archive = try git(["archive", "--format=tar", tree], in: top, failure: { _ in
            GitError(message: "--state git:\(ref): the project directory '\(prefix)' does not exist at \(ref)",
                     hint: "the revision predates the project; compare with a later one")
        })
        return GitTree(files: TarReader.files(Array(archive)), commit: commit)
    }

    static func text(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Installed packages (dbt deps) are not committed: the revision uses the work tree's.
    public static func installedPackageLinks(projectRoot: String) -> [String: String] {
        var links: [String: String] = [:]
        for name in ["dbt_packages", "dbt_modules"] where FileManager.default.fileExists(atPath: projectRoot + "/" + name) {
            links[name] = projectRoot + "/" + name
        }
        return links
    }

    @discardableResult
    static func git(_ args: [String], in directory: String, failure: ((String) -> GitError)? = nil) throws -> Data {
        try Git.run(args, in: directory, failure: failure)
    }
}
