// Project-level lineage on real project files: sources, seeds, models through CTEs, stars and
// ephemeral models; static-check findings at the template's own line; check levels from the
// project file; SQL the parser cannot read; and lineage.json's shape.
@testable import FlowcCompile
import FlowcGraph
import FlowcLineage
import FlowcProject
import Foundation
import Testing

@Suite struct ProjectLineageTests {
    static let sources = """
        version: 2
        sources:
          - name: raw
            schema: main
            tables:
              - name: payments
                columns:
                  - name: id
              - name: events
        models:
          - name: stg_payments
            columns:
              - name: payment_id
              - name: amount
              - name: no_such_column
        """

    static func project(_ extra: [String: String] = [:], projectFile: String = minimalProjectFile) throws -> TestProject {
        var files: [String: String] = [
            "dbt_project.yml": projectFile,
            "profiles.yml": sqliteProfile,
            "models/sources.yml": sources,
            "seeds/rates.csv": "currency,rate\nEUR,1.1\n",
            "models/stg_payments.sql": """
                {{ config(materialized='view') }}
                with source as (select * from {{ source('raw', 'payments') }}),
                renamed as (
                    select id as payment_id, cents / 100.0 as amount, currency, created_at
                    from source
                    where status != 'failed'
                )
                select * from renamed
                """,
            "models/eph_rates.sql": "{{ config(materialized='ephemeral') }}\nselect currency, rate from {{ ref('rates') }}",
            "models/fct_payments.sql": """
                select p.payment_id, p.amount * r.rate as amount_usd, count(*) over () as n
                from {{ ref('stg_payments') }} p
                join {{ ref('eph_rates') }} r on r.currency = p.currency
                """,
        ]
        for (k, v) in extra { files[k] = v }
        return try TestProject(files)
    }

    static func lineage(_ p: TestProject, checks: CheckLevels = .defaults) throws -> ProjectLineage {
        let build = try p.build()
        let ids = build.manifest.nodes.values.filter { [.model, .snapshot, .analysis].contains($0.resourceType) }.map(\.uniqueId)
        let compiled = Compiler.compile(build, nodes: ids, threads: 2)
        return ProjectLineage.compute(LineageInputs(build: build, compiled: compiled.nodes, projectRoot: p.root,
                                                    checks: checks, threads: 2))
    }

