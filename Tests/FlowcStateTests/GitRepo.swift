// A real git repository in a temporary directory holding a small flowc project, driven with
// /usr/bin/git: write files, commit, then load the project as the CLI does and compare it
// with a revision (`StateSession`), or select nodes with `state:` selectors.
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcSQL
import FlowcState
import FlowcTestSupport
import Foundation

typealias GitRepo = TestGitRepository

extension GitRepo {
    convenience init(_ files: [String: String]) throws {
        try self.init(files, prefix: "flowc-state-test-")
    }

    func options(target: String? = nil) throws -> (GraphOptions, Project) {
        let project = try ProjectLoader.load(root: root)
        let (t, _) = try ProfileLoader.load(projectRoot: root, profileName: project.config.profile, targetName: target,
                                           profilesDir: nil, targetPath: project.config.targetPath, vars: nil)
        let options = GraphOptions(target: t, dialect: Dialect.named(t.type) ?? .sqlite, environment: [:], threads: 2,
                                   invocationId: "test", runStartedAt: "2026-01-01T00:00:00Z")
        return (options, project)
    }

    func build() throws -> GraphBuild {
        let (options, project) = try options()
        return try GraphBuilder.build(project, options: options)
    }

    /// The work tree compared with `ref`.
    func state(_ ref: String, stateTarget: String? = nil) throws -> (GraphBuild, StateContext) {
        let (options, _) = try self.options()
        let build = try self.build()
        let stateOptions = try stateTarget.map { try self.options(target: $0).0 }
        let context = try StateSession.load(.git(ref), current: build, projectRoot: root, cliVars: nil, options: options,
                                            stateOptions: stateOptions)
        return (build, context)
    }

    /// Names of the models/seeds/snapshots (and tests, with `tests: true`) `select` picks
    /// when the work tree is compared with `ref`.
    func select(_ select: String, against ref: String, tests: Bool = false) throws -> [String] {
        let (build, context) = try state(ref)
        var graph = build.manifest.selectionGraph
        graph.state = context.comparison
        let types: Set<String> = tests ? ["model", "seed", "snapshot", "test"] : ["model", "seed", "snapshot"]
        let ids = try NodeSelection.select(graph, select: [select], exclude: nil, resourceTypes: types)
        return ids.compactMap { build.manifest.nodes[$0]?.name }.sorted()
    }
}

/// The project the end-to-end tests evolve, commit by commit.
enum ShopProject {
    static let files: [String: String] = [
        "flowc.yml": """
            name: shop
            version: '1.0'
            profile: shop
            models:
              shop:
                +materialized: view
            """,
        "profiles.yml": """
            shop:
              target: dev
              outputs:
                dev:
                  type: sqlite
                  schema: main
                  database: main
                  threads: 2
                prod:
                  type: sqlite
                  schema: prod
                  database: main
                  threads: 2
            """,
        "seeds/raw_orders.csv": "id,customer_id,amount\n1,10,1500\n2,10,2500\n3,11,-100\n",
        "models/stg_orders.sql": "select id as order_id, customer_id, amount from {{ ref('raw_orders') }}\n",
        "models/customers.sql": """
            select customer_id, sum(amount) as total
            from {{ ref('stg_orders') }}
            group by customer_id

            """,
        "models/orders.sql": "select order_id, {{ cents_to_dollars('amount') }} as amount_dollars from {{ ref('stg_orders') }}\n",
        "macros/cents.sql": "{% macro cents_to_dollars(col) %}({{ col }} / 100.0){% endmacro %}\n",
        "macros/unrelated.sql": "{% macro unused_helper() %}1{% endmacro %}\n",
        "models/schema.yml": """
            version: 2
            models:
              - name: stg_orders
                columns:
                  - name: order_id
                    data_type: integer
                    tests: [not_null]
                  - name: customer_id
                    data_type: integer
                  - name: amount
                    data_type: integer
            """,
    ]
}

extension GitRepo {
    /// `flowc diff REF` as a value: the work tree compared with `ref`, columns from YAML and,
    /// unless `lineage` is false, from column lineage traced on both sides (as the CLI does).
    func diff(_ ref: String, lineage: Bool = true) throws -> ChangeReport {
        let (options, _) = try self.options()
        let build = try self.build()
        let context = try StateSession.load(.git(ref), current: build, projectRoot: root, cliVars: nil, options: options,
                                            traceColumns: lineage)
        var current = ColumnFacts.declared(context.current), state = ColumnFacts.declared(context.state)
        if let traced = context.currentColumns { current = current.merging(traced) }
        if let traced = context.stateColumns { state = state.merging(traced) }
        return ChangeReport.make(context, manifest: build.manifest, currentColumns: current, stateColumns: state)
    }
}
