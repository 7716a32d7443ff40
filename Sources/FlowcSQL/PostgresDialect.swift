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
        // dbt-postgres's versions of the cross-database macros, their output to the byte (see
        // BuiltinMacrosCrossDatabase.swift): PostgreSQL has no datediff(), and its intervals
        // have no quarter
        macroOverrides: #"""
        {% macro postgres__equals(expr1, expr2) -%}
        {%- if adapter.behavior.enable_truthy_nulls_equals_macro.no_warn %}
            ({{ expr1 }} IS NOT DISTINCT FROM {{ expr2 }})
        {%- else -%}
            ({{ expr1 }} = {{ expr2 }})
        {%- endif %}
        {%- endmacro %}
        {% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) %}

            {{ from_date_or_timestamp }} + ((interval '1 {{ datepart }}') * ({{ interval }}))

        {% endmacro %}
        {# whole parts crossed: year and date differences, then each smaller part's difference on top #}
        {% macro postgres__datediff(first_date, second_date, datepart) -%}

            {% if datepart == 'year' %}
                (date_part('year', ({{ second_date }})::date) - date_part('year', ({{ first_date }})::date))
            {% elif datepart == 'quarter' %}
                ({{ datediff(first_date, second_date, 'year') }} * 4 + date_part('quarter', ({{ second_date }})::date) - date_part('quarter', ({{ first_date }})::date))
            {% elif datepart == 'month' %}
                ({{ datediff(first_date, second_date, 'year') }} * 12 + date_part('month', ({{ second_date }})::date) - date_part('month', ({{ first_date }})::date))
            {% elif datepart == 'day' %}
                (({{ second_date }})::date - ({{ first_date }})::date)
            {% elif datepart == 'week' %}
                ({{ datediff(first_date, second_date, 'day') }} / 7 + case
                    when date_part('dow', ({{ first_date }})::timestamp) <= date_part('dow', ({{ second_date }})::timestamp) then
                        case when {{ first_date }} <= {{ second_date }} then 0 else -1 end
                    else
                        case when {{ first_date }} <= {{ second_date }} then 1 else 0 end
                end)
            {% elif datepart == 'hour' %}
                ({{ datediff(first_date, second_date, 'day') }} * 24 + date_part('hour', ({{ second_date }})::timestamp) - date_part('hour', ({{ first_date }})::timestamp))
            {% elif datepart == 'minute' %}
                ({{ datediff(first_date, second_date, 'hour') }} * 60 + date_part('minute', ({{ second_date }})::timestamp) - date_part('minute', ({{ first_date }})::timestamp))
            {% elif datepart == 'second' %}
                ({{ datediff(first_date, second_date, 'minute') }} * 60 + floor(date_part('second', ({{ second_date }})::timestamp)) - floor(date_part('second', ({{ first_date }})::timestamp)))
            {% elif datepart == 'millisecond' %}
                ({{ datediff(first_date, second_date, 'minute') }} * 60000 + floor(date_part('millisecond', ({{ second_date }})::timestamp)) - floor(date_part('millisecond', ({{ first_date }})::timestamp)))
            {% elif datepart == 'microsecond' %}
                ({{ datediff(first_date, second_date, 'minute') }} * 60000000 + floor(date_part('microsecond', ({{ second_date }})::timestamp)) - floor(date_part('microsecond', ({{ first_date }})::timestamp)))
            {% else %}
                {{ exceptions.raise_compiler_error("Unsupported datepart for macro datediff in postgres: {!r}".format(datepart)) }}
            {% endif %}

        {%- endmacro %}
        {% macro postgres__current_timestamp() -%}
            now()
        {%- endmacro %}
        {% macro postgres__current_timestamp_backcompat() %}
            current_timestamp::{{ type_timestamp() }}
        {% endmacro %}
        {% macro postgres__current_timestamp_in_utc_backcompat() %}
            (current_timestamp at time zone 'utc')::{{ type_timestamp() }}
        {% endmacro %}
        {% macro postgres__last_day(date, datepart) -%}
            {%- if datepart == 'quarter' -%}
            -- postgres dateadd does not support quarter interval.
            cast(
                {{ dbt.dateadd('day', '-1', dbt.dateadd('month', '3', dbt.date_trunc(datepart, date))) }}
                as date)
            {%- else -%}
            {{ dbt.default_last_day(date, datepart) }}
            {%- endif -%}
        {%- endmacro %}
        {% macro postgres__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
            {% if limit_num -%}
            array_to_string(
                (array_agg(
                    {{ measure }}
                    {% if order_by_clause -%}
                    {{ order_by_clause }}
                    {%- endif %}
                ))[1:{{ limit_num }}],
                {{ delimiter_text }}
                )
            {%- else %}
            string_agg(
                {{ measure }},
                {{ delimiter_text }}
                {% if order_by_clause -%}
                {{ order_by_clause }}
                {%- endif %}
                )
            {%- endif %}
        {%- endmacro %}
        {% macro postgres__split_part(string_text, delimiter_text, part_number) %}

          {% if part_number >= 0 %}
            {{ dbt.default__split_part(string_text, delimiter_text, part_number) }}
          {% else %}
            {{ dbt._split_part_negative(string_text, delimiter_text, part_number) }}
          {% endif %}

        {% endmacro %}
        {# PostgreSQL has no any_value(): min() gives one of the values #}
        {% macro postgres__any_value(expression) -%}
            min({{ expression }})
        {%- endmacro %}
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
            // as dbt's alter_column_type: copy into a new column, drop the old one (and what
            // depends on it), rename: the column moves to the end, as it does under dbt
            alterColumnType: { relation, column, spare, type in
                ["alter table \(relation) add column \(spare) \(type)",
                 "update \(relation) set \(spare) = \(column)",
                 "alter table \(relation) drop column \(column) cascade",
                 "alter table \(relation) rename column \(spare) to \(column)"]
            },
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
            createMaterializedViewAs: { "create materialized view \($0) as (\n\($1)\n  )" },
            // dbt-postgres's snapshot_get_time(): a timestamp without time zone, as the snapshot's
            // timestamp-strategy columns usually are
            snapshotTime: "now()::timestamp without time zone",
            revoke: { "revoke \($0) on \($1) from \($2)" },
            showGrants: { schema, table in
                """
                select grantee, privilege_type from information_schema.role_table_grants
                where grantor = current_role and grantee != current_role and table_schema = \(schema) and table_name = \(table)
                """
            },
            showIndexes: { schema, table in
                """
                select i.relname as name, m.amname as method, ix.indisunique as "unique",
                    array_to_string(array_agg(a.attname), ',') as column_names
                from pg_index ix
                join pg_class i on i.oid = ix.indexrelid
                join pg_am m on m.oid = i.relam
                join pg_class t on t.oid = ix.indrelid
                join pg_namespace n on n.oid = t.relnamespace
                join pg_attribute a on a.attrelid = t.oid and a.attnum = any(ix.indkey)
                where t.relname = \(table) and n.nspname = \(schema) and t.relkind in ('r', 'm')
                group by 1, 2, 3
                order by 1, 2, 3
                """
            },
            dropIndex: { schema, name in "drop index if exists \(schema).\(name)" }
        ),
        syntax: .postgres,
        relationClassName: "PostgresRelation",
        columnClassName: "PostgresColumn",
        foldsUnquotedNamesToLowerCase: true,
        contractTypeLabels: postgresContractTypeLabels,
        maxIdentifierLength: 63,
        // dbt-postgres 1.11's include/postgres/macros (`macro postgres__…`)
        adapterMacros: [
            "alter_column_comment", "alter_relation_comment", "any_value", "check_schema_exists", "copy_grants",
            "create_schema", "create_table_as", "current_timestamp", "current_timestamp_backcompat",
            "current_timestamp_in_utc_backcompat", "dateadd", "datediff", "describe_materialized_view",
            "drop_materialized_view", "drop_schema", "drop_table", "drop_view", "equals",
            "formatted_scalar_function_args_sql", "get_alter_materialized_view_as_sql", "get_catalog",
            "get_catalog_relations", "get_columns_in_relation", "get_create_index_sql",
            "get_create_materialized_view_as_sql", "get_drop_index_sql", "get_incremental_default_sql",
            "get_incremental_microbatch_sql", "get_materialized_view_configuration_changes", "get_relations",
            "get_rename_materialized_view_sql", "get_rename_table_sql", "get_rename_view_sql", "get_replace_table_sql",
            "get_replace_view_sql", "get_show_grant_sql", "get_show_indexes_sql", "information_schema_name", "last_day",
            "list_relations_without_caching", "list_schemas", "listagg", "make_backup_relation",
            "make_intermediate_relation", "make_relation_with_suffix", "make_temp_relation", "refresh_materialized_view",
            "snapshot_get_time", "snapshot_merge_sql", "snapshot_string_as_time", "split_part",
            "update_indexes_on_materialized_view",
        ],
        macroBackedAdapterMethods: ["get_columns_in_relation"],
        enforcedConstraintTypes: ["check", "not_null", "unique", "primary_key", "foreign_key"],
        behaviorFlags: ["require_batched_execution_for_custom_microbatch_strategy": false,
                        "enable_truthy_nulls_equals_macro": false, "postgres_skip_autocommit_transaction_statements": true]
    )

    /// dbt-postgres checks a contract with the names psycopg2 gives result types (its
    /// `string_types`, STRING shown as TEXT): `varchar(3)` meets `char(2)` and `text`, `smallint`
    /// meets `integer`, `real` meets `double precision`, but `bigint` does not meet `integer`.
    static let postgresContractTypeLabels: [String: String] = {
        var labels: [String: String] = [
            "boolean": "BOOLEAN", "bytea": "BINARY", "bigint": "LONGINTEGER", "smallint": "INTEGER",
            "integer": "INTEGER", "oid": "ROWID", "json": "JSON", "jsonb": "JSONB", "real": "FLOAT",
            "double precision": "FLOAT", "interval": "INTERVAL", "date": "DATE", "time without time zone": "TIME",
            "time with time zone": "TIME", "timestamp without time zone": "DATETIME",
            "timestamp with time zone": "DATETIMETZ", "numeric": "DECIMAL", "unknown": "UNKNOWN",
        ]
        for t in ["\"char\"", "name", "text", "character", "character varying", "bpchar"] { labels[t] = "TEXT" }
        let arrays: [String: String] = [
            "boolean": "BOOLEANARRAY", "bytea": "BINARYARRAY", "\"char\"": "STRINGARRAY", "name": "STRINGARRAY",
            "text": "STRINGARRAY", "character": "STRINGARRAY", "character varying": "STRINGARRAY",
            "smallint": "INTEGERARRAY", "integer": "INTEGERARRAY", "bigint": "LONGINTEGERARRAY", "real": "FLOATARRAY",
            "double precision": "FLOATARRAY", "oid": "ROWIDARRAY", "date": "DATEARRAY",
            "time without time zone": "TIMEARRAY", "time with time zone": "TIMEARRAY",
            "timestamp without time zone": "DATETIMEARRAY", "timestamp with time zone": "DATETIMETZARRAY",
            "interval": "INTERVALARRAY", "numeric": "DECIMALARRAY", "json": "JSONARRAY", "jsonb": "JSONBARRAY",
            "inet": "INETARRAY", "cidr": "CIDRARRAY", "macaddr": "MACADDRARRAY",
        ]
        for (t, label) in arrays { labels[t + "[]"] = label }
        return labels
    }()
}