    @Test func tracesThroughSourcesSeedsCTEsStarsAndEphemerals() throws {
        let p = try Self.project()
        defer { p.remove() }
        let l = try Self.lineage(p)
        let stg = try #require(l.nodes["model.shop.stg_payments"])
        #expect(stg.status == .complete)
        #expect(stg.columns.map(\.name) == ["payment_id", "amount", "currency", "created_at"])
        #expect(stg.columns.map { $0.sources.map(\.description) } == [
            ["source.shop.raw.payments.id"], ["source.shop.raw.payments.cents"],
            ["source.shop.raw.payments.currency"], ["source.shop.raw.payments.created_at"],
        ])
        #expect(stg.columns.map(\.kind) == [.copy, .transform, .copy, .copy])
        #expect(stg.filters.map(\.description) == ["source.shop.raw.payments.status"])
        let fct = try #require(l.nodes["model.shop.fct_payments"])
        #expect(fct.columns.map(\.name) == ["payment_id", "amount_usd", "n"])
        // The ephemeral model is inlined as a CTE; its column traces to the seed behind it.
        #expect(fct.columns[1].sources.map(\.description) == ["model.shop.stg_payments.amount", "seed.shop.rates.rate"])
        #expect(fct.columns[1].kind == .transform)
        #expect(fct.joins.map(\.description) == ["model.shop.stg_payments.currency", "seed.shop.rates.currency"])
        #expect(l.nodes["seed.shop.rates"]?.columns.map(\.name) == ["currency", "rate"])
        // A source with no declared columns is unknown; one with some is known but not exhaustive.
        #expect(l.nodes["source.shop.raw.events"]?.status == .unknown)
        let edges = l.edges.filter { $0.toNode == "model.shop.fct_payments" }
        #expect(edges.contains { $0.fromNode == "seed.shop.rates" && $0.fromColumn == "rate" && $0.toColumn == "amount_usd" })
    }

    /// A custom materialization may rewrite its model's SQL (a placeholder it replaces), so
    /// what the checks find there is a warning that cannot stop the build.
    @Test func customMaterializationFindingsAreWarnings() throws {
        let p = try Self.project([
            "models/batched.sql": "{{ config(materialized='by_batch') }}\nselect payment_id from {{ ref('stg_payments') }} where __BATCH__",
            "models/plain.sql": "select payment_id from {{ ref('stg_payments') }} where __BATCH__",
            "macros/by_batch.sql": "{% materialization by_batch, default %}{{ return({'relations': []}) }}{% endmaterialization %}",
        ])
        defer { p.remove() }
        let l = try Self.lineage(p)
        let batched = try #require(l.diagnostics(of: ["model.shop.batched"]).first)
        #expect(batched.severity == .warning)
        #expect(batched.hint?.contains("the 'by_batch' materialization may rewrite this SQL before it runs") == true)
        #expect(l.diagnostics(of: ["model.shop.plain"]).first?.isError == true)
    }

    @Test func findingsPointAtTheTemplateLine() throws {
        let p = try Self.project([
            "models/bad.sql": """
                {# a comment that renders to nothing #}
                {% set cols = ['payment_id'] %}
                select
                    {% for c in cols %}{{ c }}, {% endfor %}
                    amout
                from {{ ref('stg_payments') }}
                """,
        ])
        defer { p.remove() }
        let l = try Self.lineage(p)
        let found = l.diagnostics(of: ["model.shop.bad"])
        #expect(found.count == 1)
        let d = try #require(found.first)
        #expect(d.isError)
        #expect(d.message == "column 'amout' does not exist in the relations this query reads")
        #expect(d.span?.description == "models/bad.sql:5:5")
        #expect(d.hint == "did you mean 'amount'?")
        #expect(d.sourceLine == "    amout")
        // The documented-but-missing YAML column is a warning at its YAML line.
        let yaml = l.diagnostics(of: ["model.shop.stg_payments"])
        #expect(yaml.map(\.severity) == [.warning])
        #expect(yaml.first?.span?.description == "models/sources.yml:15:15")
        #expect(yaml.first?.message == "model 'stg_payments' documents column 'no_such_column', which its SQL does not produce")
    }

    @Test func manyFindingsOnOneGeneratedLineEachKeepTheirPlace() throws {
        // 400 unknown columns a loop writes on one line: every finding is placed at its own
        // column of the compiled file (mapping them was quadratic in the SQL's size)
        let p = try Self.project([
            "models/wide.sql": """
                select
                    {% for i in range(400) %}missing_{{ i }}, {% endfor %}payment_id
                from {{ ref('stg_payments') }}
                """,
        ])
        defer { p.remove() }
        let found = try Self.lineage(p).diagnostics(of: ["model.shop.wide"])
        #expect(found.count == 400)
        let line = "    " + (0..<400).map { "missing_\($0), " }.joined() + "payment_id"
        for d in found {
            let name = try #require(d.message.split(separator: "'").dropFirst().first)
            let column = try #require(d.span?.column)
            let at = line.index(line.startIndex, offsetBy: column - 1)
            #expect(line[at...].hasPrefix(name + ","), "\(d.message) at \(column)")
            #expect(d.span?.line == 2)
            #expect((d.sourceLine?.count ?? 0) <= Diagnostic.longestShownLine + 2)
        }
    }

    @Test func ambiguityAndUnionFindings() throws {
        let p = try Self.project([
            "models/amb.sql": """
                select payment_id, currency from {{ ref('stg_payments') }} a
                join {{ ref('rates') }} b using (currency)
                join {{ ref('stg_payments') }} c on c.payment_id = a.payment_id
                """,
            "models/uni.sql": "select payment_id, amount from {{ ref('stg_payments') }}\nunion all\nselect currency from {{ ref('rates') }}",
        ])
        defer { p.remove() }
        let l = try Self.lineage(p)
        let amb = l.diagnostics(of: ["model.shop.amb"])
        #expect(amb.map(\.message) == ["column 'payment_id' is ambiguous: 2 relations in FROM have it"])
        #expect(amb.first?.span?.description == "models/amb.sql:1:8")
        let uni = l.diagnostics(of: ["model.shop.uni"])
        #expect(uni.map(\.message) == ["each UNION ALL branch must have the same number of columns: 2 before, 1 here"]
                || uni.map(\.message) == ["each UNION branch must have the same number of columns: 2 before, 1 here"])
        #expect(uni.first?.span?.description == "models/uni.sql:3:1")
    }

    @Test func checkLevelsComeFromTheProjectFile() throws {
        let file = minimalProjectFile + "\nchecks:\n  unknown_column: warn\n  documented_column_missing: off\n"
        let p = try Self.project(["models/bad.sql": "select amout from {{ ref('stg_payments') }}"], projectFile: file)
        defer { p.remove() }
        let project = try ProjectLoader.load(root: p.root, vars: nil)
        let (levels, problems) = CheckLevels.from(project.config)
        #expect(problems.isEmpty)
        let l = try Self.lineage(p, checks: levels)
        #expect(l.diagnostics().map(\.severity) == [.warning])
        #expect(l.diagnostics().first?.span?.file == "models/bad.sql")

        let typo = try TestProject(["dbt_project.yml": minimalProjectFile + "\nchecks:\n  unknown_colum: error\n  ambiguous_column: loud\n"])
        defer { typo.remove() }
        let (_, typoProblems) = CheckLevels.from(try ProjectLoader.load(root: typo.root, vars: nil).config)
        #expect(typoProblems.map(\.message) == ["unknown check 'unknown_colum'", "check 'ambiguous_column' must be error, warn or off"])
        #expect(typoProblems.first?.hint == "did you mean 'unknown_column'?")
        #expect(typoProblems.first?.span?.line == 5)
    }

    @Test func unreadableSQLIsAWarningAndUnknownLineage() throws {
        let p = try Self.project(["models/odd.sql": "select payment_id from {{ ref('stg_payments') }} pivot whatever"])
        defer { p.remove() }
        let l = try Self.lineage(p)
        #expect(l.nodes["model.shop.odd"]?.status == .unknown)
        let d = l.diagnostics(of: ["model.shop.odd"])
        #expect(d.map(\.severity) == [.warning])
        #expect(d.first?.span?.file == "target/compiled/shop/models/odd.sql")
        #expect(d.first?.message.hasPrefix("odd: column lineage unknown:") == true)
    }

    /// A model that renders to nothing (only `{% set %}`s) has unknown lineage and no warning:
    /// the warning would point into a compiled file that is not written.
    @Test func aModelCompilingToNothingIsNoWarning() throws {
        let p = try Self.project(["models/empty.sql": "{% set x = 1 %}\n"])
        defer { p.remove() }
        let l = try Self.lineage(p)
        #expect(l.nodes["model.shop.empty"]?.status == .unknown)
        #expect(l.diagnostics(of: ["model.shop.empty"]).isEmpty, "\(l.diagnostics(of: ["model.shop.empty"]))")
    }

    @Test func lineageJSONAndQuery() throws {
        let p = try Self.project()
        defer { p.remove() }
        let l = try Self.lineage(p)
        let json = l.json(metadata: JSONObject([("flowc_version", .string("test"))]))
        let node = try #require(json["nodes"]?["model.shop.fct_payments"])
        #expect(node["lineage"]?.stringValue == "complete")
        #expect(node["columns"]?.arrayValue?.first?["kind"]?.stringValue == "copy")
        let edges = try #require(json["edges"]?.arrayValue)
        #expect(edges.contains { $0["kind"]?.stringValue == "filter" && $0["to_column"] == .null })
        // The streamed file holds the same document, one node or edge per line.
        let text = l.jsonText(metadata: JSONObject([("flowc_version", .string("test"))]))
        let reparsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        let expected = try JSONSerialization.jsonObject(with: Data(JSONWriter.string(json).utf8)) as? NSDictionary
        #expect(reparsed != nil && reparsed == expected)
        #expect(text.split(separator: "\n").count == 7 + l.nodes.count + edges.count)
        // each node's line is what JSONWriter makes of its value, byte for byte
        for (id, n) in l.nodes {
            var w = JSONWriter()
            ProjectLineage.writeNode(n, into: &w)
            #expect(w.bytes == JSONWriter.encode(ProjectLineage.nodeJSON(n)), "\(id)")
        }
        #expect(l.nodes.values.contains { $0.reason != nil } && l.nodes.values.contains { $0.columns.isEmpty })
        // Upstream of fct_payments.amount_usd: stg_payments.amount (depth 1), then raw.payments.cents (depth 2).
        let q = LineageQuery(l, node: "model.shop.fct_payments", column: "amount_usd", direction: .upstream, depth: 5)
        let chain = q.steps.filter { $0.edge.toColumn != nil }.map { "\($0.depth) \($0.edge.fromNode).\($0.edge.fromColumn)" }
        #expect(chain == ["1 model.shop.stg_payments.amount", "1 seed.shop.rates.rate", "2 source.shop.raw.payments.cents"])
        let down = LineageQuery(l, node: "source.shop.raw.payments", column: "cents", direction: .downstream, depth: 5)
        #expect(down.steps.map { "\($0.depth) \($0.edge.toNode).\($0.edge.toColumn ?? "-")" }
                == ["1 model.shop.stg_payments.amount", "2 model.shop.fct_payments.amount_usd"])
        // a depth past the graph's ends where the walk does (it counted to the depth before)
        let deepest = LineageQuery(l, node: "source.shop.raw.payments", column: "cents", direction: .both, depth: Int.max)
        #expect(deepest.steps.count == down.steps.count)
        let mermaid = LineageRender.mermaid(q, l, nodeLevel: false)
        #expect(mermaid.contains("-->|transform|"))
        #expect(LineageRender.dot(q, l, nodeLevel: true).contains("\"stg_payments\" -> \"fct_payments\""))
    }
}

