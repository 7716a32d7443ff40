// Packages installed under dbt_packages/ contribute nodes, not only macros: name lookup in
// dbt's order, configs in dbt's precedence, var scoping, and errors that name the package's
// file. (The fixture project compared with dbt's own output is in FlowcRunTests'
// InstalledPackageCLITests.)
import FlowcCompile
import FlowcGraph
import FlowcProject
import FlowcSQL
import Foundation
import Testing

private let packageFile = """
    name: pkgx
    version: '0.1.0'
    vars:
      pkg_only: pkg_default
    models:
      pkgx:
        +materialized: view
        +tags: [pkg_tag]
    """

private func project(_ files: [String: String]) throws -> TestProject {
    var all = files
    all["flowc.yml"] = all["flowc.yml"] ?? minimalProjectFile
    all["profiles.yml"] = sqliteProfile
    all["dbt_packages/pkgx/dbt_project.yml"] = all["dbt_packages/pkgx/dbt_project.yml"] ?? packageFile
    return try TestProject(all)
}

@Test func refsAreLookedUpInTheRootThenTheCallersPackageThenAny() throws {
    let p = try project([
        "models/dupe.sql": "select 'root' as owner",
        "models/root_plain.sql": "select * from {{ ref('dupe') }}",
        "models/root_qualified.sql": "select * from {{ ref('pkgx', 'dupe') }}",
        "models/root_only_in_package.sql": "select * from {{ ref('pkg_only') }}",
        "dbt_packages/pkgx/models/dupe.sql": "{{ config(schema='pkg') }}select 'pkgx' as owner",
        "dbt_packages/pkgx/models/pkg_only.sql": "select 1 as x",
        "dbt_packages/pkgx/models/pkg_plain.sql": "select * from {{ ref('dupe') }}",
        "dbt_packages/pkgx/models/pkg_qualified.sql": "select * from {{ ref('pkgx', 'dupe') }}",
    ])
    defer { p.remove() }
    let build = try p.build()
    func parents(_ id: String) -> [String] { build.manifest.nodes[id]?.dependsOnNodes ?? ["missing \(id)"] }
    #expect(parents("model.shop.root_plain") == ["model.shop.dupe"])
    #expect(parents("model.shop.root_qualified") == ["model.pkgx.dupe"])
    #expect(parents("model.shop.root_only_in_package") == ["model.pkgx.pkg_only"])
    #expect(parents("model.pkgx.pkg_plain") == ["model.shop.dupe"])
    #expect(parents("model.pkgx.pkg_qualified") == ["model.pkgx.dupe"])
    let sql = try p.compile()
    #expect(sql["root_qualified"] == "select * from main_pkg.\"dupe\"")
    #expect(sql["pkg_plain"] == "select * from main.\"dupe\"")
    // dbt warns when a package's ref lands on a root project's node.
    #expect(build.diagnostics.contains { $0.severity == .warning
        && $0.message == "model 'pkg_plain' in package 'pkgx' depends on the root project's model.shop.dupe"
        && $0.span == SourceSpan(file: "dbt_packages/pkgx/models/pkg_plain.sql", line: 1, column: 22) })

    // With dbt's behaviour flag, the calling node's package comes first (for sources too).
    try Data((minimalProjectFile + "\nflags:\n  require_ref_searches_node_package_before_root: true\n").utf8)
        .write(to: URL(fileURLWithPath: p.root + "/flowc.yml"))
    let flagged = try p.build()
    #expect(flagged.manifest.nodes["model.pkgx.pkg_plain"]?.dependsOnNodes == ["model.pkgx.dupe"])
    #expect(flagged.manifest.nodes["model.shop.root_plain"]?.dependsOnNodes == ["model.shop.dupe"])
    #expect(!flagged.diagnostics.contains { $0.message.contains("depends on the root project's") })
    #expect(try p.compile()["pkg_plain"] == "select * from main_pkg.\"dupe\"")
}

@Test func aRefIntoTheWrongPackageSaysWhereTheNameIs() throws {
    let p = try project([
        "models/base.sql": "select 1 as x",
        "dbt_packages/pkgx/models/uses.sql": "select *\nfrom {{ ref('pkgx', 'base') }}",
    ])
    defer { p.remove() }
    let e = try #require(p.errors().first)
    #expect(e.message == "ref('pkgx', 'base'): package 'pkgx' has no model, seed or snapshot 'base'")
    #expect(e.hint == "'base' is in shop")
    #expect(e.span == SourceSpan(file: "dbt_packages/pkgx/models/uses.sql", line: 2, column: 21))
}

