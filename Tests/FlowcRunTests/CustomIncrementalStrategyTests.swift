// dbt's custom incremental strategies: `incremental_strategy: 'x'` runs the SQL of the project's
// `get_incremental_x_sql(arg_dict)` macro (target and temp relations, unique_key, dest_columns,
// incremental_predicates); an unknown strategy without its macro fails the model, saying which
// macro to define; insert_overwrite is not valid on these adapters, as in dbt.
import Testing

@Suite("Custom incremental strategies")
struct CustomIncrementalStrategyTests {
    static let files: [String: String] = [
        "seeds/src.csv": "id,v\n1,a\n2,b\n",
        "macros/strat.sql": """
            {% macro get_incremental_replace_keys_sql(arg_dict) %}
              {% set cols = arg_dict["dest_columns"] | map(attribute="name") | join(", ") %}
              delete from {{ arg_dict["target_relation"] }}
              where {{ arg_dict["unique_key"] }} in (select {{ arg_dict["unique_key"] }} from {{ arg_dict["temp_relation"] }});
              insert into {{ arg_dict["target_relation"] }} ({{ cols }}) select {{ cols }} from {{ arg_dict["temp_relation"] }}
            {% endmacro %}
            """,
        "models/m.sql": """
            {{ config(materialized='incremental', incremental_strategy='replace_keys', unique_key='id') }}
            select id, v from {{ ref('src') }}
            """,
        "models/unknown.sql": "{{ config(materialized='incremental', incremental_strategy='no_such') }}\nselect 1 as id",
        "models/overwrite.sql": "{{ config(materialized='incremental', incremental_strategy='insert_overwrite') }}\nselect 1 as id",
    ]

    @Test("a project's get_incremental_<strategy>_sql macro merges the new rows", arguments: WarehouseKind.allCases)
    func customStrategy(_ kind: WarehouseKind) throws {
        let h = try RunHarness(kind, Self.files)
        _ = try h.run(.build)
        try h.write("seeds/src.csv", "id,v\n1,A\n3,c\n")
        let second = try h.run(.build)
        #expect(second.status("m") == .success, "\(second.summary)")
        #expect(try h.column("select id || ':' || v from \(h.rel("m")) order by id") == ["1:A", "2:b", "3:c"])
        #expect(second.status("unknown") == .error)
        #expect(second.result("unknown")?.message?.contains("define the macro `get_incremental_no_such_sql(arg_dict)`") == true,
                "\(second.summary)")
        #expect(second.result("overwrite")?.message?.contains("The incremental strategy 'insert_overwrite' is not valid for this adapter") == true,
                "\(second.summary)")
    }
}
