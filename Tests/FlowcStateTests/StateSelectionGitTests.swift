// End to end on a real git repository: a series of commits, each compared with the one before
// through `--state git:REF`, asserting which nodes `state:` selects. The false positives that
// would make slim CI useless are tested explicitly: reformatting, and touching a macro no model
// calls, select nothing.
import FlowcGraph
import FlowcProject
import FlowcSQL
import FlowcState
import Foundation
import Testing

@Suite struct StateSelectionGitTests {
    @Test func nothingChangedSelectsNothing() throws {
        let repo = try GitRepo(ShopProject.files)
        #expect(try repo.select("state:modified", against: "HEAD").isEmpty)
        #expect(try repo.select("state:new", against: "HEAD").isEmpty)
        #expect(try repo.select("state:unmodified", against: "HEAD") == ["customers", "orders", "raw_orders", "stg_orders"])
    }

    @Test func editedSQL() throws {
        let repo = try GitRepo(ShopProject.files)
        try repo.write("models/customers.sql", """
            select customer_id, sum(amount) as total
            from {{ ref('stg_orders') }}
            where amount > 0
            group by customer_id
            """)
        #expect(try repo.select("state:modified", against: "HEAD") == ["customers"])
        #expect(try repo.select("state:modified.body", against: "HEAD") == ["customers"])
        #expect(try repo.select("state:modified.configs", against: "HEAD").isEmpty)
        try repo.write("models/stg_orders.sql", "select id as order_id, customer_id, amount from {{ ref('raw_orders') }} where id > 0\n")
        #expect(try repo.select("state:modified+", against: "HEAD") == ["customers", "orders", "stg_orders"])
        // the edited model's tests come with it
        #expect(try repo.select("state:modified", against: "HEAD", tests: true).contains { $0.hasPrefix("not_null_stg_orders") })
    }

    @Test func reformatOnlySelectsNothing() throws {
        let repo = try GitRepo(ShopProject.files)
        try repo.write("models/orders.sql", """
            -- orders in dollars
            SELECT
                order_id,
                {{ cents_to_dollars('amount') }}   AS amount_dollars  /* cents / 100 */
            FROM {{ ref('stg_orders') }}
            {# reformatted on purpose #}

            """)
        try repo.write("models/customers.sql", "select customer_id,sum(amount) as total from {{ref('stg_orders')}} group by customer_id")
        try repo.write("macros/cents.sql", """
            {# money helpers #}
            {% macro cents_to_dollars(col) %}
                ({{ col }} / 100.0)
            {% endmacro %}
            """)
        #expect(try repo.select("state:modified", against: "HEAD").isEmpty)
        #expect(try repo.select("state:modified+", against: "HEAD").isEmpty)
        // Jinja in a SQL comment still runs (`-- {% set n = 2 %}`): it is compared as written
        #expect(SQLNormalizer.normalize("-- {% set n = 1 %}\nselect {{ n }}") != SQLNormalizer.normalize("-- {% set n = 2 %}\nselect {{ n }}"))
        #expect(SQLNormalizer.normalize("/* {{ x }} */ select 1") != SQLNormalizer.normalize("/* {{ y }} */ select 1"))
        #expect(SQLNormalizer.normalize("-- note\nselect 1") == SQLNormalizer.normalize("SELECT 1"))
    }

    @Test func changedConfig() throws {
        let repo = try GitRepo(ShopProject.files)
        try repo.write("models/customers.sql", """
            {{ config(materialized='table') }}
            select customer_id, sum(amount) as total
            from {{ ref('stg_orders') }}
            group by customer_id
            """)
        #expect(try repo.select("state:modified", against: "HEAD") == ["customers"])
        #expect(try repo.select("state:modified.configs", against: "HEAD") == ["customers"])
        // the compiled SQL is the same: config() renders nothing
        #expect(try repo.select("state:modified.body", against: "HEAD").isEmpty)
        // a folder config in the project file reaches every model under it; tags alone are no
        // config change (dbt's comparison leaves them out)
        let project = ShopProject.files["flowc.yml", default: ""]
        try repo.write("flowc.yml", project + "\n    +tags: ['nightly']\n")
        #expect(try repo.select("state:modified.configs", against: "HEAD") == ["customers"])
        try repo.write("flowc.yml", project + "\n    +meta: {owner: data}\n")
        #expect(try repo.select("state:modified.configs", against: "HEAD") == ["customers", "orders", "stg_orders"])
    }

