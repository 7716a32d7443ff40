// The type names dbt's `adapter.get_column_schema_from_query` gives a query's columns. dbt reads
// them from the driver's cursor description, not the catalog: dbt-postgres names psycopg2's
// type caster (int4 → INTEGER, int8 → LONGINTEGER, timestamptz → DATETIMETZ), and dbt's Column
// turns the STRING label into TEXT. A type psycopg2 has no caster for is shown upper-cased.
import Foundation

enum CursorTypeNames {
    /// `declared` is the type as flowc's connection reports it ("integer", "character
    /// varying(20)", "timestamp with time zone", "integer[]").
    static func name(of declared: String, dialect: String) -> String {
        let lowered = declared.lowercased()
        guard dialect == "postgres" else { return lowered.uppercased() }
        let isArray = lowered.hasSuffix("[]")
        var base = isArray ? String(lowered.dropLast(2)) : lowered
        if let paren = base.firstIndex(of: "(") {
            // "character varying(20)", "timestamp(3) with time zone": the modifier goes
            let close = base[paren...].firstIndex(of: ")").map { base.index(after: $0) } ?? base.endIndex
            base = String(base[..<paren] + base[close...]).trimmingCharacters(in: .whitespaces)
        }
        guard let caster = postgresCasters[base] else { return lowered.uppercased() }
        if isArray { return caster + "ARRAY" }
        return caster == "STRING" ? "TEXT" : caster
    }

    private static let postgresCasters: [String: String] = [
        "smallint": "INTEGER", "integer": "INTEGER", "bigint": "LONGINTEGER",
        "numeric": "DECIMAL", "real": "FLOAT", "double precision": "FLOAT",
        "text": "STRING", "character varying": "STRING", "character": "STRING", "\"char\"": "STRING", "name": "STRING",
        "boolean": "BOOLEAN", "date": "DATE",
        "timestamp without time zone": "DATETIME", "timestamp with time zone": "DATETIMETZ",
        "time without time zone": "TIME", "time with time zone": "TIME", "interval": "INTERVAL",
        "json": "JSON", "jsonb": "JSONB", "bytea": "BINARY", "oid": "ROWID",
    ]
}
