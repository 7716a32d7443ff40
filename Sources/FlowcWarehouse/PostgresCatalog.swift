// Relations and columns from pg_catalog, with schema and relation names as query parameters.
import CLibPQ

extension PostgresConnection {
    /// pg_class.relkind values flowc treats as relations: ordinary, partitioned and foreign tables
    /// are tables; views are views, materialized views their own kind. Indexes, sequences and composite types
    /// are not relations here, though they share pg_class's namespace.
    static let relationKinds = "('r', 'p', 'f', 'v', 'm')"

    public func relation(schema: String, name: String) throws -> WarehouseRelation? {
        let table = try query("""
            select n.nspname, c.relname, c.relkind::text
            from pg_catalog.pg_class c
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where n.nspname = $1 and c.relname = $2 and c.relkind in \(Self.relationKinds)
            """, parameters: [schema, name])
        return table.rows.first.flatMap(Self.relation(row:))
    }

    public func relations(schema: String) throws -> [WarehouseRelation] {
        let table = try query("""
            select n.nspname, c.relname, c.relkind::text
            from pg_catalog.pg_class c
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where n.nspname = $1 and c.relkind in \(Self.relationKinds)
            order by c.relname
            """, parameters: [schema])
        return table.rows.compactMap(Self.relation(row:))
    }

    /// Columns in declared order, typed as `format_type` prints them ("integer",
    /// "character varying(20)", "numeric(10,2)", "timestamp(3) without time zone"), with
    /// what information_schema.columns reports of them, which is what dbt-postgres reads: the
    /// data_type ("timestamp without time zone", "ARRAY", "USER-DEFINED"), the character
    /// length, the numeric precision and scale (its expressions, over pg_attribute, so that
    /// materialized views and temporary tables are described too).
    /// No schema: the session's temporary table of that name.
    public func columns(schema: String, name: String) throws -> [WarehouseColumn] {
        let table = try query("""
            select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
                   information_schema._pg_numeric_precision(information_schema._pg_truetypid(a.*, t.*),
                                                            information_schema._pg_truetypmod(a.*, t.*)),
                   information_schema._pg_numeric_scale(information_schema._pg_truetypid(a.*, t.*),
                                                        information_schema._pg_truetypmod(a.*, t.*)),
                   case when t.typtype = 'd' then
                        case when bt.typelem <> 0 and bt.typlen = -1 then 'ARRAY'
                             when nbt.nspname = 'pg_catalog' then pg_catalog.format_type(t.typbasetype, null)
                             else 'USER-DEFINED' end
                   else
                        case when t.typelem <> 0 and t.typlen = -1 then 'ARRAY'
                             when nt.nspname = 'pg_catalog' then pg_catalog.format_type(a.atttypid, null)
                             else 'USER-DEFINED' end
                   end,
                   information_schema._pg_char_max_length(information_schema._pg_truetypid(a.*, t.*),
                                                          information_schema._pg_truetypmod(a.*, t.*))
            from pg_catalog.pg_attribute a
            join pg_catalog.pg_class c on c.oid = a.attrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            join pg_catalog.pg_type t on t.oid = a.atttypid
            join pg_catalog.pg_namespace nt on nt.oid = t.typnamespace
            left join (pg_catalog.pg_type bt join pg_catalog.pg_namespace nbt on nbt.oid = bt.typnamespace)
                   on t.typtype = 'd' and t.typbasetype = bt.oid
            where (n.nspname = $1 or ($1 = '' and n.oid = pg_catalog.pg_my_temp_schema()))
              and c.relname = $2 and c.relkind in \(Self.relationKinds)
              and a.attnum > 0 and not a.attisdropped
            order by a.attnum
            """, parameters: [schema, name])
        return table.rows.compactMap { row in
            guard row.count == 6 else { return nil }
            return WarehouseColumn(name: row[0].text, dataType: row[1].text,
                                   numericPrecision: Int(row[2].text), numericScale: Int(row[3].text),
                                   catalogType: row[4].text, charSize: Int(row[5].text))
        }
    }

    private static func relation(row: [SQLValue]) -> WarehouseRelation? {
        guard row.count == 3 else { return nil }
        let kind: RelationKind = row[2].text == "v" ? .view : row[2].text == "m" ? .materializedView : .table
        return WarehouseRelation(schema: row[0].text, name: row[1].text, kind: kind)
    }
}
