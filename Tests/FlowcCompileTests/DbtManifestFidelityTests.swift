// Manifest fields where flowc once differed from what `dbt parse` (1.11) writes for the same
// project; each expectation is what dbt wrote for the generated benchmark projects or a small
// project with a snapshot and an analysis.
import FlowcGraph
import Foundation
import FlowcProject
import Testing

@Suite struct DbtManifestFidelityTests {
    static func build() throws -> (TestProject, GraphBuild) {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile + "\nmodels:\n  shop:\n    analysis:\n      +tags: [from_models_tree]\n",
            "profiles.yml": sqliteProfile,
            "seeds/codes.csv": "id,name\n1,a\n\n",
            "models/orders.sql": "select 1 as id, 'credit_card' as payment_method",
            "models/docs.md": "{% docs orders_doc %}\nAll orders.\n{% enddocs %}\n",
            "models/schema.yml": """
                models:
                  - name: orders
                    description: '{{ doc("orders_doc") }}'
                    columns:
                      - name: payment_method
                        description: "How: {{ doc('shop', 'orders_doc') }}"
                        data_tests:
                          - accepted_values:
                              values: ['credit_card', 'coupon', 'bank_transfer', 'gift_card', 'cash_on_delivery']
                sources:
                  - name: raw
                    schema: "{{ target.schema }}"
                    tables: [{name: payments}]
                """,
            "tests/assert_positive.sql": "select * from {{ ref('orders') }} where id < 0",
            "macros/cents.sql": """
                {% macro cents(x) %}{{ return(adapter.dispatch('cents', 'shop')(x)) }}{% endmacro %}
                {% macro default__cents(x) %}{{ x }} / 100{% endmacro %}
                {% macro sqlite__cents(x) %}{{ helper(x) }} / 100.0{% endmacro %}
                {% macro helper(x) %}{% if x %}{{ dbt.safe_cast(x, 'real') }}{% endif %}{{ log('x') }}{% endmacro %}
                """,
            "analyses/explore.sql": "select * from {{ ref('orders') }}",
            "snapshots/snaps.sql": """
                {% snapshot orders_snapshot %}
                {{ config(target_schema='main', unique_key='id', strategy='timestamp', updated_at='id') }}
                select * from {{ ref('orders') }}
                {% endsnapshot %}
                """,
        ])
        return (p, try p.build())
    }

    @Test func configsCarryDbtsDefaultKeysInOrder() throws {
        let (p, build) = try Self.build()
        defer { p.remove() }
        let model = try #require(build.manifest.nodes["model.shop.orders"])
        #expect(model.config.keys == [
            "enabled", "alias", "schema", "database", "tags", "meta", "group", "static_analysis", "materialized",
            "incremental_strategy", "batch_size", "lookback", "begin", "persist_docs", "post-hook", "pre-hook", "quoting",
            "column_types", "full_refresh", "unique_key", "on_schema_change", "on_configuration_change", "grants",
            "packages", "docs", "contract", "event_time", "concurrent_batches", "access", "freshness",
        ])
        #expect(model.config["lookback"] == 1)
        let snapshot = try #require(build.manifest.nodes["snapshot.shop.orders_snapshot"])
        #expect(Array(snapshot.config.keys.suffix(7)) == ["strategy", "target_schema", "target_database", "updated_at",
                                                         "check_cols", "snapshot_meta_column_names", "dbt_valid_to_current"])
        #expect(snapshot.config["strategy"] == "timestamp")
    }

    @Test func seedsHashTheirStrippedTextAndSingularTestsUseTheAuditSchema() throws {
        let (p, build) = try Self.build()
        defer { p.remove() }
        #expect(build.manifest.nodes["seed.shop.codes"]?.checksum == Hashing.sha256Hex("id,name\n1,a"))
        #expect(build.manifest.nodes["seed.shop.codes"]?.checksumName == "sha256")
        let singular = try #require(build.manifest.nodes["test.shop.assert_positive"])
        #expect(singular.config["schema"] == "dbt_test__audit")
        #expect(singular.schema == "main_dbt_test__audit")
    }

    @Test func longGenericTestNamesGetTheirAliasThroughConfigInTheirCode() throws {
        let (p, build) = try Self.build()
        defer { p.remove() }
        let test = try #require(build.manifest.nodes.values.first { $0.testMetadata?.name == "accepted_values" })
        let alias = try #require(test.config["alias"]?.stringValue)
        #expect(alias != test.name && test.name.count > alias.count)
        #expect(test.rawCode == "{{ test_accepted_values(**_dbt_generic_test_kwargs) }}{{ config(alias=\"\(alias)\") }}")
        #expect(test.unrenderedConfig["alias"] == .string(alias))
    }

    /// dbt reads a macro's dependencies from its code: calls of other macros, `pkg.macro` calls,
    /// and the implementation `adapter.dispatch` picks for the target (sqlite here).
    @Test func macrosDependOnTheMacrosTheyCallAndDispatchTo() throws {
        let (p, build) = try Self.build()
        defer { p.remove() }
        let macros = build.manifest.macros
        #expect(macros["macro.shop.cents"]?.dependsOnMacros == ["macro.shop.sqlite__cents"])
        #expect(macros["macro.shop.sqlite__cents"]?.dependsOnMacros == ["macro.shop.helper"])
        #expect(macros["macro.shop.helper"]?.dependsOnMacros == ["macro.dbt.safe_cast"])
        #expect(macros["macro.shop.default__cents"]?.dependsOnMacros == [])
    }

    /// As dbt 1.11 lists them for dbt_artifacts' macros: `adapter.dispatch('parse_json', …)` gives
    /// both `parse_json` (the dispatched name read as a plain call) and the `default__parse_json`
    /// dispatch picks, a macro dispatching its own name only the latter; a dispatch without a
    /// namespace finds a package's own implementation; `pkg.self(…)` recursion is listed, and so
    /// is a method call named like a macro.
    @Test func dispatchingAnotherMacrosNameDependsOnThatMacroToo() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/m.sql": "select 1 as id",
            "macros/m.sql": """
                {% macro parse_json(x) %}{{ return(adapter.dispatch('parse_json', 'shop')(x)) }}{% endmacro %}
                {% macro default__parse_json(x) %}{{ x }}{% endmacro %}
                {% macro rows() %}{{ adapter.dispatch('parse_json', 'shop')('1') }}{% endmacro %}
                {% macro nothing_plain() %}{{ adapter.dispatch('only_default', 'shop')() }}{% endmacro %}
                {% macro default__only_default() %}1{% endmacro %}
                """,
            "dbt_packages/art/dbt_project.yml": "name: art\nversion: '1.0'\n",
            "dbt_packages/art/macros/json.sql": """
                {% macro parse_it(x) %}{{ return(adapter.dispatch('parse_it')(x)) }}{% endmacro %}
                {% macro default__parse_it(x) %}{{ x }}{% endmacro %}
                {% macro nested(d) %}{{ art.nested(d) }}{{ nested(d) }}{% endmacro %}
                {% macro upload(d) %}{{ d.replace('_', ' ') }}{{ adapter.drop_relation(d) }}{{ d.upper() }}{% endmacro %}
                """,
        ])
        defer { p.remove() }
        let macros = try p.build().manifest.macros
        #expect(macros["macro.art.parse_it"]?.dependsOnMacros == ["macro.art.default__parse_it"])
        #expect(macros["macro.art.nested"]?.dependsOnMacros == ["macro.art.nested"])
        // dbt_artifacts' upload_results: `dataset.replace(…)` reads as a call of dbt's replace
        #expect(macros["macro.art.upload"]?.dependsOnMacros == ["macro.dbt.replace"])
        #expect(macros["macro.shop.rows"]?.dependsOnMacros == ["macro.shop.parse_json", "macro.shop.default__parse_json"])
        #expect(macros["macro.shop.parse_json"]?.dependsOnMacros == ["macro.shop.default__parse_json"])
        #expect(macros["macro.shop.nothing_plain"]?.dependsOnMacros == ["macro.shop.default__only_default"])
    }

    /// As dbt-core 1.11.16 wrote them for dbt_utils', dbt_expectations' and dbt_date's macros:
    /// `macro_sql` keeps the whitespace a `{%-` opening takes before it and a `-%}` closing after
    /// it (within the file stripped of its outer whitespace), and dbt's own macros that flowc runs
    /// natively (run_query, statement, load_relation) count as dependencies.
    @Test func macroTextAndNativeDependenciesAsDbtWritesThem() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/m.sql": "select 1 as id",
            "macros/m.sql": "\n{% macro first() -%}\n  a\n{%- endmacro -%}\n\n\n{%- macro second() -%}\n"
                + "{% call statement('x', fetch_result=True) %}select 1{% endcall %}{{ run_query('select 1') }}\n{%- endmacro %}\n\n"
                + "{%- macro third() %}{{ load_relation(this) }}{% endmacro %}\n",
        ])
        defer { p.remove() }
        let macros = try p.build().manifest.macros
        #expect(macros["macro.shop.first"]?.macroSQL == "{% macro first() -%}\n  a\n{%- endmacro -%}\n\n\n")
        #expect(macros["macro.shop.second"]?.macroSQL == "{%- macro second() -%}\n{% call statement('x', fetch_result=True) %}select 1{% endcall %}"
                + "{{ run_query('select 1') }}\n{%- endmacro %}")
        #expect(macros["macro.shop.third"]?.macroSQL == "\n\n{%- macro third() %}{{ load_relation(this) }}{% endmacro %}")
        #expect(macros["macro.shop.second"]?.dependsOnMacros == ["macro.dbt.statement", "macro.dbt.run_query"])
        #expect(macros["macro.shop.third"]?.dependsOnMacros == ["macro.dbt.load_relation"])
    }

    /// A materialization block's `macro_sql` and `supported_languages` (dbt's default `['sql']`;
    /// other macros null), as dbt 1.11 wrote them for these two.
    @Test func materializationMacrosCarryTheirTextAndLanguages() throws {
        let table = "{% materialization my_table, adapter='postgres' -%}\n  {{ return({'relations': []}) }}\n{%- endmaterialization %}"
        let py = "{% materialization my_py, default, supported_languages=['sql', 'python'] %}{{ return({'relations': []}) }}{% endmaterialization %}"
        let p = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/m.sql": "select 1 as id",
            "macros/mat.sql": table + "\n\n" + py + "\n{% macro plain() %}x{% endmacro %}\n",
        ])
        defer { p.remove() }
        let macros = try p.build().manifest.macros
        #expect(macros["macro.shop.materialization_my_table_postgres"]?.macroSQL == table)
        #expect(macros["macro.shop.materialization_my_table_postgres"]?.supportedLanguages == ["sql"])
        #expect(macros["macro.shop.materialization_my_py_default"]?.macroSQL == py)
        #expect(macros["macro.shop.materialization_my_py_default"]?.supportedLanguages == ["sql", "python"])
        #expect(macros["macro.shop.plain"]?.supportedLanguages == nil)
    }

    /// dbt 1.11 gave these tags: a column's tags (and `config: {tags}`) reach the tests on it, a
    /// source test's also the source's and table's `tags:`; a source's tags and meta are its own,
    /// its table's and both `config:` blocks' (so `tag:` and `config.meta.` select as in dbt).
    @Test func testsInheritColumnTagsAndSourcesMergeTheirTagsAndMeta() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/m.sql": "select 1 as id, 2 as other",
            "models/schema.yml": """
                sources:
                  - name: raw
                    meta: {owner: team_a}
                    config: {tags: [src_cfg_tag]}
                    tags: [src_tag]
                    tables:
                      - name: events
                        columns:
                          - {name: id, tags: [src_col_tag], data_tests: [not_null]}
                models:
                  - name: m
                    columns:
                      - {name: id, tags: [pii], data_tests: [unique, not_null]}
                      - {name: other, config: {tags: [col_cfg]}, data_tests: [{not_null: {config: {tags: [own]}}}]}
                """,
        ])
        defer { p.remove() }
        let m = try p.build().manifest
        func tags(_ prefix: String) -> [String]? { m.nodes.values.first { $0.uniqueId.hasPrefix(prefix) }?.tags }
        #expect(tags("test.shop.unique_m_id") == ["pii"])
        #expect(tags("test.shop.not_null_m_other") == ["col_cfg", "own"])
        #expect(tags("test.shop.source_not_null_raw_events_id") == ["src_col_tag", "src_tag"])
        let source = try #require(m.sources["source.shop.raw.events"])
        #expect(source.tags == ["src_cfg_tag", "src_tag"])
        #expect(source.config["meta"]?["owner"] == "team_a" && source.meta["owner"] == "team_a")
    }

    /// In the project file a mapping without `+` is a folder, even under a config's name: dbt
    /// 1.11 gave this model no meta and no node_color, and the table materialization.
    @Test func aMappingWithoutPlusIsAFolderInTheProjectFile() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile + "\nmodels:\n  shop:\n    meta: {owner: x}\n    docs: {node_color: red}\n    materialized: table\n",
            "profiles.yml": sqliteProfile,
            "models/m.sql": "select 1 as id",
        ])
        defer { p.remove() }
        let m = try #require(try p.build().manifest.nodes["model.shop.m"])
        #expect(m.config["meta"]?.objectValue?.isEmpty ?? true)
        #expect(m.config["docs"]?["node_color"] == nil || m.config["docs"]?["node_color"] == .null)
        #expect(m.materialized == "table")
    }

    /// A top-level `tags:` on a model, seed or snapshot in properties YAML is no property in
    /// dbt 1.11 (`ls -s tag:top` selected nothing; the manifest had the config's tags only); a
    /// top-level `meta:` is one.
    @Test func topLevelTagsInPropertiesAreIgnoredAsByDbt() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/m.sql": "select 1 as id",
            "seeds/s.csv": "id\n1\n",
            "models/m.yml": """
                models:
                  - {name: m, tags: [top], meta: {owner: a}, config: {tags: [cfg]}}
                seeds:
                  - {name: s, tags: [top]}
                """,
        ])
        defer { p.remove() }
        let manifest = try p.build().manifest
        let m = try #require(manifest.nodes["model.shop.m"])
        #expect(m.tags == ["cfg"])
        #expect(m.config["meta"]?["owner"] == "a")
        #expect(manifest.nodes["seed.shop.s"]?.tags == [])
    }

    /// dbt 1.11 on this project: an exposure's `config:` replaces the project file's
    /// `exposures:` folder configs key by key; its tags are the sorted union with its own
    /// `tags:`, its meta its own `meta:` under the config's; a disabled one is left out.
    @Test func exposureConfigsLayerAsDbtLayersThem() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile + "\nexposures:\n  shop:\n    +tags: [proj]\n    +meta: {team: a, keep: p}\n    sub:\n      +enabled: false\n",
            "profiles.yml": sqliteProfile,
            "models/m.sql": "select 1 as id",
            "models/x.yml": """
                exposures:
                  - name: e1
                    type: dashboard
                    owner: {name: me}
                    tags: [top]
                    meta: {keep: topmeta}
                    config: {tags: [own], meta: {keep: own, other: 1}}
                    depends_on: [ref('m')]
                """,
            "models/sub/x.yml": """
                exposures:
                  - {name: e2, type: dashboard, owner: {name: me}, depends_on: [ref('m')]}
                  - {name: e3, type: dashboard, owner: {name: me}, config: {enabled: true}, depends_on: [ref('m')]}
                """,
        ])
        defer { p.remove() }
        let build = try p.build()
        let exposures = build.manifest.exposures
        // listed under `disabled`, and its folder config is no unused path
        #expect(build.manifest.disabledExposures["exposure.shop.e2"] != nil)
        #expect(!build.diagnostics.contains { $0.message.contains("unused configuration paths") })
        let e1 = try #require(exposures["exposure.shop.e1"])
        #expect(e1.tags == ["own", "top"])
        #expect(e1.meta == .object(JSONObject([("keep", .string("own")), ("other", .int(1))])))
        #expect(exposures["exposure.shop.e2"] == nil)
        // unrendered_config: the keys set for it, as dbt lists them
        #expect(e1.configSet["tags"] == .array([.string("own")]))
        let e3 = try #require(exposures["exposure.shop.e3"])
        #expect(e3.tags == ["proj"])
        #expect(e3.configSet["tags"] == .array([.string("proj")]) && e3.configSet["enabled"] == .bool(true))
        #expect(e3.meta == .object(JSONObject([("team", .string("a")), ("keep", .string("p"))])))
    }

    /// dbt 1.11 reads a source's tags and loaded_at_field from its YAML only: the project
    /// file's `+tags`/`+loaded_at_field` under `sources:` reach nothing (`+meta` does); its
    /// source_meta is the source's meta and its config's.
    @Test func projectSourceTagsAndLoadedAtFieldAreNotApplied() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile + "\nsources:\n  shop:\n    +tags: [ptag]\n    +loaded_at_field: loaded_at\n    +meta: {lvl: 1}\n",
            "profiles.yml": sqliteProfile,
            "models/m.sql": "select 1 as id",
            "models/s.yml": "sources:\n  - name: raw\n    meta: {smeta: 1}\n    config: {meta: {cmeta: 2}}\n    tables: [{name: t}]\n",
        ])
        defer { p.remove() }
        let t = try #require(try p.build().manifest.sources["source.shop.raw.t"])
        #expect(t.tags == [])
        #expect(t.loadedAtField == nil)
        #expect(t.meta["lvl"] == .int(1))
        #expect(t.sourceMeta == .object(JSONObject([("smeta", .int(1)), ("cmeta", .int(2))])))
    }

    /// What dbt 1.11's manifest held for these entries: a macro's documented arguments, meta,
    /// docs and patch_path; a model's top-level `docs:` moved into its config (node_color
    /// kept); a source table's `external:` with dbt's five fields; `external:` on a source is
    /// dbt's schema error.
    @Test func macroPatchesModelDocsAndSourceExternals() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "macros/cents.sql": "{% macro to_cents(col, scale=2) %}{{ col }} * 100{% endmacro %}",
            "models/a.sql": "select 1 as id",
            "models/p.yml": """
                macros:
                  - name: to_cents
                    description: Converts to cents
                    arguments: [{name: col, type: string, description: the column}, {name: scale, type: integer}]
                    meta: {owner: x}
                    docs: {show: false}
                models:
                  - name: a
                    docs: {show: false, node_color: purple}
                sources:
                  - name: s
                    tables: [{name: t, external: {location: "s3://b/x", file_format: parquet, options: {k: v}}}]
                """,
        ])
        defer { p.remove() }
        let m = try p.build().manifest
        let macro = try #require(m.macros["macro.shop.to_cents"])
        #expect(macro.patchPath == "shop://models/p.yml")
        #expect(macro.documentedArguments.map { $0["type"] } == [.string("string"), .string("integer")])
        #expect(macro.documentedArguments.last?["description"] == .string(""))
        #expect(macro.meta["owner"] == .string("x") && macro.docs?["show"] == .bool(false))
        let a = try #require(m.nodes["model.shop.a"])
        #expect(a.docsShow == false && a.config["docs"]?["node_color"] == .string("purple"))
        let external = try #require(m.sources["source.shop.s.t"]?.external)
        #expect(JSONWriter.string(ManifestWriter.externalJSON(external))
                == #"{"location": "s3://b/x", "file_format": "parquet", "row_format": null, "tbl_properties": null, "partitions": null, "options": {"k": "v"}}"#)

        try Data("sources:\n  - name: s\n    external: {location: x}\n    tables: [{name: t}]\n".utf8)
            .write(to: URL(fileURLWithPath: p.root + "/models/p.yml"))
        #expect(throws: ProjectErrors.self) { try p.build() }
    }

    /// An exposure on a disabled model is dbt's error in dbt's words; on a missing one, a
    /// suggestion; both at the exposure.
    @Test func exposureRefsToDisabledOrMissingModels() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/dis.sql": "{{ config(enabled=false) }} select 1 as id",
            "models/orders.sql": "select 1 as id",
            "models/e.yml": """
                exposures:
                  - {name: e, type: dashboard, owner: {name: me}, depends_on: [ref('dis')]}
                  - {name: f, type: dashboard, owner: {name: me}, depends_on: [ref('ordres')]}
                """,
        ])
        defer { p.remove() }
        let errors = p.errors().map { "\($0.span?.description ?? "-") \($0.message) (\($0.hint ?? "-"))" }
        #expect(errors.contains("models/e.yml:2:12 Exposure 'exposure.shop.e' (models/e.yml) depends on a node named 'dis' which is disabled "
                                + "(enable 'dis', or remove it from the exposure's depends_on)"), "\(errors)")
        #expect(errors.contains("models/e.yml:3:12 exposure 'f' refs 'ordres', which does not exist (did you mean 'orders'?)"), "\(errors)")
    }

    @Test func docReferencesAreRenderedIntoDescriptions() throws {
        let (p, build) = try Self.build()
        defer { p.remove() }
        let orders = try #require(build.manifest.nodes["model.shop.orders"])
        #expect(orders.description == "All orders.")
        #expect(orders.docBlocks == ["doc.shop.orders_doc"])
        let column = try #require(orders.columns.first { $0.name == "payment_method" })
        #expect(column.description == "How: All orders.")
        #expect(column.docBlocks == ["doc.shop.orders_doc"])
        let doc = try #require(build.manifest.docs["doc.shop.orders_doc"])
        #expect(doc.path == "docs.md" && doc.originalFilePath == "models/docs.md")
    }

    /// Every dbt manifest has dbt's own `doc.dbt.__overview__` (dbt Docs' overview page reads it
    /// unconditionally and fails without it); a project's own overview sits beside it.
    @Test func theManifestCarriesDbtsOverviewDocBesideTheProjects() throws {
        let (p, build) = try Self.build()
        defer { p.remove() }
        let overview = try #require(build.manifest.docs["doc.dbt.__overview__"])
        #expect(overview.name == "__overview__" && overview.packageName == "dbt")
        #expect(overview.path == "overview.md" && overview.originalFilePath == "docs/overview.md")
        #expect(!overview.contents.isEmpty)
        let own = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/orders.sql": "select 1 as id",
            "models/overview.md": "{% docs __overview__ %}Ours.{% enddocs %}",
        ])
        defer { own.remove() }
        let docs = try own.build().manifest.docs
        #expect(docs["doc.shop.__overview__"]?.contents == "Ours.")
        #expect(docs["doc.dbt.__overview__"] != nil)
    }

    @Test func aMissingDocIsAnErrorAtTheYAMLEntry() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile,
            "profiles.yml": sqliteProfile,
            "models/orders.sql": "select 1 as id",
            "models/docs.md": "{% docs orders_doc %}All orders.{% enddocs %}",
            "models/schema.yml": "models:\n  - name: orders\n    description: '{{ doc(\"order_doc\") }}'\n",
        ])
        defer { p.remove() }
        do {
            _ = try p.build()
            Issue.record("a missing doc built")
        } catch let e as ProjectErrors {
            let d = try #require(e.errors.first { $0.message.contains("doc('order_doc')") })
            #expect(d.span?.file == "models/schema.yml" && d.span?.line == 2)
            #expect(d.hint == "did you mean 'orders_doc'?")
        }
    }

    @Test func snapshotsAnalysesAndSourcesAreNamedAsDbtNamesThem() throws {
        let (p, build) = try Self.build()
        defer { p.remove() }
        let snapshot = try #require(build.manifest.nodes["snapshot.shop.orders_snapshot"])
        #expect(snapshot.fqn == ["shop", "snaps", "orders_snapshot"])
        let analysis = try #require(build.manifest.nodes["analysis.shop.explore"])
        #expect(analysis.path == "analysis/explore.sql")
        #expect(analysis.fqn == ["shop", "analysis", "explore"])
        #expect(analysis.tags == ["from_models_tree"])
        let source = try #require(build.manifest.sources["source.shop.raw.payments"])
        #expect(source.unrenderedSchema == "{{ target.schema }}")
        #expect(source.schema == "main")
    }

    /// What dbt 1.11.16 wrote for fivetran/dbt_github_source's sources and for a model with
    /// hooks: Jinja in a source's meta rendered to a native value, a table's `freshness: null`
    /// written as null, and hooks as `{sql, transaction, index}` objects.
    @Test func sourceMetaFreshnessAndHooksAreWrittenAsDbtWritesThem() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile + "\nvars:\n  github__using_repo_team: false\n",
            "profiles.yml": sqliteProfile,
            "models/orders.sql": """
                {{ config(pre_hook="select 1", post_hook=[{"sql": "select 2", "transaction": false}]) }}
                select 1 as id
                """,
            "models/src.yml": """
                sources:
                  - name: github
                    freshness:
                      warn_after: {count: 72, period: hour}
                    tables:
                      - name: repo_team
                        meta:
                          is_enabled: "{{ var('github__using_repo_team', true) }}"
                          owner: "{{ target.name }}"
                      - name: user
                        freshness: null
                """,
        ])
        defer { p.remove() }
        let build = try p.build()
        let json = ManifestWriter.json(build.manifest, metadata: ManifestMetadata(
            generatedAt: "", invocationId: "", invocationStartedAt: "", projectName: "shop", adapterType: "sqlite",
            runStartedAt: "", createdAt: 0), projectRoot: p.root, compiled: [:],
            relationName: { _ in nil }, sourceRelationName: { _ in nil })
        let team = try #require(json["sources"]?["source.shop.github.repo_team"])
        #expect(team["meta"] == .object(JSONObject([("is_enabled", .bool(false)), ("owner", .string("dev"))])))
        #expect(team["freshness"]?["warn_after"]?["count"] == .int(72))
        #expect(team["unrendered_config"]?["freshness"]?["warn_after"]?["period"] == .string("hour"))
        let user = try #require(json["sources"]?["source.shop.github.user"])
        #expect(user["freshness"] == .null)
        #expect(user["config"]?["freshness"] == .null)
        #expect(user["unrendered_config"]?["freshness"] == .null)
        let config = try #require(json["nodes"]?["model.shop.orders"]?["config"])
        #expect(config["pre-hook"] == .array([.object(JSONObject([("sql", "select 1"), ("transaction", true), ("index", .null)]))]))
        #expect(config["post-hook"] == .array([.object(JSONObject([("sql", "select 2"), ("transaction", false), ("index", .null)]))]))
    }

    /// dbt's `unrendered_config` keeps a folder config of the project file as written, Jinja
    /// and all, while `config` holds its value (dbt-labs/jaffle-shop enables its seeds so).
    @Test func unrenderedConfigKeepsTheProjectFilesJinja() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile + """

                vars:
                  load_source_data: false
                models:
                  shop:
                    +materialized: table
                    +tags: "{{ 'nightly' }}"
                seeds:
                  shop:
                    +enabled: "{{ var('load_source_data', false) }}"
                """,
            "profiles.yml": sqliteProfile,
            "seeds/codes.csv": "id\n1\n",
            "models/orders.sql": "select 1 as id",
        ])
        defer { p.remove() }
        let build = try p.build()
        let seed = try #require(build.manifest.disabled["seed.shop.codes"])
        #expect(seed.config["enabled"] == false)
        #expect(seed.unrenderedConfig["enabled"] == "{{ var('load_source_data', false) }}")
        let model = try #require(build.manifest.nodes["model.shop.orders"])
        #expect(model.config["tags"] == .array(["nightly"]))
        #expect(model.unrenderedConfig["tags"] == "{{ 'nightly' }}")
        #expect(model.unrenderedConfig["materialized"] == "table")
    }

    /// dbt lists each project hook as an `operation` node (which run_results.json names), with
    /// no parents or children; nothing selects it.
    @Test func projectHooksAreOperationNodes() throws {
        let p = try TestProject([
            "flowc.yml": minimalProjectFile + "\non-run-start: ['create schema if not exists audit']\non-run-end: ['select 1']\n"
                + "models:\n  shop:\n    +persist_docs: {relation: true}\n",
            "profiles.yml": sqliteProfile,
            "models/orders.sql": "select 1 as id",
        ])
        defer { p.remove() }
        let build = try p.build()
        #expect(build.manifest.nodes["operation.shop.shop-on-run-start-0"] == nil)
        let json = ManifestWriter.json(build.manifest, metadata: ManifestMetadata(
            generatedAt: "", invocationId: "", invocationStartedAt: "", projectName: "shop", adapterType: "sqlite",
            runStartedAt: "", createdAt: 0), projectRoot: p.root, compiled: [:],
            relationName: { _ in nil }, sourceRelationName: { _ in nil })
        let start = try #require(json["nodes"]?["operation.shop.shop-on-run-start-0"])
        #expect(start["resource_type"] == "operation")
        #expect(start["raw_code"] == "create schema if not exists audit")
        #expect(start["original_file_path"] == "./dbt_project.yml")
        #expect(start["path"] == "hooks/shop-on-run-start-0.sql")
        #expect(start["tags"] == .array(["on-run-start"]))
        #expect(start["index"] == .int(0))
        // dbt configures hooks as models at fqn shop.hooks.<name>: the project's models: configs reach them
        #expect(start["config"]?["persist_docs"]?["relation"] == true)
        #expect(start["unrendered_config"]?["persist_docs"]?["relation"] == true)
        // dbt's hook checksum is the project file's (without surrounding whitespace), for every hook
        let fileText = try String(contentsOfFile: p.root + "/flowc.yml", encoding: .utf8)
        let fileSum = Hashing.sha256Hex(fileText.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(start["checksum"]?["checksum"] == .string(fileSum))
        #expect(json["nodes"]?["operation.shop.shop-on-run-end-0"]?["checksum"]?["checksum"] == .string(fileSum))
        #expect(json["nodes"]?["operation.shop.shop-on-run-end-0"]?["tags"] == .array(["on-run-end"]))
        #expect(json["parent_map"]?["operation.shop.shop-on-run-start-0"] == .array([]))
        let selected = try NodeSelection.select(build.manifest.selectionGraph, select: nil, exclude: nil)
        #expect(!selected.contains { $0.hasPrefix("operation.") })
    }
}

