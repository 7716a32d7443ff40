// Discovery: which files a project has, what kind each is, and in what order.

import Testing
@testable import FlowcProject

@Suite struct DiscoveryTests {
    @Test func kindsAndOrder() throws {
        let p = try TempProject([
            "dbt_project.yml": "name: shop\n",
            "models/staging/stg_orders.sql": "select 1",
            "models/staging/_staging.yml": "version: 2\n",
            "models/marts/orders.sql": "select 2",
            "models/marts/orders.md": "{% docs orders %}x{% enddocs %}",
            "models/marts/notes.txt": "ignored",
            "models/a.py": "ignored",
            "seeds/raw_orders.csv": "id\n1\n",
            "seeds/_seeds.yaml": "version: 2\n",
            "macros/cents.sql": "{% macro cents(x) %}{{ x }}/100{% endmacro %}",
            "macros/macros.yml": "version: 2\n",
            "tests/assert_positive.sql": "select 1 where false",
            "tests/generic/non_negative.sql": "{% test non_negative(model, column_name) %}select 1{% endtest %}",
            "tests/generic/more/deep.sql": "{% test deep(model) %}select 1{% endtest %}",
            "snapshots/orders_snapshot.sql": "{% snapshot s %}select 1{% endsnapshot %}",
            "analyses/adhoc.sql": "select 3",
            "models/.hidden.sql": "hidden",
            "models/.cache/x.sql": "hidden",
            "target/compiled/x.sql": "not a model",
            "models/dbt_packages/pkg/x.sql": "not a model",
            "dbt_packages/pkg/dbt_project.yml": "name: pkg\n",
            "dbt_packages/pkg/models/y.sql": "a package's model, not the root project's",
        ])
        let project = try p.load()
        let listing = project.files.map { "\($0.kind.rawValue) \($0.path)" }
        #expect(listing == [
            "analysis analyses/adhoc.sql",
            "macro macros/cents.sql",
            "properties macros/macros.yml",
            "docs models/marts/orders.md",
            "model models/marts/orders.sql",
            "properties models/staging/_staging.yml",
            "model models/staging/stg_orders.sql",
            "properties seeds/_seeds.yaml",
            "seed seeds/raw_orders.csv",
            "snapshot snapshots/orders_snapshot.sql",
            "singularTest tests/assert_positive.sql",
            "genericTestDefinition tests/generic/more/deep.sql",
            "genericTestDefinition tests/generic/non_negative.sql",
        ])
        let model = try #require(project.file(at: "models/marts/orders.sql"))
        #expect(model.text == "select 2")
        #expect(model.absolutePath == p.root + "/models/marts/orders.sql")
        #expect(model.name == "orders")
        #expect(project.properties.map(\.path) == ["macros/macros.yml", "models/staging/_staging.yml", "seeds/_seeds.yaml"])
    }

    @Test func configuredPathsAndDocsPaths() throws {
        let p = try TempProject([
            "dbt_project.yml": """
                name: shop
                model-paths: ["transform", "missing_dir"]
                docs-paths: ["docs"]
                target-path: "transform/build"
                """,
            "transform/a.sql": "select 1",
            "transform/a.md": "not docs: docs-paths is set",
            "transform/build/a.sql": "the target path is skipped",
            "docs/overview.md": "{% docs __overview__ %}hi{% enddocs %}",
            "models/ignored.sql": "not a model path any more",
        ])
        let project = try p.load()
        #expect(project.files.map(\.path) == ["docs/overview.md", "transform/a.sql"])
        #expect(project.files.map(\.kind) == [.docs, .model])
    }

    @Test func symlinkedDirectoriesAreFollowedOnce() throws {
        let p = try TempProject(["dbt_project.yml": "name: shop\n", "models/a/x.sql": "select 1"])
        try FileManagerLink.link(p.root + "/models/a/loop", to: p.root + "/models")
        let project = try p.load()
        #expect(project.files.map(\.path) == ["models/a/x.sql"])
    }
}
