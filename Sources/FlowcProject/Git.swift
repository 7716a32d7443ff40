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
    /// stderr as read by its thread.
    private final class ErrorOutput: Sendable {
        private let value = Mutex(Data())
        var data: Data {
            get { value.withLock { $0 } }
            set { value.withLock { $0 = newValue } }
        }
    }

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
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", directory] + args
        var env = ProcessInfo.processInfo.environment
        if isolated { for name in repositoryVariables { env[name] = nil } }
        for (k, v) in environment { env[k] = v }
        p.environment = env
        p.standardInput = FileHandle.nullDevice
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
        return stdout
    }
}
