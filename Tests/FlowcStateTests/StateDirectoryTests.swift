// `--state PATH`: a manifest.json written by an earlier invocation, read back and compared
// with the project as it is now (raw SQL, as dbt compares, since that manifest may come from
// another target or a run where is_incremental() was true).
import FlowcGraph
import FlowcState
import Foundation
import Testing

@Suite struct StateDirectoryTests {
    /// Writes the work tree's manifest (compiled, as `flowc compile` would) into `dir`.
    static func writeManifest(_ repo: GitRepo, to dir: String, compile: Bool = true) throws {
        let build = try repo.build()
        let compiled = StateLoader.snapshot(of: build, projectRoot: repo.root, compile: compile, threads: 2).compiled
        let json = StateLoader.manifestJSON(build, projectRoot: repo.root, compiled: compiled)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(JSONWriter.encode(json, indent: 2)).write(to: URL(fileURLWithPath: dir + "/manifest.json"))
    }

    static func select(_ repo: GitRepo, _ selector: String, state dir: String) throws -> [String] {
        let (options, _) = try repo.options()
        let build = try repo.build()
        let context = try StateSession.load(.directory(dir), current: build, projectRoot: repo.root, cliVars: nil, options: options)
        var graph = build.manifest.selectionGraph
        graph.state = context.comparison
        return try NodeSelection.select(graph, select: [selector], exclude: nil, resourceTypes: ["model", "seed"])
            .compactMap { build.manifest.nodes[$0]?.name }
    }

    @Test func ownManifestReadBackIsUnmodified() throws {
        let repo = try GitRepo(ShopProject.files)
        try Self.writeManifest(repo, to: repo.root + "/prod-artifacts")
        #expect(try Self.select(repo, "state:modified", state: "prod-artifacts") == [])
        #expect(try Self.select(repo, "state:unmodified", state: repo.root + "/prod-artifacts").count == 4)
    }

    @Test func reformatIsNotAChangeButAnEditIs() throws {
        let repo = try GitRepo(ShopProject.files)
        try Self.writeManifest(repo, to: repo.root + "/state")
        try repo.write("models/orders.sql", """
            SELECT order_id,
                   {{ cents_to_dollars('amount') }} AS amount_dollars -- dollars
            FROM {{ ref('stg_orders') }}
            """)
        #expect(try Self.select(repo, "state:modified", state: "state") == [])
        try repo.write("models/customers.sql", "select customer_id from {{ ref('stg_orders') }}\n")
        try repo.write("macros/unrelated.sql", "{% macro unused_helper() %}42{% endmacro %}\n")
        #expect(try Self.select(repo, "state:modified", state: "state") == ["customers"])
        try repo.write("macros/cents.sql", "{% macro cents_to_dollars(col) %}{{ col }} / 100{% endmacro %}\n")
        #expect(try Self.select(repo, "state:modified.macros", state: "state") == ["orders"])
        try repo.write("seeds/raw_orders.csv", "id,customer_id,amount\n1,10,1500\n")
        #expect(try Self.select(repo, "state:modified.body", state: "state") == ["customers", "raw_orders"])
    }

    /// Production artifacts written by dbt: its built-in macros read differently from flowc's,
    /// and its nodes list `macro.dbt.is_incremental`. Neither is a change to the project.
    @Test func builtinMacrosOfAnotherToolAreNotChanges() throws {
        let repo = try GitRepo(ShopProject.files)
        let dir = repo.root + "/dbt-state"
        try Self.writeManifest(repo, to: dir)
        let url = URL(fileURLWithPath: dir + "/manifest.json")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        var macros = json["macros"] as? [String: [String: Any]] ?? [:]
        let builtin = macros.keys.filter { $0.hasPrefix("macro.dbt.") }
        #expect(!builtin.isEmpty)
        for id in builtin { macros[id]?["macro_sql"] = "{% macro x() %}\n  {{ return('as dbt writes it') }}\n{% endmacro %}" }
        macros["macro.dbt.is_incremental"] = ["macro_sql": "{% macro is_incremental() %}{% endmacro %}",
                                              "depends_on": ["macros": [String]()]]
        json["macros"] = macros
        var nodes = json["nodes"] as? [String: [String: Any]] ?? [:]
        for (id, node) in nodes {
            let parents = (node["depends_on"] as? [String: Any])?["nodes"] ?? [String]()
            nodes[id]?["depends_on"] = ["macros": ["macro.dbt.is_incremental"], "nodes": parents]
        }
        json["nodes"] = nodes
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        #expect(try Self.select(repo, "state:modified", state: dir) == [])
        // the project's own macros still count
        try repo.write("macros/cents.sql", "{% macro cents_to_dollars(col) %}{{ col }} / 100{% endmacro %}\n")
        #expect(try Self.select(repo, "state:modified.macros", state: dir) == ["orders"])
    }

    @Test func missingOrBrokenManifestIsAClearError() throws {
        let repo = try GitRepo(ShopProject.files)
        #expect {
            _ = try Self.select(repo, "state:modified", state: "nowhere")
        } throws: { error in
            "\(error)" == "--state nowhere: no manifest.json there\n"
                + "hint: point --state at the target/ directory of an earlier run (e.g. production's artifacts), or use --state git:REF"
        }
        try repo.write("broken/manifest.json", "{\"nodes\": {")
        #expect {
            _ = try Self.select(repo, "state:modified", state: "broken")
        } throws: { error in
            "\(error)".hasPrefix("\(repo.root)/broken/manifest.json:1:12: not valid JSON: unexpected end of input in an object")
        }
    }
}