    @Test func changedMacro() throws {
        let repo = try GitRepo(ShopProject.files)
        try repo.write("macros/unrelated.sql", "{% macro unused_helper() %}2{% endmacro %}\n{% macro another() %}x{% endmacro %}\n")
        #expect(try repo.select("state:modified", against: "HEAD").isEmpty)
        try repo.write("macros/cents.sql", "{% macro cents_to_dollars(col) %}round({{ col }} / 100.0, 2){% endmacro %}\n")
        #expect(try repo.select("state:modified", against: "HEAD") == ["orders"])
        let macros = try repo.select("state:modified.macros", against: "HEAD")
        #expect(macros == ["orders"])
    }

    @Test func macroCalledThroughAnotherMacro() throws {
        var files = ShopProject.files
        files["macros/money.sql"] = "{% macro money(col) %}{{ cents_to_dollars(col) }}{% endmacro %}\n"
        files["models/revenue.sql"] = "select {{ money('amount') }} as revenue from {{ ref('stg_orders') }}\n"
        let repo = try GitRepo(files)
        // two macros in one file: changing one leaves the other's users alone
        try repo.write("macros/cents.sql", """
            {% macro cents_to_dollars(col) %}({{ col }} / 100.0){% endmacro %}
            {% macro cents_to_euros(col) %}({{ col }} / 105.0){% endmacro %}
            """)
        #expect(try repo.select("state:modified", against: "HEAD").isEmpty)
        try repo.write("macros/cents.sql", "{% macro cents_to_dollars(col) %}({{ col }} / 100){% endmacro %}\n")
        let selected = try repo.select("state:modified.macros", against: "HEAD")
        #expect(selected == ["orders", "revenue"])
    }

    /// Metrics, semantic models and saved queries are compared by their definitions, as dbt's
    /// same_contents compares them: unchanged ones are neither new nor modified.
    @Test func semanticNodesCompareByDefinition() throws {
        let semantic = """
            models:
              - name: time_spine
                time_spine: {standard_granularity_column: date_day}
                columns: [{name: date_day, granularity: day}]
            semantic_models:
              - name: orders_sm
                model: ref('orders')
                defaults: {agg_time_dimension: ordered_at}
                entities: [{name: order_id, type: primary}]
                dimensions: [{name: ordered_at, type: time, expr: "current_date", type_params: {time_granularity: day}}]
                measures: [{name: order_total, agg: sum, expr: amount_dollars}]
            metrics:
              - name: revenue
                label: Revenue
                type: simple
                type_params: {measure: order_total}
              - name: order_count
                label: Orders
                type: simple
                type_params: {measure: order_total}
            """
        var files = ShopProject.files
        files["models/semantic.yml"] = semantic
        files["models/time_spine.sql"] = "select current_date as date_day\n"
        let repo = try GitRepo(files)
        func selected(_ selector: String) throws -> [String] {
            let (build, context) = try repo.state("HEAD")
            var graph = build.manifest.selectionGraph
            graph.state = context.comparison
            return try NodeSelection.select(graph, select: [selector], exclude: nil, resourceTypes: ["metric", "semantic_model"]).sorted()
        }
        #expect(try selected("state:new").isEmpty)
        #expect(try selected("state:modified").isEmpty)
        try repo.write("models/semantic.yml", semantic.replacingOccurrences(of: "label: Revenue", with: "label: Gross revenue"))
        #expect(try selected("state:modified") == ["metric.shop.revenue"])
        #expect(try selected("state:new").isEmpty)
    }

    @Test func addedModelIsNew() throws {
        let repo = try GitRepo(ShopProject.files)
        try repo.write("models/big_orders.sql", "select * from {{ ref('orders') }} where amount_dollars > 20\n")
        #expect(try repo.select("state:new", against: "HEAD") == ["big_orders"])
        #expect(try repo.select("state:modified", against: "HEAD") == ["big_orders"])
        #expect(try repo.select("state:old", against: "HEAD") == ["customers", "orders", "raw_orders", "stg_orders"])
    }

