// PostgreSQL's text-format result values → `SQLValue`, type OIDs → type names, and command tags
// ("INSERT 0 5") → `ExecResult`. Pure functions on the text libpq hands back.

enum PostgresTypes {
    // Built-in type OIDs (pg_type.dat); stable across PostgreSQL versions.
    static let bool: UInt32 = 16, int8: UInt32 = 20, int2: UInt32 = 21, int4: UInt32 = 23
    static let oid: UInt32 = 26, float4: UInt32 = 700, float8: UInt32 = 701, numeric: UInt32 = 1700

    /// Type names as `format_type` spells them, for the common built-in types; "" otherwise.
    static let names: [UInt32: String] = [
        16: "boolean", 17: "bytea", 18: "\"char\"", 19: "name", 20: "bigint", 21: "smallint",
        23: "integer", 25: "text", 26: "oid", 114: "json", 142: "xml", 650: "cidr", 869: "inet",
        700: "real", 701: "double precision", 790: "money", 1042: "character", 1043: "character varying",
        1082: "date", 1083: "time without time zone", 1114: "timestamp without time zone",
        1184: "timestamp with time zone", 1186: "interval", 1266: "time with time zone", 1560: "bit",
        1562: "bit varying", 1700: "numeric", 2950: "uuid", 3802: "jsonb", 2205: "regclass",
        1000: "boolean[]", 1005: "smallint[]", 1007: "integer[]", 1009: "text[]", 1015: "character varying[]",
        1016: "bigint[]", 1021: "real[]", 1022: "double precision[]", 1231: "numeric[]",
        1182: "date[]", 1115: "timestamp without time zone[]", 2951: "uuid[]", 3807: "jsonb[]",
        1185: "timestamp with time zone[]", 199: "json[]", 1183: "time without time zone[]", 1187: "interval[]",
        1028: "oid[]",
    ]

    static func name(oid: UInt32) -> String { names[oid] ?? "" }

    /// The type name with its modifier (`PQfmod`), as `format_type(oid, typmod)` spells it for
    /// the types whose modifier changes what a cast keeps: `numeric(10,2)`, `character
    /// varying(20)`, `character(3)`, `bit(4)`, `timestamp(0) without time zone`.
    static func name(oid: UInt32, typmod: Int32) -> String {
        let plain = name(oid: oid)
        switch oid {
        case 1042 where typmod < 0: return "bpchar"  // `character` alone would mean char(1)
        case 1700 where typmod >= 4:
            let t = typmod - 4
            return "numeric(\((t >> 16) & 0xffff),\(t & 0xffff))"
        case 1042 where typmod >= 4, 1043 where typmod >= 4: return "\(plain)(\(typmod - 4))"
        case 1560 where typmod >= 0, 1562 where typmod >= 0: return "\(plain)(\(typmod))"
        case 1083 where typmod >= 0, 1114 where typmod >= 0, 1184 where typmod >= 0, 1266 where typmod >= 0:
            let parts = plain.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return plain }
            return "\(parts[0])(\(typmod)) \(parts[1])"
        default: return plain
        }
    }

    /// One non-NULL value in PostgreSQL's text output format, converted by its column's type:
    /// integers and `oid` → `.int`; `real`/`double precision` → `.double`; `numeric` as
    /// `numericValue` reads it, never rounded; `boolean` → `.bool`;
    /// every other type → `.text` as PostgreSQL prints it (dates, timestamps, json, arrays, …).
    /// A value that does not read as its type (it should never happen) stays `.text`.
    static func value(_ text: String, oid: UInt32) -> SQLValue {
        switch oid {
        case int2, int4, int8, self.oid:
            if let i = Int64(text) { return .int(i) }
            return .text(text)
        case float4, float8:
            if let d = parseDouble(text) { return .double(d) }
            return .text(text)
        case numeric:
            return numericValue(text)
        case bool:
            switch text {
            case "t": return .bool(true)
            case "f": return .bool(false)
            default: return .text(text)
            }
        default:
            return .text(text)
        }
    }

    /// `numeric` is exact and a Double is not: a whole number that fits 64 bits is an `.int`
    /// (`sum(bigint)` is numeric, and 9007199254740993 must not become …992 in SQL a macro
    /// writes from it); one of at most 15 significant digits, which a Double holds exactly, a
    /// `.double`; anything longer stays `.text`, PostgreSQL's exact digits, so arithmetic on it
    /// fails loudly instead of rounding silently.
    static func numericValue(_ text: String) -> SQLValue {
        if let i = Int64(text) { return .int(i) }
        var digits = 0, leading = true, pending = 0
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0"):
                if !leading { pending += 1 }  // a zero counts once a later digit follows
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                leading = false
                digits += pending + 1
                pending = 0
            case UInt8(ascii: "-"), UInt8(ascii: "."):
                continue
            default:
                // NaN, Infinity
                return parseDouble(text).map { .double($0) } ?? .text(text)
            }
        }
        // zeros after the last non-zero digit of a whole part are significant to the value
        if !text.utf8.contains(UInt8(ascii: ".")) { digits += pending }
        guard digits <= 15, let d = parseDouble(text) else { return .text(text) }
        return .double(d)
    }

    static func parseDouble(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            // Swift's parser also takes "inf", "nan" and hex floats, which PostgreSQL never prints;
            // only plain decimal text is accepted here.
            guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
            return Double(text)
        }
    }
}

enum CommandTag {
    /// "INSERT 0 5" → code "INSERT"; "CREATE TABLE" → "CREATE TABLE"; "SELECT 120" → "SELECT".
    /// `tuples` is libpq's `PQcmdTuples` ("" for commands without a row count); when it is empty
    /// and the tag ends in a number, that number is the count; else it is -1. An empty tag (an empty query) is "OK".
    static func parse(tag: String, tuples: String) -> ExecResult {
        var words = tag.split(separator: " ")
        var trailingNumbers: [Substring] = []
        while let last = words.last, !last.isEmpty, last.allSatisfy(\.isASCIIDigit) {
            trailingNumbers.insert(last, at: 0)
            words.removeLast()
        }
        let code = words.isEmpty ? (trailingNumbers.isEmpty ? "OK" : tag) : words.joined(separator: " ")
        // -1 without a count (CREATE VIEW), as psycopg2's rowcount and so dbt's rows_affected
        let rows = Int(tuples) ?? trailingNumbers.last.flatMap { Int($0) } ?? -1
        return ExecResult(code: code, rowsAffected: rows)
    }
}

enum CopyCSV {
    /// Appends one row in the CSV format `COPY … WITH (FORMAT csv)` reads: every value in double
    /// quotes (inner quotes doubled), so commas, newlines, `\.` and `\N` are data; NULL as an
    /// unquoted empty field, which is CSV's NULL marker, while `""` is an empty string.
    static func append(_ row: [String?], to buffer: inout [UInt8]) {
        for (i, field) in row.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            guard let field else { continue }
            buffer.append(UInt8(ascii: "\""))
            for b in field.utf8 {
                if b == UInt8(ascii: "\"") { buffer.append(b) }
                buffer.append(b)
            }
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: "\n"))
    }
}