@Test func errorsInAPackageNameItsFileUnderDbtPackages() throws {
    let p = try project([
        "dbt_packages/pkgx/models/bad.sql": "select 1\n{% if true %}",
        "dbt_packages/pkgx/models/lost.sql": "select * from {{ ref('nowhere') }}",
    ])
    defer { p.remove() }
    let errors = p.errors()
    #expect(errors.contains { $0.span?.file == "dbt_packages/pkgx/models/bad.sql" && $0.message.contains("endif") })
    #expect(errors.contains { $0.message == "ref('nowhere') names no model, seed or snapshot"
        && $0.span == SourceSpan(file: "dbt_packages/pkgx/models/lost.sql", line: 1, column: 22) })

    let yaml = try project(["dbt_packages/pkgx/models/schema.yml": "version: 2\nmodels: {name: [1\n"])
    defer { yaml.remove() }
    #expect(throws: ProjectErrors.self) { try ProjectLoader.load(root: yaml.root) }
    do {
        _ = try ProjectLoader.load(root: yaml.root)
    } catch let e as ProjectErrors {
        #expect(e.errors.first?.span?.file == "dbt_packages/pkgx/models/schema.yml")
    }
}

@Test func packagesMayReuseANameButNotARelation() throws {
    let p = try project([
        "models/orders.sql": "select 1 as x",
        "dbt_packages/pkgx/models/orders.sql": "select 2 as x",
    ])
    defer { p.remove() }
    let e = try #require(p.errors().first)
    #expect(e.message == "two resources would be built as main.main.orders: model.shop.orders (models/orders.sql) and "
        + "model.pkgx.orders (dbt_packages/pkgx/models/orders.sql)")
    #expect(e.span?.file == "dbt_packages/pkgx/models/orders.sql")

    let twice = try project([
        "dbt_packages/pkgx/models/a/orders.sql": "select 1 as x",
        "dbt_packages/pkgx/models/b/orders.sql": "select 2 as x",
    ])
    defer { twice.remove() }
    #expect(twice.errors().map(\.message)
        == ["two resources are named 'orders': dbt_packages/pkgx/models/a/orders.sql and dbt_packages/pkgx/models/b/orders.sql"])
}

