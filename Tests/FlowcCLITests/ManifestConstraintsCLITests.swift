// Constraints in manifest.json as dbt 1.11 (dbt-postgres) writes them: every field, a foreign
// key's `to` rendered as its relation, and the key's ref among the model's refs.
import Foundation
import Testing

@Suite struct ManifestConstraintsCLITests {
    @Test func constraintsHaveDbtsFieldsAndForeignKeysTheirRelation() throws {
        let repo = try Repo([
            "dbt_project.yml": "name: shop\nversion: '1.0'\n",
            "models/idx.sql": "{{ config(materialized='table') }}\nselect 1 as id",
            "models/con.sql": "{{ config(materialized='table') }}\nselect 1 as id, 1 as parent_id, 5 as amt",
            "models/schema.yml": """
                models:
                  - name: con
                    config: {contract: {enforced: true}}
                    constraints:
                      - {type: check, expression: "amt > 0"}
                      - {type: foreign_key, columns: [parent_id], to: "ref('idx')", to_columns: [id]}
                    columns:
                      - {name: id, data_type: integer, constraints: [{type: not_null}, {type: primary_key}]}
                      - {name: parent_id, data_type: integer}
                      - {name: amt, data_type: integer, constraints: [{type: check, expression: "amt < 100", warn_unenforced: false}]}
                """,
        ])
        let r = try repo.flowc("parse")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(repo.read("target/manifest.json").utf8)) as? [String: Any])
        let con = try #require((manifest["nodes"] as? [String: Any])?["model.shop.con"] as? [String: Any])
        let refs = try #require(con["refs"] as? [[String: Any]])
        #expect(refs.map { $0["name"] as? String } == ["idx"])
        let model = try #require(con["constraints"] as? [[String: Any]])
        #expect(model.map { $0.keys.sorted() } == Array(repeating: ["columns", "expression", "name", "to", "to_columns", "type",
                                                                    "warn_unenforced", "warn_unsupported"], count: 2))
        #expect(model[1]["to"] as? String == "main.\"idx\"")
        #expect(model[1]["to_columns"] as? [String] == ["id"] && model[0]["to"] is NSNull && model[0]["name"] is NSNull)
        let amt = try #require(((con["columns"] as? [String: Any])?["amt"] as? [String: Any])?["constraints"] as? [[String: Any]])
        #expect(amt.first?.keys.sorted() == ["expression", "name", "to", "to_columns", "type", "warn_unenforced", "warn_unsupported"])
        #expect(amt.first?["warn_unenforced"] as? Bool == false && amt.first?["warn_unsupported"] as? Bool == true)
    }
}
