// SQLite: no databases (a schema is an attached database file), identifiers quoted with ",
// and relations rendered as dbt-sqlite does: `main."orders"` (schema unquoted).

import FlowcSQLParser

extension Dialect {
    public static let sqlite = Dialect(
        name: "sqlite",
        quoteCharacter: "\"",
        quotePolicy: QuotePolicy(database: false, schema: false, identifier: true),
        includesDatabase: false,
        // dbt's Column.TYPE_LABELS (api.Column.translate_type): dbt-postgres and dbt-sqlite
        // keep the base adapter's one label
        typeNames: ["string": "TEXT"],
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
        """#,
        ddl: DDL(
            createTableAs: { "create table \($0) as\n\($1)" },
            createViewAs: { "create view \($0) as\n\($1)" },
            rename: { relation, _, new in "alter table \(relation) rename to \(new)" },
            drop: { "drop \($1) if exists \($0)" },
            canRenameViews: false,
            // compiling the statement resolves every name without running the view's query
            checkView: { "explain select * from \($0)" },
            viewsCrossSchemas: false,
            addColumn: { "alter table \($0) add column \($1) \($2)" },
            dropColumn: { "alter table \($0) drop column \($1)" },
            alterColumnType: nil,
            // SQLite has no MERGE: update the matching rows, then insert the others (a row whose
            // key matches but whose predicates do not is inserted, as MERGE would).
            merge: { m in
                let sets = m.updateColumns.map { "\($0) = DBT_INTERNAL_SOURCE.\($0)" }.joined(separator: ", ")
                let cols = m.columns.joined(separator: ", ")
                let update = sets.isEmpty ? "" : "update \(m.target) as DBT_INTERNAL_DEST set \(sets) "
                    + "from \(m.source) as DBT_INTERNAL_SOURCE where \(m.condition);\n"
                return update + "insert into \(m.target) (\(cols)) select \(cols) from \(m.source) as DBT_INTERNAL_SOURCE "
                    + "where not exists (select 1 from \(m.target) as DBT_INTERNAL_DEST where \(m.condition))"
            },
            comment: nil,
            grant: nil,
            seedTypes: ["integer": "integer", "number": "real", "boolean": "boolean", "date": "date",
                        "datetime": "timestamp", "text": "text"],
            booleanLiterals: (true: "1", false: "0"),
            // SQLite's IS NOT compares NULLs as values; it has no md5, and the text is unique per version.
            isDistinct: { "\($0) is not \($1)" },
            scdHash: { $0 },
            // SQLite keeps timestamps as text (or numbers); julianday reads both forms.
            secondsSince: { "(julianday('now') - julianday(\($0))) * 86400.0" },
            qualifiedReferences: false,
            // SQLite keeps timestamps as text in several spellings ('2024-01-01', '…T10:00:00Z'):
            // datetime() reads them all into one, which compares as text
            eventTimeRange: { c, s, e in "datetime(\(c)) >= '\(s)' and datetime(\(c)) < '\(e)'" },
            // the index lives in the table's schema and names the table bare; SQLite has one
            // access method, so `type` has nothing to choose
            createIndex: { i in
                "create \(i.unique ? "unique " : "")index if not exists \(i.schema).\"\(i.name)\" on \"\(i.table)\" "
                    + "(\(i.columns.joined(separator: ", ")))"
            }
        ),
        syntax: .sqlite,
        typesAreAffinities: true
    )
}
