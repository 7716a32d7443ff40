// The manifest's `selectors` record selectors.yml as dbt 1.11 does. The expected JSON is what
// dbt-core 1.11.16 wrote for this selectors.yml (`dbt parse`), byte for byte.
import FlowcGraph
import FlowcProject
import Foundation
import Testing

@Suite struct ManifestSelectorsTests {
    static let selectorsYML = """
        selectors:
          - name: fin
            description: "finance models"
            definition:
              union:
                - method: group
                  value: finance
                - "tag:nightly"
                - "@fin_public"
                - "2+mkt_a+3"
                - "models/fin"
                - "fin_private.sql"
                - config.materialized:view
                - exclude:
                    - "mkt_a"
                    - method: tag
                      value: x
          - name: simple
            definition: "mkt_a+"
            default: true
          - name: onekey
            definition:
              tag: nightly
          - name: full
            definition:
              method: fqn
              value: fin_public
              children: true
              parents_depth: 1
              indirect_selection: cautious
          - name: reuse
            definition:
              method: selector
              value: onekey
          - name: inter
            description: both
            definition:
              intersection:
                - "+fin_public"
                - tag: x
        """

    static let dbtRecord = #"{"fin": {"name": "fin", "description": "finance models", "definition": {"union": [{"method": "group", "value": "finance"}, {"method": "tag", "value": "nightly"}, {"childrens_parents": true, "method": "fqn", "value": "fin_public"}, {"parents": true, "parents_depth": "2", "method": "fqn", "value": "mkt_a", "children": true, "children_depth": "3"}, {"method": "path", "value": "models/fin"}, {"method": "file", "value": "fin_private.sql"}, {"method": "config.materialized", "value": "view"}, {"exclude": [{"method": "fqn", "value": "mkt_a"}, {"method": "tag", "value": "x"}]}]}}, "simple": {"name": "simple", "definition": {"method": "fqn", "value": "mkt_a", "children": true}, "default": true}, "onekey": {"name": "onekey", "definition": {"method": "tag", "value": "nightly"}}, "full": {"name": "full", "definition": {"method": "fqn", "value": "fin_public", "children": true, "parents_depth": 1, "indirect_selection": "cautious"}}, "reuse": {"name": "reuse", "definition": {"method": "tag", "value": "nightly"}}, "inter": {"name": "inter", "description": "both", "definition": {"intersection": [{"parents": true, "method": "fqn", "value": "fin_public"}, {"method": "tag", "value": "x"}]}}}"#

    @Test func definitionsAreNormalisedAsDbtDoes() throws {
        let yaml = try #require(try YAMLText.parse(Self.selectorsYML, file: "selectors.yml"))
        #expect(JSONWriter.string(.object(ManifestSelectors.record(yaml.json))) == Self.dbtRecord)
    }

    @Test func theManifestHoldsThem() throws {
        let root = try CLITests.project([
            "models/mkt_a.sql": "select 1 as id",
            "selectors.yml": "selectors:\n  - name: simple\n    definition: \"mkt_a+\"\n    default: true\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try CLITests.flowc(["parse", "-q"], in: root).code == 0)
        let text = try String(contentsOfFile: root + "/target/manifest.json", encoding: .utf8)
        #expect(text.contains(#""selectors": {"simple": {"name": "simple", "definition": {"method": "fqn", "value": "mkt_a", "children": true}, "default": true}}"#))
    }

    /// dbt renders selectors.yml like the project file: `var` (project vars, then --vars),
    /// `env_var` and `target` work in its values, for selection and for the manifest's record.
    @Test func jinjaInValuesIsRendered() throws {
        let root = try CLITests.project([
            // dbt renders selectors.yml as the project file: var() sees --vars, not `vars:`
            "flowc.yml": "name: p\nvars:\n  picked: b\n",
            "models/a.sql": "{{ config(tags=['ta']) }} select 1 as id",
            "models/b.sql": "{{ config(tags=['tb']) }} select 1 as id",
            "selectors.yml": """
                selectors:
                  - name: by_var
                    definition:
                      method: tag
                      value: "t{{ var('picked', 'a') }}"
                  - name: by_target
                    description: "for {{ target.name }}"
                    definition: "{{ 'b' if target.type == 'sqlite' else 'a' }}"
                  - name: by_env
                    definition:
                      method: fqn
                      value: "{{ env_var('FLOWC_TEST_SELECTED_MODEL_UNSET', 'a') }}"
                """,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try CLITests.flowc(["ls", "--selector", "by_var", "-q"], in: root).output == "p.a\n")
        #expect(try CLITests.flowc(["ls", "--selector", "by_var", "-q", "--vars", "{picked: b}"], in: root).output == "p.b\n")
        #expect(try CLITests.flowc(["ls", "--selector", "by_target", "-q"], in: root).output == "p.b\n")
        #expect(try CLITests.flowc(["ls", "--selector", "by_env", "-q"], in: root).output == "p.a\n")
        #expect(try CLITests.flowc(["parse", "-q"], in: root).code == 0)
        let text = try String(contentsOfFile: root + "/target/manifest.json", encoding: .utf8)
        #expect(text.contains(#""by_var": {"name": "by_var", "definition": {"method": "tag", "value": "ta"}}"#))
        #expect(text.contains(#""by_target": {"name": "by_target", "description": "for dev", "definition": {"method": "fqn", "value": "b"}}"#))
    }

    @Test func aRenderingErrorIsPlacedInSelectorsYML() throws {
        let root = try CLITests.project([
            "models/a.sql": "select 1 as id",
            "selectors.yml": "selectors:\n  - name: s\n    definition:\n      tag: \"{{ var('nope') }}\"\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try CLITests.flowc(["ls", "--selector", "s"], in: root)
        #expect(r.code == 2)
        #expect(r.output.contains("selectors.yml:4:12"))
        #expect(r.output.contains("Required var 'nope' not found"))
    }
}
