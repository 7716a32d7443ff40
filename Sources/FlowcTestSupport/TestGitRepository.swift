// For tests: a real git repository in a temporary directory, driven with /usr/bin/git, so
// state comparison and slim-CI tests commit files and compare revisions for real.
import Foundation

public final class TestGitRepository {
    public let root: String

    public struct GitError: Error, CustomStringConvertible {
        public var args: [String]
        public var description: String { "git " + args.joined(separator: " ") + " failed" }
    }

    /// A repository on branch `main` holding `files`, committed as "initial".
    public init(_ files: [String: String], prefix: String) throws {
        root = NSTemporaryDirectory() + prefix + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
        try git("config", "user.email", "test@example.com")
        try git("config", "user.name", "Test")
        try git("config", "commit.gpgsign", "false")
        for (path, text) in files { try write(path, text) }
        try commit("initial")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    public func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func read(_ path: String) throws -> String {
        try String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }

    /// Commits everything; returns the commit id.
    @discardableResult
    public func commit(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git in the repository; throws when it fails.
    @discardableResult
    public func git(_ args: String...) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = ["-C", root] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw GitError(args: args) }
        return String(decoding: data, as: UTF8.self)
    }
}
