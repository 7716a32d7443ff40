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

    /// dbt's run compiles every selected ephemeral model, also one nothing that ran inlines:
    /// its compiled file is written and the manifest has it compiled (dbt 1.11.16 side by side).
    @Test func runCompilesEverySelectedEphemeral() throws {
        let root = try Self.project(folders: 0, perFolder: 0)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/models", withIntermediateDirectories: true)
        for (name, sql) in [("used_eph", "{{ config(materialized='ephemeral') }}select 1 as id"),
                            ("leaf_eph", "{{ config(materialized='ephemeral') }}select 2 as id"),
                            ("tbl", "select * from {{ ref('used_eph') }}")] {
            try Data(sql.utf8).write(to: URL(fileURLWithPath: root + "/models/\(name).sql"))
        }
        let run = try CLITests.flowc(["run"], in: root)
        #expect(run.code == 0, Comment(rawValue: run.output))
        let leaf = try String(contentsOfFile: root + "/target/compiled/files/models/leaf_eph.sql", encoding: .utf8)
        #expect(leaf == "select 2 as id")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/target/manifest.json")))
        let nodes = (manifest as? [String: Any])?["nodes"] as? [String: [String: Any]]
        #expect(nodes?["model.files.leaf_eph"]?["compiled"] as? Bool == true)
    }
}
