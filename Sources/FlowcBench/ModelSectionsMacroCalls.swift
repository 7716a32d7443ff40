// The model sections that exercise the macro packages hardest: inline data checks
// (expectations), derived columns from utils helpers, unions/unpivots, and codegen output
// kept in SQL comments. The rest of the sections are in ModelSections.swift.

extension ModelSections {
    mutating func audit(_ m: Model, _ w: inout Writer) {
        let name = "audit_\(w.cteCount)"
        let open = w.openCTE(name)
        let col = random.pick(m.columns)
        let test: String
        switch random.int(0...15) {
        case 0: test = "expect_column_values_to_be_between(ref('\(m.name)'), 'amount', min_value=0, max_value=\(random.int(100...100000)))"
        case 1: test = "expect_column_values_to_not_be_null(ref('\(m.name)'), '\(col)', row_condition=\"status != 'deleted'\")"
        case 2: test = "expect_column_values_to_be_in_set(ref('\(m.name)'), 'status', ['placed', 'shipped', \"it's done\"])"
        case 3: test = "expect_compound_columns_to_be_unique(ref('\(m.name)'), \(list(random.sample(m.columns, 2))), quote_columns=\(random.chance(50) ? "true" : "false"))"
        case 4: test = "expect_column_mean_to_be_between(ref('\(m.name)'), 'amount', min_value=\(random.int(0...10)), strictly=true)"
        case 5: test = "expect_row_values_to_have_recent_data(ref('\(m.name)'), 'updated_at', 'day', \(random.int(1...5)))"
        case 6: test = "expect_column_values_to_match_regex(ref('\(m.name)'), 'email', '^[a-z]+\\\\.[a-z]+$', flags='i')"
        case 7: test = "expect_column_pair_values_a_to_be_greater_than_b(ref('\(m.name)'), 'updated_at', 'created_at', or_equal=\(random.chance(50) ? "true" : "false"))"
        case 8: test = "expect_column_value_lengths_to_be_between(ref('\(m.name)'), '\(col)', min_value=1, max_value=\(random.int(10...255)))"
        case 9: test = "expect_column_values_to_not_be_in_set(ref('\(m.name)'), 'status', ['deleted', 'test'], quote_values=true)"
        case 10: test = "expect_column_values_to_be_unique(ref('\(m.name)'), 'id', row_condition='id is not null')"
        case 11: test = "expect_column_values_to_be_increasing(ref('\(m.name)'), 'id', sort_column='created_at', group_by=\(random.chance(50) ? "['status']" : "none"))"
        case 12: test = "expect_select_column_values_to_be_unique_within_record(ref('\(m.name)'), \(list(random.sample(m.columns, 3))), quote_columns=\(random.chance(50) ? "true" : "false"))"
        case 13: test = "expect_column_\(random.pick(["max", "min", "sum", "stdev", "median", "distinct_count", "null_count", "variance"]))_to_be_between(ref('\(m.name)'), '\(col)', max_value=\(random.int(1...500)), group_by=['status'])"
        case 14: test = "expect_column_pair_values_to_be_equal(ref('\(m.name)'), 'amount', 'amount', row_condition=\"status = 'ok'\")"
        default: test = "expect_table_row_count_to_be_between(ref('\(m.name)'), min_value=1, group_by=['status'])"
        }
        w.add("""

        {#- an inline data check, kept as a CTE for the audit dashboard -#}
        \(open)
            {{ \(test) | indent(4) }}
        )
        """)
    }

    mutating func derived(_ m: Model, _ w: inout Writer) {
        let numeric = m.numericColumns.isEmpty ? ["amount"] : m.numericColumns
        let a = random.pick(numeric), b = random.pick(numeric)
        let candidates = [
            "{{ safe_divide('\(a)', '\(b)') }} as \(a)_per_\(b)",
            "{{ datediff('created_at', 'updated_at', '\(random.pick(["day", "week", "month", "hour"]))') }} as age",
            "{{ trunc_\(random.pick(["day", "week", "month", "year"]))('created_at', 'created_period') }}",
            "{{ days_between('created_at', 'updated_at') }} as days_open",
            "{{ safe_add(\(list(random.sample(numeric, 2)))) }} as combined_\(a)",
            "{{ safe_cast_\(random.pick(["int", "numeric", "string", "date"]))('\(a)', \(random.chance(50) ? "0" : "none")) }} as \(a)_cast",
            "{{ split_part('email', \"'@'\", \(random.pick([1, 2, -1]))) }} as email_part",
            "{{ haversine_distance('latitude', 'longitude', 52.52, 13.405, unit='\(random.pick(["mi", "km"]))') }} as distance",
            "{{ slugify('\(random.pick(["Order Total", "net-revenue (EUR)", "3rd party/fees", "  Padded.Name  "]))') }}_flag",
            "{{ listagg('name', order_by_clause='order by name', limit_num=\(random.pick(["none", "5"]))) }} as names",
            "{{ last_day('created_at', 'month') }} as month_end",
            "{{ json_extract('payload', 'customer.address.\(random.pick(["city", "zip"]))', cast_to=\(random.pick(["none", "'text'"]))) }} as addr",
            "{{ array_construct(\(list(random.sample(m.columns, 2)).replacingOccurrences("'", "\""))) }} as pair",
            "{{ width_bucket('\(a)', 0, \(random.int(10...1000)), \(random.int(2...10))) }} as \(a)_bucket",
            "'{{ escape_single_quotes(\"it's \(m.entity)\") }}' as label",
            "{{ var('fx_rate', 1.1) }} * \(a) as \(a)_eur",
            "{{ (cols | length * 2.5) | round(1) }} as width_score",
            "'{{ cols | reject('in', numeric_cols) | map('upper') | first }}' as first_text",
            "{{ numeric_cols | length if numeric_cols else 0 }} as n_numeric",
            "'{{ cols | sort | join('|') | truncate(30, true, '...') }}' as col_sig",
        ]
        let picked = random.sample(candidates, random.int(3...8))
        let (open, from) = next("derived", &w)
        w.add("""

        \(open)
            select
                \(from).*,
                \(picked.joined(separator: ",\n        "))
            from \(from)
        )
        """)
    }

