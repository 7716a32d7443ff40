// PostgreSQL: database.schema.identifier, everything quoted with ", `::` casts.

extension Dialect {
    public static let postgres = Dialect(
        name: "postgres",
        quoteCharacter: "\"",
        quotePolicy: QuotePolicy(database: true, schema: true, identifier: true),
        includesDatabase: true,
        typeNames: [
            "string": "varchar", "timestamp": "timestamp without time zone", "float": "float",
            "numeric": "numeric", "bigint": "bigint", "int": "integer", "boolean": "boolean",
        ],
        macroOverrides: #"""
        {% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) -%}
            {{ from_date_or_timestamp }} + ((interval '1 {{ datepart }}') * ({{ interval }}))
        {%- endmacro %}
        {% macro postgres__datediff(first_date, second_date, datepart) -%}
            {%- if datepart == 'day' -%}
                (({{ second_date }})::date - ({{ first_date }})::date)
            {%- elif datepart == 'month' -%}
                ((date_part('year', ({{ second_date }})::date) - date_part('year', ({{ first_date }})::date)) * 12 + date_part('month', ({{ second_date }})::date) - date_part('month', ({{ first_date }})::date))
            {%- elif datepart == 'year' -%}
                (date_part('year', ({{ second_date }})::date) - date_part('year', ({{ first_date }})::date))
            {%- else -%}
                floor(extract(epoch from (({{ second_date }})::timestamp - ({{ first_date }})::timestamp)) / {{ {'hour': 3600, 'minute': 60, 'second': 1}.get(datepart, 86400) }})
            {%- endif -%}
        {%- endmacro %}
        {% macro postgres__current_timestamp() -%}now(){%- endmacro %}
        {% macro postgres__hash(field) -%}md5(cast({{ field }} as varchar)){%- endmacro %}
        {% macro postgres__date_trunc(datepart, date) -%}date_trunc('{{ datepart }}', {{ date }}){%- endmacro %}
        """#
    )
}
