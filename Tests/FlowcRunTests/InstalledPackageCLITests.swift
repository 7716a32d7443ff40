// A project with a package installed under dbt_packages/ (the fixture
// Tests/FlowcCompileTests/Fixtures/packages), run through the real `flowc` binary: the
// manifest's package nodes carry what dbt Core writes for the same project (recorded by
// scripts/gen_dbt_package_vectors.sh in expected_nodes.json), compiled SQL is dbt's byte for
// byte, selection by package and fqn works, and `flowc build` builds the package's seeds and
// models on SQLite with the root project's overrides applied.
import FlowcProject
import FlowcRun
import FlowcWarehouse
import Foundation
import Testing

@Suite struct InstalledPackageCLITests {
    /// The fixture, in the source tree beside this test target's sources.
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../FlowcCompileTests/Fixtures/packages").standardizedFileURL.path

    /// A copy of the fixture project in a temporary directory (without dbt's recorded outputs).
    static func copy() throws -> String {
        let root = NSTemporaryDirectory() + "flowc-packages-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: fixture, toPath: root)
        for recorded in ["expected_compiled", "expected_nodes.json", "DBT_VERSION", "target"] {
            try? FileManager.default.removeItem(atPath: root + "/" + recorded)
        }
        return root
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Fields where flowc differs from dbt for every project, packages or not; they are not
    /// what this test is about. (None now: a snapshot's compiled_path is null, as dbt's.)
    static let knownDifferences: Set<String> = []

    @Test func manifestAndCompiledSQLMatchDbt() throws {
        let root = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let compile = try CLITests.flowc(["compile"], in: root)
        #expect(compile.code == 0, Comment(rawValue: compile.output))

        let manifest = try Self.json(root + "/target/manifest.json")
        let nodes = manifest["nodes"] as? [String: [String: Any]] ?? [:]
        let sources = manifest["sources"] as? [String: [String: Any]] ?? [:]
        let disabled = manifest["disabled"] as? [String: [[String: Any]]] ?? [:]
        let expected = try Self.json(Self.fixture + "/expected_nodes.json")
        #expect(expected.count == 18)
        var differences: [String] = []
        for (uid, value) in expected.sorted(by: { $0.key < $1.key }) {
            guard let want = value as? [String: Any] else { continue }
            guard let node = nodes[uid] ?? sources[uid] ?? disabled[uid]?.first else {
                differences.append("\(uid) missing")
                continue
            }
            let config = node["config"] as? [String: Any] ?? [:]
            let dependsOn = (node["depends_on"] as? [String: Any])?["nodes"] as? [String] ?? []
            for (field, wanted) in want where !Self.knownDifferences.contains("\(uid) \(field)") {
                let have: Any?
                switch field {
                case "materialized", "enabled", "meta": have = config[field]
                case "depends_on_nodes": have = dependsOn.sorted()
                case "root_path": have = (node["root_path"] as? String).map { $0 == root ? "" : String($0.dropFirst(root.count + 1)) }
                case "compiled_path" where nodes[uid]?["resource_type"] as? String == "seed": continue
                default: have = node[field]
                }
                if !Self.same(have, wanted) { differences.append("\(uid) \(field): flowc \(have ?? "nil"), dbt \(wanted)") }
            }
        }
        #expect(differences.isEmpty, Comment(rawValue: differences.joined(separator: "\n")))
        // The package's own model ref'ing a name the root project also has gets the root's (dbt's order).
        #expect((nodes["model.pkgx.uses_dupe"]?["depends_on"] as? [String: Any])?["nodes"] as? [String] == ["model.shop.dupe"])

        let expectedRoot = Self.fixture + "/expected_compiled"
        var mismatches: [String] = []
        var count = 0
        let files = FileManager.default.enumerator(atPath: expectedRoot)
        while let rel = files?.nextObject() as? String {
            guard rel.hasSuffix(".sql") else { continue }
            count += 1
            let want = try String(contentsOfFile: expectedRoot + "/" + rel, encoding: .utf8)
            let have = try? String(contentsOfFile: root + "/target/compiled/" + rel, encoding: .utf8)
            if have != want { mismatches.append(rel) }
        }
        #expect(count == 13)
        #expect(mismatches.isEmpty, Comment(rawValue: "differs from dbt: \(mismatches)"))
    }

    /// Equal as JSON (compared through their canonical serialization).
    static func same(_ a: Any?, _ b: Any) -> Bool {
        func text(_ v: Any) -> String? {
            (try? JSONSerialization.data(withJSONObject: [v], options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
        }
        return text(a ?? NSNull()) == text(b)
    }

    @Test func selectionByPackageAndFqn() throws {
        let root = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let byPackage = try CLITests.flowc(["ls", "-s", "package:pkgx", "--resource-type", "model"], in: root)
        #expect(byPackage.code == 0, Comment(rawValue: byPackage.output))
        #expect(Self.lines(byPackage.output) == ["pkgx.dupe.dupe", "pkgx.pkg_from_root", "pkgx.staging.pkg_conf",
                                                 "pkgx.staging.pkg_customers", "pkgx.uses_dupe"])
        let byFqn = try CLITests.flowc(["ls", "-s", "pkgx.staging.*", "--output", "path"], in: root)
        // Paths as dbt lists them: relative to the package (the two schema.yml lines are its tests).
        #expect(Self.lines(byFqn.output) == ["models/schema.yml", "models/schema.yml", "models/staging/pkg_conf.sql",
                                             "models/staging/pkg_customers.sql", "tests/assert_pkg_positive.sql"])
        let downstream = try CLITests.flowc(["ls", "-s", "pkg_customers+", "--resource-type", "model"], in: root)
        #expect(Self.lines(downstream.output) == ["pkgx.staging.pkg_customers", "shop.root_orders"])
        // Disabled by the root project: not listed, not selectable.
        let all = try CLITests.flowc(["ls"], in: root)
        #expect(!all.output.contains("gone"))
    }

    static func lines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.contains(" ") }.sorted()
    }

    @Test func buildRunsThePackageOnSQLite() throws {
        let root = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let build = try CLITests.flowc(["build"], in: root)
        #expect(build.code == 0, Comment(rawValue: build.output))
        #expect(build.output.contains("OK created sql table model main.pkg_customers"))
        #expect(build.output.contains("OK loaded seed file main_raw.pkg_seed"))
        #expect(build.output.contains("PASS unique_pkg_customers_id"))

        func rows(_ sql: String) throws -> [[String]] { try CLITests.targetRows(root, sql) }
        // vars: the root's `pkgx: {pkg_scoped}` and global `currency` beat the package's own.
        #expect(try rows("select id, customer_name, scoped, only_pkg, currency from main.pkg_customers order by id")
                == [["10", "alice", "from_root", "pkg_default", "usd"], ["11", "bob", "from_root", "pkg_default", "usd"]])
        // The root model reads the package model, which reads the package's seed in main_raw.
        #expect(try rows("select order_id, customer_name from main.root_orders order by order_id")
                == [["1", "alice"], ["2", "bob"]])
        // The package model reads the root's model and a source the root's seed provides.
        #expect(try rows("select order_id from main.pkg_from_root order by order_id") == [["1"], ["2"], ["3"]])
        #expect(try rows("select owner from main.uses_dupe") == [["root"]])
        #expect(try rows("select owner from main_pkg.dupe") == [["pkgx"]])
        // The root's `+materialized: table` beat the package's config(materialized='view').
        #expect(try rows("select type from main.sqlite_master where name = 'pkg_conf'") == [["table"]])
        #expect(try rows("select type from main.sqlite_master where name = 'gone'") == [])
    }
}

extension InstalledPackageCLITests {
    @Test func inlineSQLLooksNamesUpInTheRootProjectFirst() throws {
        let root = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The fixture has a root `dupe` and pkgx's `dupe`. The pick used to follow dictionary
        // order, which changes with each process: several runs make a wrong pick show.
        let sql = "select * from {{ ref('dupe') }} union all select * from {{ ref('pkgx', 'dupe') }}"
        for _ in 0..<6 {
            let r = try CLITests.flowc(["compile", "--inline", sql], in: root)
            #expect(r.code == 0, Comment(rawValue: r.output))
            #expect(r.output.contains("select * from main.\"dupe\" union all select * from main_pkg.\"dupe\""),
                    Comment(rawValue: r.output))
        }
    }

    /// `flowc lineage dupe` means the root project's `dupe`, as `ref('dupe')` does, though the
    /// package's id sorts first.
    @Test func lineageOfABareNamePrefersTheRootProject() throws {
        let root = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["lineage", "dupe", "--format", "json"], in: root)
        #expect(r.code == 0, Comment(rawValue: r.output))
        #expect(r.output.contains("\"node\": \"model.shop.dupe\""), Comment(rawValue: r.output))
    }
}
