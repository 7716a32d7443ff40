// SQLite: no databases (a schema is an attached database file), identifiers quoted with ",
// and relations rendered as dbt-sqlite does: `main."orders"` (schema unquoted).

extension Dialect {
    public static let sqlite = Dialect(
        name: "sqlite",
        quoteCharacter: "\"",
        quotePolicy: QuotePolicy(database: false, schema: false, identifier: true),
        includesDatabase: false,
        typeNames: [
            "string": "text", "timestamp": "timestamp", "float": "float", "numeric": "numeric",
            "bigint": "bigint", "int": "integer", "boolean": "boolean",
        ],
        macroOverrides: #"""
        {% macro sqlite__dateadd(datepart, interval, from_date_or_timestamp) -%}
            date({{ from_date_or_timestamp }}, '{{ interval }} {{ datepart }}')
        {%- endmacro %}
        {% macro sqlite__datediff(first_date, second_date, datepart) -%}
            {%- if datepart == 'day' -%}
                cast(julianday({{ second_date }}) - julianday({{ first_date }}) as integer)
            {%- elif datepart == 'month' -%}
                ((cast(strftime('%Y', {{ second_date }}) as integer) - cast(strftime('%Y', {{ first_date }}) as integer)) * 12 + cast(strftime('%m', {{ second_date }}) as integer) - cast(strftime('%m', {{ first_date }}) as integer))
            {%- elif datepart == 'year' -%}
                (cast(strftime('%Y', {{ second_date }}) as integer) - cast(strftime('%Y', {{ first_date }}) as integer))
            {%- else -%}
                cast((julianday({{ second_date }}) - julianday({{ first_date }})) * {{ {'hour': 24, 'minute': 1440, 'second': 86400}.get(datepart, 1) }} as integer)
            {%- endif -%}
        {%- endmacro %}
        {% macro sqlite__current_timestamp() -%}datetime('now'){%- endmacro %}
        {% macro sqlite__hash(field) -%}{{ field }}{%- endmacro %}
        {% macro sqlite__date_trunc(datepart, date) -%}
            {%- if datepart == 'month' -%}date({{ date }}, 'start of month')
            {%- elif datepart == 'year' -%}date({{ date }}, 'start of year')
            {%- else -%}date({{ date }}){%- endif -%}
        {%- endmacro %}
        """#
    )
}
