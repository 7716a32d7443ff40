// dbt's expand_target_column_types: before an incremental or snapshot run writes new rows into
// its table, each string column of the table that is narrower than the same column of the new
// rows becomes `character varying(<the wider size>)`, so the rows fit. dbt's rules, kept as they
// are because a table built by dbt and then by flowc must end up the same: the columns match by
// exact name; text, varchar and char are strings; a string without a size (text) counts as 256
// characters, so text fed by varchar(1000) becomes varchar(1000), and char(2) fed by char(4)
// becomes varchar(4). Only warehouses whose catalog reports types this way take part (SQLite's
// text has no size). Pure: the run stage's and the templates' column types both use it.
public enum StringColumnExpansion {
    /// A column as the catalog reports it: information_schema's type and length.
    public struct Column: Sendable {
        public var name: String
        public var catalogType: String?
        public var charSize: Int?

        public init(name: String, catalogType: String?, charSize: Int?) {
            self.name = name
            self.catalogType = catalogType
            self.charSize = charSize
        }

        /// dbt's Column.is_string on the catalog's type.
        var isString: Bool {
            guard let type = catalogType?.lowercased() else { return false }
            return ["text", "character varying", "character", "varchar"].contains(type)
        }

        /// dbt's Column.string_size: the declared length, 256 for text or an unknown length.
        var stringSize: Int { catalogType?.lowercased() == "text" ? 256 : (charSize ?? 256) }
    }

    /// The columns of `target` to widen so that rows shaped like `reference` fit, with their new
    /// type, in the reference's column order.
    public static func changes(reference: [Column], target: [Column]) -> [(name: String, type: String)] {
        var byName: [String: Column] = [:]
        for c in target where byName[c.name] == nil { byName[c.name] = c }
        return reference.compactMap { wider in
            guard let had = byName[wider.name], had.isString, wider.isString, wider.stringSize > had.stringSize else { return nil }
            return (had.name, "character varying(\(wider.stringSize))")
        }
    }

    /// The type schema changes compare and add, as dbt-postgres's Column.data_type gives it for
    /// a fixed-width string: `character(4)` is `character varying(4)` (so a char column widened
    /// to varchar by the rule above is no type change); other types as the warehouse spells them.
    public static func comparedType(_ dataType: String, catalogType: String?, charSize: Int?) -> String {
        if catalogType?.lowercased() == "character", let size = charSize { return "character varying(\(size))" }
        return dataType
    }
}
