// `this` while a model's file is rendered at parse time, before generate_*_name has named it:
// dbt gives the target's database and schema and the node's own name (its config(alias=…,
// schema=…) apply later), so configs built from `this` at parse time hold those.
import FlowcGraph
import Testing

@Test func thisAtParseTimeIsTheTargetSchemaAndTheNodesName() throws {
    let p = try TestProject([
        "flowc.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/orders.sql": "{{ config(tags=[this.name, this.schema]) }}select 1 as id",
        "models/sub/renamed.sql": """
            {{ config(alias='renamed_alias', schema='other', meta={'parsed_as': this.identifier}) }}
            select 1 as id
            """,
    ])
    defer { p.remove() }
    let build = try p.build()
    let orders = try #require(build.manifest.nodes["model.shop.orders"])
    #expect(orders.config["tags"] == .array([.string("orders"), .string("main")]))
    let renamed = try #require(build.manifest.nodes["model.shop.renamed"])
    #expect(renamed.config["meta"]?["parsed_as"] == .string("renamed"))
    // the names dbt gives the model once it is parsed
    #expect(renamed.alias == "renamed_alias" && renamed.schema == "main_other")
}
