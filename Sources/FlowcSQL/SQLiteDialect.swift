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
        // SQLite has no interval arithmetic, datediff() or date_trunc(): these write them with
        // date()/datetime() modifiers and strftime(), with dbt-postgres's answers (datediff
        // counts the part boundaries crossed, week starts on Monday). A timestamp keeps its time
        // (text with a ':'); a date stays a date.
        macroOverrides: #"""
        {% macro sqlite__dateadd(datepart, interval, from_date_or_timestamp) -%}
            {%- set unit = {'week': 'day', 'quarter': 'month'}.get(datepart, datepart) -%}
            {%- set times = {'week': ' * 7', 'quarter': ' * 3'}.get(datepart, '') -%}
            {%- set modifier = '((' ~ interval ~ ')' ~ times ~ ") || ' " ~ unit ~ "'" -%}
            {%- if datepart in ['hour', 'minute', 'second'] -%}
                datetime({{ from_date_or_timestamp }}, {{ modifier }})
            {%- else -%}
                case when {{ from_date_or_timestamp }} like '%:%' then datetime({{ from_date_or_timestamp }}, {{ modifier }}) else date({{ from_date_or_timestamp }}, {{ modifier }}) end
            {%- endif -%}
        {%- endmacro %}
        {# a date part as a number: strftime() answers text #}
        {% macro sqlite__date_part_number(format, date) -%}cast(strftime('{{ format }}', {{ date }}) as integer){%- endmacro %}
        {% macro sqlite__datediff(first_date, second_date, datepart) -%}
            {%- set part = sqlite__date_part_number -%}
            {%- if datepart == 'year' -%}
                ({{ part('%Y', second_date) }} - {{ part('%Y', first_date) }})
            {%- elif datepart == 'quarter' -%}
                ({{ dbt.datediff(first_date, second_date, 'year') }} * 4 + ({{ part('%m', second_date) }} + 2) / 3 - ({{ part('%m', first_date) }} + 2) / 3)
            {%- elif datepart == 'month' -%}
                ({{ dbt.datediff(first_date, second_date, 'year') }} * 12 + {{ part('%m', second_date) }} - {{ part('%m', first_date) }})
            {%- elif datepart == 'day' -%}
                cast(julianday(date({{ second_date }})) - julianday(date({{ first_date }})) as integer)
            {%- elif datepart == 'week' -%}
                ({{ dbt.datediff(first_date, second_date, 'day') }} / 7 + case
                    when strftime('%w', {{ first_date }}) <= strftime('%w', {{ second_date }}) then
                        case when {{ first_date }} <= {{ second_date }} then 0 else -1 end
                    else
                        case when {{ first_date }} <= {{ second_date }} then 1 else 0 end
                end)
            {%- elif datepart == 'hour' -%}
                ({{ dbt.datediff(first_date, second_date, 'day') }} * 24 + {{ part('%H', second_date) }} - {{ part('%H', first_date) }})
            {%- elif datepart == 'minute' -%}
                ({{ dbt.datediff(first_date, second_date, 'hour') }} * 60 + {{ part('%M', second_date) }} - {{ part('%M', first_date) }})
            {%- elif datepart == 'second' -%}
                ({{ dbt.datediff(first_date, second_date, 'minute') }} * 60 + {{ part('%S', second_date) }} - {{ part('%S', first_date) }})
            {%- else -%}
                {{ exceptions.raise_compiler_error("Unsupported datepart for macro datediff in sqlite: {!r}".format(datepart)) }}
            {%- endif -%}
        {%- endmacro %}
        {% macro sqlite__current_timestamp() -%}datetime('now'){%- endmacro %}
        {% macro sqlite__hash(field) -%}{{ field }}{%- endmacro %}
        {% macro sqlite__date_trunc(datepart, date) -%}
            {%- if datepart == 'year' -%}date({{ date }}, 'start of year')
            {%- elif datepart == 'quarter' -%}date({{ date }}, 'start of month', '-' || ((cast(strftime('%m', {{ date }}) as integer) - 1) % 3) || ' months')
            {%- elif datepart == 'month' -%}date({{ date }}, 'start of month')
            {%- elif datepart == 'week' -%}date({{ date }}, '-6 days', 'weekday 1')
            {%- elif datepart == 'hour' -%}strftime('%Y-%m-%d %H:00:00', {{ date }})
            {%- elif datepart == 'minute' -%}strftime('%Y-%m-%d %H:%M:00', {{ date }})
            {%- elif datepart == 'second' -%}strftime('%Y-%m-%d %H:%M:%S', {{ date }})
            {%- else -%}date({{ date }}){%- endif -%}
        {%- endmacro %}
        {# the period's start, plus one period, less a day: SQLite's cast(… as date) reads only a number #}
        {% macro sqlite__last_day(date, datepart) -%}
            {%- set unit = {'week': 'day', 'quarter': 'month'}.get(datepart, datepart) -%}
            {%- set count = {'week': 7, 'quarter': 3}.get(datepart, 1) -%}
            date({{ dbt.date_trunc(datepart, date) }}, '+{{ count }} {{ unit }}', '-1 day')
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
            },
            buildsTablesInPlace: true
        ),
        syntax: .sqlite,
        typesAreAffinities: true,
        relationClassName: "SQLiteRelation",
        policyClassNames: (quote: "SQLiteQuotePolicy", include: "SQLiteIncludePolicy"),
        // dbt-sqlite 1.10's macros/adapters.sql (`macro sqlite__…`); its Python adapter reads
        // columns itself
        adapterMacros: [
            "list_schemas", "create_schema", "drop_schema", "drop_relation", "truncate_relation", "check_schema_exists",
            "list_relations_without_caching", "create_table_as", "create_view_as", "rename_relation",
            "snapshot_get_time", "snapshot_string_as_time",
        ]
    )
}