    mutating func unpivoted(_ m: Model, _ w: inout Writer) {
        let (open, from) = next("unpivoted", &w)
        w.add("""

        \(open)
            {{- unpivot('\(from)', cols, exclude=['id'], cast_to='text', value_name='\(random.pick(["value", "val", "v"]))') | indent(4) }}
        )
        """)
    }

    /// Codegen / audit helper output kept in a SQL comment, as models sometimes carry it.
    mutating func generated(_ m: Model, _ w: inout Writer) {
        let call: String
        switch random.int(0...8) {
        case 0: call = "generate_base_model('\(m.domain)', '\(m.entity)', cols | map('upper') | list, leading_commas=\(random.chance(50) ? "true" : "false"), materialized='table')"
        case 1: call = "generate_source_yaml('\(m.domain.uppercased())', [{'name': '\(m.entity)', 'columns': cols[:3], 'description': \"\(m.entity) from \(m.domain)\"}, {'name': 'Extra_Table', 'columns': []}], schema='raw', include_descriptions=true)"
        case 2: call = "generate_model_yaml('\(m.name)', [{'name': 'id', 'data_type': 'bigint', 'tests': ['unique', 'not_null']}, {'name': 'status', 'description': 'current status'}, {'name': 'amount'}])"
        case 3: call = "compare_relations(ref('\(m.name)'), '\\\"prod\\\".\\\"\(m.name)\\\"', cols, exclude_columns=['_loaded_at'], primary_key='id', summarize=\(random.chance(50) ? "true" : "false"))"
        case 4: call = "compare_column_values('select * from old_\(m.entity)', 'select * from new_\(m.entity)', 'id', '\(random.pick(m.columns))')"
        case 5: call = "rename_columns({'id': '\(m.entity)_id', 'status': 'state', 'created_at': 'created_ts'}, relation_alias='t') ~ ',' ~ audit_columns()"
        case 6: call = "quote_list(cols) ~ '\\n' ~ get_filtered_columns(cols, except=['id']) ~ '\\n' ~ nullcheck(cols[:4])"
        case 7: call = "format_column({'name': 'customer_id', 'data_type': 'INT'}) ~ ', ' ~ format_column({'name': 'created_at', 'data_type': 'timestamp with time zone'}) ~ ', ' ~ format_column({'name': 'notes'})"
        default: call = "generate_surrogate_key(['id', 'status']) ~ ' / ' ~ safe_subtract(['amount', 'discount', 1]) ~ ' / ' ~ bool_or('is_test') ~ ' / ' ~ months_between('a', 'b') ~ ' / ' ~ trunc_quarter('created_at') ~ ' / ' ~ type_json() ~ ' / ' ~ string_literal(this)"
        }
        w.add("""

        /*
        {{ \(call) }}
        */
        """)
    }

    mutating func unioned(_ m: Model, _ w: inout Writer) {
        var relations: [String] = []
        for entity in random.sample(ModelGenerator.entities, random.int(2...3)) {
            let cols = random.sample(m.columns, random.int(2...5))
            let types = random.chance(50) ? list(cols.map { $0.hasSuffix("_at") ? "timestamp" : "varchar" }) : "[]"
            relations.append("{'name': ref('stg_\(m.domain)__\(entity)'), 'columns': \(list(cols)), 'types': \(types)}")
        }
        let (open, from) = next("unioned", &w)
        w.add("""

        \(open)
            {{ union_relations([
                \(relations.joined(separator: ",\n        "))
            ], exclude=['_loaded_at']) | indent(4) }}
            -- previous step: \(from)
        )
        """)
    }
}
