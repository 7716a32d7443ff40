// PostgreSQL: database.schema.identifier, everything quoted with ", `::` casts.

import FlowcSQLParser

extension Dialect {
    public static let postgres = Dialect(
        name: "postgres",
        quoteCharacter: "\"",
        quotePolicy: QuotePolicy(database: true, schema: true, identifier: true),
        includesDatabase: true,
        // dbt's Column.TYPE_LABELS (api.Column.translate_type): dbt-postgres and dbt-sqlite
        // keep the base adapter's one label
        typeNames: ["string": "TEXT"],
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
        """#,
        ddl: DDL(
            createTableAs: { "create table \($0)\n  as (\n\($1)\n  )" },
            createViewAs: { "create view \($0)\n  as (\n\($1)\n  )" },
            rename: { relation, kind, new in "alter \(kind) \(relation) rename to \(new)" },
            drop: { "drop \($1) if exists \($0) cascade" },
            canRenameViews: true,
            checkView: nil,
            viewsCrossSchemas: true,
            addColumn: { "alter table \($0) add column \($1) \($2)" },
            dropColumn: { "alter table \($0) drop column \($1)" },
            alterColumnType: { "alter table \($0) alter column \($1) type \($2) using \($1)::\($2)" },
            merge: { m in
                let sets = m.updateColumns.map { "\($0) = DBT_INTERNAL_SOURCE.\($0)" }.joined(separator: ", ")
                let cols = m.columns.joined(separator: ", ")
                let vals = m.columns.map { "DBT_INTERNAL_SOURCE.\($0)" }.joined(separator: ", ")
                return "merge into \(m.target) as DBT_INTERNAL_DEST using \(m.source) as DBT_INTERNAL_SOURCE on \(m.condition)\n"
                    + (sets.isEmpty ? "" : "when matched then update set \(sets)\n")
                    + "when not matched then insert (\(cols)) values (\(vals))"
            },
            comment: { kind, object, literal in "comment on \(kind) \(object) is \(literal)" },
            grant: { "grant \($0) on \($1) to \($2)" },
            // dbt-postgres: a number column with decimals is float8, one without is integer
            seedTypes: ["integer": "integer", "number": "double precision", "boolean": "boolean", "date": "date",
                        "datetime": "timestamp without time zone", "text": "text"],
            booleanLiterals: (true: "true", false: "false"),
            createIndex: { i in
                "create \(i.unique ? "unique " : "")index if not exists \"\(i.name)\" on \(i.relation)"
                    + (i.type.map { " using \($0)" } ?? "") + " (\(i.columns.joined(separator: ", ")))"
            },
            supportsUnlogged: true,
            createMaterializedViewAs: { "create materialized view \($0) as (\n\($1)\n  )" }
        ),
        syntax: .postgres
    )
}
