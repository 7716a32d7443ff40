// adapter.get_column_schema_from_query and dbt's get_column_schema_from_query macro: a query's
// columns with the type labels dbt gives them (dbt-postgres names psycopg2's type casters; the
// PostgreSQL labels below are what dbt 1.11.16 printed for the same query).
import FlowcRun
import FlowcWarehouse
import Foundation
import Testing

@Suite("Column schema of a query")
struct QueryColumnSchemaTests {
    @Test("PostgreSQL: labels as dbt-postgres gives them")
    func postgresLabels() throws {
        let h = try RunHarness(.postgres, [
            "models/described.sql": """
                {% if execute %}
                {% set cols = adapter.get_column_schema_from_query("select 1::int2 as a, 2::int8 as b, 1.5::numeric(10,2) as c, 'x'::text as d, 'y'::varchar(9) as e, true as f, now() as g, now()::timestamp as h, current_date as i, '{}'::jsonb as j, array[1] as k, 1.5::float8 as m") %}
                {% set shown = [] %}
                {% for c in cols %}{% do shown.append(c.name ~ ':' ~ c.dtype ~ ':' ~ c.is_string() ~ ':' ~ c.is_number()) %}{% endfor %}
                {% set wrapped = get_column_schema_from_query('select 1 as id') %}
                {% endif %}
                select '{{ shown | join(" ") if execute }}' as shown, '{{ wrapped[0] | string | replace("'", "") if execute }}' as wrapped
                """,
        ])
        _ = try h.runOK(.run)
        #expect(try h.rows("select shown, wrapped from \(h.rel("described"))") == [[
            "a:INTEGER:False:True b:LONGINTEGER:False:False c:DECIMAL:False:True d:TEXT:True:False e:TEXT:True:False "
                + "f:BOOLEAN:False:False g:DATETIMETZ:False:False h:DATETIME:False:False i:DATE:False:False "
                + "j:JSONB:False:False k:INTEGERARRAY:False:False m:FLOAT:False:True",
            "PostgresColumn(column=id, dtype=INTEGER, char_size=None, numeric_precision=None, numeric_scale=None)"]])
    }

    @Test("SQLite: the columns of a query, without reading its rows")
    func sqliteColumns() throws {
        let h = try RunHarness(.sqlite, [
            "models/base.sql": "{{ config(materialized='table') }}\nselect 1 as id, 'x' as label",
            "models/described.sql": """
                -- depends_on: {{ ref('base') }}
                {% set cols = get_column_schema_from_query('select * from ' ~ ref('base')) if execute else [] %}
                select '{{ cols | map(attribute="name") | join(",") }}' as names
                """,
        ])
        _ = try h.runOK(.run)
        #expect(try h.rows("select names from \(h.rel("described"))") == [["id,label"]])
    }
}