    @Test func comparesWithOlderCommitsAndBranches() throws {
        let repo = try GitRepo(ShopProject.files)
        try repo.git("branch", "production")
        try repo.write("models/big_orders.sql", "select * from {{ ref('orders') }}\n")
        try repo.commit("add big_orders")
        try repo.write("models/customers.sql", "select customer_id from {{ ref('stg_orders') }}\n")
        try repo.commit("simplify customers")
        #expect(try repo.select("state:modified", against: "HEAD~1") == ["customers"])
        #expect(try repo.select("state:modified", against: "HEAD~2") == ["big_orders", "customers"])
        #expect(try repo.select("state:modified", against: "production") == ["big_orders", "customers"])
        // the work tree was never touched
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }

    @Test func badRefIsAClearError() throws {
        let repo = try GitRepo(ShopProject.files)
        #expect {
            _ = try repo.state("nope")
        } throws: { error in
            "\(error)" == "--state git:nope: no branch, tag or commit named 'nope' in \(repo.root)\n"
                + "hint: check the name with `git branch -a` / `git tag`; in CI, fetch it first (`git fetch origin nope`)"
        }
    }

    @Test func revisionThatDoesNotBuildNamesItsFiles() throws {
        let repo = try GitRepo(ShopProject.files)
        try repo.write("models/customers.sql", "select * from {{ ref('stg_ordres') }}\n")
        try repo.commit("typo")
        try repo.write("models/customers.sql", "select * from {{ ref('stg_orders') }}\n")
        #expect {
            _ = try repo.state("HEAD")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("the project at git:HEAD (") && text.contains("HEAD:models/customers.sql:1:")
                && text.contains("stg_ordres")
        }
    }
}

@Suite struct MonorepoTests {
    /// A project in a subdirectory of its repository: only its subtree is read.
    @Test func projectInASubdirectory() throws {
        var files: [String: String] = ["README.md": "monorepo\n", "app/main.py": "print(1)\n"]
        for (path, text) in ShopProject.files { files["analytics/" + path] = text }
        let repo = try GitRepo(files)
        try repo.write("analytics/models/customers.sql", "select customer_id from {{ ref('stg_orders') }}\n")
        let sub = try SubProject(repo: repo, path: "analytics")
        #expect(try sub.select("state:modified", against: "HEAD") == ["customers"])
        // a revision from before the project existed
        let emptyTree = try repo.git("hash-object", "-t", "tree", "/dev/null").trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try repo.git("commit-tree", emptyTree, "-m", "empty").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git("branch", "empty", commit)
        #expect {
            _ = try sub.select("state:modified", against: "empty")
        } throws: { error in
            "\(error)".hasPrefix("--state git:empty: the project directory 'analytics/' does not exist at empty")
        }
    }
}

/// The project at `path` inside a GitRepo.
struct SubProject {
    let repo: GitRepo
    let path: String

    func select(_ selector: String, against ref: String) throws -> [String] {
        let root = repo.root + "/" + path
        let project = try ProjectLoader.load(root: root)
        let (t, _) = try ProfileLoader.load(projectRoot: root, profileName: project.config.profile, targetName: nil,
                                           profilesDir: nil, targetPath: project.config.targetPath, vars: nil)
        let options = GraphOptions(target: t, dialect: .sqlite, environment: [:], threads: 2, invocationId: "test",
                                   runStartedAt: "2026-01-01T00:00:00Z")
        let build = try GraphBuilder.build(project, options: options)
        let context = try StateSession.load(.git(ref), current: build, projectRoot: root, cliVars: nil, options: options)
        var graph = build.manifest.selectionGraph
        graph.state = context.comparison
        return try NodeSelection.select(graph, select: [selector], exclude: nil, resourceTypes: ["model"])
            .compactMap { build.manifest.nodes[$0]?.name }
    }
}

@Suite struct GitTreeReadingTests {
    /// Paths longer than tar's 100-byte name field come through pax headers.
    @Test func longPathsAndNestedFolders() throws {
        var files = ShopProject.files
        let deep = "models/" + String(repeating: "very_long_folder_name_", count: 6) + "/nested/" + String(repeating: "m", count: 80) + ".sql"
        files[deep] = "select 1 as x\n"
        let repo = try GitRepo(files)
        try repo.write(deep, "select 2 as x\n")
        #expect(try repo.select("state:modified", against: "HEAD") == [String(repeating: "m", count: 80)])
        let tree = try GitRevision.read("HEAD", projectRoot: repo.root)
        #expect(tree.files[deep] == Array("select 1 as x\n".utf8))
        #expect(tree.files["seeds/raw_orders.csv"] != nil && tree.files.count == files.count)
    }
}