@Test func theRootProjectsConfigsComeLastForPackageNodes() throws {
    let p = try project([
        "flowc.yml": minimalProjectFile + """

            models:
              pkgx:
                marts:
                  +schema: marts
                legacy:
                  +enabled: false
            data_tests:
              pkgx:
                +severity: warn
            """,
        "dbt_packages/pkgx/dbt_project.yml": packageFile + """

                marts:
                  +materialized: table
                  +schema: pkg_marts
            """,
        "dbt_packages/pkgx/models/marts/facts.sql": "{{ config(schema='from_file', alias='facts_alias') }}select 1 as id",
        "dbt_packages/pkgx/models/marts/described.sql": "select 1 as id",
        "dbt_packages/pkgx/models/legacy/old.sql": "select * from {{ ref('nowhere') }}",
        "dbt_packages/pkgx/models/schema.yml": """
            version: 2
            models:
              - name: described
                config: {materialized: incremental, tags: [yaml_tag]}
                columns:
                  - name: id
                    data_tests: [unique]
              - name: old
                columns:
                  - name: id
                    data_tests: [not_null]
            """,
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    let facts = try #require(m.nodes["model.pkgx.facts"])
    // package folder (table, pkg_marts) < config() (from_file) < root folder (marts)
    #expect(facts.materialized == "table")
    #expect(facts.config["schema"]?.stringValue == "marts")
    #expect(facts.schema == "main_marts")
    #expect(facts.alias == "facts_alias")
    #expect(facts.tags == ["pkg_tag"])
    #expect(facts.fqn == ["pkgx", "marts", "facts"])
    #expect(facts.path == "marts/facts.sql")
    #expect(facts.originalFilePath == "models/marts/facts.sql")
    let described = try #require(m.nodes["model.pkgx.described"])
    // package folder < the package's own properties YAML
    #expect(described.materialized == "incremental")
    #expect(described.tags == ["pkg_tag", "yaml_tag"])
    #expect(described.patchPath == "pkgx://models/schema.yml")
    let test = try #require(m.nodes.values.first { $0.name == "unique_described_id" })
    #expect(test.uniqueId.hasPrefix("test.pkgx.unique_described_id."))
    #expect(test.config["severity"]?.stringValue == "warn")
    // Disabled from the root: the model (whose ref would not resolve) and its tests.
    #expect(m.disabled["model.pkgx.old"] != nil)
    #expect(m.nodes["model.pkgx.old"] == nil)
    #expect(!m.nodes.values.contains { $0.name.contains("old") })
}

@Test func varsOfAPackageNodeAreScopedAsInDbt() throws {
    let p = try project([
        "flowc.yml": minimalProjectFile + "\nvars:\n  shared: root\n  pkgx:\n    scoped: root_for_pkgx\n",
        "dbt_packages/pkgx/dbt_project.yml": "name: pkgx\nvars:\n  pkg_only: pkg_default\n  shared: pkg\n  scoped: pkg\n",
        "dbt_packages/pkgx/models/v.sql": "select '{{ var('pkg_only') }}' as a, '{{ var('scoped') }}' as b, '{{ var('shared') }}' as c",
        "models/r.sql": "select '{{ var('shared') }}' as c, '{{ var('scoped', 'none') }}' as b",
    ])
    defer { p.remove() }
    let sql = try p.compile()
    // the package's own < the root's global < the root's `pkgx:` scope
    #expect(sql["v"] == "select 'pkg_default' as a, 'root_for_pkgx' as b, 'root' as c")
    // the root project does not see what it scopes to a package
    #expect(sql["r"] == "select 'root' as c, 'none' as b")

    // --vars beat them all
    let project = try ProjectLoader.load(root: p.root)
    let (target, _) = try ProfileLoader.load(projectRoot: p.root, profileName: project.config.profile, targetName: nil,
                                            profilesDir: nil, targetPath: project.config.targetPath, vars: nil)
    let options = GraphOptions(target: target, dialect: .sqlite, environment: [:],
                               cliVars: JSONObject([("pkg_only", "cli"), ("scoped", "cli")]), threads: 1,
                               invocationId: "test", runStartedAt: "2026-01-01T00:00:00Z")
    let build = try GraphBuilder.build(project, options: options)
    let compiled = Compiler.compile(build, nodes: ["model.pkgx.v"], threads: 1)
    #expect(compiled.nodes["model.pkgx.v"]?.sql == "select 'cli' as a, 'cli' as b, 'root' as c")
    #expect(compiled.nodes["model.pkgx.v"]?.compiledPath == "target/compiled/pkgx/models/v.sql")
}

@Test func aPackageWithTheRootsNameContributesOnlyMacros() throws {
    let p = try project([
        "dbt_packages/self/dbt_project.yml": "name: shop\nversion: '1.0'\n",
        "dbt_packages/self/models/m.sql": "select 1 as x",
        "dbt_packages/self/macros/twice.sql": "{% macro twice(x) %}{{ x * 2 }}{% endmacro %}",
        "models/a.sql": "select {{ twice(2) }} as four",
    ])
    defer { p.remove() }
    let project = try ProjectLoader.load(root: p.root)
    #expect(project.diagnostics.contains { $0.message == "package self has the root project's name 'shop'; only its macros are read" })
    let sql = try p.compile()
    #expect(sql["a"] == "select 4 as four")
    #expect(sql["m"] == nil)
}

@Test func aPackagesOwnMacrosWinInItsOwnNodes() throws {
    let p = try project([
        "macros/label.sql": "{% macro label() %}root{% endmacro %}",
        "dbt_packages/pkgx/macros/label.sql": "{% macro label() %}pkgx{% endmacro %}{% macro shout(x) %}{{ label() }}:{{ x }}{% endmacro %}",
        "dbt_packages/other/dbt_project.yml": "name: other\n",
        "dbt_packages/other/macros/label.sql": "{% macro label() %}other{% endmacro %}",
        "dbt_packages/other/models/o.sql": "select '{{ label() }}' as l",
        "dbt_packages/pkgx/models/p.sql": "select '{{ label() }}' as l, '{{ shout(1) }}' as s",
        "models/r.sql": "select '{{ label() }}' as l, '{{ pkgx.shout(1) }}' as s, '{{ pkgx.label() }}' as q",
    ])
    defer { p.remove() }
    let sql = try p.compile()
    // dbt: the node's own package, then the root project, then dbt's built-ins; a package's
    // macro called from a root node sees the root node's names
    #expect(sql["p"] == "select 'pkgx' as l, 'pkgx:1' as s")
    #expect(sql["o"] == "select 'other' as l")
    #expect(sql["r"] == "select 'root' as l, 'root:1' as s, 'pkgx' as q")
}

/// A package's YAML names its own generic test by its bare name, as dbt allows (the test node is
/// the package's, and its macros come first).
@Test func aPackagesYAMLUsesItsOwnGenericTestByItsBareName() throws {
    let p = try project([
        "dbt_packages/pkgx/macros/t.sql": "{% test positive(model, column_name) %}select 1 from {{ model }} where {{ column_name }} < 0{% endtest %}",
        "dbt_packages/pkgx/models/p.sql": "select 1 as id",
        "dbt_packages/pkgx/models/p.yml": "version: 2\nmodels:\n  - name: p\n    columns:\n      - name: id\n        data_tests: [positive]\n",
    ])
    defer { p.remove() }
    #expect(p.errors().isEmpty, "\(p.errors())")
    #expect(try p.compile()["positive_p_id"] == "select 1 from main.\"p\" where id < 0")
}

/// `adapter.dispatch('x')` without a namespace looks `default__x` up as a bare name: in a
/// package's own node its package's comes first (dbt's local namespace); from a root node the
/// package's is out of reach, as in dbt.
@Test func dispatchWithoutANamespaceFindsTheNodesOwnPackage() throws {
    let files = [
        "dbt_packages/pkgx/macros/greet.sql": """
            {% macro greet() %}{{ return(adapter.dispatch('greet')()) }}{% endmacro %}
            {% macro default__greet() %}hello from pkgx{% endmacro %}
            """,
        "dbt_packages/pkgx/models/own.sql": "select '{{ greet() }}' as g",
    ]
    let ok = try project(files)
    defer { ok.remove() }
    #expect(try ok.compile()["own"] == "select 'hello from pkgx' as g")
    let bad = try project(files.merging(["models/r.sql": "select '{{ pkgx.greet() }}' as g"]) { $1 })
    defer { bad.remove() }
    do {
        _ = try bad.compile()
        Issue.record("pkgx.greet() compiled from a root node")
    } catch {
        #expect("\(error)".contains("no macro named 'greet' to dispatch"), "\(error)")
    }
}

/// As in dbt 1.11, a bare name outside a package never reaches the package's macros: not from
/// a root model ("'only_here' is undefined", with a hint naming the package), not from inside
/// the package's macro called as `pkgx.outer()` by a root model or the package's test
/// `pkgx.check` on a root model (dbt: "'inner' is undefined"), and a package macro named like
/// dbt's built-in does not replace it (dbt_utils 0.9's `type_string` shim: the root model gets
/// dbt's).
@Test func aPackagesMacrosAreNotReachedByBareNamesOutsideIt() throws {
    let files = [
        "dbt_packages/pkgx/macros/m.sql": """
            {% macro only_here() %}x{% endmacro %}
            {% macro outer() %}[{{ inner() }}]{% endmacro %}
            {% macro inner() %}in{% endmacro %}
            {% macro type_string() %}pkg_text{% endmacro %}
            {% test check(model) %}select '{{ inner() }}' as i from {{ model }}{% endtest %}
            """,
        "dbt_packages/pkgx/models/own.sql": "select '{{ outer() }}' as o",
        "models/builtin.sql": "select cast(1 as {{ type_string() }}) as t, '{{ pkgx.only_here() }}' as q",
    ]
    let ok = try project(files)
    defer { ok.remove() }
    let sql = try ok.compile()
    #expect(sql["builtin"] == "select cast(1 as TEXT) as t, 'x' as q")
    #expect(sql["own"] == "select '[in]' as o")

    let testOnRoot = "version: 2\nmodels:\n  - name: builtin\n    data_tests: [pkgx.check]\n"
    for (file, text, name) in [("models/bad.sql", "select '{{ only_here() }}' as x", "only_here"),
                               ("models/bad.sql", "select '{{ pkgx.outer() }}' as x", "inner"),
                               ("models/props.yml", testOnRoot, "inner")] {
        let bad = try project(files.merging([file: text]) { $1 })
        defer { bad.remove() }
        do {
            _ = try bad.compile()
            Issue.record("bare \(name) compiled")
        } catch let e as Diagnostic {
            #expect(e.message.contains("'\(name)' is undefined"), "\(e.message)")
            #expect(e.hint?.contains("'\(name)' is a macro of package 'pkgx': outside it, call it as pkgx.\(name)(…)") == true,
                    "\(e.hint ?? "")")
        }
    }
}

@Test func sourceOverridesPatchAPackagesSource() throws {
    let p = try project([
        "dbt_packages/pkgx/models/src.yml": """
            version: 2
            sources:
              - name: stripe
                schema: stripe_raw
                loader: fivetran
                tables:
                  - name: charge
                  - name: refund
                    identifier: refunds
            """,
        "dbt_packages/pkgx/models/charges.sql": "select * from {{ source('stripe', 'charge') }} join {{ source('stripe', 'refund') }} using (id)",
        "models/overrides.yml": """
            version: 2
            sources:
              - name: stripe
                overrides: pkgx
                schema: my_stripe
                tables:
                  - name: charge
                    identifier: charges_2024
                    columns:
                      - name: id
                        data_tests: [not_null]
              - name: shopify
                overrides: pkgx
                schema: nowhere
            """,
    ])
    defer { p.remove() }
    let build = try p.build()
    let charge = try #require(build.manifest.sources["source.pkgx.stripe.charge"])
    #expect(charge.schema == "my_stripe")
    #expect(charge.identifier == "charges_2024")
    #expect(charge.loader == "fivetran")
    #expect(charge.originalFilePath == "models/src.yml")
    #expect(build.manifest.sources["source.pkgx.stripe.refund"]?.identifier == "refunds")
    #expect(build.manifest.sources["source.shop.stripe.charge"] == nil)
    // The override's columns bring their tests, which belong to the package's source.
    #expect(build.manifest.nodes.values.contains { $0.uniqueId.hasPrefix("test.pkgx.source_not_null_stripe_charge_id.") })
    #expect(build.diagnostics.contains { $0.message == "source 'shopify' overrides package 'pkgx', which has no source of that name"
        && $0.span?.file == "models/overrides.yml" })
    #expect(try p.compile()["charges"] == "select * from my_stripe.\"charges_2024\" join my_stripe.\"refunds\" using (id)")
}

