// Runs the `flowc` binary this package built (beside the test bundle in .build/<config>/) in
// a project directory, capturing exit status, stdout and stderr.
import Foundation

struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// .build/<config>/flowc: the test process runs from the same directory.
    static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // on Linux the test runner is .build/<config>/<package>PackageTests.xctest
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("flowc").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("flowc").path
    }

    /// `environment` is added to this process's, without any DBT_ variable of its own (flowc
    /// reads dbt's: a developer's DBT_TARGET must not change what a test sees).
    static func run(_ args: [String], in directory: String, environment: [String: String] = [:]) throws -> CLIResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DBT_") }
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // drain stderr on another thread so neither pipe can fill up and block the child
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return CLIResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }
}