/// depends_on.macros as dbt 1.11's parse lists them (checked against `dbt parse
/// --no-partial-parse` on jaffle-shop, dbt_utils, dbt-expectations and a hook project):
/// context functions dbt implements as macros (is_incremental, run_query) count; a generic test
/// lists its macro once, then get_where_subquery, except dbt's not_null and unique; a hook
/// lists what its parse-time render calls.
@Test func dependsOnMacrosAsDbtParse() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile + "\non-run-end: [\"{% set r = run_query('select 1') %}select 1\"]\n",
        "profiles.yml": sqliteProfile,
        "macros/tests.sql": "{% test positive(model, column_name) %}select * from {{ model }} where {{ column_name }} < 0{% endtest %}",
        "models/orders.sql": """
            {{ config(materialized='incremental') }}
            {% set r = run_query('select 1') %}
            select 1 as id{% if is_incremental() %} where 1 = 1{% endif %}
            """,
        "models/schema.yml": """
            version: 2
            models:
              - name: orders
                columns:
                  - name: id
                    data_tests: [not_null, positive, {accepted_values: {values: [1]}},
                                 {accepted_values: {name: av_nested, arguments: {values: [2]}}}]
            """,
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    func macros(_ prefix: String) -> [String]? {
        (m.nodes.values.first { $0.uniqueId.hasPrefix(prefix) } ?? m.operations.values.first { $0.uniqueId.hasPrefix(prefix) })?.dependsOnMacros
    }
    #expect(macros("model.shop.orders") == ["macro.dbt.run_query", "macro.dbt.is_incremental"])
    #expect(macros("test.shop.not_null_orders_id") == ["macro.dbt.test_not_null"])
    #expect(macros("test.shop.positive_orders_id") == ["macro.shop.test_positive", "macro.dbt.get_where_subquery"])
    #expect(macros("test.shop.accepted_values_orders_id") == ["macro.dbt.test_accepted_values", "macro.dbt.get_where_subquery"])
    #expect(macros("operation.shop.shop-on-run-end-0") == ["macro.dbt.run_query"])
    // test_metadata.kwargs in dbt's order: top-level arguments before column_name, `arguments:` after
    func kwargs(_ prefix: String) -> [String]? { m.nodes.values.first { $0.uniqueId.hasPrefix(prefix) }?.testMetadata?.kwargs.keys.map { $0 } }
    #expect(kwargs("test.shop.accepted_values_orders_id") == ["values", "column_name", "model"])
    #expect(kwargs("test.shop.av_nested") == ["column_name", "values", "model"])
}