@Test func aPackagesProjectFileRendersWithTheTarget() throws {
    let p = try project([
        "dbt_packages/pkgx/dbt_project.yml": """
            name: pkgx
            models:
              pkgx:
                postgres_only:
                  +enabled: "{{ target.type == 'postgres' }}"
            """,
        "dbt_packages/pkgx/models/postgres_only/pg.sql": "select 1 as x",
        "dbt_packages/pkgx/models/everywhere.sql": "select 1 as x",
    ])
    defer { p.remove() }
    let (target, _) = try ProfileLoader.load(projectRoot: p.root, profileName: "shop", targetName: nil, profilesDir: nil,
                                            targetPath: "target", vars: nil)
    let project = try ProjectLoader.load(root: p.root, vars: nil, target: target, environment: [:])
    let options = GraphOptions(target: target, dialect: .sqlite, environment: [:], threads: 1,
                               invocationId: "test", runStartedAt: "2026-01-01T00:00:00Z")
    let m = try GraphBuilder.build(project, options: options).manifest
    #expect(m.disabled["model.pkgx.pg"] != nil)
    #expect(m.nodes["model.pkgx.everywhere"] != nil)
}

/// dbt names a package's nodes with the package's own generate_schema_name when it has one,
/// even over the root project's, and never names the root's nodes with a package's.
@Test func aPackagesOwnGenerateSchemaNameNamesOnlyItsNodes() throws {
    let macro = """
        {% macro generate_schema_name(custom_schema_name, node) -%}pkg_named{%- endmacro %}
        """
    let p = try project([
        "models/root_model.sql": "select 1 as x",
        "macros/other.sql": "{% macro unrelated() %}1{% endmacro %}",
        "dbt_packages/pkgx/macros/naming.sql": macro,
        "dbt_packages/pkgx/models/pkg_model.sql": "select 1 as x",
    ])
    defer { p.remove() }
    var build = try p.build()
    #expect(build.manifest.nodes["model.pkgx.pkg_model"]?.schema == "pkg_named")
    #expect(build.manifest.nodes["model.shop.root_model"]?.schema == "main")

    // The root project's own macro names the root's nodes; the package keeps its own.
    try Data("{% macro generate_schema_name(custom_schema_name, node) -%}root_named{%- endmacro %}".utf8)
        .write(to: URL(fileURLWithPath: p.root + "/macros/naming.sql"))
    build = try p.build()
    #expect(build.manifest.nodes["model.pkgx.pkg_model"]?.schema == "pkg_named")
    #expect(build.manifest.nodes["model.shop.root_model"]?.schema == "root_named")
}
