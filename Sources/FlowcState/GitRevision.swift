// The project as it is at a git revision, without touching the user's work tree or index: git
// reads the revision's tree into a private index file (GIT_INDEX_FILE) and checks that index
// out into a fresh temporary directory. Only git is needed (no tar). The caller loads the
// project from the returned directory and removes it afterwards.
import Foundation
import Synchronization

public struct GitError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var hint: String?
    public var description: String { message + (hint.map { "\nhint: \($0)" } ?? "") }
}

public struct GitCheckout: Sendable {
    /// The project directory inside the checkout (the same place relative to the repository's
    /// top as the current project).
    public var projectRoot: String
    /// The full commit id the revision names.
    public var commit: String
    /// The temporary directory to remove when done.
    public var directory: String

    public func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

public enum GitRevision {
    /// Checks out `ref` (branch, tag, commit, `HEAD~1`, …) of the repository holding
    /// `projectRoot` into a temporary directory. Throws `GitError` naming the ref when it names
    /// no commit, when the project is not in a git repository, or when git is missing.
    public static func checkout(_ ref: String, projectRoot: String) throws -> GitCheckout {
        guard !ref.isEmpty, !ref.hasPrefix("-") else {
            throw GitError(message: "--state git:\(ref): '\(ref)' is not a git revision",
                           hint: "write a branch, tag or commit after 'git:', e.g. --state git:main")
        }
        let top = try git(["rev-parse", "--show-toplevel"], in: projectRoot, failure: { _ in
            GitError(message: "--state git:\(ref): \(projectRoot) is not inside a git repository",
                     hint: "run flowc from a clone of the project's repository, or pass --state PATH to a manifest directory")
        }).trimmingCharacters(in: .newlines)
        let prefix = try git(["rev-parse", "--show-prefix"], in: projectRoot).trimmingCharacters(in: .newlines)
        let commit = try git(["rev-parse", "--verify", "--quiet", ref + "^{commit}"], in: projectRoot, failure: { _ in
            GitError(message: "--state git:\(ref): no branch, tag or commit named '\(ref)' in \(top)",
                     hint: "check the name with `git branch -a` / `git tag`; in CI, fetch it first (`git fetch origin \(ref)`)")
        }).trimmingCharacters(in: .newlines)
        let directory = NSTemporaryDirectory() + "flowc-state-" + String(commit.prefix(12)) + "-" + UUID().uuidString
        let root = directory + "/tree"
        // only the project's subtree (`commit:prefix`): the rest of a monorepo is not written
        let project = prefix.isEmpty ? commit : commit + ":" + String(prefix.dropLast(prefix.hasSuffix("/") ? 1 : 0))
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            let env = ["GIT_INDEX_FILE": directory + "/index"]
            _ = try git(["read-tree", project], in: top, environment: env, failure: { _ in
                GitError(message: "--state git:\(ref): the project directory '\(prefix)' does not exist at \(ref)",
                         hint: "the revision predates the project; compare with a later one")
            })
            _ = try git(["checkout-index", "--all", "--prefix=" + root + "/"], in: top, environment: env)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        linkInstalledPackages(from: projectRoot, to: root)
        return GitCheckout(projectRoot: root, commit: commit, directory: directory)
    }

    /// Installed packages (dbt deps) are not committed: the revision uses the work tree's.
    static func linkInstalledPackages(from projectRoot: String, to root: String) {
        let fm = FileManager.default
        for name in ["dbt_packages", "dbt_modules"] {
            let source = projectRoot + "/" + name, dest = root + "/" + name
            if fm.fileExists(atPath: source), !fm.fileExists(atPath: dest) {
                try? fm.createSymbolicLink(atPath: dest, withDestinationPath: source)
            }
        }
    }

    /// stderr as read by its thread.
    private final class ErrorOutput: Sendable {
        private let value = Mutex(Data())
        var data: Data {
            get { value.withLock { $0 } }
            set { value.withLock { $0 = newValue } }
        }
    }

    /// Runs git in `directory`; returns stdout, or throws `failure(stderr)` (default: git's message).
    @discardableResult
    static func git(_ args: [String], in directory: String, environment: [String: String] = [:],
                    failure: ((String) -> GitError)? = nil) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", directory] + args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do {
            try p.run()
        } catch {
            throw GitError(message: "cannot run git: \(error)", hint: "install git and make sure it is on PATH")
        }
        // read both pipes before waiting (stderr on another thread): a full pipe would block git
        let errorOutput = ErrorOutput()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorOutput.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let stderr = errorOutput.data
        p.waitUntilExit()
        let errText = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard p.terminationStatus == 0 else {
            if p.terminationStatus == 127 {
                throw GitError(message: "cannot run git: not found", hint: "install git and make sure it is on PATH")
            }
            if let failure { throw failure(errText) }
            throw GitError(message: "git \(args.joined(separator: " ")) failed: \(errText)", hint: nil)
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}
