// dbt's relations and `model` are Python mappings, and dbt_utils relies on it: its
// `_is_relation` check (run by star, union_relations, …) accepts a relation only when
// `obj is mapping and obj.get('metadata', {}).get('type', '').endswith('Relation')`. The
// check below is that macro's condition; flowc's relations failed it, so every project calling
// dbt_utils.star stopped at parse time.
import Testing

@Test func relationsAndModelAreMappingsAsInDbt() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "macros/checks.sql": """
            {% macro looks_like_relation(obj) -%}
            {{ obj is mapping and obj.get('metadata', {}).get('type', '').endswith('Relation') }}
            {%- endmacro %}
            """,
        "models/a.sql": "select 1 as x",
        "models/b.sql": """
            select '{{ looks_like_relation(ref('a')) }}' as rel,
                   '{{ ref('a').get('metadata') }}' as meta,
                   '{{ ref('a')['identifier'] }}|{{ ref('a').get('schema') }}|{{ ref('a').get('nope', 'dflt') }}' as items,
                   '{{ looks_like_relation('a') }}' as text,
                   '{{ model is mapping }}|{{ model.get('name') }}|{{ model.get('nope', 'dflt') }}' as model
            """,
    ])
    defer { p.remove() }
    let sql = try #require(try p.compile()["b"])
    #expect(sql.contains("'True' as rel"), "\(sql)")
    #expect(sql.contains("'{'type': 'SQLiteRelation'}' as meta"), "\(sql)")
    #expect(sql.contains("'a|main|dflt' as items"), "\(sql)")
    #expect(sql.contains("'False' as text"), "\(sql)")
    #expect(sql.contains("'True|b|dflt' as model"), "\(sql)")
}

/// `relation.information_schema('columns')` is dbt's InformationSchema relation: the database
/// quoted as the relation quotes it, INFORMATION_SCHEMA and the view never (audit_helper's
/// compare_relation_columns reads `"db".INFORMATION_SCHEMA.columns` so on PostgreSQL).
@Test func informationSchemaRelation() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/a.sql": "select 1 as x",
        "models/b.sql": """
            select * from {{ ref('a').information_schema('columns') }}
            union all select * from {{ ref('a').information_schema() }}.tables
            union all select * from {{ ref('a').information_schema_only() }}.views
            union all select * from {{ ref('a').quote(database=false).information_schema('columns') }}
            """,
    ])
    defer { p.remove() }
    let sql = try #require(try p.compile(target: "pg")["b"])
    #expect(sql == """
        select * from "warehouse".INFORMATION_SCHEMA.columns
        union all select * from "warehouse".INFORMATION_SCHEMA.tables
        union all select * from "warehouse".INFORMATION_SCHEMA.views
        union all select * from warehouse.INFORMATION_SCHEMA.columns
        """, "\(sql)")
}

/// api.Relation.create takes dbt's quote_policy and include_policy (dbt-postgres 1.11 printed
/// `"D"."S".I` and `"S"."I"` for these).
@Test func relationCreateTakesQuoteAndIncludePolicies() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/r.sql": """
            select '{{ api.Relation.create(database='D', schema='S', identifier='I', quote_policy={'identifier': false}) }}' as a,
                   '{{ api.Relation.create(database='D', schema='S', identifier='I', include_policy={'database': false}) }}' as b
            """,
    ])
    defer { p.remove() }
    let sql = try #require(try p.compile(target: "pg")["r"])
    #expect(sql.contains(#"'"D"."S".I' as a"#), "\(sql)")
    #expect(sql.contains(#"'"S"."I"' as b"#), "\(sql)")
}

/// Relations compare by what they name, as dbt's (dbt-postgres 1.11 printed True True True False).
@Test func relationsCompareByValue() throws {
    let p = try TestProject([
        "dbt_project.yml": minimalProjectFile,
        "profiles.yml": sqliteProfile,
        "models/a.sql": "select 1 as x",
        "models/b.sql": "select 1 as x",
        "models/r.sql": """
            -- depends_on: {{ ref('a') }} {{ ref('b') }}
            select '{{ ref('a') == ref('a') }} {{ api.Relation.create(schema='s', identifier='t') == api.Relation.create(schema='s', identifier='t') }} {{ ref('a') in [ref('b'), ref('a')] }} {{ ref('a') == ref('b') }}' as v
            """,
    ])
    defer { p.remove() }
    let sql = try #require(try p.compile(target: "pg")["r"])
    #expect(sql.contains("'True True True False' as v"), "\(sql)")
}
