// `flowc compile` writes one file per node, folders shared out between threads: every file in
// every folder is written, and a folder that cannot be created fails the command with its path
// while the other folders' files are still written.
import Foundation
import Testing

@Suite struct CompiledFilesCLITests {
    static func project(folders: Int, perFolder: Int) throws -> String {
        let root = NSTemporaryDirectory() + "flowc-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("name: files\nversion: '1.0'\nprofile: files\n".utf8).write(to: URL(fileURLWithPath: root + "/dbt_project.yml"))
        try Data("files:\n  target: dev\n  outputs:\n    dev: {type: sqlite, schema: main, path: \(root)/dev.db, threads: 1}\n".utf8)
            .write(to: URL(fileURLWithPath: root + "/profiles.yml"))
        for f in 0..<folders {
            try FileManager.default.createDirectory(atPath: root + "/models/f\(f)", withIntermediateDirectories: true)
            for m in 0..<perFolder {
                try Data("select \(f * 100 + m) as id".utf8).write(to: URL(fileURLWithPath: root + "/models/f\(f)/m\(f)_\(m).sql"))
            }
        }
        return root
    }

    @Test func everyFolderIsWrittenAndABlockedOneFailsTheCommand() throws {
        let root = try Self.project(folders: 5, perFolder: 7)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let ok = try CLITests.flowc(["compile"], in: root)
        #expect(ok.code == 0, Comment(rawValue: ok.output))
        for f in 0..<5 {
            for m in 0..<7 {
                let text = try String(contentsOfFile: root + "/target/compiled/files/models/f\(f)/m\(f)_\(m).sql", encoding: .utf8)
                #expect(text == "select \(f * 100 + m) as id")
            }
        }

        // a file where folder f3 should be: its models cannot be written, the others still are
        try FileManager.default.removeItem(atPath: root + "/target")
        try FileManager.default.createDirectory(atPath: root + "/target/compiled/files/models", withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: root + "/target/compiled/files/models/f3"))
        let blocked = try CLITests.flowc(["compile"], in: root)
        #expect(blocked.code != 0)
        #expect(blocked.output.contains("cannot write \(root)/target/compiled/files/models/f3: a file is in the way"),
                Comment(rawValue: blocked.output))
        #expect(FileManager.default.fileExists(atPath: root + "/target/compiled/files/models/f4/m4_6.sql"))
        #expect(FileManager.default.fileExists(atPath: root + "/target/compiled/files/models/f0/m0_0.sql"))
    }
}