/// No false positives: the generated benchmark fixture and the example project at the
/// repository root are valid, so the checks must stay silent and every model must trace.
@Suite struct LineageFalsePositiveTests {
    static func lineage(of dir: String, target: String?) throws -> ProjectLineage {
        let project = try TestProject(copying: dir)
        defer { project.remove() }
        let build = try project.build(target: target)
        let ids = build.manifest.nodes.values.filter { [.model, .snapshot, .analysis].contains($0.resourceType) }.map(\.uniqueId)
        let compiled = Compiler.compile(build, nodes: ids, threads: 2)
        return ProjectLineage.compute(LineageInputs(build: build, compiled: compiled.nodes, projectRoot: project.root,
                                                    checks: .defaults, threads: 2))
    }

    @Test func generatedBenchmarkFixture() throws {
        let fixture = try #require(Bundle.module.url(forResource: "bench30", withExtension: nil, subdirectory: "Fixtures"))
        let l = try Self.lineage(of: fixture.path, target: "sqlite")
        #expect(l.diagnostics().map(\.description) == [])
        let models = l.nodes.values.filter { $0.resourceType == "model" }
        #expect(models.count == 30)
        #expect(models.filter { $0.status != .complete }.map(\.name) == [])
        #expect(l.edges.count > 100)
    }

    @Test func exampleProject() throws {
        // Tests run from the package root, which is the example project.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dir = NSTemporaryDirectory() + "flowc-example-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for item in ["flowc.yml", "models", "macros", "seeds", "tests"] {
            try FileManager.default.copyItem(atPath: root.appendingPathComponent(item).path, toPath: dir + "/" + item)
        }
        let l = try Self.lineage(of: dir, target: nil)
        #expect(l.diagnostics().map(\.description) == [])
        #expect(l.nodes.values.filter { $0.resourceType == "model" && $0.status != .complete }.map(\.name) == [])
        #expect(l.nodes["model.treasury.stg_stripe__payments"]?.columns.first { $0.name == "amount_gold" }?
            .sources.map(\.description) == ["source.treasury.stripe.payments.amount_cents"])
    }
}
