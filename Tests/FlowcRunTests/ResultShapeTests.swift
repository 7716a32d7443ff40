// What on-run-end macros (dbt_artifacts, elementary) read of `results` and `graph`, as dbt
// 1.11.16 gave it on PostgreSQL for the same project, side by side: each result's timing
// steps, a skipped node's message, an exposure's node, a seed's root_path, the hooks among
// graph.nodes, a microbatch model's `begin` as a datetime, and a seed's result code.
import FlowcGraph
import Foundation
@testable import FlowcRun
import Testing

@Suite("Results and graph as on-run-end sees them")
struct ResultShapeTests {
    static let project: [String: String] = [
        "flowc.yml": """
            name: shop
            version: '1.0'
            profile: shop
            on-run-end:
              - "{{ record(results, graph) }}"

            """,
        "macros/record.sql": """
            {% macro record(results, graph) %}
              {% set lines = [] %}
              {% for r in results | sort(attribute='node.unique_id') %}
                {% do lines.append(r.node.unique_id ~ ':' ~ r.node.resource_type ~ ':' ~ r.node.package_name ~ ':' ~ r.status
                    ~ ':' ~ (r.timing | map(attribute='name') | join('+')) ~ ':' ~ (r.message is none)) %}
              {% endfor %}
              {% for n in graph.nodes.values() | sort(attribute='unique_id') %}
                {% do lines.append('graph ' ~ n.unique_id ~ ':' ~ (n.root_path == project_root if 'root_path' in n else '-')) %}
                {% if n.unique_id == 'model.shop.ok' %}{% set ks = n.keys() | list %}
                  {% do lines.append('keys ' ~ (ks.index('config_call_dict') == ks.index('created_at') + 1) ~ ' '
                      ~ (ks.index('defer_relation') == ks.index('deprecation_date') + 1) ~ ' ' ~ ks[-1]) %}
                {% endif %}
                {% if n.config.begin is not none and n.config.begin is not string %}
                  {% do lines.append('begin ' ~ n.config.begin.strftime('%Y-%m-%d %H:%M')) %}
                {% endif %}
              {% endfor %}
              create table {{ target.schema }}.run_log as select '{{ lines | join("|") }}' as line
            {% endmacro %}
            """,
        "models/ok.sql": "select 1 as id",
        "models/no_compile.sql": "select {{ no_such_macro_xyz() }} as a",
        "models/below.sql": "select * from {{ ref('no_compile') }}",
        "models/mb.sql": """
            {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='ts',
                      begin='2024-01-01', batch_size='day') }}
            select 1 as id, cast('2024-01-01' as date) as ts
            """,
        "models/exposures.yml": """
            exposures:
              - name: board
                type: dashboard
                owner: {name: me}
                depends_on: [ref('ok')]

            """,
        "seeds/bad.csv": "a\n1\n",
        "seeds/bad.yml": "seeds:\n  - name: bad\n    config:\n      column_types: {a: not_a_type_xyz}\n",
    ]

