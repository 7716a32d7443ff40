// A PostgreSQL schema's relations as dbt-postgres's catalog query reads them
// (postgres__get_catalog_relations): one query per schema gives every relation's table type,
// owner and comment and every column's type, position and comment.
import FlowcWarehouse

extension CatalogReader {
    struct DescribedRelation {
        var details: RelationDetails
        var columns: [WarehouseColumn]
    }

    /// The schema's relations by name, or nil when the query fails (the caller then reads
    /// columns relation by relation and reports what fails there).
    static func postgresRelations(_ connection: any WarehouseConnection, schema: String) -> [String: DescribedRelation]? {
        let sql = """
            select tbl.relname,
                case tbl.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW' else 'BASE TABLE' end,
                pg_catalog.pg_get_userbyid(tbl.relowner), tbl_desc.description,
                col.attname, col.attnum::bigint, pg_catalog.format_type(col.atttypid, col.atttypmod), col_desc.description
            from pg_catalog.pg_namespace sch
            join pg_catalog.pg_class tbl on tbl.relnamespace = sch.oid
            join pg_catalog.pg_attribute col on col.attrelid = tbl.oid
            left join pg_catalog.pg_description tbl_desc on tbl_desc.objoid = tbl.oid and tbl_desc.objsubid = 0
            left join pg_catalog.pg_description col_desc on col_desc.objoid = tbl.oid and col_desc.objsubid = col.attnum
            where sch.nspname = \(literal(schema)) and tbl.relkind in ('r', 'v', 'f', 'p', 'm')
              and col.attnum > 0 and not col.attisdropped
            order by tbl.relname, col.attnum
            """
        guard let rows = try? connection.query(sql, limit: nil).rows else { return nil }
        var out: [String: DescribedRelation] = [:]
        for row in rows where row.count == 8 {
            let name = row[0].text, column = row[4].text
            guard case .int(let index) = row[5] else { continue }
            var r = out[name] ?? DescribedRelation(
                details: RelationDetails(tableType: row[1].text, owner: optional(row[2]), comment: optional(row[3]), columns: [:]),
                columns: [])
            r.columns.append(WarehouseColumn(name: column, dataType: row[6].text))
            r.details.columns[column] = (Int(index), optional(row[7]))
            out[name] = r
        }
        return out
    }

    private static func optional(_ v: SQLValue) -> String? {
        if case .null = v { return nil }
        return v.text
    }
}
