// `{{ target.… }}` in the project file renders against the target the command runs with, as in
// dbt: projects pick schemas and switch models on and off per target.
import Foundation
import Testing

@Suite struct ProjectTargetCLITests {
    static func project() throws -> String {
        let root = NSTemporaryDirectory() + "flowc-target-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/models/only_prod", withIntermediateDirectories: true)
        let files = [
            "dbt_project.yml": """
                name: tgt
                version: '1.0'
                profile: tgt
                models:
                  tgt:
                    +schema: "{{ 'reporting' if target.name == 'prod' else 'scratch' }}"
                    only_prod:
                      +enabled: "{{ target.name == 'prod' }}"
                """,
            "profiles.yml": """
                tgt:
                  target: dev
                  outputs:
                    dev: {type: sqlite, schema: main, path: \(root)/dev.db, threads: 1}
                    prod: {type: sqlite, schema: main, path: \(root)/prod.db, threads: 1}
                """,
            "models/m.sql": "select 1 as id",
            "models/only_prod/p.sql": "select 2 as id",
        ]
        for (path, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path)) }
        return root
    }

    static func nodes(_ root: String) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/target/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return manifest["nodes"] as? [String: [String: Any]] ?? [:]
    }

    @Test func projectConfigsRenderAgainstTheCommandsTarget() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dev = try CLITests.flowc(["compile"], in: root)
        #expect(dev.code == 0, Comment(rawValue: dev.output))
        #expect(!dev.output.contains("left unrendered"), Comment(rawValue: dev.output))
        var nodes = try Self.nodes(root)
        #expect(nodes["model.tgt.m"]?["schema"] as? String == "main_scratch")
        #expect(nodes["model.tgt.p"] == nil)

        let prod = try CLITests.flowc(["compile", "--target", "prod"], in: root)
        #expect(prod.code == 0, Comment(rawValue: prod.output))
        nodes = try Self.nodes(root)
        #expect(nodes["model.tgt.m"]?["schema"] as? String == "main_reporting")
        #expect(nodes["model.tgt.p"]?["schema"] as? String == "main_reporting")
    }
}