    @Test("timing steps, skipped messages, exposures, root_path, hooks and begin as dbt's", arguments: [WarehouseKind.postgres])
    func resultsAndGraph(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.project)
        // the project's directory, as root_path holds it
        let withRoot = Self.project["macros/record.sql"]?.replacingOccurrences(of: "project_root", with: "'\(h.root)'") ?? ""
        try withRoot.write(toFile: h.root + "/macros/record.sql", atomically: true, encoding: .utf8)
        let report = try h.run(.build, select: ["ok", "no_compile", "below", "bad", "exposure:board"])
        #expect(report.status("no_compile") == .error, "\(report.summary)")
        #expect(report.hooks.first?.result.status == .success, "\(report.hooks.first?.result.message ?? "no hook")")
        let lines = try h.column("select line from \(h.rel("run_log"))").first?.split(separator: "|").map(String.init) ?? []
        // dbt's node dict order: the call dicts after created_at, defer_relation after
        // deprecation_date, batch last (tojson(node) is stored as text)
        #expect(lines.contains("keys True True batch"), "\(lines)")
        #expect(lines.filter { !$0.hasPrefix("graph ") && !$0.hasPrefix("begin ") && !$0.hasPrefix("keys ") } == [
            // dbt's timing ends at compile when compiling failed; a skipped node has no timing
            // and no message; an exposure's no-op result holds the exposure
            "exposure.shop.board:exposure:shop:no-op:compile+execute:False",
            "model.shop.below:model:shop:skipped::True",
            "model.shop.no_compile:model:shop:error:compile:False",
            "model.shop.ok:model:shop:success:compile+execute:False",
            // a seed that failed to load has both steps, as dbt times it
            "seed.shop.bad:seed:shop:error:compile+execute:False",
        ])
        // dbt's seed error has no "compiled code at" line, unlike a model's
        #expect(report.result("bad")?.message?.contains("compiled code at") == false, "\(report.result("bad")?.message ?? "")")
        // a microbatch model's begin is a datetime in graph
        #expect(lines.contains("begin 2024-01-01 00:00"), "\(lines)")
        // graph.nodes holds the project's hook, without a root_path; a seed's is the project's
        #expect(lines.contains("graph operation.shop.shop-on-run-end-0:-"), "\(lines)")
        #expect(lines.contains("graph seed.shop.bad:True"), "\(lines)")
        #expect(lines.contains("graph model.shop.ok:-"), "\(lines)")
        // the manifest writes begin as dbt's isoformat of the datetime
        #expect(report.manifest.nodes["model.shop.mb"]?.config["begin"] == .string("2024-01-01T00:00:00"))
    }

    /// dbt's seed materialization: CREATE under --full-refresh (or a `full_refresh: true`
    /// config), INSERT otherwise.
    @Test("a seed's result code is CREATE when fully refreshed", arguments: WarehouseKind.allCases)
    func seedCodes(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, ["seeds/codes.csv": "id\n1\n2\n", "seeds/forced.csv": "id\n1\n",
                                      "seeds/props.yml": "seeds:\n  - name: forced\n    config: {full_refresh: true}\n"])
        let first = try h.runOK(.seed)
        #expect(first.result("codes")?.message == "INSERT 2")
        #expect(first.result("forced")?.message == "CREATE 1")
        let refreshed = try h.runOK(.seed, fullRefresh: true)
        #expect(refreshed.result("codes")?.message == "CREATE 2")
        #expect(refreshed.result("codes")?.adapterCode == "CREATE")
        #expect(try h.column("select id from \(h.rel("codes")) order by id") == ["1", "2"])
    }

    /// dbt gives a test that stores its failures a relation_name, its audit table (in the
    /// manifest, graph and results alike); other tests have none.
    @Test("a test storing its failures has its audit table as relation_name", arguments: [WarehouseKind.sqlite])
    func storingTestsHaveARelation(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/m.sql": "select 1 as id",
            "models/m.yml": """
                models:
                  - name: m
                    columns:
                      - name: id
                        data_tests:
                          - unique:
                              config: {store_failures: true}
                          - not_null

                """,
        ])
        let report = try h.runOK(.build)
        let stored = try #require(report.results.first { $0.uniqueId.hasPrefix("test.shop.unique_m_id") })
        #expect(stored.relationName?.contains("unique_m_id") == true, "\(stored.relationName ?? "nil")")
        #expect(report.results.first { $0.uniqueId.hasPrefix("test.shop.not_null_m_id") }?.relationName == nil)
        #expect(report.manifest.nodes[stored.uniqueId]?.hasRelationName == true)
        // under --store-failures every test stores, and has one
        let flagged = try h.run(.build, storeFailures: true)
        #expect(flagged.results.first { $0.uniqueId.hasPrefix("test.shop.not_null_m_id") }?.relationName?.contains("not_null_m_id") == true)
        #expect(flagged.manifest.storeFailuresFlag)
    }

    /// dbt 1.11.16 refuses to run tests that would store their failures in one audit table
    /// (names that sanitize alike): nothing runs, and the error names both.
    @Test("two tests storing failures in one table stop the run", arguments: [WarehouseKind.sqlite])
    func storedFailureClash(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "models/m.sql": "select 'a' as s",
            "macros/matches.sql": "{% test matches(model, column_name, regex) %}select 1 as x where false{% endtest %}",
            "models/m.yml": """
                models:
                  - name: m
                    columns:
                      - name: s
                        data_tests:
                          - matches: {arguments: {regex: "@x"}}
                          - matches: {arguments: {regex: "&x"}}

                """,
        ])
        // without storing failures both run
        #expect(try h.runOK(.build).results.count == 3)
        let stored = try h.run(.build, storeFailures: true)
        let message = try #require(stored.outcome.aborted?.message)
        #expect(message.hasPrefix("Compilation Error\n  dbt found two resources with the database representation"), "\(message)")
        #expect(message.contains("test.shop.matches_m_s___x."), "\(message)")
        #expect(stored.results.isEmpty)
    }

    /// elementary's upload calls `result.to_dict()` and `timing.to_dict()`: dbt 1.11.16's keys in
    /// its order, times as ISO text, the node as a mapping.
    @Test("results and their timing have to_dict(), as dbt's", arguments: [WarehouseKind.sqlite])
    func resultsToDict(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, [
            "flowc.yml": """
                name: shop
                version: '1.0'
                profile: shop
                on-run-end:
                  - "{% set d = results[0].to_dict() %}create table dicts as select '{{ d.keys() | list | join(',') }}|{{ d.timing[0].started_at is string }}|{{ d.node.config.materialized }}|{{ results[0].timing[0].to_dict().name }}|{{ d.agate_table }}' as line"

                """,
            "models/m.sql": "select 1 as id",
        ])
        let report = try h.runOK(.run)
        #expect(report.hooks.first?.result.status == .success, "\(report.hooks.first?.result.message ?? "")")
        #expect(try h.column("select line from dicts") == [
            "status,timing,thread_id,execution_time,adapter_response,message,failures,node,agate_table,batch_results|True|view|compile|None"])
    }
}