/// A macro called in a generic test's argument (dbt_expectations' `row_condition: "… =
/// {{ dbt_date.yesterday() }}"`) is no dependency of the test unless its test macro (or
/// get_where_subquery) depends on it: dbt's test context holds only those, so dbt 1.11 lists
/// `[test macro, get_where_subquery]` alone, plus helpers the test macro itself uses.
@Test func testArgumentsCallingOtherMacrosAddNoDependency() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "macros/tests.sql": """
            {% macro yesterday() %}'2020-01-01'{% endmacro %}
            {% macro cond(c) %}{{ c }}{% endmacro %}
            {% test at_least(model, column_name, row_condition) %}
            select * from {{ model }} where {{ cond(row_condition) }} and {{ column_name }} < 0
            {% endtest %}
            """,
        "models/orders.sql": "select 1 as id",
        "models/schema.yml": """
            models:
              - name: orders
                columns:
                  - name: id
                    data_tests:
                      - at_least: {row_condition: "id = {{ yesterday() }}"}
                      - at_least: {name: with_helper, row_condition: "{{ cond('1 = 1') }}"}
            """,
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    func macros(_ prefix: String) -> [String]? { m.nodes.values.first { $0.uniqueId.hasPrefix(prefix) }?.dependsOnMacros }
    #expect(macros("test.shop.at_least_orders_id") == ["macro.shop.test_at_least", "macro.dbt.get_where_subquery"])
    #expect(macros("test.shop.with_helper") == ["macro.shop.test_at_least", "macro.dbt.get_where_subquery", "macro.shop.cond"])
}

/// An enforced contract's checksum is dbt's (build_contract_checksum over the Python reprs of
/// the constraints; the expected value was computed with dbt-core 1.11's own constraint classes);
/// a model without an enforced contract has none. Seven contracted models of real projects
/// matched dbt's manifests too.
@Test func contractChecksumIsDbts() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/orders.sql": "select 1 as id, 'a' as name",
        "models/loose.sql": "select 1 as id",
        "models/schema.yml": """
            version: 2
            models:
              - name: orders
                config: {materialized: table, contract: {enforced: true}}
                constraints:
                  - {type: primary_key, columns: [id]}
                columns:
                  - name: name
                    data_type: text
                    constraints: [{type: check, expression: "name <> ''", name: nonempty}]
                  - name: id
                    data_type: integer
                    constraints: [{type: not_null}]
            """,
    ])
    defer { p.remove() }
    let m = try p.build().manifest
    let orders = try #require(m.nodes["model.shop.orders"])
    #expect(ContractChecksum.of(orders) == "06d2d611da8d48b7cc774c840c8303d3918fd28b8ec4e4d88538b90b2916a197")
    #expect(ContractChecksum.of(try #require(m.nodes["model.shop.loose"])) == nil)
}
