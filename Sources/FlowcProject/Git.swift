// Running git: one command in a directory, stdout returned, stderr turned into a GitError.
// State comparison reads revisions with it and `flowc deps` checks out git packages.
import Foundation
import Synchronization

public struct GitError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var hint: String?
    public var description: String { message + (hint.map { "\nhint: \($0)" } ?? "") }

    public init(message: String, hint: String?) {
        self.message = message
        self.hint = hint
    }
}

public enum Git {
    /// What git exports to hooks: they would point commands at the caller's repository, not
    /// at the one in `directory` (a `reset --hard` there would lose the user's work).
    static let repositoryVariables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                                      "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX"]

    /// Runs git in `directory`; returns stdout, or throws `failure(stderr)` (default: git's message).
    /// `isolated` drops the repository variables a git hook's environment carries. git never
    /// reads stdin: a prompt fails instead of waiting.
    @discardableResult
    public static func run(_ args: [String], in directory: String, environment: [String: String] = [:],
                           isolated: Bool = false, failure: ((String) -> GitError)? = nil) throws -> Data {
        let result: Subprocess.Result
        do {
            result = try Subprocess.run("git", ["-C", directory] + args, environment: environment,
                                        removing: isolated ? repositoryVariables : [])
        } catch {
            throw GitError(message: "cannot run git: \(error)", hint: "install git and make sure it is on PATH")
        }
        guard result.status == 0 else {
            if result.status == 127 {
                throw GitError(message: "cannot run git: not found", hint: "install git and make sure it is on PATH")
            }
            if let failure { throw failure(result.errorText) }
            throw GitError(message: "git \(args.joined(separator: " ")) failed: \(result.errorText)", hint: nil)
        }
        return result.stdout
    }
}
