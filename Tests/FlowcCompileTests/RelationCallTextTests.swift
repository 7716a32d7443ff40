// A test argument that is one ref()/source() call is called directly (RelationCallText.swift):
// what it reads as a call, and that the call gives what rendering the text gives, in both modes.
@testable import FlowcCompile
@testable import FlowcGraph
import FlowcTemplate
import Testing

@Suite struct RelationCallTextTests {
    @Test(arguments: [
        ("ref('orders')", OutputSlot.ref(name: "orders", package: nil, version: nil)),
        (" ref( \"orders\" ) ", .ref(name: "orders", package: nil, version: nil)),
        ("ref('shop', 'orders')", .ref(name: "orders", package: "shop", version: nil)),
        ("ref('dim', v=2)", .ref(name: "dim", package: nil, version: "2")),
        ("ref('dim', version='1')", .ref(name: "dim", package: nil, version: "1")),
        ("source('raw','orders')", .source("raw", "orders")),
    ])
    func literalCallsAreRead(_ text: String, _ call: OutputSlot) {
        #expect(OutputSlot.call(in: text) == call)
    }

    @Test(arguments: [
        "ref('orders') ~ 'x'", "ref(name)", "ref('a', 'b', 'c')", "ref()", "ref('o\\'rders')", "ref('orders'",
        "ref('dim', v=1.5)", "ref('dim', v=2, 'x')", "ref(v=2)", "source('raw')", "source('raw', 'o', v=1)",
        "{{ ref('orders') }}", "var('x')", "ref('orders')|upper", "ref('dim', w=2)", "ref('dim', v==2)", "",
    ])
    func otherTextIsLeftToTheTemplate(_ text: String) {
        #expect(OutputSlot.call(in: text) == nil)
    }

    static let files: [String: String] = [
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/customers.sql": "select 1 as id",
        "models/dim_v1.sql": "select 1 as id",
        "models/dim_v2.sql": "select 2 as id",
        "models/all_refs.sql": """
            select * from {{ ref('customers') }}, {{ ref('shop', 'customers') }}, {{ ref('dim', v=1) }},
            {{ ref('dim') }}, {{ source('raw', 'orders') }}
            """,
        "models/schema.yml": """
            sources:
              - name: raw
                schema: main
                tables: [{name: orders}]
            models:
              - name: dim
                latest_version: 2
                versions: [{v: 1}, {v: 2}]
              - name: all_refs
                columns:
                  - name: id
                    data_tests:
                      - relationships: {to: ref('customers'), field: id}
                      - relationships: {to: "source('raw', 'orders')", field: id}
            """,
    ]

    /// What `text` gives through the template engine and called directly, rendered.
    private func bothWays(_ text: String, _ worker: RenderWorker, _ state: NodeState) throws -> (String?, String?) {
        func shown(_ v: Value?) throws -> String? {
            guard case .object(let o)? = v else { return nil }
            return try o.render(renderer: worker.macroRenderer)
        }
        return (try shown(try worker.evaluateNative(text, state: state)), try shown(worker.directRelation(text, state: state)))
    }

    @Test func aDirectCallGivesWhatTheTemplateGives() throws {
        let p = try TestProject(Self.files)
        defer { p.remove() }
        let build = try p.build()
        let node = try #require(build.manifest.nodes["model.shop.all_refs"])
        let worker = try RenderWorker(setup: build.setup)
        worker.installGraph(build.manifest)
        let texts = ["ref('customers')", "ref('shop', 'customers')", "ref('dim', v=1)", "ref('dim', version='1')", "ref('dim')",
                     "source('raw', 'orders')"]
        let compiling = NodeState(node: node, mode: .compile)
        compiling.resolver = ManifestResolver(build.manifest, dialect: build.setup.dialect)
        for text in texts {
            let (rendered, direct) = try bothWays(text, worker, compiling)
            #expect(rendered != nil && direct == rendered, "\(text): \(direct ?? "nil") against \(rendered ?? "nil")")
        }
        #expect(try bothWays("ref('dim', v=1)", worker, compiling).1 == "main.\"dim_v1\"")
        // a call that fails is left to the template, which reports it
        #expect(worker.directRelation("ref('nonesuch')", state: compiling) == nil)
        // at parse time both record the same calls
        let viaTemplate = NodeState(node: node, mode: .parse), direct = NodeState(node: node, mode: .parse)
        for text in texts {
            _ = try worker.evaluateNative(text, state: viaTemplate)
            #expect(worker.directRelation(text, state: direct) != nil)
        }
        #expect(direct.refs == viaTemplate.refs && direct.sources == viaTemplate.sources)
        #expect(direct.refs.count == 5 && direct.sources == [["raw", "orders"]])
        // and the tests whose arguments are such calls compile as dbt's
        let sql = try p.compile()
        #expect(sql["relationships_all_refs_id__id__ref_customers_"]?.contains("select id as to_field\n    from main.\"customers\"") == true)
    }

    @Test func aProjectsOwnRefMacroIsCalledThroughTheTemplate() throws {
        var files = Self.files
        files["macros/ref.sql"] = "{% macro ref() %}{{ return(builtins.ref(*varargs, **kwargs)) }}{% endmacro %}"
        let p = try TestProject(files)
        defer { p.remove() }
        let build = try p.build()
        let node = try #require(build.manifest.nodes["model.shop.customers"])
        let worker = try RenderWorker(setup: build.setup)
        #expect(worker.directRelation("ref('customers')", state: NodeState(node: node, mode: .parse)) == nil)
    }
}
