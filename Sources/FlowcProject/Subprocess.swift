// Running another program (git, curl, tar) found on PATH, with stdin closed so a prompt fails
// instead of waiting, and both output pipes read as they fill (a full pipe would block it).
import Foundation
import Synchronization

public enum Subprocess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        /// stderr as text, trimmed.
        public var errorText: String { String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// stderr as read by its thread.
    private final class ErrorOutput: Sendable {
        private let value = Mutex(Data())
        var data: Data {
            get { value.withLock { $0 } }
            set { value.withLock { $0 = newValue } }
        }
    }

    /// Runs `tool` (looked up on PATH) with `args`; `environment` is added to this process's,
    /// `removing` names variables to drop. Throws only when it cannot be started; exit status
    /// 127 means it was not found.
    public static func run(_ tool: String, _ args: [String], in directory: String? = nil, environment: [String: String] = [:],
                           removing: [String] = []) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        for name in removing { env[name] = nil }
        for (k, v) in environment { env[k] = v }
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let errorOutput = ErrorOutput()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorOutput.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: stdout, stderr: errorOutput.data)
    }
}
